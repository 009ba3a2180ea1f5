import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  GitHubApiError
} from "./chunk-NXBR4MLO.js";
import "./chunk-FDGYIFXX.js";

// src/github/artifacts.ts
var MAX_ARTIFACT_BYTES = 200 * 1024 * 1024;
var ARTIFACT_DOWNLOAD_TIMEOUT_MS = 12e4;
function pickNewestArtifact(artifacts, name) {
  const candidates = artifacts.filter((a) => a.name === name && !a.expired);
  candidates.sort((a, b) => (b.createdAt ?? "").localeCompare(a.createdAt ?? "") || b.id - a.id);
  return candidates[0] ?? null;
}
async function fetchReportsArtifact(source, name, logger) {
  try {
    const artifact = pickNewestArtifact(await source.list(name), name);
    if (!artifact) {
      return {
        archives: [],
        warning: `reports-artifact: no unexpired artifact named '${name}' in this repository`
      };
    }
    if (artifact.sizeInBytes > MAX_ARTIFACT_BYTES) {
      return {
        archives: [],
        warning: `reports-artifact: '${name}' is ${artifact.sizeInBytes} bytes, over the ${MAX_ARTIFACT_BYTES}-byte limit; not downloaded`
      };
    }
    const bytes = await source.download(artifact.id, MAX_ARTIFACT_BYTES, ARTIFACT_DOWNLOAD_TIMEOUT_MS);
    logger.info(`reports-artifact: downloaded '${name}' (artifact ${artifact.id}, ${bytes.length} bytes)`);
    return { archives: [{ name: `${name}.zip`, bytes }], warning: null };
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    const hint = error.failure === "forbidden" ? " Grant `permissions: actions: read` to the job." : "";
    return {
      archives: [],
      warning: `reports-artifact: '${name}' could not be downloaded: ${error.message}.${hint}`
    };
  }
}
async function readCapped(body, maxBytes) {
  const chunks = [];
  let total = 0;
  const reader = body.getReader();
  for (; ; ) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new GitHubApiError(`artifact larger than ${maxBytes} bytes`, "other", null);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}
var OctokitArtifactSource = class {
  constructor(octokit, repository) {
    this.octokit = octokit;
    this.repository = repository;
  }
  octokit;
  repository;
  async list(name) {
    const { data } = await this.octokit.rest.actions.listArtifactsForRepo({
      ...this.repository,
      name,
      per_page: 100
    });
    return data.artifacts.map((a) => ({
      id: a.id,
      name: a.name,
      sizeInBytes: a.size_in_bytes,
      expired: a.expired,
      createdAt: a.created_at
    }));
  }
  async download(id, maxBytes, timeoutMs) {
    const signal = AbortSignal.timeout(timeoutMs);
    const response = await this.octokit.rest.actions.downloadArtifact({
      ...this.repository,
      artifact_id: id,
      archive_format: "zip",
      request: { parseSuccessResponseBody: false, signal }
    });
    const length = Number(response.headers["content-length"]);
    if (Number.isFinite(length) && length > maxBytes) {
      throw new GitHubApiError(`artifact ${id} is ${length} bytes, over ${maxBytes}`, "other", null);
    }
    const body = response.data;
    try {
      if (body instanceof ReadableStream)
        return await readCapped(body, maxBytes);
      if (body instanceof ArrayBuffer) return new Uint8Array(body);
    } catch (error) {
      if (error instanceof GitHubApiError) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      throw new GitHubApiError(`artifact ${id}: download failed: ${reason}`, "other", null, { cause: error });
    }
    throw new GitHubApiError(`artifact ${id}: unexpected download body`, "other", null);
  }
};
export {
  ARTIFACT_DOWNLOAD_TIMEOUT_MS,
  MAX_ARTIFACT_BYTES,
  OctokitArtifactSource,
  fetchReportsArtifact,
  pickNewestArtifact
};
