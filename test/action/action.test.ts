/**
 * The built action (dist/index.js) run as a GitHub runner runs it, against the local GitHub
 * stand-in that validates every request and response with GitHub's OpenAPI description.
 * Offline inputs (policy files kept in the repository, reports) so no scenario needs DNS.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { GitHubStandIn } from './github-stand-in.js';
import { buildAction, runAction, type ActionRun } from './run-action.js';
import { makeZip } from './zip.js';

/** RFC 8461 §3.2 policies: broken in two different ways, and valid. */
const MISSING_MAX_AGE = 'version: STSv1\nmode: enforce\nmx: mail.a.example\n';
const BAD_MODE = 'version: STSv1\nmode: enforcing\nmx: mail.a.example\nmax_age: 86400\n';
const VALID = 'version: STSv1\r\nmode: enforce\r\nmx: mail.a.example\r\nmax_age: 604800\r\n';
const VALID_B = 'version: STSv1\r\nmode: testing\r\nmx: mail.b.example\r\nmax_age: 604800\r\n';

const MARKER_A = '<!-- mta-sts-guard:domain=a.example -->';

let bundle: string;

beforeAll(async () => {
  bundle = await buildAction();
}, 180_000);

async function workspace(files: Record<string, string>): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-ws-'));
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, name), text);
  return dir;
}

const baseInputs = {
  offline: 'true',
  'policy-files': 'a.example=a.txt\nb.example=b.txt',
  'issue-labels': 'mta-sts-guard, dns',
};

async function results(run: ActionRun): Promise<CheckResult> {
  expect(run.outputs['results-file'], run.stdout + run.stderr).toBeTruthy();
  return JSON.parse(await readFile(run.outputs['results-file']!, 'utf8')) as CheckResult;
}

function issuesOf(standIn: GitHubStandIn, marker: string) {
  return standIn.issues.filter((i) => i.body.includes(marker));
}

describe('issue lifecycle on scheduled runs', () => {
  const standIn = new GitHubStandIn();
  let ws: string;
  const run = (extra: Record<string, string> = {}) =>
    runAction({
      bundle,
      cwd: ws,
      inputs: { ...baseInputs, ...extra },
      eventName: 'schedule',
      payload: { schedule: '17 4 * * *' },
      apiUrl: standIn.baseUrl,
    });

  beforeAll(async () => {
    await standIn.start();
    ws = await workspace({ 'a.txt': MISSING_MAX_AGE, 'b.txt': VALID_B });
    // An issue of a domain another shard checks: no run here may touch it.
    standIn.addIssue({
      title: 'MTA-STS risk: z.example',
      body: '<!-- mta-sts-guard:domain=z.example -->\n<!-- mta-sts-guard:risks=aaaaaaaaaaaa -->\nold',
      labels: ['mta-sts-guard'],
    });
  });
  afterAll(() => standIn.stop());
  afterEach(() => expect(standIn.mismatches).toEqual([]));

  it('first run opens one issue for the domain with errors, creating the labels', async () => {
    const first = await run();
    expect(first.code, first.stdout).toBe(1);
    const result = await results(first);
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(new Set(errors.map((f) => f.domain))).toEqual(new Set(['a.example']));
    expect(first.outputs['errors']).toBe(String(result.summary.errors));
    expect(first.outputs['warnings']).toBe(String(result.summary.warnings));
    expect(first.outputs['enforce-risk']).toBe(String(result.summary.enforceRisk));

    const [issue, ...others] = issuesOf(standIn, MARKER_A);
    expect(others).toEqual([]);
    expect(issue).toMatchObject({
      state: 'open',
      title: 'MTA-STS risk: a.example',
      labels: ['mta-sts-guard', 'dns'],
    });
    for (const f of errors) expect(issue!.body).toContain(`(\`${f.rule}\`)`);
    expect(issue!.body).toContain('- [ ] ');
    expect(standIn.labels.has('dns')).toBe(true);
    // The job summary links the issue.
    expect(first.summary).toContain(
      `[#${issue!.number}](https://github.com/octo-org/dns/issues/${issue!.number}) \`a.example\`: opened`,
    );
    expect(first.commands.some((c) => c.command === 'error' && c.properties.includes('file=a.txt'))).toBe(
      true,
    );
  });

  it('an identical second run changes nothing on GitHub', async () => {
    const writesBefore = standIn.writes().length;
    const second = await run();
    expect(second.code).toBe(1);
    expect(standIn.writes().length).toBe(writesBefore);
    expect(issuesOf(standIn, MARKER_A)).toHaveLength(1);
  });

  it('changed findings update the body in place and comment the new ones', async () => {
    await writeFile(join(ws, 'a.txt'), BAD_MODE);
    const before = issuesOf(standIn, MARKER_A)[0]!.body;
    const third = await run();
    expect(third.code).toBe(1);
    const result = await results(third);
    const [issue, ...others] = issuesOf(standIn, MARKER_A);
    expect(others).toEqual([]);
    expect(issue!.body).not.toBe(before);
    const comments = standIn.comments.filter((c) => c.issue === issue!.number);
    expect(comments).toHaveLength(1);
    expect(comments[0]!.body).toMatch(/^New risks for `a.example`/);
    const newError = result.findings.find((f) => f.severity === 'error')!;
    expect(comments[0]!.body).toContain(`(\`${newError.rule}\`)`);
    expect(comments[0]!.body).toContain('https://github.com/octo-org/dns/actions/runs/4242');
    expect(third.summary).toContain('`a.example`: updated, 1 new risk');
  });

  it('resolved findings close the issue with a comment, and leave other shards alone', async () => {
    await writeFile(join(ws, 'a.txt'), VALID);
    const fourth = await run();
    expect(fourth.code, fourth.stdout).toBe(0);
    const [issue] = issuesOf(standIn, MARKER_A);
    expect(issue).toMatchObject({ state: 'closed', stateReason: 'completed' });
    expect(standIn.comments.at(-1)!.body).toMatch(/^No risk remains for `a.example`/);
    const other = issuesOf(standIn, 'domain=z.example')[0]!;
    expect(other.state).toBe('open');
    expect(standIn.requests.some((r) => r.path.endsWith(`/issues/${other.number}`))).toBe(false);
  });

  it('a risk coming back reopens the same issue instead of opening another', async () => {
    await writeFile(join(ws, 'a.txt'), MISSING_MAX_AGE);
    const fifth = await run();
    expect(fifth.code).toBe(1);
    const issues = issuesOf(standIn, MARKER_A);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ state: 'open', stateReason: 'reopened' });
  });
});

describe('GitHub refusing or slowing down', () => {
  let standIn: GitHubStandIn;
  beforeEach(async () => {
    standIn = new GitHubStandIn();
    await standIn.start();
  });
  afterEach(async () => {
    await standIn.stop();
    expect(standIn.mismatches).toEqual([]);
  });

  it('a token without issues: write gives a warning and the run goes on', async () => {
    standIn.addLabel('mta-sts-guard');
    standIn.addLabel('dns');
    standIn.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      status: 403,
      body: {
        message: 'Resource not accessible by integration',
        documentation_url: 'https://docs.github.com/rest',
      },
      times: Infinity,
    });
    const ws = await workspace({ 'a.txt': MISSING_MAX_AGE, 'b.txt': VALID_B });
    // INPUT_FAIL-ON: a hyphenated input read as a runner passes it.
    const run = await runAction({
      bundle,
      cwd: ws,
      inputs: { ...baseInputs, 'fail-on': 'never' },
      eventName: 'workflow_dispatch',
      apiUrl: standIn.baseUrl,
    });
    expect(run.code, run.stdout).toBe(0);
    const warning = run.commands.find(
      (c) => c.command === 'warning' && /issues were not updated/.test(c.message),
    );
    expect(warning?.message).toMatch(/issues: write/);
    expect(standIn.writes()).toHaveLength(1);
    expect(run.summary).toMatch(/issues were not updated/);
    expect(Number(run.outputs['errors'])).toBeGreaterThan(0);
  });

  it('a secondary rate limit is waited out, then the issue is opened', async () => {
    standIn.inject({
      method: 'POST',
      route: '/repos/{owner}/{repo}/issues',
      status: 403,
      headers: { 'retry-after': '1' },
      body: {
        message: 'You have exceeded a secondary rate limit.',
        documentation_url: 'https://docs.github.com/rest',
      },
      times: 1,
    });
    const ws = await workspace({ 'a.txt': MISSING_MAX_AGE, 'b.txt': VALID_B });
    const run = await runAction({
      bundle,
      cwd: ws,
      inputs: baseInputs,
      eventName: 'schedule',
      apiUrl: standIn.baseUrl,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/retrying in 1 s/);
    expect(
      standIn.requests.filter((r) => r.method === 'POST' && r.route === '/repos/{owner}/{repo}/issues'),
    ).toHaveLength(2);
    expect(issuesOf(standIn, MARKER_A)).toHaveLength(1);
  });
});

/** An RFC 8460 §4 report (our own, shaped after the RFC's example) with failures under enforce. */
/** A report of yesterday (UTC): the action judges reports against the runner's clock. */
function tlsReport(domain: string): string {
  const day = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  return JSON.stringify({
    'organization-name': 'Reporter Inc.',
    'date-range': { 'start-datetime': `${day}T00:00:00Z`, 'end-datetime': `${day}T23:59:59Z` },
    'contact-info': 'tlsrpt@reporter.example',
    'report-id': `${day}T00:00:00Z_c.example`,
    policies: [
      {
        policy: {
          'policy-type': 'sts',
          'policy-string': ['version: STSv1', 'mode: enforce', 'mx: mail.c.example', 'max_age: 604800'],
          'policy-domain': domain,
          'mx-host': ['mail.c.example'],
        },
        summary: { 'total-successful-session-count': 90, 'total-failure-session-count': 10 },
        'failure-details': [
          {
            'result-type': 'certificate-expired',
            'sending-mta-ip': '192.0.2.1',
            'receiving-mx-hostname': 'mail.c.example',
            'failed-session-count': 10,
          },
        ],
      },
    ],
  });
}

describe('reports-artifact', () => {
  const standIn = new GitHubStandIn();
  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());

  it('downloads the newest unexpired artifact and feeds its reports to the check', async () => {
    const zip = makeZip([{ name: 'reports/c.example.json', data: tlsReport('c.example') }]);
    const empty = makeZip([]);
    standIn.addArtifact({ name: 'tlsrpt', expired: false, createdAt: '2026-11-19T00:00:00Z', bytes: empty });
    const newest = standIn.addArtifact({
      name: 'tlsrpt',
      expired: false,
      createdAt: '2026-11-21T00:00:00Z',
      bytes: zip,
    });
    standIn.addArtifact({ name: 'tlsrpt', expired: true, createdAt: '2026-11-22T00:00:00Z', bytes: empty });
    standIn.addArtifact({ name: 'other', expired: false, createdAt: '2026-11-23T00:00:00Z', bytes: empty });
    const ws = await workspace({});
    const run = await runAction({
      bundle,
      cwd: ws,
      inputs: { offline: 'true', 'reports-artifact': 'tlsrpt', 'open-issues': 'false', 'fail-on': 'never' },
      eventName: 'schedule',
      apiUrl: standIn.baseUrl,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(standIn.mismatches).toEqual([]);
    expect(standIn.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/octo-org/dns/actions/artifacts',
      `GET /repos/octo-org/dns/actions/artifacts/${newest.id}/zip`,
      `GET /_blob/${newest.id}`,
    ]);
    expect(standIn.requests[0]!.query['name']).toBe('tlsrpt');
    const result = await results(run);
    expect(result.reports.parsed).toBe(1);
    expect(result.domains.map((d) => d.domain)).toContain('c.example');
    expect(result.domains.find((d) => d.domain === 'c.example')!.reports?.failedSessions).toBe(10);
  });
});

describe('pull_request events', () => {
  const standIn = new GitHubStandIn();
  beforeAll(() => standIn.start());
  afterAll(() => standIn.stop());

  it('fail on the risk the change introduces without touching issues', async () => {
    // The base commit has a valid policy; the pull request breaks it.
    const ws = await workspace({ 'a.txt': VALID, 'b.txt': VALID_B });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.example', ...args], { cwd: ws })
        .toString()
        .trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const baseSha = git('rev-parse', 'HEAD');
    await writeFile(join(ws, 'a.txt'), MISSING_MAX_AGE);
    standIn.addIssue({
      title: 'MTA-STS risk: a.example',
      body: `${MARKER_A}\nold`,
      labels: ['mta-sts-guard'],
    });
    standIn.setPullRequest(7, 'f'.repeat(40), []);

    const run = await runAction({
      bundle,
      cwd: ws,
      inputs: baseInputs,
      eventName: 'pull_request',
      payload: {
        number: 7,
        pull_request: { number: 7, base: { sha: baseSha }, head: { sha: 'f'.repeat(40) } },
      },
      apiUrl: standIn.baseUrl,
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(
      run.commands.some((c) => c.command === 'error' && /at or above fail-on: error/.test(c.message)),
    ).toBe(true);
    expect(run.commands.some((c) => c.command === 'error' && c.properties.includes('file=a.txt'))).toBe(true);
    // No issue request; the one read looks for earlier review suggestions to resolve (issue 15).
    expect(standIn.requests.map((r) => `${r.method} ${r.route}`)).toEqual([
      'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments',
    ]);
    expect(standIn.writes()).toEqual([]);
    expect(run.summary).toMatch(/FAIL/);
    expect(run.summary).toContain('pull\\_request event: issues are not touched');
  });

  it('say in the summary verdict that the change adds no problem when every error was at the base (issue 10 item 9)', async () => {
    // The base already has a.example's broken policy; the pull request only touches b.example's.
    const ws = await workspace({ 'a.txt': MISSING_MAX_AGE, 'b.txt': VALID_B });
    const git = (...args: string[]) =>
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t.example', ...args], { cwd: ws })
        .toString()
        .trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'base');
    const baseSha = git('rev-parse', 'HEAD');
    await writeFile(join(ws, 'b.txt'), VALID_B.replace('max_age: 604800', 'max_age: 1209600'));
    const run = await runAction({
      bundle,
      cwd: ws,
      inputs: baseInputs,
      eventName: 'pull_request',
      payload: {
        number: 8,
        pull_request: { number: 8, base: { sha: baseSha }, head: { sha: 'e'.repeat(40) } },
      },
      apiUrl: standIn.baseUrl,
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const result = await results(run);
    const errors = result.findings.filter((f) => f.severity === 'error');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((f) => f.status === 'existing')).toBe(true);
    const headline = run.summary!.split('\n')[0]!;
    expect(headline).toMatch(/^## mta-sts-guard: (✅ PASS|⚠️ PASS with warnings): this change introduces no/);
    expect(headline).toMatch(/existing problems? remains? from the base$/);
    expect(headline).not.toContain('FAIL');
    expect(run.summary).toContain('### Already at the base (');
    // a.example's policy file is invalid: said so, never "no policy" (issue 10 item 10).
    expect(run.summary).toContain('#### a\\.example · policy file invalid');
    expect(run.summary).not.toContain('no policy');
  });
});

describe('bad inputs', () => {
  it.each([
    // not a number
    ['timeout-seconds', 'soon', /^timeout-seconds: expected a whole number/],
    // not a choice
    ['fail-on', 'sometimes', /^fail-on: expected one of error, warning, never/],
    // not a boolean
    ['offline', 'yes please', /^offline: expected true or false/],
    // shard index past the total
    ['shard', '5/4', /^shard: expected I\/N with 1 ≤ I ≤ N/],
    // found only when the check reads it: still named as the input
    ['policy-files', 'a.example=missing.txt', /^policy-files: cannot read missing.txt: no such file/],
  ])('%s: %s fails the step naming the input', async (input, value, message) => {
    const ws = await workspace({});
    const run = await runAction({
      bundle,
      cwd: ws,
      inputs: { offline: 'true', [input]: value },
      eventName: 'schedule',
    });
    expect(run.code).toBe(1);
    const errors = run.commands.filter((c) => c.command === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toMatch(message);
  });
});
