/**
 * ReportAggregator.mergeState (issue 11 item 5): a parser worker aggregates a batch of files on
 * its own and the main thread merges it in the batch's place. Merged or refused, the result is
 * always exactly what adding the reports one by one gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BREAKDOWN_KEYS, MAX_SENDING_IP_ENTRIES, ReportAggregator } from '../../src/core/aggregate.js';
import { parseReport, type TlsReport } from '../../src/core/report.js';
import { report, windowUpTo, type ReportSpec } from '../reports/helpers.js';

const window = windowUpTo('2024-02-16', 7);

function typed(spec: ReportSpec): TlsReport {
  const parsed = parseReport(report(spec));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.report;
}

function sequential(reports: readonly TlsReport[]): ReturnType<ReportAggregator['finish']> {
  const agg = new ReportAggregator(window);
  for (const r of reports) agg.add(r);
  return agg.finish();
}

/** Adds `head` to one aggregator and `tail` to another, then merges the second into the first. */
function split(head: readonly TlsReport[], tail: readonly TlsReport[]) {
  const first = new ReportAggregator(window);
  const second = new ReportAggregator(window);
  for (const r of head) first.add(r);
  for (const r of tail) second.add(r);
  const merged = first.mergeState(second.exportState());
  return { merged, first };
}

// Days in, before and after the window (2024-02-10 to 2024-02-16; the 18th is in the future).
const DAYS = ['2024-02-01', '2024-02-10', '2024-02-12', '2024-02-16', '2024-02-18', '2024-03-01'];
const spec: fc.Arbitrary<ReportSpec> = fc.record({
  org: fc.constantFrom('A', 'B', 'C'),
  id: fc.constantFrom('1', '2', '3', '4', '5', '6'),
  domain: fc.constantFrom('example.com', 'example.org', 'xn--bcher-kva.example'),
  day: fc.constantFrom(...DAYS),
  mode: fc.constantFrom('enforce' as const, 'testing' as const),
  successful: fc.nat(1000),
  // A summary that disagrees with the details now and then (the mismatch examples).
  failed: fc.option(fc.nat(50), { nil: undefined }),
  details: fc.array(
    fc.record({
      type: fc.constantFrom('certificate-expired', 'validation-failure', 'sts-policy-fetch-error'),
      mx: fc.constantFrom('mx1.example.com', 'mx2.example.com'),
      ip: fc.constantFrom('192.0.2.1', '192.0.2.2', '2001:db8::1'),
      count: fc.integer({ min: 1, max: 20 }),
    }),
    { maxLength: 4 },
  ),
});

describe('merging an aggregate of the reports that follow', () => {
  it('gives exactly the one-by-one result whenever it merges, and changes nothing when it refuses', () => {
    fc.assert(
      fc.property(fc.array(spec, { maxLength: 24 }), fc.nat(24), (specs, at) => {
        const reports = specs.map(typed);
        const cut = Math.min(at, reports.length);
        const head = reports.slice(0, cut);
        const tail = reports.slice(cut);
        const { merged, first } = split(head, tail);
        const headKeys = new Set(head.map((r) => `${r.organizationName}/${r.reportId}`));
        const repeated = tail.some((r) => headKeys.has(`${r.organizationName}/${r.reportId}`));
        // Refused exactly when a report of the tail was already seen (no cap is near here).
        expect(merged).toBe(!repeated);
        expect(first.finish()).toEqual(merged ? sequential(reports) : sequential(head));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses when a key cap could be reached, so which keys are kept never depends on batching', () => {
    const many = (from: number, n: number, id: string) =>
      typed({
        id,
        details: Array.from({ length: n }, (_, i) => ({
          type: 'validation-failure',
          mx: `mx${from + i}.example.com`,
          count: 1,
        })),
      });
    const nearCap = many(0, MAX_BREAKDOWN_KEYS - 1, '1');
    const { merged, first } = split([nearCap], [many(MAX_BREAKDOWN_KEYS, 1, '2')]);
    expect(merged).toBe(false);
    expect(first.finish()).toEqual(sequential([nearCap]));
    // Far below the cap the same shape merges.
    expect(split([many(0, 10, '1')], [many(10, 1, '2')]).merged).toBe(true);
  });

  it('refuses when the sending-IP budget could run out', () => {
    const ips = (from: number, n: number, id: string) =>
      typed({
        id,
        details: Array.from({ length: n }, (_, i) => ({
          type: 'validation-failure',
          ip: `ip-${from + i}`,
          count: 1,
        })),
      });
    const first = new ReportAggregator(window);
    const second = new ReportAggregator(window);
    second.add(ips(0, 3, '2'));
    const state = second.exportState();
    expect(state.ipEntries).toBe(3);
    // The state claims more entries than the first aggregator has left.
    expect(first.mergeState({ ...state, ipEntries: Number.MAX_SAFE_INTEGER })).toBe(false);
    expect(first.finish().byDomain.size).toBe(0);
    expect(first.mergeState(state)).toBe(true);
  });

  it('refuses an aggregate that ran out of sending-IP budget itself', () => {
    const ips = (from: number, n: number, id: string) =>
      typed({
        id,
        details: Array.from({ length: n }, (_, i) => ({
          type: 'validation-failure',
          ip: `ip-${from + i}`,
          count: 1,
        })),
      });
    const second = new ReportAggregator(window);
    const perReport = 1000;
    for (let r = 0; r <= MAX_SENDING_IP_ENTRIES / perReport; r++)
      second.add(ips(r * perReport, perReport, `r${r}`));
    const first = new ReportAggregator(window);
    expect(first.mergeState(second.exportState())).toBe(false);
    expect(first.finish().byDomain.size).toBe(0);
  });
});
