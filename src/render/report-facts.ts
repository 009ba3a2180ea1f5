/**
 * Reading the report summary for renderers: the contract fields plus the issue 4 extensions,
 * which the JSON type carries as `unknown` (DomainReportSummary's index signature).
 */
import type { DomainReportSummary, ReportDay } from '../core/result.js';

export interface ReporterTotals {
  reports: number;
  successful: number;
  failed: number;
}

export interface ReportFacts {
  total: number;
  failed: number;
  reportCount: number | null;
  window: { start: string; end: string } | null;
  reporters: [string, ReporterTotals][];
  resultTypes: [string, number][];
  mx: [string, number][];
  days: (ReportDay & { reports?: number })[];
  mismatchCount: number;
}

export function reportFacts(s: DomainReportSummary): ReportFacts {
  const reporters = isRecord(s['reporters'])
    ? Object.entries(s['reporters'] as Record<string, ReporterTotals>)
    : Object.entries(s.byReporter).map(([org, failed]): [string, ReporterTotals] => [
        org,
        { reports: 0, successful: 0, failed },
      ]);
  reporters.sort(
    ([a, x], [b, y]) => y.successful + y.failed - (x.successful + x.failed) || a.localeCompare(b),
  );
  const w = s['window'];
  return {
    total: s.successfulSessions + s.failedSessions,
    failed: s.failedSessions,
    reportCount: typeof s['reportCount'] === 'number' ? s['reportCount'] : null,
    window:
      isRecord(w) && typeof w['start'] === 'string' && typeof w['end'] === 'string'
        ? (w as ReportFacts['window'])
        : null,
    reporters,
    resultTypes: top(s.byResultType),
    mx: top(s.byMx),
    days: s.days,
    mismatchCount: typeof s['mismatchCount'] === 'number' ? s['mismatchCount'] : 0,
  };
}

function top(record: Record<string, number>): [string, number][] {
  return Object.entries(record)
    .filter(([, n]) => n > 0)
    .sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb));
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** Failure share, e.g. "5.4 %"; "n/a" with no sessions. */
export function failureRate(failed: number, total: number): string {
  if (total === 0) return 'n/a';
  const p = (100 * failed) / total;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p.toFixed(1)} %`;
}

/** The days that have reports ("2024-02-16 to 2024-02-22"); the window when days are unknown. */
export function windowLabel(f: ReportFacts): string {
  const days = f.days.filter((d) => d.reports !== 0);
  const first = days[0]?.date ?? f.window?.start;
  const last = days[days.length - 1]?.date ?? f.window?.end;
  if (!first || !last) return '';
  return first === last ? first : `${first} to ${last}`;
}

/**
 * The days to draw: at most `max` of the most recent, from the first day with a report. With
 * `throughLastReport`, also only up to the last day with one (the markdown chart: a window day
 * after the newest report, drawn as 0, would read as "no sessions, no failures").
 */
export function chartDays<T extends ReportDay & { reports?: number }>(
  days: T[],
  max: number,
  options: { throughLastReport?: boolean } = {},
): T[] {
  let end = days.length;
  if (options.throughLastReport) while (end > 0 && days[end - 1]!.reports === 0) end--;
  const recent = days.slice(0, end).slice(-max);
  const first = recent.findIndex((d) => d.reports !== 0);
  return first < 0 ? [] : recent.slice(first);
}
