/**
 * The real Octokit adapters (IssueTracker, ArtifactSource) against the local GitHub stand-in,
 * which checks every request and response against GitHub's OpenAPI description.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { OctokitArtifactSource } from '../../src/github/artifacts.js';
import { createGitHubClient } from '../../src/github/client.js';
import { GitHubApiError } from '../../src/github/issue-tracker.js';
import { OctokitIssueTracker } from '../../src/github/octokit-tracker.js';
import { silentLogger } from '../../src/ports.js';
import { GitHubStandIn } from '../action/github-stand-in.js';

let standIn: GitHubStandIn;
let sleeps: number[];

function adapters() {
  const client = createGitHubClient({
    token: 'test-token',
    baseUrl: standIn.baseUrl,
    timeoutMs: 5_000,
    logger: silentLogger,
    writeIntervalMs: 0,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
  });
  const repo = { owner: standIn.owner, repo: standIn.repo };
  return {
    tracker: new OctokitIssueTracker(client, repo),
    artifacts: new OctokitArtifactSource(client, repo),
  };
}

beforeEach(async () => {
  standIn = new GitHubStandIn();
  sleeps = [];
  await standIn.start();
});

afterEach(async () => {
  await standIn.stop();
  expect(standIn.mismatches).toEqual([]);
});

const forbidden = {
  status: 403,
  body: {
    message: 'Resource not accessible by integration',
    documentation_url: 'https://docs.github.com/rest',
  },
};

describe('OctokitIssueTracker', () => {
  it('lists every page of labelled issues, open and closed, without pull requests', async () => {
    for (let i = 0; i < 230; i++) {
      standIn.addIssue({
        title: `t${i}`,
        body: `b${i}`,
        labels: i % 2 === 0 ? ['mta-sts-guard'] : ['other'],
        state: i % 3 === 0 ? 'closed' : 'open',
        pullRequest: i === 4,
      });
    }
    const issues = await adapters().tracker.listIssues('mta-sts-guard');
    // 115 labelled, one of which is a pull request.
    expect(issues).toHaveLength(114);
    expect(new Set(issues.map((i) => i.state))).toEqual(new Set(['open', 'closed']));
    expect(standIn.requests.filter((r) => r.route === '/repos/{owner}/{repo}/issues')).toHaveLength(2);
    expect(standIn.requests[0]!.query).toMatchObject({
      labels: 'mta-sts-guard',
      state: 'all',
      per_page: '100',
    });
  });

  it('creates, updates, closes and comments', async () => {
    const { tracker } = adapters();
    const created = await tracker.createIssue({
      title: 'MTA-STS risk: a.example',
      body: 'x',
      labels: ['l1'],
    });
    expect(created).toMatchObject({ number: 1, state: 'open', body: 'x' });
    await tracker.updateIssue(1, { body: 'y' });
    await tracker.addComment(1, 'hello');
    await tracker.updateIssue(1, { state: 'closed' });
    expect(standIn.issues[0]).toMatchObject({ body: 'y', state: 'closed', stateReason: 'completed' });
    expect(standIn.comments.map((c) => c.body)).toEqual(['hello']);
  });

  it('creates only the labels that are missing, and tolerates a parallel creation (422)', async () => {
    standIn.addLabel('exists');
    standIn.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/labels',
      status: 422,
      body: { message: 'Validation Failed', documentation_url: 'https://docs.github.com/rest' },
      times: 1,
    });
    await adapters().tracker.ensureLabels(['exists', 'raced', 'new one']);
    const posts = standIn.writes().map((r) => (r.body as { name: string }).name);
    expect(posts).toEqual(['raced', 'new one']);
  });

  it('retries a secondary rate limit after retry-after, then succeeds', async () => {
    standIn.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      status: 403,
      headers: { 'retry-after': '7' },
      body: {
        message: 'You have exceeded a secondary rate limit.',
        documentation_url: 'https://docs.github.com/rest',
      },
      times: 2,
    });
    const created = await adapters().tracker.createIssue({ title: 't', body: 'b', labels: [] });
    expect(created.number).toBe(1);
    expect(sleeps).toEqual([7000, 7000]);
    expect(standIn.writes()).toHaveLength(3);
  });

  it('gives up on a rate limit that outlasts the retries, as rate-limited', async () => {
    standIn.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit.',
        documentation_url: 'https://docs.github.com/rest',
      },
      times: Infinity,
    });
    const error = await adapters()
      .tracker.createIssue({ title: 't', body: 'b', labels: [] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(GitHubApiError);
    expect((error as GitHubApiError).failure).toBe('rate-limited');
    // One try and MAX_RETRIES retries: bounded.
    expect(standIn.writes()).toHaveLength(4);
  });

  it('reports a 403 without rate-limit signs as forbidden, without retrying', async () => {
    standIn.inject({ method: 'POST', route: '/repos/{owner}/{repo}/issues', times: Infinity, ...forbidden });
    const error = await adapters()
      .tracker.createIssue({ title: 't', body: 'b', labels: [] })
      .catch((e: unknown) => e);
    expect((error as GitHubApiError).failure).toBe('forbidden');
    expect((error as GitHubApiError).status).toBe(403);
    expect(standIn.writes()).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('write pacing', () => {
  it('spaces writes by the interval, and leaves reads alone', async () => {
    let clock = 0;
    const waits: number[] = [];
    const client = createGitHubClient({
      token: 't',
      baseUrl: standIn.baseUrl,
      timeoutMs: 5_000,
      logger: silentLogger,
      writeIntervalMs: 1_000,
      now: () => clock,
      sleep: async (ms) => {
        waits.push(ms);
        clock += ms;
      },
    });
    const tracker = new OctokitIssueTracker(client, { owner: standIn.owner, repo: standIn.repo });
    await tracker.createIssue({ title: 'a', body: 'b', labels: [] });
    clock += 300;
    await tracker.listIssues('x');
    await tracker.addComment(1, 'c');
    await tracker.addComment(1, 'd');
    expect(waits).toEqual([700, 1_000]);
  });
});

describe('OctokitArtifactSource', () => {
  it('lists artifacts by name and downloads the zip through the 302', async () => {
    const bytes = new Uint8Array([80, 75, 5, 6, ...new Array<number>(18).fill(0)]);
    const stored = standIn.addArtifact({
      name: 'tlsrpt',
      expired: false,
      createdAt: '2026-11-20T00:00:00Z',
      bytes,
    });
    standIn.addArtifact({ name: 'other', expired: false, createdAt: '2026-11-21T00:00:00Z', bytes });
    const { artifacts } = adapters();
    const list = await artifacts.list('tlsrpt');
    expect(list).toEqual([
      {
        id: stored.id,
        name: 'tlsrpt',
        sizeInBytes: bytes.length,
        expired: false,
        createdAt: '2026-11-20T00:00:00Z',
      },
    ]);
    expect(await artifacts.download(stored.id, 1024, 5_000)).toEqual(bytes);
    expect(standIn.requests.map((r) => r.route)).toEqual([
      '/repos/{owner}/{repo}/actions/artifacts',
      '/repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}',
      '/_blob/{id}',
    ]);
  });

  it('refuses an artifact larger than the limit', async () => {
    const stored = standIn.addArtifact({
      name: 'big',
      expired: false,
      createdAt: '2026-11-20T00:00:00Z',
      bytes: new Uint8Array(4096),
    });
    await expect(adapters().artifacts.download(stored.id, 1000, 5_000)).rejects.toThrow(/over 1000/);
  });
});
