/** Aggregation per policy domain over the window (RFC 8460 §4, DESIGN.md --report-window-days). */
/* eslint-disable @typescript-eslint/no-explicit-any -- wire JSON is edited freely to build (bad) inputs */
import { describe, expect, it } from 'vitest';
import {
  aggregateReports,
  appliedMode,
  digestReport,
  MAX_BREAKDOWN_KEYS,
  MAX_LISTED_SENDING_IPS,
  MAX_SENDING_IP_ENTRIES,
  OTHER_KEY,
  ReportAggregator,
} from '../../src/core/aggregate.js';
import { parseReport, type TlsReport } from '../../src/core/report.js';
import { report, windowUpTo, type ReportSpec } from '../reports/helpers.js';

function typed(spec: ReportSpec, edit?: (r: any) => void): TlsReport {
  const wire = report(spec);
  edit?.(wire);
  const parsed = parseReport(wire);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.report;
}

describe('totals and breakdowns', () => {
  it('sums summaries for sessions and failure-details for the breakdowns', () => {
    const reports = [
      typed({
        org: 'A',
        id: '1',
        successful: 10,
        details: [{ type: 'certificate-expired', mx: 'mx1.example.com', ip: '192.0.2.1', count: 3 }],
      }),
      typed({
        org: 'B',
        id: '1',
        successful: 5,
        details: [
          { type: 'certificate-expired', mx: 'mx2.example.com', ip: '192.0.2.2', count: 1 },
          { type: 'starttls-not-supported', mx: 'mx2.example.com', ip: '192.0.2.2', count: 2 },
        ],
      }),
      typed({ org: 'C', id: '1', domain: 'other.example', successful: 1 }),
    ];
    const { byDomain, unique, duplicates } = aggregateReports(reports, windowUpTo());
    expect([unique, duplicates]).toEqual([3, 0]);
    const s = byDomain.get('example.com')!.summary;
    expect(s).toMatchObject({
      successfulSessions: 15,
      failedSessions: 6,
      byResultType: { 'certificate-expired': 4, 'starttls-not-supported': 2 },
      byMx: { 'mx2.example.com': 3, 'mx1.example.com': 3 },
      byReporter: { A: 3, B: 3 },
      bySendingIp: { '192.0.2.2': 3, '192.0.2.1': 3 },
      reportCount: 2,
      reporters: {
        A: { reports: 1, successful: 10, failed: 3 },
        B: { reports: 1, successful: 5, failed: 3 },
      },
    });
    expect(byDomain.get('other.example')!.summary.successfulSessions).toBe(1);
  });

  it('counts a report delivered twice once (organization-name + report-id)', () => {
    const agg = new ReportAggregator(windowUpTo());
    expect(agg.add(typed({ org: 'A', id: 'x', successful: 4 }))).toBe('added');
    expect(agg.add(typed({ org: 'A', id: 'x', successful: 4 }))).toBe('duplicate');
    expect(agg.add(typed({ org: 'B', id: 'x', successful: 4 }))).toBe('added'); // another reporter
    const r = agg.finish();
    expect([r.unique, r.duplicates, r.byDomain.get('example.com')!.summary.successfulSessions]).toEqual([
      2, 1, 8,
    ]);
  });

  it('keeps summary and details as sent when they disagree, and lists the mismatch', () => {
    const r = typed({
      org: 'Mail.ru',
      id: 'm',
      successful: 0,
      failed: 1,
      details: [
        { type: 'sts-policy-fetch-error', count: 1 },
        { type: 'sts-policy-fetch-error', count: 1 },
      ],
    });
    const s = aggregateReports([r], windowUpTo()).byDomain.get('example.com')!.summary;
    expect([s.failedSessions, s.byResultType['sts-policy-fetch-error']]).toEqual([1, 2]);
    expect(s['mismatchCount']).toBe(1);
    expect(s['mismatches']).toEqual([
      { reporter: 'Mail.ru', reportId: 'm', date: '2024-02-16', summaryFailed: 1, detailsFailed: 2 },
    ]);
  });

  it('groups applied policies by content, whatever their line endings', () => {
    const crlf = typed({ org: 'G', id: '1' }, (w) => {
      w.policies[0].policy['policy-string'] = w.policies[0].policy['policy-string'].map(
        (l: string) => `${l}\r`,
      );
    });
    const lf = typed({ org: 'M', id: '1' });
    const testing = typed({ org: 'T', id: '1', mode: 'testing' });
    const policies = aggregateReports([crlf, lf, testing], windowUpTo()).byDomain.get('example.com')!.summary[
      'policies'
    ] as any[];
    expect(policies.map((p) => [p.mode, p.reports, p.reporters])).toEqual([
      ['enforce', 2, ['G', 'M']],
      ['testing', 1, ['T']],
    ]);
    expect(policies[0].policyString).toEqual([
      'version: STSv1',
      'mode: enforce',
      'mx: mx.example.com',
      'max_age: 86400',
    ]);
  });

  it('caps distinct keys per breakdown, keeping totals exact', () => {
    const details = Array.from({ length: MAX_BREAKDOWN_KEYS + 10 }, (_, i) => ({
      type: 'validation-failure',
      mx: `mx${i}.example.com`,
      ip: `ip-${i}`,
      count: 1,
    }));
    const s = aggregateReports([typed({ details })], windowUpTo()).byDomain.get('example.com')!.summary;
    const sum = (r: Record<string, number>): number => Object.values(r).reduce((a, b) => a + b, 0);
    expect(Object.keys(s.byMx)).toHaveLength(MAX_BREAKDOWN_KEYS + 1);
    expect(s.byMx[OTHER_KEY]).toBe(10);
    expect(sum(s.byMx)).toBe(details.length);
    // Sending IPs: only the largest are listed, the rest summed.
    const ips = s['bySendingIp'] as Record<string, number>;
    expect(Object.keys(ips)).toHaveLength(MAX_LISTED_SENDING_IPS + 1);
    expect(sum(ips)).toBe(details.length);
  });

  it('stops keeping new sending IPs past the memory budget, totals still exact', () => {
    const perReport = 1000;
    const reports = Array.from({ length: MAX_SENDING_IP_ENTRIES / perReport + 2 }, (_, r) =>
      typed({
        id: String(r),
        details: Array.from({ length: perReport }, (_, i) => ({
          type: 'validation-failure',
          ip: `ip-${r}-${i}`,
          count: 1,
        })),
      }),
    );
    const s = aggregateReports(reports, windowUpTo()).byDomain.get('example.com')!.summary;
    const ips = s['bySendingIp'] as Record<string, number>;
    expect(ips[OTHER_KEY]).toBeGreaterThanOrEqual(2 * perReport);
    expect(Object.values(ips).reduce((a, b) => a + b, 0)).toBe(reports.length * perReport);
  });
});

describe('applied mode', () => {
  it('follows policy-type and the mode in policy-string', () => {
    const r = typed({ mode: 'testing' });
    const p = r.policies[0]!;
    expect(appliedMode(p, { mode: 'testing', maxAge: 1, mx: [] })).toBe('testing');
    expect(appliedMode({ ...p, policyType: 'tlsa' }, null)).toBe('enforce'); // DANE is always enforced
    expect(appliedMode({ ...p, policyType: 'no-policy-found' }, null)).toBe('none');
    expect(appliedMode(p, null)).toBe('unknown'); // sts without policy-string
    expect(appliedMode({ ...p, policyType: 'other' }, null)).toBe('unknown');
  });

  it('splits sessions and failures by the mode senders applied', () => {
    const d = aggregateReports(
      [
        typed({
          org: 'E',
          id: '1',
          mode: 'enforce',
          successful: 2,
          details: [{ type: 'certificate-expired', count: 3 }],
        }),
        typed({
          org: 'T',
          id: '1',
          mode: 'testing',
          successful: 4,
          details: [{ type: 'starttls-not-supported', count: 5 }],
        }),
      ],
      windowUpTo(),
    ).byDomain.get('example.com')!;
    expect(d.sessionsByMode.enforce).toEqual({ successful: 2, failed: 3 });
    expect(d.sessionsByMode.testing).toEqual({ successful: 4, failed: 5 });
    expect(d.failuresByMode.testing.byResultType).toEqual({ 'starttls-not-supported': 5 });
    expect(d.failingReportersByMode.enforce).toEqual(['E']);
  });
});

describe('window', () => {
  it('is the N UTC days ending on the day of the run clock, whatever the order of arrival', () => {
    const days = ['2024-02-20', '2024-02-01', '2024-02-14', '2024-02-13', '2024-02-17'];
    const r = aggregateReports(
      days.map((day, i) => typed({ id: String(i), day, successful: 1 })),
      windowUpTo('2024-02-21'),
    );
    expect(r.window).toEqual({ start: '2024-02-15', end: '2024-02-21' });
    expect([r.unique, r.outsideWindow, r.future]).toEqual([5, 3, 0]);
    const s = r.byDomain.get('example.com')!.summary;
    expect(s.successfulSessions).toBe(2);
    expect(s.days.filter((d) => d.successful > 0).map((d) => d.date)).toEqual(['2024-02-17', '2024-02-20']);
    // The domain's days run up to the clock's day, not to its newest report.
    expect(s.days.at(-1)?.date).toBe('2024-02-21');
  });

  it('a run long after the reports: every report is too old, and the window still says when it was', () => {
    const r = aggregateReports([typed({ id: 'a', day: '2024-02-16' })], windowUpTo('2026-12-02'));
    expect(r.window).toEqual({ start: '2026-11-26', end: '2026-12-02' });
    expect([r.unique, r.outsideWindow]).toEqual([1, 1]);
    expect(r.byDomain.size).toBe(0);
  });

  it('a report starting more than a day after the clock is refused as future-dated', () => {
    const agg = new ReportAggregator(windowUpTo('2024-02-16'));
    expect(agg.add(typed({ id: 'tomorrow', day: '2024-02-17' }))).toBe('added'); // within a day
    expect(agg.add(typed({ id: 'later', day: '2024-02-18' }))).toBe('future');
    expect(agg.add(typed({ id: 'old', day: '2024-02-01' }))).toBe('too-old');
    expect(agg.add(typed({ id: 'old', day: '2024-02-01' }))).toBe('duplicate');
    const r = agg.finish();
    expect([r.unique, r.outsideWindow, r.future, r.duplicates]).toEqual([2, 1, 1, 1]);
    // A range reaching past the clock counts on the window's last day.
    expect(r.byDomain.get('example.com')!.summary.days.map((d) => d.date)).toEqual(['2024-02-16']);
  });

  it('counts a midnight-to-midnight report (Mail.ru) on its start day', () => {
    const mailru = typed(
      { id: 'm', day: '2024-02-22' },
      (w) => (w['date-range']['end-datetime'] = '2024-02-23T00:00:00Z'),
    );
    const r = aggregateReports([mailru, typed({ id: 'g', day: '2024-02-16' })], windowUpTo('2024-02-22'));
    expect(r.window).toEqual({ start: '2024-02-16', end: '2024-02-22' });
    expect(r.outsideWindow).toBe(0);
    // Its range ends at midnight: the day before the end is its last day, so a run on the 29th
    // (window 23rd to 29th) finds it too old.
    expect(aggregateReports([mailru], windowUpTo('2024-02-29')).outsideWindow).toBe(1);
  });

  it('keeps the newest report per reporter for stale-policy checks', () => {
    const older = typed({ org: 'G', id: '1', day: '2024-02-15', mode: 'testing' });
    const newer = typed({ org: 'G', id: '2', day: '2024-02-16', mode: 'enforce' });
    const d = aggregateReports([newer, older], windowUpTo()).byDomain.get('example.com')!;
    expect(d.latestByReporter).toEqual([
      {
        organization: 'G',
        reportId: '2',
        date: '2024-02-16',
        policies: [
          { policyType: 'sts', essence: { mode: 'enforce', maxAge: 86400, mx: ['mx.example.com'] } },
        ],
      },
    ]);
  });

  it('is empty without reports', () => {
    expect(aggregateReports([], windowUpTo())).toEqual({
      byDomain: new Map(),
      unique: 0,
      duplicates: 0,
      outsideWindow: 0,
      future: 0,
      window: { start: '2024-02-10', end: '2024-02-16' },
    });
  });
});

describe('policy-strings read once (issue 11 item 5)', () => {
  const withLines = (id: string, lines: string[]): TlsReport =>
    typed({ id }, (r) => (r.policies[0].policy['policy-string'] = lines));

  it('tells lines apart from one line holding a line break, and shares each essence read-only', () => {
    const split = digestReport(
      withLines('1', ['version: STSv1', 'mode: enforce', 'mx: a.example', 'max_age: 86400']),
    );
    const joined = digestReport(
      withLines('2', ['version: STSv1\nmode: enforce', 'mx: a.example', 'max_age: 86400']),
    );
    const again = digestReport(
      withLines('3', ['version: STSv1', 'mode: enforce', 'mx: a.example', 'max_age: 86400']),
    );
    expect(split.policies[0]!.essence).toEqual({ mode: 'enforce', maxAge: 86400, mx: ['a.example'] });
    // A line is read whole: the break inside it does not start a "mode:" line.
    expect(joined.policies[0]!.essence?.mode).toBeNull();
    expect(again.policies[0]!.essenceKey).toBe(split.policies[0]!.essenceKey);
    // Shared between digests of the same policy-string, so frozen: no reader can change another's.
    expect(again.policies[0]!.essence).toBe(split.policies[0]!.essence);
    expect(() => (again.policies[0]!.essence!.mx as string[]).push('b.example')).toThrow(TypeError);
    expect(() => ((again.policies[0]!.essence as { mode: string | null }).mode = 'none')).toThrow(TypeError);
    expect(split.policies[0]!.essence).toEqual({ mode: 'enforce', maxAge: 86400, mx: ['a.example'] });
  });

  it('stays right past the cache bound (more distinct policy-strings than it keeps)', () => {
    for (let i = 0; i <= 1_200; i++) {
      const d = digestReport(withLines(`n${i}`, ['version: STSv1', 'mode: testing', `max_age: ${i}`]));
      expect(d.policies[0]!.essence?.maxAge).toBe(i);
    }
    const first = digestReport(withLines('first', ['version: STSv1', 'mode: testing', 'max_age: 0']));
    expect(first.policies[0]!.essenceKey).toBe('mode: testing; max_age: 0; mx: -');
  });
});
