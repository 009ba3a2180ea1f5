/**
 * Issue 10 item 2 through the built CLI: the runner's DNS trouble is not the domains' trouble.
 * A resolver that answers nothing gives one run-level `resolver-failed` and no per-domain finding;
 * one domain whose lookups SERVFAIL, while the resolver answers the others, gives
 * `dns-lookup-failed` warnings for that domain, never "record invalid" or "no record".
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { startFakeDns, type FakeDns } from '../harness/dns-server.js';
import { buildCli, runCli, type BuiltCli } from '../integration/built-cli.js';

let cli: BuiltCli;
let dns: FakeDns;

const SERVFAIL = { rcode: 'SERVFAIL' as const };

beforeAll(async () => {
  cli = await buildCli();
  dns = await startFakeDns(
    {
      'good1.test': { MX: [{ preference: 10, exchange: 'mx.good1.test' }] },
      'mx.good1.test': { A: ['127.0.0.1'] },
      '_smtp._tls.good1.test': { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@good1.test'] },
      'good2.test': { MX: [{ preference: 10, exchange: 'mx.good2.test' }] },
      'mx.good2.test': { A: ['127.0.0.1'] },
      '_smtp._tls.good2.test': { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@good2.test'] },
    },
    {
      'bad.test': SERVFAIL,
      '_mta-sts.bad.test': SERVFAIL,
      '_smtp._tls.bad.test': SERVFAIL,
      'mta-sts.bad.test': SERVFAIL,
    },
  );
}, 60_000);

afterAll(async () => {
  await dns?.stop();
  await cli?.remove();
});

describe('built CLI: resolver failures', () => {
  it('--resolver 127.0.0.1:1: one resolver-failed naming the resolver, zero per-domain findings', async () => {
    const run = await runCli(
      cli.path,
      [
        'check',
        'a.example',
        'b.example',
        '--resolver',
        '127.0.0.1:1',
        '--timeout-seconds',
        '1',
        '--format',
        'json',
      ],
      {},
    );
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as CheckResult;
    expect(result.findings.map((f) => [f.rule, f.severity, f.domain, f.subject])).toEqual([
      ['resolver-failed', 'error', null, '127.0.0.1:1'],
    ]);
    expect(result.findings[0]?.message).toContain('127.0.0.1:1');
    expect(result.findings[0]?.remediation).toMatch(/reachable from this runner/);
    expect(result.summary).toMatchObject({ domains: 2, errors: 1, warnings: 0, notices: 0 });

    const text = await runCli(
      cli.path,
      ['check', 'a.example', '--resolver', '127.0.0.1:1', '--timeout-seconds', '1'],
      {},
    );
    expect(text.stdout).toMatch(
      /\nThis run \(the runner, not the domains\)\n {2}ERROR resolver-failed {2}.*\n {4}the resolver 127\.0\.0\.1:1 did not answer/,
    );
    expect(text.stdout).not.toMatch(/sts-record|policy-fetch|mx-unreachable/);
  });

  it('one domain SERVFAILs while the others answer: dns-lookup-failed warnings, never record findings', async () => {
    const run = await runCli(
      cli.path,
      [
        'check',
        'good1.test',
        'good2.test',
        'bad.test',
        '--resolver',
        dns.resolver,
        '--smtp-probe',
        'off',
        '--timeout-seconds',
        '2',
        '--format',
        'json',
      ],
      {},
    );
    const result = JSON.parse(run.stdout) as CheckResult;
    const bad = result.findings.filter((f) => f.domain === 'bad.test');
    expect(bad.map((f) => [f.rule, f.severity, f.subject]).sort()).toEqual([
      ['dns-lookup-failed', 'warning', '_mta-sts.bad.test'],
      ['dns-lookup-failed', 'warning', '_smtp._tls.bad.test'],
      ['dns-lookup-failed', 'warning', 'bad.test'],
      ['dns-lookup-failed', 'warning', 'mta-sts.bad.test'],
    ]);
    for (const f of bad) {
      expect(f.message).toContain('SERVFAIL');
      expect(f.remediation).toMatch(/SERVFAIL for this name only/);
    }
    expect(result.findings.some((f) => f.rule === 'resolver-failed')).toBe(false);
    // The answering domains are judged as usual: no STS record is a notice, nothing else.
    const good = result.findings.filter((f) => f.domain !== 'bad.test').map((f) => `${f.rule} ${f.domain}`);
    expect(good.sort()).toEqual(['sts-record-missing good1.test', 'sts-record-missing good2.test']);
    expect(run.code).toBe(0);
  });
});
