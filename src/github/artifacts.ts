/**
 * `reports-artifact: NAME`: the newest unexpired workflow artifact of that name in this
 * repository, downloaded as a zip (GET …/actions/artifacts/{id}/zip answers 302 to a short-lived
 * URL, FIELD-NOTES "GitHub REST facts") and handed to the reports phase as an archive
 * (CheckDeps.reportArchives). Bounded in size and time; failures are warnings, not exceptions,
 * so a nightly run still checks the live deployment when the artifact is gone.
 */
import type { Logger } from '../ports.js';
import type { GitHubClient, Repository } from './client.js';
import { GitHubApiError } from './issue-tracker.js';

/** Largest artifact we download: reports are small; this bounds memory on the runner. */
export const MAX_ARTIFACT_BYTES = 200 * 1024 * 1024;
/** Time limit of the whole download. */
export const ARTIFACT_DOWNLOAD_TIMEOUT_MS = 120_000;

export interface ArtifactInfo {
  id: number;
  name: string;
  sizeInBytes: number;
  expired: boolean;
  createdAt: string | null;
}

/** The artifact half of the GitHub port. */
export interface ArtifactSource {
  list(name: string): Promise<ArtifactInfo[]>;
  download(id: number, maxBytes: number, timeoutMs: number): Promise<Uint8Array>;
}

export interface ReportArchive {
  name: string;
  bytes: Uint8Array;
}

/** Newest (by creation time, then id) unexpired artifact named exactly `name`. */
export function pickNewestArtifact(artifacts: ArtifactInfo[], name: string): ArtifactInfo | null {
  const candidates = artifacts.filter((a) => a.name === name && !a.expired);
  candidates.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || b.id - a.id);
  return candidates[0] ?? null;
}

export interface ArtifactFetch {
  archives: ReportArchive[];
  warning: string | null;
}

export async function fetchReportsArtifact(
  source: ArtifactSource,
  name: string,
  logger: Logger,
): Promise<ArtifactFetch> {
  try {
    const artifact = pickNewestArtifact(await source.list(name), name);
    if (!artifact) {
      return {
        archives: [],
        warning: `reports-artifact: no unexpired artifact named '${name}' in this repository`,
      };
    }
    if (artifact.sizeInBytes > MAX_ARTIFACT_BYTES) {
      return {
        archives: [],
        warning: `reports-artifact: '${name}' is ${artifact.sizeInBytes} bytes, over the ${MAX_ARTIFACT_BYTES}-byte limit; not downloaded`,
      };
    }
    const bytes = await source.download(artifact.id, MAX_ARTIFACT_BYTES, ARTIFACT_DOWNLOAD_TIMEOUT_MS);
    logger.info(`reports-artifact: downloaded '${name}' (artifact ${artifact.id}, ${bytes.length} bytes)`);
    return { archives: [{ name: `${name}.zip`, bytes }], warning: null };
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    const hint = error.failure === 'forbidden' ? ' Grant `permissions: actions: read` to the job.' : '';
    return {
      archives: [],
      warning: `reports-artifact: '${name}' could not be downloaded: ${error.message}.${hint}`,
    };
  }
}

interface RestArtifact {
  id: number;
  name: string;
  size_in_bytes: number;
  expired: boolean;
  created_at: string | null;
}

/** Reads a web stream into memory, refusing more than `maxBytes`. */
async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > maxBytes) {
      await reader.cancel();
      throw new GitHubApiError(`artifact larger than ${maxBytes} bytes`, 'other', null);
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

export class OctokitArtifactSource implements ArtifactSource {
  constructor(
    private readonly octokit: GitHubClient,
    private readonly repository: Repository,
  ) {}

  async list(name: string): Promise<ArtifactInfo[]> {
    const { data } = await this.octokit.rest.actions.listArtifactsForRepo({
      ...this.repository,
      name,
      per_page: 100,
    });
    return (data.artifacts as RestArtifact[]).map((a) => ({
      id: a.id,
      name: a.name,
      sizeInBytes: a.size_in_bytes,
      expired: a.expired,
      createdAt: a.created_at,
    }));
  }

  async download(id: number, maxBytes: number, timeoutMs: number): Promise<Uint8Array> {
    const signal = AbortSignal.timeout(timeoutMs);
    // The 302 is followed by fetch, which drops the Authorization header on the cross-origin hop.
    const response = await this.octokit.rest.actions.downloadArtifact({
      ...this.repository,
      artifact_id: id,
      archive_format: 'zip',
      request: { parseSuccessResponseBody: false, signal },
    });
    const length = Number(response.headers['content-length']);
    if (Number.isFinite(length) && length > maxBytes) {
      throw new GitHubApiError(`artifact ${id} is ${length} bytes, over ${maxBytes}`, 'other', null);
    }
    const body = response.data as unknown;
    try {
      if (body instanceof ReadableStream)
        return await readCapped(body as ReadableStream<Uint8Array>, maxBytes);
      if (body instanceof ArrayBuffer) return new Uint8Array(body);
    } catch (error) {
      if (error instanceof GitHubApiError) throw error;
      // The deadline or a dropped connection while the body streams.
      const reason = error instanceof Error ? error.message : String(error);
      throw new GitHubApiError(`artifact ${id}: download failed: ${reason}`, 'other', null, { cause: error });
    }
    throw new GitHubApiError(`artifact ${id}: unexpected download body`, 'other', null);
  }
}
