/**
 * Issue 3 acceptance: the BUILT CLI checks a small internet on loopback (unbound, HTTPS policy
 * hosts, SMTP servers with certificates from the run's throwaway CA) and reports, per domain,
 * exactly the records, policy and mx findings the rule catalogue (DESIGN.md) says a mail
 * administrator should see: no more, no fewer, with the catalogue's severity for the mode.
 */
import { X509Certificate } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES, type Finding } from '../../src/core/findings.js';
import type { CheckResult } from '../../src/core/result.js';
import { loadTestCa } from '../harness/pki.js';
import { policyText, startWorld, type World, type WorldDomain } from '../harness/world.js';
import { buildCli, runCli, type BuiltCli } from './built-cli.js';

const TIMEOUT_SECONDS = 3;
const MAX_POLICY = 64 * 1024;

type Expected = [rule: keyof typeof RULES, severity: Finding['severity'], subject: string][];

interface Scenario extends WorldDomain {
  /** Why this domain is here. */
  why: string;
  /** Findings of the records, policy and mx families; `URL` in a subject stands for the policy URL. */
  expected: Expected;
}

const enforce = (mx: string[], maxAge?: number) =>
  policyText({ mode: 'enforce', mx, ...(maxAge ? { maxAge } : {}) });

const scenarios: Scenario[] = [
  {
    why: 'everything right: enforce, two MX (one with two addresses), TLS-RPT',
    domain: 'good.test',
    mx: [{ host: 'mx1.good.test' }, { host: 'mx2.good.test', addresses: 2 }],
    policy: { text: enforce(['mx1.good.test', 'mx2.good.test']), addresses: 2 },
    expected: [],
  },
  {
    why: 'wildcard policy pattern and wildcard MX certificate are fine',
    domain: 'wild.test',
    mx: [{ host: 'mx.wild.test', cert: 'wildcard' }],
    policy: { text: enforce(['*.wild.test']) },
    expected: [],
  },
  {
    why: 'testing mode with problems: warnings, not errors',
    domain: 'testing.test',
    tlsRpt: null,
    mx: [{ host: 'mx.testing.test', cert: 'expired' }],
    policy: { text: policyText({ mode: 'testing', mx: ['mx.testing.test'] }) },
    expected: [
      ['policy-mode-testing', 'notice', 'URL'],
      ['tlsrpt-record-missing', 'warning', '_smtp._tls.testing.test'],
      ['mx-cert-expired', 'warning', 'mx.testing.test'],
    ],
  },
  {
    why: 'enforce: an MX the policy does not list, a stale pattern, an expired MX certificate',
    domain: 'drift.test',
    mx: [{ host: 'mx1.drift.test', cert: 'expired' }, { host: 'backup.drift.test' }],
    policy: { text: enforce(['mx1.drift.test', 'old.drift.test']) },
    expected: [
      ['mx-not-in-policy', 'error', 'backup.drift.test'],
      ['policy-mx-unmatched', 'notice', 'old.drift.test'],
      ['mx-cert-expired', 'error', 'mx1.drift.test'],
    ],
  },
  {
    why: 'mode none: withdrawn policy, MX problems are notices',
    domain: 'none.test',
    mx: [{ host: 'mx.none.test', cert: 'self-signed' }],
    policy: { text: policyText({ mode: 'none', mx: ['mx.none.test'] }) },
    expected: [
      ['policy-mode-none', 'notice', 'URL'],
      ['mx-cert-untrusted', 'notice', 'mx.none.test'],
    ],
  },
  {
    why: 'short max_age under enforce',
    domain: 'shortage.test',
    mx: [{ host: 'mx.shortage.test' }],
    policy: { text: enforce(['mx.shortage.test'], 3600) },
    expected: [['policy-max-age-short', 'warning', 'URL']],
  },
  {
    why: 'a key typo in an LF-only enforce policy (LF alone is silent)',
    domain: 'sloppy.test',
    mx: [{ host: 'mx.sloppy.test' }],
    policy: {
      text: 'version: STSv1\nmode: enforce\nmx: mx.sloppy.test\nmax_age: 604800\nnmx: mx2.sloppy.test\n',
    },
    expected: [['policy-key-typo', 'warning', 'URL']],
  },
  {
    why: 'policy that does not parse',
    domain: 'garbled.test',
    mx: [{ host: 'mx.garbled.test' }],
    policy: { text: 'version: STSv1\r\nmode: enforcing\r\nmx: mx.garbled.test\r\nmax_age: 604800\r\n' },
    expected: [['policy-invalid', 'error', 'URL']],
  },
  // Policy hosts that fail: senders cannot learn the mode, so MX findings (none here) would be notices.
  {
    why: 'redirect',
    domain: 'redirect.test',
    mx: [{ host: 'mx.redirect.test' }],
    policy: {
      text: '',
      response: { status: 301, headers: { location: 'https://www.redirect.test/mta-sts.txt' } },
    },
    expected: [['policy-redirect', 'error', 'URL']],
  },
  {
    why: '404',
    domain: 'notfound.test',
    mx: [{ host: 'mx.notfound.test' }],
    policy: { text: 'not here', response: { status: 404 } },
    expected: [['policy-fetch-failed', 'error', 'URL']],
  },
  {
    why: 'served as text/html',
    domain: 'html.test',
    mx: [{ host: 'mx.html.test' }],
    policy: { text: enforce(['mx.html.test']), response: { contentType: 'text/html' } },
    expected: [['policy-content-type', 'error', 'URL']],
  },
  {
    why: 'larger than 64 KiB',
    domain: 'huge.test',
    mx: [{ host: 'mx.huge.test' }],
    policy: { text: enforce(['mx.huge.test']) + '#'.repeat(MAX_POLICY) },
    expected: [['policy-too-large', 'error', 'URL']],
  },
  {
    why: 'body trickles past the deadline',
    domain: 'trickle.test',
    mx: [{ host: 'mx.trickle.test' }],
    policy: { text: enforce(['mx.trickle.test']), response: { trickleMs: 200 } },
    expected: [['policy-fetch-failed', 'error', 'URL']],
  },
  {
    why: 'policy host certificate for another name',
    domain: 'wrongcert.test',
    mx: [{ host: 'mx.wrongcert.test' }],
    policy: { text: enforce(['mx.wrongcert.test']), cert: 'wrong-host' },
    expected: [['policy-tls-invalid', 'error', 'URL']],
  },
  {
    why: 'policy host certificate expired',
    domain: 'expiredcert.test',
    mx: [{ host: 'mx.expiredcert.test' }],
    policy: { text: enforce(['mx.expiredcert.test']), cert: 'expired' },
    expected: [['policy-tls-invalid', 'error', 'URL']],
  },
  {
    why: 'policy host certificate expires in 5 days',
    domain: 'expiring.test',
    mx: [{ host: 'mx.expiring.test' }],
    policy: { text: enforce(['mx.expiring.test']), cert: 'expiring' },
    expected: [['policy-host-cert-expiring', 'warning', 'mta-sts.expiring.test']],
  },
  {
    why: 'STS record but no policy host in DNS',
    domain: 'nohost.test',
    mx: [{ host: 'mx.nohost.test' }],
    policy: null,
    expected: [['policy-fetch-failed', 'error', 'mta-sts.nohost.test']],
  },
  // Records
  {
    why: 'no MTA-STS at all (TLS-RPT only): nothing is enforced, MX problems are notices',
    domain: 'plain.test',
    sts: null,
    mx: [{ host: 'mx.plain.test', cert: 'expired' }],
    policy: null,
    expected: [
      ['sts-record-missing', 'notice', '_mta-sts.plain.test'],
      ['mx-cert-expired', 'notice', 'mx.plain.test'],
    ],
  },
  {
    why: 'broken STS record',
    domain: 'badsts.test',
    sts: ['v=STSv1; id=not valid!'],
    mx: [{ host: 'mx.badsts.test' }],
    policy: { text: enforce(['mx.badsts.test']) },
    expected: [['sts-record-invalid', 'error', '_mta-sts.badsts.test']],
  },
  {
    why: 'two STS records',
    domain: 'twosts.test',
    sts: ['v=STSv1; id=1', 'v=STSv1; id=2'],
    mx: [{ host: 'mx.twosts.test' }],
    policy: { text: enforce(['mx.twosts.test']) },
    expected: [['sts-record-multiple', 'error', '_mta-sts.twosts.test']],
  },
  {
    why: 'TLS-RPT record without a usable rua',
    domain: 'badrpt.test',
    tlsRpt: ['v=TLSRPTv1; rua=ftp://reports.badrpt.test/'],
    mx: [{ host: 'mx.badrpt.test' }],
    policy: { text: enforce(['mx.badrpt.test']) },
    expected: [['tlsrpt-record-invalid', 'error', '_smtp._tls.badrpt.test']],
  },
  {
    why: 'two TLS-RPT records',
    domain: 'tworpt.test',
    tlsRpt: ['v=TLSRPTv1; rua=mailto:a@tworpt.test', 'v=TLSRPTv1; rua=mailto:b@tworpt.test'],
    mx: [{ host: 'mx.tworpt.test' }],
    policy: { text: enforce(['mx.tworpt.test']) },
    expected: [['tlsrpt-record-multiple', 'warning', '_smtp._tls.tworpt.test']],
  },
  // MX
  {
    why: 'null MX and nothing else',
    domain: 'nomail.test',
    sts: null,
    tlsRpt: null,
    mx: 'null',
    policy: null,
    expected: [
      ['sts-record-missing', 'notice', '_mta-sts.nomail.test'],
      ['tlsrpt-record-missing', 'notice', '_smtp._tls.nomail.test'],
      ['mx-null', 'notice', 'nomail.test'],
    ],
  },
  {
    why: 'MTA-STS published but no MX',
    domain: 'nomx.test',
    mx: [],
    policy: { text: enforce(['mail.nomx.test']) },
    // With no MX at all, mx-missing says it all: every pattern "matching no MX" is not reported again.
    expected: [['mx-missing', 'error', 'nomx.test']],
  },
  {
    why: 'MX without STARTTLS',
    domain: 'plaintext.test',
    mx: [{ host: 'mx.plaintext.test', cert: null }],
    policy: { text: enforce(['mx.plaintext.test']) },
    expected: [['mx-starttls-unsupported', 'error', 'mx.plaintext.test']],
  },
  {
    why: 'MX name without address',
    domain: 'ghost.test',
    mx: [{ host: 'mx.ghost.test', addresses: 0 }],
    policy: { text: enforce(['mx.ghost.test']) },
    expected: [['mx-unreachable', 'error', 'mx.ghost.test']],
  },
  {
    why: 'MX certificate problems under enforce, one MX each',
    domain: 'certs.test',
    mx: [
      { host: 'wrong.certs.test', cert: 'wrong-host' },
      { host: 'self.certs.test', cert: 'self-signed' },
      { host: 'early.certs.test', cert: 'not-yet-valid' },
      { host: 'soon.certs.test', cert: 'expiring' },
      { host: 'weak.certs.test', cert: 'rsa1024' },
      { host: 'sha1.certs.test', cert: 'sha1' },
      { host: 'revoked.certs.test', cert: 'revoked' },
    ],
    policy: { text: enforce(['*.certs.test']) },
    expected: [
      ['mx-cert-hostname-mismatch', 'error', 'wrong.certs.test'],
      ['mx-cert-untrusted', 'error', 'self.certs.test'],
      ['mx-cert-not-yet-valid', 'error', 'early.certs.test'],
      ['mx-cert-expiring', 'warning', 'soon.certs.test'],
      ['mx-cert-weak', 'error', 'weak.certs.test'],
      ['mx-cert-weak', 'error', 'sha1.certs.test'],
      ['mx-cert-revoked', 'error', 'revoked.certs.test'],
    ],
  },
  {
    why: 'an MX that only speaks TLS 1.0',
    domain: 'oldtls.test',
    mx: [
      {
        host: 'mx.oldtls.test',
        tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'ECDHE-RSA-AES128-SHA:@SECLEVEL=0' },
      },
    ],
    policy: { text: enforce(['mx.oldtls.test']) },
    expected: [['mx-tls-version', 'error', 'mx.oldtls.test']],
  },
  {
    why: 'an MX that negotiates a suite without forward secrecy',
    domain: 'nofs.test',
    mx: [{ host: 'mx.nofs.test', tls: { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' } }],
    policy: { text: enforce(['mx.nofs.test']) },
    expected: [['mx-tls-cipher-weak', 'warning', 'mx.nofs.test']],
  },
  {
    why: 'an MX that accepts TCP and never greets',
    domain: 'stalled.test',
    mx: [{ host: 'mx.stalled.test', behaviour: 'no-banner' }],
    policy: { text: enforce(['mx.stalled.test']) },
    expected: [['mx-unreachable', 'error', 'mx.stalled.test']],
  },
];

const FAMILIES = new Set(['records', 'policy', 'mx']);

let cli: BuiltCli;
let world: World;
let run: { code: number | null; result: CheckResult; stderr: string; ms: number };

beforeAll(async () => {
  const [built, ca] = await Promise.all([buildCli(), loadTestCa()]);
  cli = built;
  world = await startWorld(scenarios, { ca, addressPrefix: '127.0.10' });
  const out = await runCli(
    cli.path,
    [
      'check',
      ...scenarios.map((s) => s.domain),
      '--resolver',
      world.resolver,
      '--policy-port',
      String(world.policyPort),
      '--smtp-port',
      String(world.smtpPort),
      '--timeout-seconds',
      String(TIMEOUT_SECONDS),
      '--smtp-probe',
      'on',
      '--format',
      'json',
    ],
    { NODE_EXTRA_CA_CERTS: world.caFile },
  );
  run = { code: out.code, result: JSON.parse(out.stdout) as CheckResult, stderr: out.stderr, ms: out.ms };
}, 120_000);

afterAll(async () => {
  await world?.stop();
  await cli?.remove();
});

function policyUrl(domain: string): string {
  const port = world.policyPort === 443 ? '' : `:${world.policyPort}`;
  return `https://mta-sts.${domain}${port}/.well-known/mta-sts.txt`;
}

function found(domain: string): string[] {
  return run.result.findings
    .filter((f) => f.domain === domain && FAMILIES.has(RULES[f.rule].family))
    .map((f) => `${f.rule} ${f.severity} ${f.subject ?? ''}`)
    .sort();
}

describe('built CLI against the loopback world', () => {
  it('checks every domain and exits 1 (there are errors)', () => {
    expect(run.result.domains.map((d) => d.domain).sort()).toEqual(scenarios.map((s) => s.domain).sort());
    expect(run.code).toBe(1);
  });

  it.each(scenarios.map((s) => [s.domain, s] as const))('%s', (domain, scenario) => {
    const expected = scenario.expected
      .map(
        ([rule, severity, subject]) =>
          `${rule} ${severity} ${subject === 'URL' ? policyUrl(domain) : subject}`,
      )
      .sort();
    expect(found(domain)).toEqual(expected);
  });

  it('a domain where everything is right has no error or warning at all', () => {
    const bad = run.result.findings.filter(
      (f) => (f.domain === 'good.test' || f.domain === 'wild.test') && f.severity !== 'notice',
    );
    expect(bad).toEqual([]);
  });

  it('a run that includes a stalled MX and a trickling policy host ends within 3 × --timeout-seconds', () => {
    expect(run.ms).toBeLessThan(3 * TIMEOUT_SECONDS * 1000);
  });

  it('carries the facts of the JSON contract', () => {
    const good = run.result.domains.find((d) => d.domain === 'good.test')!;
    const text = scenarios.find((s) => s.domain === 'good.test')!.policy!.text;
    expect(good.mtaSts.record).toEqual({ raw: 'v=STSv1; id=20261122T000000', id: '20261122T000000' });
    expect(good.mtaSts.policy).toEqual({
      raw: text,
      mode: 'enforce',
      mx: ['mx1.good.test', 'mx2.good.test'],
      maxAge: 604800,
    });
    expect(good.mtaSts.fetch).toMatchObject({
      url: policyUrl('good.test'),
      status: 200,
      contentType: 'text/plain',
      bytes: Buffer.byteLength(text),
      error: null,
    });
    expect(good.mtaSts.fetch!.ms).toBeGreaterThanOrEqual(0);
    expect(good.mtaSts.fetch!.ms).toBeLessThan(TIMEOUT_SECONDS * 1000);
    expect(good.tlsRpt.record).toEqual({
      raw: 'v=TLSRPTv1; rua=mailto:tlsrpt@good.test',
      rua: ['mailto:tlsrpt@good.test'],
    });
    expect(good.mx.map((m) => [m.host, m.preference, m.addresses, m.matchesPolicy, m.error])).toEqual([
      ['mx1.good.test', 10, world.addresses['mx1.good.test'], true, null],
      ['mx2.good.test', 20, world.addresses['mx2.good.test'], true, null],
    ]);
    for (const mx of good.mx) {
      const issued = new X509Certificate(world.certificates[`${mx.host}@${mx.addresses[0]}`]!.certPem);
      const validTo = new Date(issued.validTo);
      expect(mx.tls).toMatchObject({ starttls: true, version: 'TLSv1.3', resultType: null });
      expect(mx.tls!.cipher).toMatch(/^TLS_(AES_(128|256)_GCM_SHA(256|384)|CHACHA20_POLY1305_SHA256)$/);
      expect(mx.tls!.certificate).toEqual({
        subject: `CN=${mx.host}`,
        issuer: expect.stringContaining('CN=mta-sts-guard test CA'),
        san: [mx.host],
        validFrom: new Date(issued.validFrom).toISOString(),
        validTo: validTo.toISOString(),
        daysLeft: Math.floor((validTo.getTime() - Date.parse(run.result.generatedAt)) / 86_400_000),
        sha256: issued.fingerprint256,
      });
    }
  });

  it('an expired MX certificate is described with its dates and a negative daysLeft', () => {
    const drift = run.result.domains.find((d) => d.domain === 'drift.test')!;
    const mx1 = drift.mx.find((m) => m.host === 'mx1.drift.test')!;
    expect(mx1.tls).toMatchObject({ starttls: true, resultType: 'certificate-expired' });
    expect(mx1.tls!.certificate!.daysLeft).toBeLessThan(0);
  });
});

describe('a stalled MX on its own', () => {
  it('ends within 3 × --timeout-seconds, wall clock of the whole CLI process', async () => {
    const timeoutSeconds = 2;
    const out = await runCli(
      cli.path,
      [
        'check',
        'stalled.test',
        'good.test',
        '--resolver',
        world.resolver,
        '--policy-port',
        String(world.policyPort),
        '--smtp-port',
        String(world.smtpPort),
        '--timeout-seconds',
        String(timeoutSeconds),
        '--format',
        'json',
      ],
      { NODE_EXTRA_CA_CERTS: world.caFile },
    );
    expect(out.ms).toBeLessThan(3 * timeoutSeconds * 1000);
    const result = JSON.parse(out.stdout) as CheckResult;
    expect(result.findings.filter((f) => f.domain === 'stalled.test').map((f) => f.rule)).toEqual([
      'mx-unreachable',
    ]);
  });
});

describe('port 25 blocked on the runner (--smtp-probe auto)', () => {
  // Nothing listens on port 9 of these addresses: every SMTP connection is refused, as on a
  // hosted runner that blocks outbound port 25.
  const closedPort = '9';
  const args = (probe: string): string[] => [
    'check',
    'good.test',
    'wild.test',
    '--resolver',
    world.resolver,
    '--policy-port',
    String(world.policyPort),
    '--smtp-port',
    closedPort,
    '--timeout-seconds',
    String(TIMEOUT_SECONDS),
    '--smtp-probe',
    probe,
    '--format',
    'json',
  ];

  it('reports one smtp-port-blocked notice instead of an unreachable finding per MX', async () => {
    const out = await runCli(cli.path, args('auto'), { NODE_EXTRA_CA_CERTS: world.caFile });
    const result = JSON.parse(out.stdout) as CheckResult;
    const mxRules = result.findings.filter(
      (f) => f.rule === 'mx-unreachable' || f.rule === 'smtp-port-blocked',
    );
    expect(mxRules.map((f) => `${f.rule}:${f.severity}:${f.domain}`)).toEqual([
      'smtp-port-blocked:notice:null',
    ]);
    expect(out.code).toBe(0);
  });

  it('with --smtp-probe on, reports every MX that refused', async () => {
    const out = await runCli(cli.path, args('on'), { NODE_EXTRA_CA_CERTS: world.caFile });
    const result = JSON.parse(out.stdout) as CheckResult;
    const unreachable = result.findings.filter((f) => f.rule === 'mx-unreachable');
    expect(unreachable.length).toBeGreaterThanOrEqual(2);
    expect(unreachable.every((f) => f.severity === 'error')).toBe(true); // both domains are enforce
    expect(result.findings.some((f) => f.rule === 'smtp-port-blocked')).toBe(false);
    expect(out.code).toBe(1);
  });
});
