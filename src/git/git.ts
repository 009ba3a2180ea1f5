/**
 * Reading files as they were at a git revision (`--base REV`), so a pull request is judged on
 * what it changes. git runs through execFile (no shell), with a timeout, a bounded output,
 * no prompts, and arguments that can never be taken for options.
 */
import { execFile } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import path from 'node:path';

/** A local git command answers in milliseconds; this only stops a wedged one (lock, slow disk). */
export const GIT_TIMEOUT_MS = 30_000;
/** Zone files are small; 64 MiB bounds memory if a path unexpectedly names something huge. */
export const GIT_MAX_OUTPUT_BYTES = 64 * 1024 * 1024;

export class GitError extends Error {
  override name = 'GitError';
  constructor(
    message: string,
    readonly stderr: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Runs `git ARGS` in `cwd` and returns stdout; throws GitError on a non-zero exit, timeout or spawn failure. */
export function runGit(args: string[], cwd: string, timeoutMs = GIT_TIMEOUT_MS): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    execFile(
      'git',
      args,
      {
        cwd,
        timeout: timeoutMs,
        maxBuffer: GIT_MAX_OUTPUT_BYTES,
        encoding: 'buffer',
        windowsHide: true,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const text = stderr.toString('utf8').trim();
          const why = error.killed ? `timed out after ${timeoutMs} ms` : text || error.message;
          reject(new GitError(`git ${args[0]} failed: ${why}`, text, { cause: error }));
        } else resolve(stdout);
      },
    );
  });
}

/** The top folder of the repository holding `cwd` (symlinks resolved), or null outside a repository. */
export async function repoRoot(cwd: string): Promise<string | null> {
  try {
    const out = await runGit(['rev-parse', '--show-toplevel'], cwd);
    return await realpath(out.toString('utf8').trim());
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  }
}

/** The commit id `rev` names in the repository at `cwd`, or null when it names no commit. */
export async function resolveCommit(rev: string, cwd: string): Promise<string | null> {
  // A revision starting with '-' would be read as an option.
  if (rev === '' || rev.startsWith('-')) return null;
  try {
    const out = await runGit(
      ['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`],
      cwd,
    );
    return out.toString('utf8').trim() || null;
  } catch (error) {
    if (error instanceof GitError) return null;
    throw error;
  }
}

/** True when the repository at `root` is a shallow clone (actions/checkout's default fetch-depth: 1). */
export async function isShallowRepository(root: string): Promise<boolean> {
  const out = await runGit(['rev-parse', '--is-shallow-repository'], root);
  return out.toString('utf8').trim() === 'true';
}

/**
 * A depth-1 fetch of one commit downloads that commit's whole tree; two minutes covers a large
 * DNS repository on a runner and still stops a remote that hangs.
 */
export const GIT_FETCH_TIMEOUT_MS = 120_000;

/**
 * Fetches `rev` (a commit id or a ref name) from the `origin` remote at depth 1, without tags,
 * and returns the commit it names, or throws GitError. actions/checkout keeps its credentials in
 * the repository's local config, so a plain fetch is authenticated as the checkout was.
 */
export async function fetchCommit(
  rev: string,
  root: string,
  timeoutMs = GIT_FETCH_TIMEOUT_MS,
): Promise<string> {
  // A revision starting with '-' would be read as an option.
  if (rev === '' || rev.startsWith('-')) throw new GitError(`git fetch refused revision '${rev}'`, '');
  await runGit(['fetch', '--quiet', '--no-tags', '--depth=1', 'origin', rev], root, timeoutMs);
  // A commit id resolves as itself; a branch name fetched without a refspec only as FETCH_HEAD.
  const commit = (await resolveCommit(rev, root)) ?? (await resolveCommit('FETCH_HEAD', root));
  if (commit === null) throw new GitError(`git fetch: origin did not give commit '${rev}'`, '');
  return commit;
}

/**
 * The text of `repoPath` (relative to the repository root, `/`-separated) at `commit`, or null
 * when no file has that path there.
 */
export async function readAtCommit(commit: string, repoPath: string, root: string): Promise<string | null> {
  const listing = await runGit(['ls-tree', '-z', '--full-tree', commit, '--', repoPath], root);
  const entry = listing.toString('utf8').split('\0')[0] ?? '';
  // "<mode> SP <type> SP <object> TAB <path>"
  const match = /^\d+ (\w+) ([0-9a-f]+)\t/.exec(entry);
  if (!match || match[1] !== 'blob') return null;
  const blob = await runGit(['cat-file', 'blob', match[2]!], root);
  return blob.toString('utf8');
}

/** Where `abs` lies inside the repository at `root`, `/`-separated; null when outside it. */
export async function repoRelativePath(abs: string, root: string): Promise<string | null> {
  // Resolve symlinks in the folder (the file itself may not exist in the working tree).
  let folder = path.dirname(abs);
  try {
    folder = await realpath(folder);
  } catch {
    // A folder missing from the working tree: keep the path as given.
  }
  const rel = path.relative(root, path.join(folder, path.basename(abs)));
  if (rel === '' || rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return rel.split(path.sep).join('/');
}
