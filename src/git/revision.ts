/**
 * `--base REV`: the files of the working tree as they were at REV. Paths are taken relative to
 * the repository root; a file that did not exist at REV reads as null ("everything in it is new").
 */
import { ConfigurationError } from '../config.js';
import { readAtCommit, repoRelativePath, repoRoot, resolveCommit } from './git.js';

export interface RevisionReader {
  /** The commit REV resolved to. */
  commit: string;
  /** Text of the file at `abs` (a working-tree path) at that commit; null when absent there or outside the repository. */
  read(abs: string): Promise<string | null>;
}

/** Opens REV in the repository holding `cwd`; a ConfigurationError names --base when that fails. */
export async function openRevision(rev: string, cwd: string): Promise<RevisionReader> {
  const root = await repoRoot(cwd);
  if (root === null) throw new ConfigurationError(`--base: ${cwd} is not inside a git repository`);
  const commit = await resolveCommit(rev, root);
  if (commit === null)
    throw new ConfigurationError(`--base: '${rev}' is not a commit in the repository at ${root}`);
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
