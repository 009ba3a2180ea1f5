/** The reports family: failures by the mode senders applied, stale policies, missing reports. */
/* eslint-disable @typescript-eslint/no-explicit-any -- wire JSON is edited freely to build (bad) inputs */
import { describe, expect, it } from 'vitest';
import { aggregateReports, type DomainReports } from '../../../src/core/aggregate.js';
import type { DomainObservation } from '../../../src/core/observation.js';
import type { StsPolicy } from '../../../src/core/policy.js';
import { parseReport } from '../../../src/core/report.js';
import { emptyDomainResult } from '../../../src/core/result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from '../../../src/core/rules/evidence.js';
import { judgeReports } from '../../../src/core/rules/reports.js';
import { report, windowUpTo, type ReportSpec } from '../../reports/helpers.js';

const settings: JudgementSettings = {
  now: new Date('2024-02-20T00:00:00Z'),
  certExpiryWarningDays: 14,
  smtpProbe: 'off',
  offline: false,
  reportsGiven: true,
  reportWindowDays: 7,
};

const noVerdict: PolicyVerdict = {
  policy: null,
  mode: null,
  livePolicy: null,
  livePolicyText: null,
  filePolicy: null,
};

function policy(mode: StsPolicy['mode'], mx = ['mx.example.com'], maxAge = 86400): StsPolicy {
  return {
    version: 'STSv1',
    mode,
    maxAge,
    mx: mx.map((m) => ({ wildcard: m.startsWith('*.'), domain: m.replace(/^\*\./, ''), raw: m })),
    extensions: [],
  };
}

function live(mode: StsPolicy['mode'], text?: string): PolicyVerdict {
  const p = policy(mode);
  return { policy: p, mode, livePolicy: p, livePolicyText: text ?? null, filePolicy: null };
}

function domainReports(specs: (ReportSpec & { edit?: (w: any) => void })[]): DomainReports {
  const typed = specs.map((spec, i) => {
    const wire = report({ id: String(i), ...spec });
    spec.edit?.(wire);
    const parsed = parseReport(wire);
    if (!parsed.ok) throw new Error(parsed.error);
    return parsed.report;
  });
  return aggregateReports(typed, windowUpTo()).byDomain.get('example.com')!;
}

function observation(tlsrpt: string[] | null): DomainObservation {
  return {
    domain: 'example.com',
    stsTxt: { kind: 'nodata' },
    tlsRptTxt: tlsrpt ? { kind: 'records', records: tlsrpt } : { kind: 'nxdomain' },
    mx: { kind: 'nodata' },
    mxAddresses: {},
    policyHostAddresses: null,
    policyFetches: [],
    smtp: [],
  };
}

function evidence(reports: DomainReports | null, obs: DomainObservation | null = null): DomainEvidence {
  return {
    domain: 'example.com',
    observation: obs,
    policyFile: null,
    basePolicyFile: null,
    proposed: null,
    baseProposed: null,
    reports,
  };
}

function judge(e: DomainEvidence, v: PolicyVerdict = noVerdict, s: JudgementSettings = settings) {
  const out = emptyDomainResult('example.com');
  const findings = judgeReports(e, s, v, out);
  return { out, findings };
}

describe('failures', () => {
  it('under an enforce policy senders applied: an error with counts, result types and MX', () => {
    const r = domainReports([
      {
        org: 'Google',
        mode: 'enforce',
        successful: 90,
        details: [
          { type: 'certificate-expired', mx: 'mx1.example.com', count: 8 },
          { type: 'validation-failure', mx: 'mx2.example.com', count: 2 },
        ],
      },
    ]);
    const { findings: all, out } = judge(evidence(r), live('testing'));
    expect(out.reports).toBe(r.summary);
    // The sender still applies enforce while the domain is back in testing: stale as well.
    expect(all.map((f) => f.rule)).toEqual(['reports-failures-enforce', 'reports-stale-policy']);
    const findings = all.filter((f) => f.rule === 'reports-failures-enforce');
    expect(findings[0]).toMatchObject({
      rule: 'reports-failures-enforce',
      severity: 'error',
      mode: 'enforce',
      subject: 'mx1.example.com',
      resultType: 'certificate-expired',
    });
    expect(findings[0]!.message).toMatch(
      /failed 10 of 100 TLS sessions \(10 %\) reported by 1 organization \(Google\)/,
    );
    expect(findings[0]!.message).toMatch(/certificate-expired 8, validation-failure 2/);
  });

  it('under testing: a warning saying what enforce would have failed', () => {
    const r = domainReports([
      { org: 'A', mode: 'testing', successful: 97, details: [{ type: 'starttls-not-supported', count: 3 }] },
      { org: 'B', mode: 'testing', successful: 100, details: [{ type: 'starttls-not-supported', count: 0 }] },
    ]);
    const findings = judge(evidence(r), live('enforce')).findings.filter(
      (f) => f.rule !== 'reports-stale-policy',
    );
    expect(findings.map((f) => [f.rule, f.severity])).toEqual([['reports-failures-testing', 'warning']]);
    expect(findings[0]!.message).toMatch(/would have failed 3 sessions \(1\.5 % of the 200 sessions/);
    expect(findings[0]!.message).toMatch(/reported by 1 organization \(A\)/);
  });

  it('unknown applied mode (no policy-string) follows the live mode', () => {
    const spec = {
      org: 'Mail.ru',
      details: [{ type: 'sts-policy-fetch-error', count: 1 }],
      edit: (w: any) => delete w.policies[0].policy['policy-string'],
    };
    expect(judge(evidence(domainReports([spec])), live('enforce')).findings.map((f) => f.rule)).toEqual([
      'reports-failures-enforce',
    ]);
    expect(judge(evidence(domainReports([spec])), live('testing')).findings.map((f) => f.rule)).toEqual([
      'reports-failures-testing',
    ]);
    expect(judge(evidence(domainReports([spec]))).findings.map((f) => f.rule)).toEqual([
      'reports-failures-testing',
    ]);
  });

  it('no failures, no finding', () => {
    expect(judge(evidence(domainReports([{ successful: 5 }])), live('enforce')).findings).toEqual([]);
  });

  it('an unknown result type is reported as other', () => {
    const r = domainReports([{ details: [{ type: 'tls-alert-70', count: 1 }] }]);
    expect(judge(evidence(r), live('enforce')).findings[0]).toMatchObject({ resultType: 'other' });
  });
});

describe('reports-stale-policy', () => {
  it('fires when a reporter’s newest report applied another policy than the live one', () => {
    const r = domainReports([{ org: 'G', mode: 'testing', successful: 1 }]);
    const { findings } = judge(evidence(r), live('enforce'));
    expect(findings).toEqual([
      expect.objectContaining({
        rule: 'reports-stale-policy',
        severity: 'warning',
        message: expect.stringMatching(/G \(report of 2024-02-16\): mode testing instead of enforce/),
      }),
    ]);
  });

  it('does not fire for CRLF, spacing or key order differences', () => {
    const r = domainReports([
      {
        org: 'G',
        edit: (w) =>
          (w.policies[0].policy['policy-string'] = [
            'max_age:86400\r',
            'MX: MX.example.com.\r',
            'version: STSv1\r',
            'mode:  enforce\r',
          ]),
      },
    ]);
    expect(judge(evidence(r), live('enforce')).findings).toEqual([]);
    const text = 'version: STSv1\r\nmode: enforce\r\nmx: mx.example.com\r\nmax_age: 86400\r\n';
    expect(judge(evidence(r), { ...noVerdict, mode: 'enforce', livePolicyText: text }).findings).toEqual([]);
  });

  it('compares with the proposed policy offline', () => {
    const r = domainReports([{ org: 'G' }]);
    const proposed = policy('enforce', ['mx.example.com', 'mx2.example.com'], 604800);
    const { findings } = judge(
      evidence(r),
      { ...noVerdict, policy: proposed, mode: 'enforce' },
      { ...settings, offline: true },
    );
    expect(findings[0]!.message).toMatch(
      /other than the proposed one.*max_age 86400 instead of 604800, mx mx2.example.com not yet applied/,
    );
  });

  it('an old report with the old policy does not count when the reporter’s newest matches', () => {
    const r = domainReports([
      { org: 'G', mode: 'testing', day: '2024-02-15' },
      { org: 'G', mode: 'enforce', day: '2024-02-16' },
    ]);
    expect(judge(evidence(r), live('enforce')).findings).toEqual([]);
  });
});

describe('reports-missing', () => {
  const published = observation(['v=TLSRPTv1; rua=mailto:tlsrpt@example.com']);
  it('fires when TLS-RPT is published live, reports were given and none is for the domain', () => {
    const { findings, out } = judge(evidence(null, published));
    expect(out.reports).toBeNull();
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'reports-missing', severity: 'notice', domain: 'example.com' }),
    ]);
    // The window counts back from the run's clock (settings.now, 2024-02-20).
    expect(findings[0]!.message).toContain('(2024-02-14 to 2024-02-20, 7 days up to this run');
  });
  it('fires for a TLS-RPT record proposed in a zone file, located on its line', () => {
    const proposed = {
      domain: 'example.com',
      stsTxt: [],
      tlsRptTxt: [
        { value: 'v=TLSRPTv1; rua=mailto:r@example.com', location: { file: 'db.example', line: 7 } },
      ],
      mx: [],
    };
    const { findings } = judge({ ...evidence(null, null), proposed });
    expect(findings).toEqual([
      expect.objectContaining({ rule: 'reports-missing', location: { file: 'db.example', line: 7 } }),
    ]);
    expect(findings[0]!.message).toMatch(/^TLS-RPT is proposed, but none of the reports given/);
  });
  const quiet: [string, DomainObservation | null, JudgementSettings][] = [
    ['no reports given at all', published, { ...settings, reportsGiven: false }],
    ['no TLS-RPT record', observation(null), settings],
    ['a TXT record that is not TLS-RPT', observation(['v=spf1 -all']), settings],
    ['offline: nothing known to be published', null, settings],
  ];
  it.each(quiet)('stays quiet: %s', (_name, obs, s) => {
    expect(judge(evidence(null, obs), noVerdict, s).findings).toEqual([]);
  });
});
