/**
 * A pull request as actions/checkout leaves it by default (fetch-depth: 1): a local bare
 * "origin" with a base commit and a head commit, and a depth-1 clone of the head, so the base
 * commit is missing from the clone. The origin serves any reachable commit by id, as GitHub
 * does, so `git fetch --depth=1 origin <base sha>` works from the clone.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

export interface PullRequestRepo {
  /** The bare origin. */
  origin: string;
  /** The depth-1 clone of the head: the workspace. */
  clone: string;
  base: string;
  head: string;
  /** Points the clone's origin at a folder that does not exist: no fetch can work. */
  loseOrigin(): void;
  remove(): Promise<void>;
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.example', ...args], {
    cwd,
    encoding: 'utf8',
  }).trim();
}

async function writeFiles(root: string, files: Record<string, string | null>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    const file = join(root, name);
    if (text === null) {
      await rm(file, { force: true });
    } else {
      await mkdir(dirname(file), { recursive: true });
      await writeFile(file, text);
    }
  }
}

/** `head` changes the base files: a string writes a file, null deletes it. */
export async function shallowPullRequest(
  baseFiles: Record<string, string>,
  head: Record<string, string | null>,
): Promise<PullRequestRepo> {
  const top = await mkdtemp(join(tmpdir(), 'mta-sts-guard-pr-'));
  const work = join(top, 'work');
  const origin = join(top, 'origin.git');
  const clone = join(top, 'clone');
  await mkdir(work);
  git(work, 'init', '-q', '-b', 'main');
  await writeFiles(work, baseFiles);
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'base');
  const base = git(work, 'rev-parse', 'HEAD');
  await writeFiles(work, head);
  git(work, 'add', '-A');
  git(work, 'commit', '-qm', 'pull request');
  const headSha = git(work, 'rev-parse', 'HEAD');
  git(top, 'clone', '-q', '--bare', work, origin);
  git(origin, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
  git(origin, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
  git(top, 'clone', '-q', '--depth=1', `file://${origin}`, clone);
  return {
    origin,
    clone,
    base,
    head: headSha,
    loseOrigin: () => void git(clone, 'remote', 'set-url', 'origin', `file://${join(top, 'gone.git')}`),
    remove: () => rm(top, { recursive: true, force: true }),
  };
}
