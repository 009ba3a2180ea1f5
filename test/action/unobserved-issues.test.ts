/**
 * Issue 10 item 3 through the built action against the GitHub stand-in: a self-hosted run opens
 * the MX-certificate issue; later runs that could not observe it (port 25 blocked, --smtp-probe
 * off, the resolver down) leave it open, and the resolver outage writes nothing at all.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { loadTestCa } from '../harness/pki.js';
import { policyText, startWorld, type World } from '../harness/world.js';
import { GitHubStandIn } from './github-stand-in.js';
import { buildAction, runAction, type ActionRun } from './run-action.js';

const DOMAIN = 'expired.test';
const MARKER = `<!-- mta-sts-guard:domain=${DOMAIN} -->`;

let bundle: string;
let world: World;
let ws: string;
const standIn = new GitHubStandIn();

beforeAll(async () => {
  const [built, ca] = await Promise.all([buildAction(), loadTestCa()]);
  bundle = built;
  world = await startWorld(
    [
      {
        domain: DOMAIN,
        mx: [{ host: `mx.${DOMAIN}`, cert: 'expired' }],
        policy: { text: policyText({ mode: 'enforce', mx: [`mx.${DOMAIN}`] }) },
      },
    ],
    { ca, addressPrefix: '127.0.61', dns: 'dns2' },
  );
  ws = await mkdtemp(join(tmpdir(), 'mta-sts-guard-unobserved-'));
  await standIn.start();
}, 180_000);

afterAll(async () => {
  await standIn.stop();
  await world?.stop();
});
afterEach(() => expect(standIn.mismatches).toEqual([]));

function run(inputs: Record<string, string>): Promise<ActionRun> {
  return runAction({
    bundle,
    cwd: ws,
    inputs: {
      domains: DOMAIN,
      resolver: world.resolver,
      'policy-port': String(world.policyPort),
      'smtp-port': String(world.smtpPort),
      'timeout-seconds': '2',
      ...inputs,
    },
    eventName: 'schedule',
    payload: { schedule: '17 4 * * *' },
    apiUrl: standIn.baseUrl,
    extraEnv: { NODE_EXTRA_CA_CERTS: world.caFile },
  });
}

async function results(r: ActionRun): Promise<CheckResult> {
  expect(r.outputs['results-file'], r.stdout + r.stderr).toBeTruthy();
  return JSON.parse(await readFile(r.outputs['results-file']!, 'utf8')) as CheckResult;
}

const issue = () => standIn.issues.filter((i) => i.body.includes(MARKER));

describe('built action: unobserved risks never open or close an issue', () => {
  it('a self-hosted run (port 25 open) opens the MX certificate issue', async () => {
    const first = await run({});
    expect(first.code, first.stdout).toBe(1);
    expect((await results(first)).findings.map((f) => f.rule)).toContain('mx-cert-expired');
    expect(issue()).toHaveLength(1);
    expect(issue()[0]).toMatchObject({ state: 'open' });
    expect(issue()[0]!.body).toContain('`mx-cert-expired`');
  });

  it('a hosted run with port 25 blocked leaves it open, saying the MX was not re-checked', async () => {
    // Nothing listens on port 9 of the MX address: every probe is refused, as on a hosted runner.
    const blocked = await run({ 'smtp-port': '9' });
    const result = await results(blocked);
    expect(result.findings.map((f) => f.rule)).toEqual(['smtp-port-blocked']);
    expect(blocked.code).toBe(0);
    const [open] = issue();
    expect(open).toMatchObject({ state: 'open' });
    expect(open!.body).toContain('Not re-checked in this run (the SMTP port is blocked on this runner)');
    expect(open!.body.split('#### Not re-checked in this run')[1]).toContain('`mx-cert-expired`');
    expect(standIn.comments.filter((c) => c.issue === open!.number)).toEqual([]);
  });

  it('--smtp-probe off leaves it open too', async () => {
    const off = await run({ 'smtp-probe': 'off' });
    expect(off.code).toBe(0);
    expect(issue()[0]).toMatchObject({ state: 'open' });
    expect(issue()[0]!.body).toContain('Not re-checked in this run (the SMTP probe is off)');
  });

  it('a resolver outage: one resolver-failed, no per-domain finding, zero issue writes', async () => {
    const writes = standIn.writes().length;
    const before = issue()[0]!.body;
    const outage = await run({ resolver: '127.0.0.1:1', 'timeout-seconds': '1' });
    expect(outage.code).toBe(1);
    const result = await results(outage);
    expect(result.findings.map((f) => [f.rule, f.domain])).toEqual([['resolver-failed', null]]);
    expect(standIn.writes().length).toBe(writes);
    expect(issue()[0]).toMatchObject({ state: 'open', body: before });
  });

  it('a run that probes again sees the risk again: open, with the note gone', async () => {
    const again = await run({});
    expect(again.code).toBe(1);
    expect(issue()[0]).toMatchObject({ state: 'open' });
    expect(issue()[0]!.body).not.toContain('Not re-checked in this run');
  });
});
