/**
 * Issue 9 class 11 through the BUILT CLI: anyone can mail a report to a `rua` address, so a
 * report must never make a (self-hosted) runner connect anywhere. A live run whose only domain
 * input besides the reports is a policy file: the policy file's domain is observed live, the
 * domain that only a report names is judged from the report and never even resolved.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { startFakeDns, type FakeDns } from '../harness/dns-server.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from '../integration/built-cli.js';
import { report } from '../reports/helpers.js';

const TIMEOUT_SECONDS = 2;
const LIMIT_MS = (3 * TIMEOUT_SECONDS + 3) * 1000;
const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

let cli: BuiltCli;
let dns: FakeDns;
let dir: string;
let run: CliRun;
let result: CheckResult;

beforeAll(async () => {
  cli = await buildCli();
  dns = await startFakeDns({
    'good.test': { MX: [{ preference: 10, exchange: 'mx.good.test' }] },
    '_mta-sts.good.test': { TXT: ['v=STSv1; id=1'] },
    // What the attacker's report points at: resolving it would already be a step too far.
    'victim.test': { MX: [{ preference: 10, exchange: 'mx.victim.test' }] },
    'mx.victim.test': { A: ['127.0.92.9'] },
    'mta-sts.victim.test': { A: ['127.0.92.9'] },
  });
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-11-'));
  await writeFile(
    join(dir, 'good.txt'),
    'version: STSv1\r\nmode: enforce\r\nmx: mx.good.test\r\nmax_age: 604800\r\n',
  );
  await writeFile(
    join(dir, 'victim.json'),
    JSON.stringify(report({ domain: 'victim.test', day: YESTERDAY, successful: 5 })),
  );
  run = await runCli(
    cli.path,
    [
      'check',
      ...['--policy-file', `good.test=${join(dir, 'good.txt')}`, '--reports', join(dir, 'victim.json')],
      ...['--resolver', dns.resolver, '--smtp-probe', 'off', '--policy-port', '9'],
      ...['--timeout-seconds', String(TIMEOUT_SECONDS), '--format', 'json'],
    ],
    {},
    LIMIT_MS,
  );
  result = JSON.parse(run.stdout) as CheckResult;
}, 60_000);

afterAll(async () => {
  await dns?.stop();
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('domains named only by report files (issue 9 class 11)', () => {
  it('are judged from the reports', () => {
    expect(run.code).toBe(1); // good.test's policy host does not exist: policy-fetch-failed
    const victim = result.domains.find((d) => d.domain === 'victim.test');
    expect(victim?.reports?.successfulSessions).toBe(5);
    expect(victim?.mx).toEqual([]);
    expect(run.stderr).toContain('named only by report files are judged from the reports, not probed live');
  });

  it('are never resolved or probed, while the policy file domain is', () => {
    const names = dns.queries.map((q) => q.name);
    expect(names).toContain('_mta-sts.good.test');
    expect(names.filter((n) => n.includes('victim'))).toEqual([]);
    expect(result.findings.some((f) => f.domain === 'good.test' && f.rule === 'policy-fetch-failed')).toBe(
      true,
    );
  });

  it('ends in bounded time without a stack trace', () => {
    expect(run.ms).toBeLessThan(LIMIT_MS);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });
});
