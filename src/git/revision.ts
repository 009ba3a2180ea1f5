/**
 * `--base REV`: the files of the working tree as they were at REV. Paths are taken relative to
 * the repository root; a file that did not exist at REV reads as null ("everything in it is new").
 *
 * actions/checkout clones at depth 1 by default, so a pull request's base commit is usually
 * missing: in a shallow clone it is fetched from origin, and when that fails too the run goes on
 * without comparison and says so once (issue 10 item 8), instead of failing the check.
 */
import { ConfigurationError } from '../config.js';
import type { Logger } from '../ports.js';
import {
  fetchCommit,
  GIT_FETCH_TIMEOUT_MS,
  GitError,
  isShallowRepository,
  readAtCommit,
  repoRelativePath,
  repoRoot,
  resolveCommit,
} from './git.js';

export interface RevisionReader {
  /** The commit REV resolved to. */
  commit: string;
  /** Text of the file at `abs` (a working-tree path) at that commit; null when absent there or outside the repository. */
  read(abs: string): Promise<string | null>;
}

/** The base revision, or why the run judges without one (the one warning to show). */
export type BaseRevision =
  { kind: 'open'; reader: RevisionReader } | { kind: 'unavailable'; warning: string };

export interface OpenRevisionOptions {
  logger?: Logger;
  /** Bound of the fetch in a shallow clone; default GIT_FETCH_TIMEOUT_MS. */
  fetchTimeoutMs?: number;
}

/** Longest part of git's own error text repeated in the warning. */
const MAX_REASON_CHARS = 300;

/**
 * Opens REV in the repository holding `cwd`. A ConfigurationError names --base when the
 * folder is no repository, or when a complete (not shallow) history has no such commit: that
 * is a wrong revision. In a shallow clone the commit is fetched; failing that, 'unavailable'.
 */
export async function openBaseRevision(
  rev: string,
  cwd: string,
  options: OpenRevisionOptions = {},
): Promise<BaseRevision> {
  const root = await repoRoot(cwd);
  if (root === null) throw new ConfigurationError(`--base: ${cwd} is not inside a git repository`);
  let commit = await resolveCommit(rev, root);
  if (commit === null) {
    if (!(await isShallowRepository(root)))
      throw new ConfigurationError(`--base: '${rev}' is not a commit in the repository at ${root}`);
    try {
      commit = await fetchCommit(rev, root, options.fetchTimeoutMs ?? GIT_FETCH_TIMEOUT_MS);
      options.logger?.info(`--base ${rev}: fetched commit ${commit.slice(0, 12)} into this shallow clone`);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      return {
        kind: 'unavailable',
        warning:
          `--base ${rev}: this shallow clone does not have that commit and fetching it from origin failed ` +
          `(${fetchFailureReason(error)}), so zone and policy files are judged without comparison and every ` +
          `finding counts; check out with fetch-depth: 0 (actions/checkout) to compare with the base`,
      };
    }
  }
  return { kind: 'open', reader: revisionReader(commit, root) };
}

/** Opens REV, a ConfigurationError naming --base when it cannot be read (see openBaseRevision). */
export async function openRevision(rev: string, cwd: string): Promise<RevisionReader> {
  const base = await openBaseRevision(rev, cwd);
  if (base.kind === 'open') return base.reader;
  throw new ConfigurationError(base.warning);
}

function revisionReader(commit: string, root: string): RevisionReader {
  const cache = new Map<string, Promise<string | null>>();
  return {
    commit,
    read(abs) {
      let text = cache.get(abs);
      if (!text) {
        text = repoRelativePath(abs, root).then((rel) =>
          rel === null ? null : readAtCommit(commit, rel, root),
        );
        cache.set(abs, text);
      }
      return text;
    },
  };
}

/** git's error line, bounded, with any credentials in a remote URL hidden. */
export function fetchFailureReason(error: GitError): string {
  // The message holds git's stderr, or "timed out after N ms" when the bound stopped it.
  const lines = error.message
    .replace(/^git \S+ failed: /, '')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');
  // git says what went wrong on its `fatal:` line; hints ("Please make sure...") follow it.
  const chosen = lines.find((l) => /^(fatal|error): /.test(l)) ?? lines.at(-1) ?? error.message;
  const last = chosen.replace(/:\/\/[^/@\s]+@/g, '://***@');
  return last.length > MAX_REASON_CHARS ? `${last.slice(0, MAX_REASON_CHARS)}…` : last;
}
