import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  MAX_ZONE_FILE_BYTES,
  readInputFile
} from "./chunk-VDO6YHCU.js";

// src/git/git.ts
import { execFile } from "node:child_process";
import { realpath } from "node:fs/promises";
import path from "node:path";
var GIT_TIMEOUT_MS = 3e4;
var GIT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;
var GitError = class extends Error {
  constructor(message, stderr, options) {
    super(message, options);
    this.stderr = stderr;
  }
  stderr;
  name = "GitError";
};
function runGit(args, cwd, timeoutMs = GIT_TIMEOUT_MS) {
  return new Promise((resolve, reject) => {
    execFile(
      "git",
      args,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: GIT_MAX_OUTPUT_BYTES,
        encoding: "buffer",
        windowsHide: true,
        env: { ...process.env, GIT_TERMINAL_PROMPT: "0", GIT_OPTIONAL_LOCKS: "0", LC_ALL: "C" }
      },
      (error, stdout, stderr) => {
        if (error) {
          const text = stderr.toString("utf8").trim();
          const why = error.killed ? `timed out after ${timeoutMs} ms` : text || error.message;
          reject(new GitError(`git ${args[0]} failed: ${why}`, text, { cause: error }));
        } else resolve(stdout);
      }
    );
  });
}
async function repoRoot(cwd) {
  try {
    const out = await runGit(["rev-parse", "--show-toplevel"], cwd);
    return await realpath(out.toString("utf8").trim());
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  }
}
async function resolveCommit(rev, cwd) {
  if (rev === "" || rev.startsWith("-")) return null;
  try {
    const out = await runGit(
      ["rev-parse", "--verify", "--quiet", "--end-of-options", `${rev}^{commit}`],
      cwd
    );
    return out.toString("utf8").trim() || null;
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  }
}
async function isShallowRepository(root) {
  const out = await runGit(["rev-parse", "--is-shallow-repository"], root);
  return out.toString("utf8").trim() === "true";
}
var GIT_FETCH_TIMEOUT_MS = 12e4;
async function fetchCommit(rev, root, timeoutMs = GIT_FETCH_TIMEOUT_MS) {
  if (rev === "" || rev.startsWith("-")) throw new GitError(`git fetch refused revision '${rev}'`, "");
  await runGit(["fetch", "--quiet", "--no-tags", "--depth=1", "origin", rev], root, timeoutMs);
  const commit = await resolveCommit(rev, root) ?? await resolveCommit("FETCH_HEAD", root);
  if (commit === null) throw new GitError(`git fetch: origin did not give commit '${rev}'`, "");
  return commit;
}
async function readAtCommit(commit, repoPath, root) {
  const listing = await runGit(["ls-tree", "-z", "--full-tree", commit, "--", repoPath], root);
  const entry = listing.toString("utf8").split("\0")[0] ?? "";
  const match = /^\d+ (\w+) ([0-9a-f]+)\t/.exec(entry);
  if (!match || match[1] !== "blob") return null;
  const blob = await runGit(["cat-file", "blob", match[2]], root);
  return blob.toString("utf8");
}
async function repoRelativePath(abs, root) {
  let folder = path.dirname(abs);
  try {
    folder = await realpath(folder);
  } catch {
  }
  const rel = path.relative(root, path.join(folder, path.basename(abs)));
  if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join("/");
}

// src/zones/source-positions.ts
function key(location) {
  return `${location.file}\0${location.line}`;
}
async function sourceLines(contents, read = readSource) {
  const texts = /* @__PURE__ */ new Map();
  const linesOf = (file) => {
    let lines = texts.get(file);
    if (!lines) {
      lines = read(file).then((text) => text === null ? null : text.split(/\r?\n/));
      texts.set(file, lines);
    }
    return lines;
  };
  const found = /* @__PURE__ */ new Map();
  for (const record of contents.flatMap((c) => c.records)) {
    if (!record.source) continue;
    const at = key(record.location);
    const lines = await linesOf(record.source.file);
    const text = lines?.[record.source.line - 1];
    const rest = text?.slice(Math.max(0, record.source.column - 1)) ?? "";
    const calls = rest.startsWith(record.type) && /^\s*\(/.test(rest.slice(record.type.length));
    const source = calls ? { file: record.source.file, line: record.source.line } : null;
    const before = found.get(at);
    if (before === void 0) found.set(at, source);
    else if (before === null || source === null || key(before) !== key(source)) found.set(at, null);
  }
  return new Map([...found].filter((e) => e[1] !== null));
}
async function readSource(file) {
  const read = await readInputFile(file, MAX_ZONE_FILE_BYTES);
  return read.kind === "ok" ? read.bytes.toString("utf8") : null;
}
function atSourceLines(findings, sources) {
  if (sources.size === 0) return findings;
  return findings.map((f) => {
    const source = f.location && sources.get(key(f.location));
    return source ? { ...f, location: source } : f;
  });
}

export {
  GitError,
  repoRoot,
  resolveCommit,
  isShallowRepository,
  GIT_FETCH_TIMEOUT_MS,
  fetchCommit,
  readAtCommit,
  repoRelativePath,
  sourceLines,
  readSource,
  atSourceLines
};
