import { describe, expect, it } from 'vitest';
import type { DomainReports } from '../../../src/core/aggregate.js';
import type { Finding, Location } from '../../../src/core/findings.js';
import type { DomainObservation, SmtpObservation } from '../../../src/core/observation.js';
import { parsePolicy, type StsPolicy } from '../../../src/core/policy.js';
import type { ProposedDomain } from '../../../src/core/proposed.js';
import { emptyDomainResult } from '../../../src/core/result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from '../../../src/core/rules/evidence.js';
import { judgeZones } from '../../../src/core/rules/zones.js';
import { policiesDiffer, stricterMode } from '../../../src/core/rules/zones-policy.js';

const ZONE = 'zones/example.com.yaml';
const POLICY_FILE = 'mta-sts/mta-sts.txt';
const settings: JudgementSettings = {
  now: new Date('2026-11-22T12:00:00Z'),
  certExpiryWarningDays: 14,
  smtpProbe: 'auto',
  offline: true,
};

const at = (line: number, file = ZONE): Location => ({ file, line });

/** A proposed domain from compact lines: `sts:TEXT`, `rpt:TEXT`, `mx:PREF HOST`; line = index + 1. */
function proposed(
  lines: string[],
  domain = 'example.com',
  extra: Partial<ProposedDomain> = {},
): ProposedDomain {
  const p: ProposedDomain = { domain, stsTxt: [], tlsRptTxt: [], mx: [], ...extra };
  lines.forEach((line, i) => {
    const [kind, ...rest] = line.split(':');
    const value = rest.join(':');
    if (kind === 'sts') p.stsTxt.push({ value, location: at(i + 1) });
    else if (kind === 'rpt') p.tlsRptTxt.push({ value, location: at(i + 1) });
    else {
      const [pref, host] = value.split(' ');
      p.mx.push({ value: { preference: Number(pref), exchange: host! }, location: at(i + 1) });
    }
  });
  return p;
}

const policyText = (mode: string, mx: string[], maxAge = 604800) =>
  `version: STSv1\nmode: ${mode}\n${mx.map((m) => `mx: ${m}\n`).join('')}max_age: ${maxAge}\n`;
const policy = (text: string): StsPolicy => {
  const parsed = parsePolicy(text).policy;
  if (!parsed) throw new Error(`test policy does not parse: ${text}`);
  return parsed;
};

interface Case {
  proposed?: ProposedDomain | null;
  baseProposed?: ProposedDomain | null;
  policyFile?: string | null;
  basePolicyFile?: string | null;
  live?: { policy: string; stsTxt?: string[]; mx?: string[]; smtp?: Partial<SmtpObservation>[] } | null;
  reports?: { failed: number; successful: number; byResultType?: Record<string, number> } | null;
}

function judge(c: Case): Finding[] {
  const observation: DomainObservation | null = c.live
    ? {
        domain: 'example.com',
        stsTxt: { kind: 'records', records: c.live.stsTxt ?? [] },
        tlsRptTxt: { kind: 'nodata' },
        mx: { kind: 'records', records: (c.live.mx ?? []).map((exchange) => ({ exchange, preference: 10 })) },
        mxAddresses: {},
        policyHostAddresses: null,
        policyFetches: [],
        smtp: (c.live.smtp ?? []).map((o) => ({
          host: 'mx.example.com',
          address: '192.0.2.1',
          port: 25,
          connected: true,
          banner: '220 hi',
          extensions: ['STARTTLS'],
          starttlsOffered: true,
          tls: null,
          error: null,
          ms: 5,
          ...o,
        })),
      }
    : null;
  const e: DomainEvidence = {
    domain: 'example.com',
    observation,
    policyFile: c.policyFile ? { path: POLICY_FILE, text: c.policyFile } : null,
    basePolicyFile: c.basePolicyFile ? { path: POLICY_FILE, text: c.basePolicyFile } : null,
    proposed: c.proposed === undefined ? null : c.proposed,
    baseProposed: c.baseProposed ?? null,
    reports: c.reports
      ? ({
          domain: 'example.com',
          summary: {
            successfulSessions: c.reports.successful,
            failedSessions: c.reports.failed,
            byResultType: c.reports.byResultType ?? {},
            byMx: {},
            byReporter: {},
            days: [],
          },
        } as unknown as DomainReports)
      : null,
  };
  const filePolicy = c.policyFile ? parsePolicy(c.policyFile).policy : null;
  const livePolicy = c.live ? policy(c.live.policy) : null;
  const v: PolicyVerdict = {
    policy: livePolicy ?? filePolicy,
    mode: (livePolicy ?? filePolicy)?.mode ?? null,
    livePolicy,
    livePolicyText: c.live?.policy ?? null,
    filePolicy,
  };
  return judgeZones(e, { ...settings, offline: observation === null }, v, emptyDomainResult('example.com'));
}

const brief = (findings: Finding[]) =>
  findings
    .map((f) => `${f.rule} ${f.severity} ${f.location ? `${f.location.file}:${f.location.line}` : '-'}`)
    .sort();

describe('zones family: records rules on proposed TXT', () => {
  const rows: { name: string; c: Case; want: string[] }[] = [
    {
      name: 'clean records: nothing',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=1',
          'rpt:v=TLSRPTv1; rua=mailto:t@example.com',
          'mx:10 mx.example.com',
        ]),
      },
      want: [],
    },
    {
      // RFC 8461 §3.1: id is 1-32 letters or digits.
      name: 'invalid STS id, on its line',
      c: {
        proposed: proposed([
          'mx:10 mx.example.com',
          'sts:v=STSv1; id=2026-11-22',
          'rpt:v=TLSRPTv1; rua=mailto:t@example.com',
        ]),
      },
      want: ['sts-record-invalid error zones/example.com.yaml:2'],
    },
    {
      // Two v=STSv1 records: senders apply no policy; the second line breaks the set.
      name: 'two STS records',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=1',
          'sts:v=STSv1; id=2',
          'rpt:v=TLSRPTv1; rua=mailto:t@example.com',
          'mx:1 mx.example.com',
        ]),
      },
      want: ['sts-record-multiple error zones/example.com.yaml:2'],
    },
    {
      // The same text twice is one record (an RRset is a set).
      name: 'identical duplicates are one record',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=1',
          'sts:v=STSv1; id=1',
          'rpt:v=TLSRPTv1; rua=mailto:t@example.com',
          'mx:1 mx.example.com',
        ]),
      },
      want: [],
    },
    {
      // vanityURLs: a leading space makes senders discard the record (RFC 8461 §3.1).
      name: 'leading space before v=STSv1',
      c: {
        proposed: proposed([`sts: v=STSv1; id=20220101000000Z;`, 'rpt:v=TLSRPTv1; rua=mailto:t@example.com']),
      },
      want: ['sts-record-invalid error zones/example.com.yaml:1'],
    },
    {
      // bhdicaire: TLS-RPT needs a rua (RFC 8460 §3).
      name: 'TLS-RPT without rua',
      c: { proposed: proposed(['mx:1 smtp.google.com', 'rpt:v=TLSRPTv1;', 'sts:v=STSv1; id=202310191122;']) },
      want: ['tlsrpt-record-invalid error zones/example.com.yaml:2'],
    },
    {
      // Proton/octoDNS: a stray trailing quote is not a tlsrpt-field.
      name: 'TLS-RPT with a stray quote',
      c: {
        proposed: proposed(['rpt:v=TLSRPTv1; rua=mailto:security@adminafk.fr;"', 'mx:10 mail.protonmail.ch']),
      },
      want: [
        'sts-record-missing notice zones/example.com.yaml:1',
        'tlsrpt-record-invalid error zones/example.com.yaml:1',
      ],
    },
    {
      name: 'two TLS-RPT records, severity from the policy file mode',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=1',
          'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
          'rpt:v=TLSRPTv1; rua=mailto:b@example.com',
          'mx:1 mx.example.com',
        ]),
        policyFile: policyText('testing', ['mx.example.com']),
      },
      want: ['tlsrpt-record-multiple warning zones/example.com.yaml:3'],
    },
    {
      name: 'TLS-RPT written as V=TLSRPTV1 is discarded',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=1',
          'rpt:V=TLSRPTV1; rua=mailto:a@example.com',
          'mx:1 mx.example.com',
        ]),
      },
      want: ['tlsrpt-record-invalid error zones/example.com.yaml:2'],
    },
    {
      // An STS record without TLS-RPT: failures stay invisible.
      name: 'STS without TLS-RPT, pointed at the STS line',
      c: {
        proposed: proposed(['mx:1 mx.example.com', 'sts:v=STSv1; id=1']),
        policyFile: policyText('enforce', ['mx.example.com']),
      },
      want: ['tlsrpt-record-missing warning zones/example.com.yaml:2'],
    },
    {
      name: 'policy file kept but no _mta-sts in the zone',
      c: {
        proposed: proposed(['mx:1 mx.example.com', 'rpt:v=TLSRPTv1; rua=mailto:a@example.com']),
        policyFile: policyText('enforce', ['mx.example.com']),
      },
      want: ['sts-record-missing notice zones/example.com.yaml:2'],
    },
  ];
  it.each(rows)('$name', ({ c, want }) => expect(brief(judge(c))).toEqual(want));
});

describe('zones family: proposed MX', () => {
  const rows: { name: string; c: Case; want: string[] }[] = [
    {
      // RFC 8461 §4.1: an MX the enforce policy does not list is refused.
      name: 'new MX outside the enforce policy file',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=2',
          'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
          'mx:10 mx1.example.com',
          'mx:20 backup.mailhost.example',
        ]),
        policyFile: policyText('enforce', ['mx1.example.com']),
      },
      want: ['mx-not-in-policy error zones/example.com.yaml:4'],
    },
    {
      name: 'wildcard covers one label only',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=2',
          'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
          'mx:10 a.mx.example.com',
          'mx:20 a.b.mx.example.com',
        ]),
        policyFile: policyText('testing', ['*.mx.example.com']),
      },
      want: ['mx-not-in-policy warning zones/example.com.yaml:4'],
    },
    {
      name: 'without a policy file, the live policy is used',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=2',
          'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
          'mx:10 mx2.example.com',
        ]),
        live: {
          policy: policyText('enforce', ['mx1.example.com']),
          stsTxt: ['v=STSv1; id=2'],
          mx: ['mx1.example.com'],
        },
      },
      want: ['mx-not-in-policy error zones/example.com.yaml:3'],
    },
    {
      // ccrc.gov.uk: MTA-STS published for a zone without MX.
      name: 'MTA-STS without MX',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=61658d49bbc2aee51b11cebf1d37ae83',
          'rpt:v=TLSRPTv1;rua=mailto:tls-rua@mailcheck.service.ncsc.gov.uk',
        ]),
      },
      want: ['mx-missing notice zones/example.com.yaml:1'],
    },
    {
      name: 'no MX because the name is delegated: not reported',
      c: {
        proposed: proposed(['sts:v=STSv1; id=1', 'rpt:v=TLSRPTv1; rua=mailto:a@example.com'], 'example.com', {
          mxElsewhere: true,
        }),
      },
      want: [],
    },
    {
      // judiciary.org.uk: a parked domain with TLS-RPT.
      name: 'null MX',
      c: { proposed: proposed(['mx:0 ', 'rpt:v=TLSRPTv1;rua=mailto:tls-rua@mailcheck.service.ncsc.gov.uk']) },
      want: ['mx-null notice zones/example.com.yaml:1', 'sts-record-missing notice zones/example.com.yaml:2'],
    },
    {
      // A policy mx line that matches no proposed MX is stale (the template's `mx: .` placeholder).
      name: 'stale mx line in the policy file, on its line',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=1',
          'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
          'mx:10 mx1.example.com',
        ]),
        policyFile: policyText('enforce', ['mx1.example.com', 'old.example.com']),
      },
      want: ['policy-mx-unmatched notice mta-sts/mta-sts.txt:4'],
    },
    {
      // RFC 8461 §4.2: a new MX must present a certificate for its name.
      name: 'new MX whose live certificate does not cover its name',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=1',
          'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
          'mx:10 mx1.example.com',
          'mx:20 mx.example.com',
        ]),
        policyFile: policyText('enforce', ['mx1.example.com', 'mx.example.com']),
        live: {
          policy: policyText('enforce', ['mx1.example.com', 'mx.example.com']),
          stsTxt: ['v=STSv1; id=1'],
          mx: ['mx1.example.com'],
          smtp: [
            {
              tls: {
                version: 'TLSv1.3',
                cipher: 'x',
                chainError: null,
                hostnameError: "Hostname/IP does not match certificate's altnames",
                chain: [],
                revocation: null,
              },
            },
          ],
        },
      },
      want: ['mx-cert-hostname-mismatch error zones/example.com.yaml:4'],
    },
    {
      name: 'the same certificate problem on an MX already live is the mx family business',
      c: {
        proposed: proposed([
          'sts:v=STSv1; id=1',
          'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
          'mx:10 mx.example.com',
        ]),
        policyFile: policyText('enforce', ['mx.example.com']),
        live: {
          policy: policyText('enforce', ['mx.example.com']),
          stsTxt: ['v=STSv1; id=1'],
          mx: ['mx.example.com'],
          smtp: [
            {
              tls: {
                version: 'TLSv1.3',
                cipher: 'x',
                chainError: null,
                hostnameError: 'mismatch',
                chain: [],
                revocation: null,
              },
            },
          ],
        },
      },
      want: [],
    },
  ];
  it.each(rows)('$name', ({ c, want }) => expect(brief(judge(c))).toEqual(want));

  it('says which policy and which patterns the MX missed', () => {
    const [f] = judge({
      proposed: proposed([
        'sts:v=STSv1; id=2',
        'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
        'mx:20 Backup.Mailhost.Example.',
      ]),
      policyFile: policyText('enforce', ['mx1.example.com']),
    });
    expect(f).toMatchObject({ subject: 'backup.mailhost.example', domain: 'example.com', mode: 'enforce' });
    expect(f!.message).toContain('the policy file mta-sts/mta-sts.txt (mode enforce; mx: mx1.example.com)');
  });
});

describe('zones family: policy-id-not-bumped', () => {
  const testing = policyText('testing', ['route1.mx.cloudflare.net']);
  const enforce = policyText('enforce', ['route1.mx.cloudflare.net']);
  const zone = (id: string) =>
    proposed([
      `sts:v=STSv1; id=${id}`,
      'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
      'mx:1 route1.mx.cloudflare.net',
    ]);
  const rows: { name: string; c: Case; want: string[] }[] = [
    {
      // melvyndekort: testing → enforce with id 20241119001 kept.
      name: 'policy changed against --base, id kept (no network needed)',
      c: {
        proposed: zone('20241119001'),
        baseProposed: zone('20241119001'),
        policyFile: enforce,
        basePolicyFile: testing,
      },
      want: ['policy-id-not-bumped error zones/example.com.yaml:1'],
    },
    {
      name: 'policy changed and id bumped',
      c: {
        proposed: zone('20261122'),
        baseProposed: zone('20241119001'),
        policyFile: enforce,
        basePolicyFile: testing,
      },
      want: [],
    },
    {
      // CRLF against LF is no change senders act on.
      name: 'only line endings changed',
      c: {
        proposed: zone('1'),
        baseProposed: zone('1'),
        policyFile: enforce.replace(/\n/g, '\r\n'),
        basePolicyFile: enforce,
      },
      want: [],
    },
    {
      name: 'mx order changed only',
      c: {
        proposed: zone('1'),
        baseProposed: zone('1'),
        policyFile: policyText('enforce', ['b.example.com', 'route1.mx.cloudflare.net']),
        basePolicyFile: policyText('enforce', ['route1.mx.cloudflare.net', 'b.example.com']),
      },
      want: [],
    },
    {
      name: 'policy file new at this change',
      c: { proposed: zone('1'), baseProposed: zone('1'), policyFile: enforce },
      want: [],
    },
    {
      // Severity under the stricter mode: senders keep enforcing the cached policy.
      name: 'enforce → none without a new id is judged as enforce',
      c: {
        proposed: zone('7'),
        baseProposed: zone('7'),
        policyFile: policyText('none', ['route1.mx.cloudflare.net']),
        basePolicyFile: enforce,
      },
      want: ['policy-id-not-bumped error zones/example.com.yaml:1'],
    },
    {
      name: 'file differs from the live policy while the live id is the proposed one',
      c: {
        proposed: zone('5'),
        policyFile: enforce,
        live: { policy: testing, stsTxt: ['v=STSv1; id=5'], mx: ['route1.mx.cloudflare.net'] },
      },
      want: ['policy-id-not-bumped error zones/example.com.yaml:1'],
    },
    {
      name: 'file differs from live, and the zone bumps the id',
      c: {
        proposed: zone('6'),
        policyFile: enforce,
        live: { policy: testing, stsTxt: ['v=STSv1; id=5'], mx: ['route1.mx.cloudflare.net'] },
      },
      want: [],
    },
  ];
  it.each(rows)('$name', ({ c, want }) =>
    expect(brief(judge(c)).filter((l) => l.startsWith('policy-id'))).toEqual(want),
  );

  it('names what changed and the id that was kept', () => {
    const [f] = judge({
      proposed: zone('20241119001'),
      baseProposed: zone('20241119001'),
      policyFile: enforce,
      basePolicyFile: testing,
    });
    expect(f!.message).toContain('mode testing → enforce');
    expect(f!.message).toContain('keeps id=20241119001');
    expect(f!.subject).toBe('_mta-sts.example.com');
  });

  it('modes: the stricter one wins; policies compare by meaning', () => {
    expect(stricterMode('none', 'enforce')).toBe('enforce');
    expect(stricterMode('testing', null)).toBe('testing');
    expect(stricterMode(null, 'none')).toBe('none');
    expect(policiesDiffer(policy(enforce), policy(enforce.replace(/\n/g, '\r\n')))).toBe(false);
    expect(
      policiesDiffer(policy(enforce), policy(policyText('enforce', ['route1.mx.cloudflare.net'], 86400))),
    ).toBe(true);
  });
});

describe('zones family: enforce-switch-risky', () => {
  const enforce = policyText('enforce', ['mx.example.com']);
  const testing = policyText('testing', ['mx.example.com']);
  const zone = proposed([
    'sts:v=STSv1; id=2',
    'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
    'mx:10 mx.example.com',
  ]);
  const rows: { name: string; c: Case; want: string[] }[] = [
    {
      name: 'switch to enforce while reports show failures, on the mode line',
      c: {
        proposed: zone,
        policyFile: enforce,
        basePolicyFile: testing,
        reports: { failed: 12, successful: 300, byResultType: { 'certificate-expired': 12 } },
      },
      want: ['enforce-switch-risky error mta-sts/mta-sts.txt:2'],
    },
    {
      name: 'reports clean',
      c: {
        proposed: zone,
        policyFile: enforce,
        basePolicyFile: testing,
        reports: { failed: 0, successful: 300 },
      },
      want: [],
    },
    {
      name: 'already enforce at base',
      c: {
        proposed: zone,
        policyFile: enforce,
        basePolicyFile: enforce,
        reports: { failed: 3, successful: 10 },
      },
      want: [],
    },
    {
      // Probes: the MX offers no STARTTLS.
      name: 'switch while a live probe fails STARTTLS',
      c: {
        proposed: zone,
        policyFile: enforce,
        live: {
          policy: testing,
          stsTxt: ['v=STSv1; id=1'],
          mx: ['mx.example.com'],
          smtp: [{ starttlsOffered: false }],
        },
      },
      want: ['enforce-switch-risky error mta-sts/mta-sts.txt:2'],
    },
    {
      // Port 25 blocked on the runner is not a TLS failure.
      name: 'connection failures do not count',
      c: {
        proposed: zone,
        policyFile: enforce,
        live: {
          policy: testing,
          stsTxt: ['v=STSv1; id=2'],
          mx: ['mx.example.com'],
          smtp: [{ connected: false, error: { stage: 'connect', code: 'ETIMEDOUT', message: 'timeout' } }],
        },
      },
      want: [],
    },
  ];
  it.each(rows)('$name', ({ c, want }) =>
    expect(brief(judge(c)).filter((l) => l.startsWith('enforce'))).toEqual(want),
  );

  it('quotes the evidence', () => {
    const findings = judge({
      policyFile: enforce,
      reports: { failed: 12, successful: 300, byResultType: { 'certificate-expired': 12 } },
    });
    expect(findings.map((f) => f.message)).toEqual([
      expect.stringContaining('12 failed of 312 sessions (certificate-expired 12)'),
    ]);
  });
});

describe('zones family: a deleted policy file (policy-fetch-failed)', () => {
  const enforce = policyText('enforce', ['mx.example.com']);
  const stays = proposed(['sts:v=STSv1; id=2', 'mx:10 mx.example.com']);
  const rows: { name: string; c: Case; want: string[] }[] = [
    {
      name: 'the zone still proposes the record: on its line',
      c: { proposed: stays, basePolicyFile: enforce },
      want: [`policy-fetch-failed error ${ZONE}:1`],
    },
    {
      // RFC 8461 §8.3 done at once: record and policy leave together.
      name: 'the zone removes the record too',
      c: { proposed: proposed(['mx:10 mx.example.com']), basePolicyFile: enforce },
      want: [],
    },
    {
      // Senders ignore a broken record, so they never fetch the policy.
      name: 'the zone keeps only a broken record',
      c: { proposed: proposed(['sts:v=STSv1; id=not valid!']), basePolicyFile: enforce },
      want: [],
    },
    {
      name: 'no zone names the domain; the live record stays',
      c: {
        basePolicyFile: enforce,
        live: { policy: enforce, stsTxt: ['v=STSv1; id=1'], mx: ['mx.example.com'] },
      },
      want: ['policy-fetch-failed error -'],
    },
    {
      name: 'no zone and no live record',
      c: { basePolicyFile: enforce, live: { policy: enforce, stsTxt: [], mx: ['mx.example.com'] } },
      want: [],
    },
    {
      // Offline without a zone: whether the record stays is not known.
      name: 'offline, no zone',
      c: { basePolicyFile: enforce },
      want: [],
    },
    {
      name: 'the file is kept',
      c: { proposed: stays, policyFile: enforce, basePolicyFile: enforce },
      want: [],
    },
  ];
  it.each(rows)('$name', ({ c, want }) =>
    expect(brief(judge(c)).filter((l) => l.startsWith('policy-fetch-failed'))).toEqual(want),
  );

  it('names the file, the record and the cached mode, and how to remove MTA-STS', () => {
    const [f] = judge({ proposed: stays, basePolicyFile: enforce }).filter(
      (x) => x.rule === 'policy-fetch-failed',
    );
    expect(f).toMatchObject({
      domain: 'example.com',
      subject: POLICY_FILE,
      mode: 'enforce',
      resultType: 'sts-policy-fetch-error',
    });
    expect(f!.message).toContain(
      `deletes policy file ${POLICY_FILE} while ${ZONE} still proposes _mta-sts.example.com`,
    );
    expect(f!.message).toContain('(mode enforce, max_age 604800 s)');
    expect(f!.remediation).toMatch(/mode: none with a new _mta-sts\.example\.com id.*RFC 8461 §8\.3/);
  });

  it('a base file that does not parse: no mode to name', () => {
    const [f] = judge({ proposed: stays, basePolicyFile: 'garbage\n' }).filter(
      (x) => x.rule === 'policy-fetch-failed',
    );
    expect(f).toMatchObject({ severity: 'error', mode: null });
    expect(f!.message).not.toContain('max_age');
  });
});

describe('zones family: domain result offline', () => {
  it('shows the proposed records and MX', () => {
    const out = emptyDomainResult('example.com');
    const p = proposed([
      'sts:v=STSv1; id=9',
      'rpt:v=TLSRPTv1; rua=mailto:a@example.com',
      'mx:10 mx.example.com',
      'mx:0 ',
    ]);
    const filePolicy = policy(policyText('enforce', ['mx.example.com']));
    const e: DomainEvidence = {
      domain: 'example.com',
      observation: null,
      policyFile: { path: POLICY_FILE, text: policyText('enforce', ['mx.example.com']) },
      basePolicyFile: null,
      proposed: p,
      baseProposed: null,
      reports: null,
    };
    judgeZones(
      e,
      settings,
      { policy: filePolicy, mode: 'enforce', livePolicy: null, livePolicyText: null, filePolicy },
      out,
    );
    expect(out.mtaSts.record).toEqual({ raw: 'v=STSv1; id=9', id: '9' });
    expect(out.tlsRpt.record).toEqual({
      raw: 'v=TLSRPTv1; rua=mailto:a@example.com',
      rua: ['mailto:a@example.com'],
    });
    expect(out.mx.map((m) => [m.host, m.matchesPolicy])).toEqual([
      ['mx.example.com', true],
      ['.', null],
    ]);
  });
});
