/**
 * Issue 10 item 8 through the built action against the GitHub stand-in: pull_request runs on
 * what actions/checkout leaves by default. A depth-1 clone judges the change against the base
 * (fetched from origin); with origin gone, one warning names fetch-depth: 0 and the run judges
 * without comparison instead of failing on its configuration; a run with domains only works in
 * a workspace that is no git repository; a zone-files pattern that matches nothing is a warning.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { loadTestCa } from '../harness/pki.js';
import { PR_BASE, PR_HEAD, ZONE_B } from '../harness/pr-fixtures.js';
import { shallowPullRequest, type PullRequestRepo } from '../harness/pr-repo.js';
import { policyText, startWorld, type World } from '../harness/world.js';
import { GitHubStandIn } from './github-stand-in.js';
import { buildAction, runAction, type ActionRun } from './run-action.js';

let bundle: string;
const standIn = new GitHubStandIn();

beforeAll(async () => {
  bundle = await buildAction();
  await standIn.start();
}, 180_000);
afterAll(() => standIn.stop());
afterEach(() => expect(standIn.mismatches).toEqual([]));

/** Review suggestions (which read the pull request's comments) are pr-suggestions.test.ts's subject. */
const NO_SUGGESTIONS = { 'suggest-fixes': 'false' };

const FILE_INPUTS = {
  ...NO_SUGGESTIONS,
  offline: 'true',
  'zone-files': 'zones/*',
  'policy-files': 'a.example=a.txt\nb.example=b.txt',
};

function pullRequest(pr: { base: string; head: string }) {
  return {
    number: 7,
    pull_request: { number: 7, base: { sha: pr.base }, head: { sha: pr.head } },
  };
}

async function results(run: ActionRun): Promise<CheckResult> {
  expect(run.outputs['results-file'], run.stdout + run.stderr).toBeTruthy();
  return JSON.parse(await readFile(run.outputs['results-file']!, 'utf8')) as CheckResult;
}

const warnings = (run: ActionRun) =>
  run.commands.filter((c) => c.command === 'warning').map((c) => c.message);
const errors = (run: ActionRun) => run.commands.filter((c) => c.command === 'error');

describe('built action: pull_request on a depth-1 checkout', () => {
  let pr: PullRequestRepo;
  beforeAll(async () => {
    pr = await shallowPullRequest(PR_BASE, PR_HEAD);
  });
  afterAll(() => pr?.remove());

  it('fetches the base commit and fails on what the change introduces', async () => {
    const run = await runAction({
      bundle,
      cwd: pr.clone,
      inputs: FILE_INPUTS,
      eventName: 'pull_request',
      payload: pullRequest(pr),
      apiUrl: standIn.baseUrl,
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).toContain(`base-ref ${pr.base}: fetched commit ${pr.base.slice(0, 12)}`);
    expect(warnings(run)).toEqual([]);
    const result = await results(run);
    const failing = result.findings.filter((f) => f.severity === 'error' && f.status === 'new');
    expect(failing.map((f) => `${f.rule} ${f.domain}`).sort()).toEqual([
      'policy-fetch-failed b.example',
      'policy-invalid a.example',
    ]);
    expect(result.findings.filter((f) => f.status === 'existing').map((f) => f.rule)).toEqual([
      'tlsrpt-record-missing',
    ]);
    // The deleted policy file is annotated on the record that still points senders at it.
    expect(
      errors(run).some(
        (c) => c.properties.includes(`file=${ZONE_B}`) && c.message.includes('deletes policy file b.txt'),
      ),
    ).toBe(true);
    expect(errors(run).some((c) => /at or above fail-on: error/.test(c.message))).toBe(true);
    expect(standIn.requests).toEqual([]);
  });

  it('origin gone: one warning naming fetch-depth: 0, judged without comparison, never a configuration error', async () => {
    const lost = await shallowPullRequest(PR_BASE, PR_HEAD);
    lost.loseOrigin();
    try {
      const run = await runAction({
        bundle,
        cwd: lost.clone,
        inputs: FILE_INPUTS,
        eventName: 'pull_request',
        payload: pullRequest(lost),
        apiUrl: standIn.baseUrl,
      });
      expect(run.code, run.stdout + run.stderr).toBe(1);
      const baseWarnings = warnings(run).filter((w) => w.includes('fetch-depth: 0'));
      expect(baseWarnings).toHaveLength(1);
      // Named as the input the workflow sets, not the CLI flag.
      expect(baseWarnings[0]).toMatch(/^base-ref [0-9a-f]{40}: this shallow clone does not have that commit/);
      expect(run.summary).toContain('fetch\\-depth: 0');
      const result = await results(run);
      expect(result.findings.every((f) => f.status === undefined)).toBe(true);
      expect(result.findings.map((f) => f.rule)).toContain('policy-invalid');
      // The step fails on the findings, not on its configuration.
      const failed = errors(run).filter((c) => c.properties === '');
      expect(failed.map((c) => c.message)).toEqual([expect.stringMatching(/at or above fail-on: error/)]);
    } finally {
      await lost.remove();
    }
  });

  it('a zone-files pattern that matches nothing is a warning naming it', async () => {
    const run = await runAction({
      bundle,
      cwd: pr.clone,
      inputs: { ...FILE_INPUTS, 'zone-files': 'zones/*\noctodns/*.yaml' },
      eventName: 'pull_request',
      payload: pullRequest(pr),
      apiUrl: standIn.baseUrl,
    });
    expect(run.code).toBe(1);
    expect(warnings(run)).toEqual([
      "zone-files: no file matches 'octodns/*.yaml'; the other patterns are read",
    ]);
    expect((await results(run)).findings.map((f) => f.rule)).toContain('policy-fetch-failed');
  });

  it('no zone-files pattern matching anything stays a configuration error', async () => {
    const run = await runAction({
      bundle,
      cwd: pr.clone,
      inputs: { ...FILE_INPUTS, 'zone-files': 'bind/*.zone\noctodns/*.yaml' },
      eventName: 'pull_request',
      payload: pullRequest(pr),
      apiUrl: standIn.baseUrl,
    });
    expect(run.code).toBe(1);
    expect(run.outputs['results-file']).toBeUndefined();
    expect(errors(run).map((c) => c.message)).toEqual([
      "zone-files: no file matches 'bind/*.zone' or 'octodns/*.yaml'",
    ]);
  });
});

describe('built action: pull_request with domains only', () => {
  let world: World;
  let ws: string;
  beforeAll(async () => {
    const ca = await loadTestCa();
    world = await startWorld(
      [
        {
          domain: 'ok.test',
          mx: [{ host: 'mx.ok.test' }],
          policy: { text: policyText({ mode: 'enforce', mx: ['mx.ok.test'] }) },
        },
        {
          domain: 'expired.test',
          mx: [{ host: 'mx.expired.test', cert: 'expired' }],
          policy: { text: policyText({ mode: 'enforce', mx: ['mx.expired.test'] }) },
        },
      ],
      { ca, addressPrefix: '127.0.108', dns: 'dns2' },
    );
    // Not a checkout: no .git anywhere up from a fresh temporary folder.
    ws = await mkdtemp(join(tmpdir(), 'mta-sts-guard-not-git-'));
  }, 120_000);
  afterAll(async () => {
    await world?.stop();
    await rm(ws, { recursive: true, force: true });
  });

  it('works in a workspace that is not a git repository: judged live, exit 1 on the risk', async () => {
    const run = await runAction({
      bundle,
      cwd: ws,
      inputs: {
        ...NO_SUGGESTIONS,
        domains: 'ok.test expired.test',
        resolver: world.resolver,
        'policy-port': String(world.policyPort),
        'smtp-port': String(world.smtpPort),
        'timeout-seconds': '2',
      },
      eventName: 'pull_request',
      payload: pullRequest({ base: 'a'.repeat(40), head: 'b'.repeat(40) }),
      apiUrl: standIn.baseUrl,
      extraEnv: { NODE_EXTRA_CA_CERTS: world.caFile },
    });
    expect(run.code, run.stdout + run.stderr).toBe(1);
    expect(run.stdout).not.toMatch(/git repository|base-ref/);
    const result = await results(run);
    expect(result.domains.map((d) => d.domain).sort()).toEqual(['expired.test', 'ok.test']);
    const failing = result.findings.filter((f) => f.severity === 'error');
    expect(failing.map((f) => `${f.rule} ${f.domain}`)).toEqual(['mx-cert-expired expired.test']);
    expect(result.findings.filter((f) => f.domain === 'ok.test' && f.severity !== 'notice')).toEqual([]);
    // A pull request event touches no issue.
    expect(standIn.requests).toEqual([]);
  });
});
