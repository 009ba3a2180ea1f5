/**
 * PR review suggestions through the real Octokit adapter against the local GitHub stand-in,
 * which checks every request and response against GitHub's OpenAPI description and places
 * comments only on lines of the diff, as GitHub does.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/core/findings.js';
import type { FileEdit } from '../../src/core/fix/edit.js';
import type { CheckResult } from '../../src/core/result.js';
import { createGitHubClient } from '../../src/github/client.js';
import { gitBlobSha, readEditedFiles } from '../../src/github/edited-files.js';
import { OctokitPullRequestReviews } from '../../src/github/octokit-reviews.js';
import {
  describeSuggestions,
  MAX_SUGGESTION_WRITES,
  repositoryPath,
  syncSuggestions,
} from '../../src/github/review-suggestions.js';
import { silentLogger } from '../../src/ports.js';
import { parseSuggestionMarker } from '../../src/render/suggestion-body.js';
import { GitHubStandIn } from '../action/github-stand-in.js';

const HEAD = 'a'.repeat(40);
const ZONE = Array.from({ length: 30 }, (_, i) => `line${i + 1} IN TXT "v${i + 1}"`).join('\n') + '\n';
const BLOB = gitBlobSha(Buffer.from(ZONE));
/** The pull request changed lines 3..6 (hunk shows 1..8) and 20 (hunk 18..22). */
const PATCH = '@@ -1,8 +1,8 @@\n a\n-b\n+c\n@@ -18,5 +18,5 @@ x\n d\n-e\n+f';

let standIn: GitHubStandIn;

function reviews(number = 7, head = HEAD) {
  const client = createGitHubClient({
    token: 'test-token',
    baseUrl: standIn.baseUrl,
    timeoutMs: 5_000,
    logger: silentLogger,
    writeIntervalMs: 0,
    sleep: async () => {},
  });
  return new OctokitPullRequestReviews(client, { owner: standIn.owner, repo: standIn.repo }, number, head);
}

function withEdit(
  rule: 'sts-record-invalid' | 'tlsrpt-record-invalid',
  edit: Omit<FileEdit, 'file'>,
): Finding {
  return {
    ...finding(rule, 'enforce', { domain: 'example', message: 'broken' }),
    fix: { summary: `fix ${rule} at ${edit.startLine}`, edits: [{ file: 'zones/db.example', ...edit }] },
  };
}

const result = (findings: Finding[]) => ({ findings }) as unknown as CheckResult;
const files = new Map([['zones/db.example', { text: ZONE, blobSha: BLOB }]]);
const options = { workspace: '/ws', cwd: '/ws', files };
const sync = (findings: Finding[], port = reviews()) =>
  syncSuggestions(result(findings), port, options, silentLogger);

beforeEach(async () => {
  standIn = new GitHubStandIn();
  await standIn.start();
  standIn.setPullRequest(7, HEAD, [
    { filename: 'zones/db.example', status: 'modified', sha: BLOB, patch: PATCH },
  ]);
});
afterEach(async () => {
  await standIn.stop();
  expect(standIn.mismatches).toEqual([]);
});

const multi = withEdit('sts-record-invalid', { startLine: 3, endLine: 4, text: 'new3\nnew4\n' });
const single = withEdit('tlsrpt-record-invalid', { startLine: 20, endLine: 20, text: 'new20\n' });
const outside = withEdit('sts-record-invalid', { startLine: 12, endLine: 12, text: 'new12\n' });

describe('syncSuggestions', () => {
  it('posts one suggestion per edit inside the diff, on its lines of the head commit', async () => {
    const report = await sync([multi, single, outside]);
    expect(report).toMatchObject({ created: 2, updated: 0, resolved: 0, unchanged: 0, warning: null });
    expect(report.notSuggested).toEqual([
      { path: 'zones/db.example', startLine: 12, endLine: 12, reason: 'outside-diff' },
    ]);
    const posts = standIn.writes();
    expect(posts.map((r) => r.body)).toEqual([
      expect.objectContaining({
        commit_id: HEAD,
        path: 'zones/db.example',
        start_line: 3,
        start_side: 'RIGHT',
        line: 4,
        side: 'RIGHT',
      }),
      expect.not.objectContaining({ start_line: expect.anything() }),
    ]);
    expect((posts[1]!.body as { line: number }).line).toBe(20);
    const [first] = standIn.reviewComments;
    expect(first!.body).toContain('```suggestion\nnew3\nnew4\n```');
    expect(parseSuggestionMarker(first!.body)).toBe('zones/db.example:3-4:sts-record-invalid');
    expect(describeSuggestions(report)).toBe(
      "PR suggestions: 2 posted, 0 updated, 0 resolved, 0 unchanged. 1 edit is not a suggestion (1 outside the diff): see each finding's fix.",
    );
  });

  it('a rerun writes nothing; a changed edit is edited in place; a gone one is resolved', async () => {
    await sync([multi, single]);
    const writes = standIn.writes().length;
    expect(await sync([multi, single])).toMatchObject({ created: 0, updated: 0, resolved: 0, unchanged: 2 });
    expect(standIn.writes().length).toBe(writes);

    const changed = withEdit('sts-record-invalid', { startLine: 3, endLine: 4, text: 'other3\nother4\n' });
    expect(await sync([changed])).toMatchObject({ created: 0, updated: 1, resolved: 1 });
    expect(standIn.reviewComments).toHaveLength(2);
    expect(standIn.reviewComments[0]!.body).toContain('other3');
    expect(standIn.reviewComments[1]!.body).toMatch(/resolved/);
    expect(standIn.reviewComments[1]!.body).not.toContain('suggestion\n');

    const after = standIn.writes().length;
    expect(await sync([changed])).toMatchObject({ created: 0, updated: 0, resolved: 0, unchanged: 2 });
    expect(standIn.writes().length).toBe(after);
  });

  it('after a push that moves the lines, the outdated comment is resolved and one new comment made', async () => {
    await sync([multi]);
    // The new head's diff no longer shows lines 3..4: the old comment is outdated; the edit moved to 20.
    const head2 = 'b'.repeat(40);
    standIn.setPullRequest(7, head2, [
      { filename: 'zones/db.example', status: 'modified', sha: BLOB, patch: '@@ -18,5 +18,5 @@\n d' },
    ]);
    const moved = withEdit('sts-record-invalid', { startLine: 20, endLine: 21, text: 'x\ny\n' });
    expect(await sync([moved], reviews(7, head2))).toMatchObject({ created: 1, resolved: 1 });
    const live = standIn.reviewComments.filter((c) => !/resolved/.test(c.body));
    expect(live.map((c) => [c.line, c.commitId])).toEqual([[21, head2]]);
    expect(await sync([moved], reviews(7, head2))).toMatchObject({
      created: 0,
      updated: 0,
      resolved: 0,
      unchanged: 2,
    });
  });

  it("finds its comments on any page among other people's, and never touches theirs", async () => {
    for (let i = 0; i < 130; i++) {
      standIn.addReviewComment({
        pull: 7,
        path: 'zones/db.example',
        commitId: HEAD,
        line: 3,
        startLine: null,
        body: `reviewer ${i}`,
      });
    }
    await sync([multi]);
    const writes = standIn.writes().length;
    expect(await sync([multi])).toMatchObject({ created: 0, unchanged: 1 });
    expect(standIn.writes().length).toBe(writes);
    expect(standIn.reviewComments.filter((c) => c.body.startsWith('reviewer'))).toHaveLength(130);
    const pages = standIn.requests.filter(
      (r) => r.route.endsWith('/pulls/{pull_number}/comments') && r.method === 'GET',
    );
    expect(pages.length).toBe(4);
  });

  it('a read-only token: one warning naming the permission, nothing written', async () => {
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
    const report = await sync([multi, single]);
    expect(report.created).toBe(0);
    expect(report.warning).toMatch(
      /^suggest-fixes: .*`pull-requests: write`.*annotations and the job summary/,
    );
    expect(standIn.writes()).toHaveLength(1);
    expect(standIn.reviewComments).toEqual([]);
  });

  it('a suggestion GitHub refuses (422) is skipped and the others still go', async () => {
    standIn.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/pulls/{pull_number}/comments',
      status: 422,
      body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
      times: 1,
    });
    const report = await sync([multi, single]);
    expect(report.created).toBe(1);
    expect(report.notSuggested).toEqual([expect.objectContaining({ startLine: 3, reason: 'refused' })]);
    expect(report.warning).toMatch(/refused 1 review suggestion \(422\)/);
  });

  it(`stops at ${MAX_SUGGESTION_WRITES} writes; the next run posts the rest`, async () => {
    const lines = Array.from({ length: 200 }, (_, i) => `l${i + 1}`).join('\n') + '\n';
    const blob = gitBlobSha(Buffer.from(lines));
    standIn.setPullRequest(7, HEAD, [
      { filename: 'zones/db.example', status: 'modified', sha: blob, patch: '@@ -1,200 +1,200 @@\n a' },
    ]);
    const many = Array.from({ length: 55 }, (_, i) =>
      withEdit('sts-record-invalid', { startLine: i * 2 + 1, endLine: i * 2 + 1, text: `fixed${i}\n` }),
    );
    const port = reviews();
    const big = { ...options, files: new Map([['zones/db.example', { text: lines, blobSha: blob }]]) };
    const first = await syncSuggestions(result(many), port, big, silentLogger);
    expect(first.created).toBe(MAX_SUGGESTION_WRITES);
    expect(first.notSuggested.filter((n) => n.reason === 'write-limit')).toHaveLength(5);
    expect(first.warning).toMatch(/stopped after 50 writes/);
    const second = await syncSuggestions(result(many), port, big, silentLogger);
    expect(second).toMatchObject({ created: 5, unchanged: 50, warning: null });
    expect(standIn.reviewComments).toHaveLength(55);
  });

  it('with no edit left, only lists the comments (to resolve earlier ones)', async () => {
    expect(await sync([])).toMatchObject({ created: 0, resolved: 0, unchanged: 0 });
    expect(standIn.requests.map((r) => `${r.method} ${r.route}`)).toEqual([
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
    ]);
  });
});

describe('repositoryPath', () => {
  it.each([
    ['zones/db.example', '/ws', '/ws', 'zones/db.example'],
    ['db.example', '/ws/zones', '/ws', 'zones/db.example'],
    ['/ws/zones/db.example', '/elsewhere', '/ws', 'zones/db.example'],
    // outside the checkout
    ['../other/db.example', '/ws', '/ws', null],
    ['/tmp/db.example', '/ws', '/ws', null],
  ])('%s from %s in %s', (file, cwd, workspace, expected) => {
    expect(repositoryPath(file, { cwd, workspace })).toBe(expected);
  });
});

describe('readEditedFiles', () => {
  it('reads each edited file once, with the blob id git gives it', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-edited-'));
    await writeFile(join(dir, 'hello'), 'hello\n');
    const f = (file: string): Finding => ({
      ...finding('sts-record-invalid', 'enforce', { domain: 'x', message: 'm' }),
      fix: { summary: 's', edits: [{ file, startLine: 1, endLine: 1, text: 'x\n' }] },
    });
    const read = await readEditedFiles([f('hello'), f('hello'), f('missing')], dir);
    // `printf 'hello\n' | git hash-object --stdin`
    expect(read.get('hello')).toEqual({
      text: 'hello\n',
      blobSha: 'ce013625030ba8dba906f756967f9e9ca394464a',
    });
    expect(read.get('missing')).toBeNull();
  });
});
