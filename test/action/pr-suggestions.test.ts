/**
 * Issue 15 item 5 acceptance: the built action on pull_request events against the GitHub
 * stand-in (every request and response checked against GitHub's OpenAPI description; comments
 * placed only on lines of the diff at the head commit). One suggestion per edit inside the
 * diff, a rerun makes zero writes, a committed suggestion is resolved, and a read-only token
 * gives one warning with the edit still shown in the annotation.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GitHubStandIn, type StoredPullFile } from './github-stand-in.js';
import { buildAction, runAction } from './run-action.js';

const FILLER = Array.from({ length: 8 }, (_, i) => `w${i + 1}\tIN\tA\t192.0.2.${i + 1}`);
/** A BIND zone: line 5 the _mta-sts TXT, line 14 a TLS-RPT TXT with a stray quote (broken in the base already). */
const zone = (stsId: string) =>
  [
    '$ORIGIN bind.example.',
    '$TTL 300',
    '@\tIN\tSOA\tns1 hostmaster 1 7200 3600 1209600 300',
    '@\tIN\tMX\t10 mx.bind.example.',
    `_mta-sts\tIN\tTXT\t"v=STSv1; id=${stsId}"`,
    ...FILLER,
    '_smtp._tls\tIN\tTXT\t"\\"v=TLSRPTv1; rua=mailto:tls@bind.example\\""',
    '',
  ].join('\n');
const policy = (mode: string) => `version: STSv1\nmode: ${mode}\nmx: mx.bind.example\nmax_age: 604800\n`;

const inputs = {
  offline: 'true',
  'zone-files': 'db.bind.example',
  'policy-files': 'bind.example=mta-sts.txt',
};

/** The job summary's text with Markdown backslash escapes undone. */
const plain = (markdown: string) => markdown.replace(/\\([\\`*_[\]{}()!|~#+\-.<>&"])/g, '$1');

let bundle: string;
beforeAll(async () => {
  bundle = await buildAction();
}, 180_000);

/** A repository with a base commit and a pull request commit on top, as the checkout of the head. */
async function repository(base: Record<string, string>, head: Record<string, string>) {
  const ws = await mkdtemp(join(tmpdir(), 'mta-sts-guard-pr-'));
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.example', ...args], { cwd: ws })
      .toString()
      .trim();
  const commit = async (files: Record<string, string>, message: string) => {
    for (const [name, text] of Object.entries(files)) await writeFile(join(ws, name), text);
    git('add', '.');
    git('commit', '-qm', message);
    return git('rev-parse', 'HEAD');
  };
  git('init', '-q');
  const baseSha = await commit(base, 'base');
  const headSha = await commit(head, 'change');
  /** What GET .../pulls/{n}/files lists: git's own diff of base..head, from the first hunk. */
  const pullFiles = (): StoredPullFile[] =>
    git('diff', '--name-only', baseSha, 'HEAD')
      .split('\n')
      .filter((f) => f !== '')
      .map((filename) => {
        const diff = git('diff', '--unified=3', baseSha, 'HEAD', '--', filename);
        return {
          filename,
          status: 'modified',
          sha: git('rev-parse', `HEAD:${filename}`),
          patch: diff.slice(diff.indexOf('@@')),
        };
      });
  return { ws, git, commit, baseSha, headSha, pullFiles };
}

const event = (number: number, baseSha: string, headSha: string) => ({
  number,
  pull_request: { number, base: { sha: baseSha }, head: { sha: headSha } },
});

describe('PR suggestions on a pull_request event', () => {
  const standIn = new GitHubStandIn();
  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());
  afterEach(() => expect(standIn.mismatches).toEqual([]));

  let repo: Awaited<ReturnType<typeof repository>>;
  const run = (headSha: string) =>
    runAction({
      bundle,
      cwd: repo.ws,
      inputs,
      eventName: 'pull_request',
      payload: event(7, repo.baseSha, headSha),
      apiUrl: standIn.baseUrl,
    });

  it('posts one suggestion per edit inside the diff, on the head commit', async () => {
    // The change breaks the _mta-sts id (line 5) and the policy's mode case (line 2).
    repo = await repository(
      { 'db.bind.example': zone('20261101'), 'mta-sts.txt': policy('enforce') },
      { 'db.bind.example': zone('2026-11-01'), 'mta-sts.txt': policy('Enforce') },
    );
    standIn.setPullRequest(7, repo.headSha, repo.pullFiles());
    const first = await run(repo.headSha);
    expect(first.code, first.stdout + first.stderr).toBe(1);

    const posts = standIn.writes().filter((r) => r.method === 'POST');
    expect(posts.map((r) => r.body)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ path: 'db.bind.example', line: 5, side: 'RIGHT', commit_id: repo.headSha }),
        expect.objectContaining({ path: 'mta-sts.txt', line: 2, side: 'RIGHT', commit_id: repo.headSha }),
      ]),
    );
    expect(standIn.writes()).toHaveLength(2);
    const zoneComment = standIn.reviewComments.find((c) => c.path === 'db.bind.example');
    const policyComment = standIn.reviewComments.find((c) => c.path === 'mta-sts.txt');
    expect(zoneComment!.body).toContain('```suggestion\n_mta-sts\tIN\tTXT\t"v=STSv1; id=20261101"\n```');
    expect(zoneComment!.body).toContain('`sts-record-invalid`');
    expect(policyComment!.body).toContain('```suggestion\nmode: enforce\n```');
    // The TLS-RPT edit (line 14) is outside the diff: no comment, but its annotation shows the diff.
    expect(plain(first.summary)).toContain('PR suggestions: 2 posted, 0 updated, 0 resolved, 0 unchanged.');
    expect(plain(first.summary)).toContain('1 edit is not a suggestion (1 outside the diff)');
    const tlsrpt = first.commands.find((c) => c.command === 'error' && c.properties.includes('line=14'));
    expect(tlsrpt?.message).toContain(
      'Edit db.bind.example line 14:\n-_smtp._tls\tIN\tTXT\t"\\"v=TLSRPTv1; rua=mailto:tls@bind.example\\""\n+_smtp._tls\tIN\tTXT\t"v=TLSRPTv1; rua=mailto:tls@bind.example"',
    );
  });

  it('a rerun makes zero writes', async () => {
    const writes = standIn.writes().length;
    const again = await run(repo.headSha);
    expect(again.code).toBe(1);
    expect(standIn.writes().length).toBe(writes);
    expect(standIn.reviewComments).toHaveLength(2);
    expect(plain(again.summary)).toContain('PR suggestions: 0 posted, 0 updated, 0 resolved, 2 unchanged.');
  });

  it('after the author commits one suggestion, that comment is resolved and nothing is duplicated', async () => {
    const headSha = await repo.commit({ 'db.bind.example': zone('20261101') }, 'Apply suggestion');
    standIn.setPullRequest(7, headSha, repo.pullFiles());
    const writes = standIn.writes().length;
    const third = await run(headSha);
    expect(third.code).toBe(1);
    const newWrites = standIn.writes().slice(writes);
    expect(newWrites.map((r) => `${r.method} ${r.route}`)).toEqual([
      'PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}',
    ]);
    expect(standIn.reviewComments).toHaveLength(2);
    const zoneComment = standIn.reviewComments.find((c) => c.path === 'db.bind.example')!;
    expect(zoneComment.body).toMatch(/resolved/);
    expect(zoneComment.body).not.toContain('```suggestion');
    expect(standIn.reviewComments.find((c) => c.path === 'mta-sts.txt')!.body).toContain(
      '```suggestion\nmode: enforce\n```',
    );

    const fourth = await run(headSha);
    expect(fourth.code).toBe(1);
    expect(standIn.writes().length).toBe(writes + 1);
  });
});

describe('PR suggestions with a read-only token', () => {
  const standIn = new GitHubStandIn();
  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());
  afterEach(() => expect(standIn.mismatches).toEqual([]));

  it('one warning naming pull-requests: write; the edit is still in the annotation', async () => {
    const repo = await repository(
      { 'db.bind.example': zone('20261101'), 'mta-sts.txt': policy('enforce') },
      { 'db.bind.example': zone('2026-11-01'), 'mta-sts.txt': policy('Enforce') },
    );
    standIn.setPullRequest(8, repo.headSha, repo.pullFiles());
    // What GitHub answers a fork's (or a contents: read) token.
    standIn.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
      },
      times: Infinity,
    });
    const run = await runAction({
      bundle,
      cwd: repo.ws,
      inputs,
      eventName: 'pull_request',
      payload: event(8, repo.baseSha, repo.headSha),
      apiUrl: standIn.baseUrl,
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    const warnings = run.commands.filter((c) => c.command === 'warning' && /suggest-fixes/.test(c.message));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]!.message).toMatch(/`pull-requests: write`.*read-only token/);
    // One refused attempt, then no more writes.
    expect(standIn.writes()).toHaveLength(1);
    expect(standIn.reviewComments).toEqual([]);
    const sts = run.commands.find((c) => c.command === 'error' && c.properties.includes('line=5'));
    expect(sts?.message).toContain(
      'Edit db.bind.example line 5:\n-_mta-sts\tIN\tTXT\t"v=STSv1; id=2026-11-01"\n+',
    );
    expect(plain(run.summary)).toContain('suggest-fixes: no review suggestions');
  });

  it('suggest-fixes: false makes no pull request request at all', async () => {
    const repo = await repository({ 'mta-sts.txt': policy('enforce') }, { 'mta-sts.txt': policy('Enforce') });
    const before = standIn.requests.length;
    const run = await runAction({
      bundle,
      cwd: repo.ws,
      inputs: { offline: 'true', 'policy-files': 'bind.example=mta-sts.txt', 'suggest-fixes': 'false' },
      eventName: 'pull_request',
      payload: event(9, repo.baseSha, repo.headSha),
      apiUrl: standIn.baseUrl,
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(standIn.requests.length).toBe(before);
  });
});
