import { describe, expect, it } from 'vitest';
import type { JudgedMode } from '../../../src/core/findings.js';
import type { DnsAnswer } from '../../../src/core/observation.js';
import { parsePolicy } from '../../../src/core/policy.js';
import type { PolicyVerdict } from '../../../src/core/rules/evidence.js';
import { judgeRecords } from '../../../src/core/rules/records.js';
import { DOMAIN, ENFORCE_POLICY, evidence, observation, result, settings } from './policy-observations.js';

function verdict(mode: JudgedMode, livePolicyText: string | null = null): PolicyVerdict {
  const livePolicy = livePolicyText === null ? null : parsePolicy(livePolicyText).policy;
  return { policy: mode === null ? null : livePolicy, mode, livePolicy, livePolicyText, filePolicy: null };
}

function judge(stsTxt: DnsAnswer<string>, tlsRptTxt: DnsAnswer<string>, v = verdict('enforce')) {
  const out = result();
  const findings = judgeRecords(
    evidence({ observation: observation({ stsTxt, tlsRptTxt }) }),
    settings(),
    v,
    out,
  );
  return { findings, out };
}

const STS: DnsAnswer<string> = { kind: 'records', records: ['v=STSv1; id=20261122'] };
const TLSRPT_TXT = 'v=TLSRPTv1; rua=mailto:tlsrpt@example.com,https://r.example/x';
const TLSRPT: DnsAnswer<string> = { kind: 'records', records: [TLSRPT_TXT] };

describe('judgeRecords', () => {
  it('does not run offline', () => {
    const out = result();
    expect(
      judgeRecords(evidence({ observation: null }), settings({ offline: true }), verdict(null), out),
    ).toEqual([]);
    expect(out.mtaSts.record).toBeNull();
  });

  it('fills both records when each is valid', () => {
    const { findings, out } = judge(
      { kind: 'records', records: ['v=spf1 -all', 'v=STSv1; id=20261122'] },
      TLSRPT,
    );
    expect(findings).toEqual([]);
    expect(out.mtaSts.record).toEqual({ raw: 'v=STSv1; id=20261122', id: '20261122' });
    expect(out.tlsRpt.record).toEqual({
      raw: TLSRPT_TXT,
      rua: ['mailto:tlsrpt@example.com', 'https://r.example/x'],
    });
  });

  // [answer, message]
  const missing: [DnsAnswer<string>, string][] = [
    [{ kind: 'nxdomain' }, `_mta-sts.${DOMAIN} does not exist (NXDOMAIN)`],
    [{ kind: 'nodata' }, `_mta-sts.${DOMAIN} has no TXT records`],
    [{ kind: 'records', records: [] }, `_mta-sts.${DOMAIN} has no TXT records`],
    [
      { kind: 'records', records: ['v=STSv10; id=1', 'hello'] },
      `_mta-sts.${DOMAIN} has 2 TXT records, none starting with v=STSv1: "v=STSv10; id=1", "hello"`,
    ],
    [
      { kind: 'records', records: ['x'] },
      `_mta-sts.${DOMAIN} has 1 TXT record, none starting with v=STSv1: "x"`,
    ],
  ];
  it.each(missing)('reports %j as sts-record-missing', (answer, message) => {
    const { findings } = judge(answer, TLSRPT, verdict(null));
    expect(findings).toMatchObject([
      { rule: 'sts-record-missing', severity: 'notice', subject: `_mta-sts.${DOMAIN}`, message },
    ]);
  });

  it('says when the policy host serves a policy nobody fetches', () => {
    const { findings } = judge({ kind: 'nxdomain' }, TLSRPT, verdict(null, ENFORCE_POLICY));
    expect(findings[0]?.message).toContain(
      `mta-sts.${DOMAIN} serves a policy (mode enforce), but without the record senders never fetch it`,
    );
  });

  it('reports a broken STS record with its error, as an error', () => {
    const { findings, out } = judge({ kind: 'records', records: ['v=STSv1; id=2026-11-22'] }, TLSRPT);
    expect(findings).toMatchObject([{ rule: 'sts-record-invalid', severity: 'error' }]);
    expect(findings[0]?.message).toBe(
      `_mta-sts.${DOMAIN} TXT "v=STSv1; id=2026-11-22" is not a valid MTA-STS record: id "2026-11-22" at column 10 is not 1 to 32 letters or digits`,
    );
    expect(out.mtaSts.record).toBeNull();
  });

  it('reports several STS records', () => {
    const { findings } = judge({ kind: 'records', records: ['v=STSv1; id=1', 'v=STSv1; id=2'] }, TLSRPT);
    expect(findings).toMatchObject([{ rule: 'sts-record-multiple', severity: 'error' }]);
    expect(findings[0]?.message).toContain('has 2 v=STSv1 records ("v=STSv1; id=1", "v=STSv1; id=2")');
  });

  it('calls a DNS failure neither a missing nor an invalid record (issue 10)', () => {
    const { findings } = judge(
      { kind: 'error', error: 'SERVFAIL from 127.0.0.1:53 for TXT' },
      { kind: 'error', error: 'timeout: TXT' },
    );
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([
      ['dns-lookup-failed', 'warning'],
      ['dns-lookup-failed', 'warning'],
    ]);
    expect(findings[0]?.message).toContain(`TXT _mta-sts.${DOMAIN} could not be looked up (SERVFAIL`);
    expect(findings[0]?.message).toContain('says nothing about the record itself');
    expect(findings[1]?.message).toContain('(timeout: TXT)');
    expect(findings[0]?.remediation).toContain('lame delegation or a DNSSEC validation failure');
    expect(findings[1]?.remediation).toContain('did not answer in time');
  });

  it.each([
    ['enforce', 'warning'],
    ['testing', 'warning'],
    ['none', 'notice'],
    [null, 'notice'],
  ] as const)('judges a missing TLS-RPT record under mode %s as %s', (mode, severity) => {
    const { findings } = judge(STS, { kind: 'nxdomain' }, verdict(mode));
    expect(findings).toMatchObject([
      { rule: 'tlsrpt-record-missing', severity, message: `_smtp._tls.${DOMAIN} does not exist (NXDOMAIN)` },
    ]);
  });

  it('lists the TXT records that are not TLS-RPT', () => {
    const { findings } = judge(STS, { kind: 'records', records: ['v=spf1 -all'] });
    expect(findings[0]?.message).toBe(
      `_smtp._tls.${DOMAIN} has 1 TXT record, none starting with v=TLSRPTv1: "v=spf1 -all"`,
    );
  });

  it('reports a broken and a doubled TLS-RPT record', () => {
    const broken = judge(STS, { kind: 'records', records: ['v=TLSRPTv1; rua=tlsrpt@example.com'] }).findings;
    expect(broken).toMatchObject([{ rule: 'tlsrpt-record-invalid', severity: 'error' }]);
    expect(broken[0]?.message).toContain('no scheme');
    const doubled = judge(STS, { kind: 'records', records: [TLSRPT_TXT, TLSRPT_TXT] }).findings;
    expect(doubled).toMatchObject([{ rule: 'tlsrpt-record-multiple', severity: 'warning' }]);
    expect(doubled[0]?.message).toContain('senders send no reports');
  });
});
