/**
 * Text block for one domain's TLS-RPT totals: a small table (sessions, failure rate, top result
 * types, MX, reporters) and a compact per-day sparkline of sessions and failures, each on its
 * own row so the block fits 100 columns (text.ts wraps long values under their column).
 */
import { plural } from '../core/plural.js';
import type { DomainReportSummary } from '../core/result.js';
import {
  chartDays,
  failureRate,
  formatCount,
  reportFacts,
  windowLabel,
  type ReportFacts,
} from './report-facts.js';

/** Entries per row before the rest is summarised as "+N more". */
const TOP = 3;
/** Days drawn in the sparkline (the most recent ones). */
const MAX_SPARK_DAYS = 62;
const BARS = '▁▂▃▄▅▆▇█';
/** A day without any report (as opposed to a day with zero sessions). */
const NO_REPORT = '·';

export interface ReportsBlock {
  head: string;
  rows: [string, string][];
}

/** The block unwrapped, indented two spaces (rows four): what text.ts lays out. */
export function renderReportsText(summary: DomainReportSummary): string[] {
  const { head, rows } = reportsBlock(summary);
  const width = Math.max(...rows.map(([k]) => k.length));
  return [`  ${head}`, ...rows.map(([k, v]) => `    ${k.padEnd(width)}  ${v}`)];
}

export function reportsBlock(summary: DomainReportSummary): ReportsBlock {
  const f = reportFacts(summary);
  const reports = f.reportCount !== null ? `${plural(f.reportCount, 'report')} from ` : '';
  const period = windowLabel(f);
  const head = `TLS-RPT: ${reports}${plural(f.reporters.length, 'organization')}${period ? `, ${period}` : ''}`;
  const rows: [string, string][] = [
    [
      'sessions',
      `${formatCount(f.total)} (${formatCount(f.total - f.failed)} successful, ${formatCount(f.failed)} failed = ${failureRate(f.failed, f.total)})`,
    ],
  ];
  if (f.resultTypes.length > 0) rows.push(['result types', list(f.resultTypes)]);
  if (f.mx.length > 0) rows.push(['failing MX', list(f.mx)]);
  rows.push([
    'reporters',
    list(
      f.reporters.map(([org, t]) => [org, t.successful + t.failed]),
      (org, n) => {
        const failed = f.reporters.find(([o]) => o === org)?.[1].failed ?? 0;
        return `${org} ${formatCount(n)}${failed > 0 ? ` (${formatCount(failed)} failed)` : ''}`;
      },
    ),
  ]);
  if (f.mismatchCount > 0) {
    rows.push([
      'note',
      `${plural(f.mismatchCount, 'report')} whose failure-details do not add up to their summary`,
    ]);
  }
  rows.push(...sparklines(f));
  return { head, rows };
}

function list(
  entries: [string, number][],
  show = (k: string, n: number): string => `${k} ${formatCount(n)}`,
): string {
  const shown = entries.slice(0, TOP).map(([k, n]) => show(k, n));
  if (entries.length > TOP) shown.push(`+${entries.length - TOP} more`);
  return shown.join(', ');
}

/** "sessions ▂▅█▃ failed ▁▁▆▁": each mark one day, scaled to the busiest day of its row. */
export function sparkline(values: (number | null)[]): string {
  const max = Math.max(0, ...values.map((v) => v ?? 0));
  return values
    .map((v) => {
      if (v === null) return NO_REPORT;
      if (v === 0 || max === 0) return BARS[0];
      return BARS[Math.max(1, Math.round((v / max) * (BARS.length - 1)))];
    })
    .join('');
}

/** The per-day rows: the days drawn, then one sparkline of sessions and one of failures. */
function sparklines(f: ReportFacts): [string, string][] {
  const days = chartDays(f.days, MAX_SPARK_DAYS);
  const noReport = (d: (typeof days)[number]): boolean => d.reports === 0;
  // Drawn only when it can show a trend: two or more days with reports.
  if (days.filter((d) => !noReport(d)).length < 2) return [];
  const sessions = sparkline(days.map((d) => (noReport(d) ? null : d.successful + d.failed)));
  const failed = sparkline(days.map((d) => (noReport(d) ? null : d.failed)));
  const range = `${days[0]!.date} … ${days[days.length - 1]!.date}`;
  return [
    ['per day', `${range}${days.some(noReport) ? ` (${NO_REPORT} = no report)` : ''}`],
    ['  sessions', sessions],
    ['  failed', failed],
  ];
}
