import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config.js';
import {
  fetchCommit,
  GitError,
  isShallowRepository,
  readAtCommit,
  repoRelativePath,
  repoRoot,
  resolveCommit,
  runGit,
} from '../../src/git/git.js';
import { fetchFailureReason, openBaseRevision, openRevision } from '../../src/git/revision.js';

let repo: string;
let first: string;

function git(...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'git-reader-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'test');
  await mkdir(path.join(repo, 'zones'));
  await writeFile(path.join(repo, 'zones', 'db.example.com'), 'v1\r\n');
  git('add', '.');
  git('commit', '-q', '-m', 'first');
  first = git('rev-parse', 'HEAD');
  await writeFile(path.join(repo, 'zones', 'db.example.com'), 'v2\n');
  await writeFile(path.join(repo, 'zones', 'new.zone'), 'new\n');
  git('add', '.');
  git('commit', '-q', '-m', 'second');
  git('tag', 'v1', first);
});

afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('git adapter', () => {
  it('resolves revisions to commits; refuses what is not one', async () => {
    expect(await resolveCommit('v1', repo)).toBe(first);
    expect(await resolveCommit('HEAD~1', repo)).toBe(first);
    expect(await resolveCommit('no-such-branch', repo)).toBeNull();
    // A revision that looks like an option never reaches git as one.
    expect(await resolveCommit('--output=/tmp/x', repo)).toBeNull();
    expect(await resolveCommit('HEAD:zones', repo)).toBeNull(); // a tree, not a commit
  });

  it('reads a file byte for byte as it was, and null where it did not exist', async () => {
    expect(await readAtCommit(first, 'zones/db.example.com', repo)).toBe('v1\r\n');
    expect(await readAtCommit(first, 'zones/new.zone', repo)).toBeNull();
    expect(await readAtCommit(first, 'zones', repo)).toBeNull(); // a folder is not a file
  });

  it('maps working-tree paths into the repository, through symlinked folders', async () => {
    const root = (await repoRoot(path.join(repo, 'zones')))!;
    expect(await repoRelativePath(path.join(repo, 'zones', 'db.example.com'), root)).toBe(
      'zones/db.example.com',
    );
    expect(await repoRelativePath(path.join(tmpdir(), 'elsewhere.zone'), root)).toBeNull();
    const link = path.join(await mkdtemp(path.join(tmpdir(), 'git-link-')), 'z');
    await symlink(path.join(repo, 'zones'), link);
    expect(await repoRelativePath(path.join(link, 'db.example.com'), root)).toBe('zones/db.example.com');
  });

  it('is null outside a repository', async () => {
    expect(await repoRoot(tmpdir())).toBeNull();
  });

  it('fails with GitError (not a shell error) and stops at the timeout', async () => {
    await expect(runGit(['no-such-command'], repo)).rejects.toBeInstanceOf(GitError);
    await expect(runGit(['hash-object', '--stdin'], repo, 50)).rejects.toThrow(/timed out after 50 ms/);
  });
});

describe('--base revision reader', () => {
  it('reads files at the base revision by working-tree path', async () => {
    const reader = await openRevision('v1', repo);
    expect(reader.commit).toBe(first);
    expect(await reader.read(path.join(repo, 'zones', 'db.example.com'))).toBe('v1\r\n');
    expect(await reader.read(path.join(repo, 'zones', 'new.zone'))).toBeNull();
  });

  it('names --base in configuration errors', async () => {
    await expect(openRevision('nope', repo)).rejects.toThrow(ConfigurationError);
    await expect(openRevision('nope', repo)).rejects.toThrow(/--base: 'nope' is not a commit/);
    await expect(openRevision('HEAD', tmpdir())).rejects.toThrow(/--base: .* is not inside a git repository/);
  });
});

/**
 * actions/checkout's default: a depth-1 clone of the pull request's head, credentials in the
 * local config, so the base commit is missing. The "origin" is a local bare repository that
 * serves any reachable commit by id, as GitHub does.
 */
describe('--base in a shallow clone', () => {
  let bare: string;
  let clone: string;
  const gitIn = (cwd: string, ...args: string[]) =>
    execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

  beforeAll(async () => {
    bare = await mkdtemp(path.join(tmpdir(), 'git-origin-'));
    gitIn(bare, 'clone', '-q', '--bare', repo, '.');
    gitIn(bare, 'config', 'uploadpack.allowReachableSHA1InWant', 'true');
    gitIn(bare, 'config', 'uploadpack.allowAnySHA1InWant', 'true');
    clone = await mkdtemp(path.join(tmpdir(), 'git-shallow-'));
    gitIn(clone, 'clone', '-q', '--depth=1', '--branch', 'main', `file://${bare}`, '.');
  });

  afterAll(async () => {
    await rm(bare, { recursive: true, force: true });
    await rm(clone, { recursive: true, force: true });
  });

  it('has no base commit until it is fetched; then reads files as they were', async () => {
    const shallow = await mkdtemp(path.join(tmpdir(), 'git-shallow-'));
    gitIn(shallow, 'clone', '-q', '--depth=1', '--branch', 'main', `file://${bare}`, '.');
    expect(await isShallowRepository(shallow)).toBe(true);
    expect(await isShallowRepository(repo)).toBe(false);
    expect(await resolveCommit(first, shallow)).toBeNull();

    const logged: string[] = [];
    const base = await openBaseRevision(first, shallow, {
      logger: {
        debug: () => {},
        info: (m) => logged.push(m),
        warning: (m) => logged.push(m),
        progress: () => {},
      },
    });
    expect(base.kind).toBe('open');
    if (base.kind !== 'open') return;
    expect(base.reader.commit).toBe(first);
    expect(await base.reader.read(path.join(shallow, 'zones', 'db.example.com'))).toBe('v1\r\n');
    expect(await base.reader.read(path.join(shallow, 'zones', 'new.zone'))).toBeNull();
    expect(logged).toEqual([`--base ${first}: fetched commit ${first.slice(0, 12)} into this shallow clone`]);
    // Only the one commit came, without tags: the clone stays shallow.
    expect(await isShallowRepository(shallow)).toBe(true);
    expect(gitIn(shallow, 'tag', '--list')).toBe('');
    await rm(shallow, { recursive: true, force: true });
  });

  it('fetches a branch name too (it resolves as FETCH_HEAD)', async () => {
    expect(await fetchCommit('main', clone)).toBe(git('rev-parse', 'main'));
  });

  it('cannot fetch: the run goes on without comparison, with one warning naming fetch-depth: 0', async () => {
    const lost = await mkdtemp(path.join(tmpdir(), 'git-shallow-'));
    gitIn(lost, 'clone', '-q', '--depth=1', '--branch', 'main', `file://${bare}`, '.');
    gitIn(lost, 'remote', 'set-url', 'origin', `file://${path.join(bare, 'gone')}`);
    const base = await openBaseRevision(first, lost);
    expect(base.kind).toBe('unavailable');
    if (base.kind !== 'unavailable') return;
    expect(base.warning).toContain(`--base ${first}: this shallow clone does not have that commit`);
    expect(base.warning).toContain('judged without comparison');
    expect(base.warning).toContain('fetch-depth: 0');
    // openRevision (no fallback wanted) turns the same into a configuration error.
    await expect(openRevision(first, lost)).rejects.toThrow(ConfigurationError);
    await rm(lost, { recursive: true, force: true });
  });

  it('stops a fetch that hangs at the bound', async () => {
    const hung = await mkdtemp(path.join(tmpdir(), 'git-shallow-'));
    gitIn(hung, 'clone', '-q', '--depth=1', '--branch', 'main', `file://${bare}`, '.');
    // An "ssh" transport that never answers: git waits on it until the bound stops git.
    gitIn(hung, 'remote', 'set-url', 'origin', 'ssh://git.invalid/dns.git');
    gitIn(hung, 'config', 'core.sshCommand', 'sleep 5 #');
    const started = Date.now();
    const base = await openBaseRevision(first, hung, { fetchTimeoutMs: 300 });
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(base).toMatchObject({
      kind: 'unavailable',
      warning: expect.stringContaining('timed out after 300 ms'),
    });
    await rm(hung, { recursive: true, force: true });
  });

  it('a complete history without the revision is a wrong revision, not a shallow clone', async () => {
    await expect(openBaseRevision('no-such-ref', repo)).rejects.toThrow(
      /--base: 'no-such-ref' is not a commit/,
    );
  });

  it('never repeats credentials from a remote URL, and bounds the reason', () => {
    const error = new GitError(
      "git fetch failed: fatal: unable to access 'https://x-access-token:ghs_secret@github.com/o/r/': 403",
      '',
    );
    expect(fetchFailureReason(error)).toBe("fatal: unable to access 'https://***@github.com/o/r/': 403");
    expect(fetchFailureReason(new GitError(`git fetch failed: ${'x'.repeat(1000)}`, '')).length).toBeLessThan(
      310,
    );
    expect(fetchFailureReason(new GitError('git fetch failed: a\nlast line\n', ''))).toBe('last line');
    // git's fatal line, not the hint after it.
    const fatal = "fatal: '/x' does not appear to be a git repository";
    const hint =
      '\nfatal: Could not read from remote repository.\n\nPlease make sure\nand the repository exists.';
    expect(fetchFailureReason(new GitError(`git fetch failed: ${fatal}${hint}`, ''))).toBe(fatal);
  });

  it('refuses a revision that looks like an option', async () => {
    await expect(fetchCommit('--upload-pack=touch /tmp/x', clone)).rejects.toBeInstanceOf(GitError);
  });
});
