import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile, mkdir, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config.js';
import {
  GitError,
  readAtCommit,
  repoRelativePath,
  repoRoot,
  resolveCommit,
  runGit,
} from '../../src/git/git.js';
import { openRevision } from '../../src/git/revision.js';

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
