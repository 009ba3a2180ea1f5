/**
 * The rollout advisor (issue 15 item 6): a generated 14-day clean report set from two reporters
 * for a testing domain whose MX probes clean gives `enforce-ready`; a set with failures is not
 * ready, naming the breaking MX per result type with the reporters that saw it; an enforce
 * domain's failures say which MX, since when, and how many sessions a day are lost.
 */
import { describe, expect, it } from 'vitest';
import { aggregateReports, type DomainReports } from '../../src/core/aggregate.js';
import { evaluateDomain } from '../../src/core/evaluate.js';
import type { SmtpObservation } from '../../src/core/observation.js';
import { parsePolicy, type StsPolicy } from '../../src/core/policy.js';
import { parseReport } from '../../src/core/report.js';
import { reportWindow } from '../../src/core/report-window.js';
import { adviseTesting, breakingMx, describeBreaking } from '../../src/core/rollout-advisor.js';
import type { DomainResult } from '../../src/core/result.js';
import { judgeRolloutFrom, probeStatesOf } from '../../src/core/rules/rollout.js';
import { report, type ReportSpec } from '../reports/helpers.js';
import { certificate, evidence, fetched, observation, settings, tls } from './rules/policy-observations.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const MX = 'mx.example.com';
const TESTING = 'version: STSv1\r\nmode: testing\r\nmx: mx.example.com\r\nmax_age: 86400\r\n';
const ENFORCE = TESTING.replace('testing', 'enforce');

function policyOf(text: string): StsPolicy {
  return parsePolicy(text).policy!;
}

/** Reports for example.com, one per reporter and day, over the `days` days up to NOW. */
function reports(
  days: number,
  orgs: string[],
  over: (day: string, org: string) => Partial<ReportSpec> = () => ({}),
): DomainReports {
  const typed = [];
  for (let i = 0; i < days; i++) {
    const day = new Date(NOW.getTime() - i * 86_400_000).toISOString().slice(0, 10);
    for (const org of orgs) {
      const wire = report({
        org,
        id: `${org}-${day}`,
        day,
        mode: 'testing',
        successful: 100,
        ...over(day, org),
      });
      const parsed = parseReport(wire);
      if (!parsed.ok) throw new Error(parsed.error);
      typed.push(parsed.report);
    }
  }
  return aggregateReports(typed, reportWindow(NOW, 30)).byDomain.get('example.com')!;
}

const clean = [{ host: MX, problem: null }];

describe('adviseTesting', () => {
  it('is ready on 14 clean days from 2 reporters with every MX probe clean', () => {
    const advice = adviseTesting({
      policy: policyOf(TESTING),
      reports: reports(14, ['Google', 'Microsoft']),
      readinessDays: 14,
      probes: clean,
    });
    expect(advice).toMatchObject({
      kind: 'ready',
      days: 14,
      reporters: ['Google', 'Microsoft'],
      sessions: 2800,
    });
  });

  it('names --report-window-days when the window is shorter than the readiness days', () => {
    const advice = adviseTesting({
      policy: policyOf(TESTING),
      reports: reports(7, ['Google', 'Microsoft']),
      readinessDays: 14,
      windowDays: 7,
      probes: clean,
    });
    expect(advice.kind === 'not-ready' && advice.reasons).toEqual([
      'reports on 7 days, 14 needed (the report window is 7 days: run with --report-window-days 14)',
    ]);
  });

  it('is not ready with too few days, one reporter, an unprobed or failing MX', () => {
    const short = adviseTesting({
      policy: policyOf(TESTING),
      reports: reports(13, ['Google']),
      readinessDays: 14,
      probes: null,
    });
    expect(short.kind).toBe('not-ready');
    expect(short.kind === 'not-ready' && short.reasons).toEqual([
      'reports on 13 days, 14 needed (the report window must reach that far back)',
      '1 reporter, 2 needed',
      'the MX were not probed',
    ]);
    const probe = adviseTesting({
      policy: policyOf(TESTING),
      reports: reports(14, ['Google', 'Microsoft']),
      readinessDays: 14,
      probes: [{ host: MX, problem: 'certificate-expired' }],
    });
    expect(probe.kind === 'not-ready' && probe.reasons).toEqual([`MX ${MX} probe: certificate-expired`]);
    const none = adviseTesting({ policy: policyOf(TESTING), reports: null, readinessDays: 1, probes: clean });
    expect(none.kind === 'not-ready' && none.reasons).toEqual([
      'reports on 0 days, 1 needed (the report window must reach that far back)',
      '0 reporters, 2 needed',
    ]);
  });

  it('names what would break per MX and result type, with the reporters that saw it', () => {
    const set = reports(14, ['Google', 'Microsoft'], (day, org) =>
      day >= '2026-11-20'
        ? {
            failed: org === 'Google' ? 30 : 10,
            details: [
              { type: 'certificate-expired', mx: 'mx2.example.com', count: org === 'Google' ? 20 : 10 },
              ...(org === 'Google'
                ? [{ type: 'starttls-not-supported', mx: 'mx2.example.com', count: 10 }]
                : []),
            ],
          }
        : {},
    );
    const advice = adviseTesting({
      policy: policyOf(TESTING),
      reports: set,
      readinessDays: 14,
      probes: clean,
    });
    expect(advice.kind).toBe('not-ready');
    if (advice.kind !== 'not-ready') return;
    expect(advice.reasons).toEqual(['120 failed sessions under the current policy']);
    expect(advice.breaking).toEqual([
      {
        mx: 'mx2.example.com',
        failed: 120,
        since: '2026-11-20',
        last: '2026-11-22',
        perDay: 40,
        byResultType: [
          { resultType: 'certificate-expired', failed: 90, reporters: ['Google', 'Microsoft'] },
          { resultType: 'starttls-not-supported', failed: 30, reporters: ['Google'] },
        ],
      },
    ]);
    expect(describeBreaking(advice.breaking)).toBe(
      'mx2.example.com since 2026-11-20, about 40 sessions a day: certificate-expired 90 (seen by Google, Microsoft), starttls-not-supported 30 (seen by Google)',
    );
  });

  it('does not count failures under an older policy the reporter had cached', () => {
    const set = reports(14, ['Google', 'Microsoft'], (day) =>
      day === '2026-11-10'
        ? { mode: 'enforce', failed: 5, details: [{ type: 'certificate-expired', mx: MX, count: 5 }] }
        : {},
    );
    const advice = adviseTesting({
      policy: policyOf(TESTING),
      reports: set,
      readinessDays: 14,
      probes: clean,
    });
    expect(advice.kind).toBe('ready');
    expect(breakingMx([], set)).toEqual([]);
  });
});

function probe(host: string, over: Partial<SmtpObservation> = {}): SmtpObservation {
  const leaf = certificate('2027-06-01T00:00:00.000Z', {
    subject: `CN=${host}`,
    san: [host],
    commonName: host,
  });
  return {
    host,
    address: '192.0.2.25',
    port: 25,
    connected: true,
    banner: `220 ${host} ESMTP`,
    extensions: ['STARTTLS'],
    starttlsOffered: true,
    tls: tls({ chain: [leaf] }),
    error: null,
    ms: 5,
    ...over,
  };
}

function judge(policyText: string, set: DomainReports | null, days = 14) {
  const e = evidence({
    observation: observation({
      mx: { kind: 'records', records: [{ exchange: MX, preference: 10 }] },
      mxAddresses: { [MX]: { kind: 'records', records: ['192.0.2.25'] } },
      policyFetches: [fetched(policyText)],
      smtp: [probe(MX)],
    }),
    reports: set,
  });
  return evaluateDomain(
    e,
    settings({ now: NOW, smtpProbe: 'on', reportsGiven: true, enforceReadinessDays: days }),
  ).findings;
}

describe('the advisor in a domain judgement', () => {
  it('gives the notice enforce-ready on a generated 14-day clean report set for a testing domain', () => {
    const findings = judge(TESTING, reports(14, ['Google', 'Microsoft']));
    const ready = findings.find((f) => f.rule === 'enforce-ready');
    expect(ready).toMatchObject({
      severity: 'notice',
      domain: 'example.com',
      subject: '_mta-sts.example.com',
    });
    expect(ready!.message).toContain(
      'reports on 14 days (2026-11-09 to 2026-11-22) from 2 reporters (Google, Microsoft)',
    );
  });

  it('is not ready on a set with failures, naming the breaking MX on the policy-mode-testing finding', () => {
    const set = reports(14, ['Google', 'Microsoft'], (day, org) =>
      org === 'Microsoft' && day >= '2026-11-21'
        ? { failed: 7, details: [{ type: 'certificate-host-mismatch', mx: MX, count: 7 }] }
        : {},
    );
    const findings = judge(TESTING, set);
    expect(findings.map((f) => f.rule)).not.toContain('enforce-ready');
    const testing = findings.find((f) => f.rule === 'policy-mode-testing')!;
    expect(testing.message).toContain(
      `Not ready for enforce: 14 failed sessions under the current policy. Enforce would break: ${MX} since 2026-11-21, about 7 sessions a day: certificate-host-mismatch 14 (seen by Microsoft).`,
    );
  });

  it('says which MX loses mail since when under enforce, on reports-failures-enforce', () => {
    const set = reports(3, ['Google'], (day) =>
      day === '2026-11-22'
        ? { mode: 'enforce', failed: 9, details: [{ type: 'certificate-expired', mx: MX, count: 9 }] }
        : {},
    );
    const f = judge(ENFORCE, set).find((x) => x.rule === 'reports-failures-enforce')!;
    expect(f.message).toContain(
      `Lost under enforce: ${MX} since 2026-11-22, about 9 sessions a day: certificate-expired 9 (seen by Google).`,
    );
  });

  it('says nothing without reports given or without a policy', () => {
    const e = evidence({ reports: null });
    const quiet = evaluateDomain(e, settings({ reportsGiven: false })).findings;
    expect(quiet.map((f) => f.rule)).not.toContain('enforce-ready');
  });
});

describe('judgeRolloutFrom (the merge step: no evidence object, only the shard result)', () => {
  const mx = (over: Partial<DomainResult['mx'][number]>): DomainResult['mx'][number] =>
    ({
      host: MX,
      preference: 10,
      matchesPolicy: true,
      tls: null,
      error: null,
      ...over,
    }) as DomainResult['mx'][number];

  it('reads probe states from the result, null when no MX was probed', () => {
    const out = { mx: [mx({})] } as DomainResult;
    expect(probeStatesOf(out)).toBeNull();
    expect(probeStatesOf({ mx: [] } as unknown as DomainResult)).toBeNull();
    const probed = {
      mx: [
        mx({ error: 'connection refused' }),
        mx({ host: 'b.example.com', matchesPolicy: false, error: 'x' }),
      ],
    } as DomainResult;
    expect(probeStatesOf(probed)).toEqual([
      { host: MX, problem: 'connection refused' },
      { host: 'b.example.com', problem: 'matches no mx pattern of the policy' },
    ]);
  });

  it('gives enforce-ready without a location, and leaves other modes and runs without reports alone', () => {
    const r = {
      domain: 'example.com',
      policy: policyOf(TESTING),
      reports: reports(14, ['Google', 'Microsoft']),
    };
    const s = { ...settings({ reportsGiven: true }), enforceReadinessDays: 14 };
    const ready = judgeRolloutFrom({ ...r, probes: [{ host: MX, problem: null }] }, s, [], null);
    expect(ready.map((f) => [f.rule, f.location ?? null])).toEqual([['enforce-ready', null]]);
    expect(judgeRolloutFrom({ ...r, probes: null }, { ...s, reportsGiven: false }, [], null)).toEqual([]);
    const none = policyOf(TESTING.replace('testing', 'none'));
    expect(judgeRolloutFrom({ ...r, policy: none, probes: null }, s, [], null)).toEqual([]);
  });
});
