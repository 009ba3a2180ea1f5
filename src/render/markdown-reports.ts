/**
 * Markdown block for one domain's TLS-RPT totals: a table (sessions, failure rate, top result
 * types, MX, reporters) and a Mermaid `xychart-beta` of sessions and failures per day. Included
 * in the job summary and in `--format markdown` by src/render/markdown.ts.
 */
import type { DomainReportSummary } from '../core/result.js';
import { code, escapeMarkdown } from './escape.js';
import { chartDays, failureRate, formatCount, reportFacts, windowLabel } from './report-facts.js';

/** Entries per cell before the rest is summarised. */
const TOP = 5;
/** Days drawn in the chart (the most recent ones); a wider chart is unreadable. */
const MAX_CHART_DAYS = 62;

export function renderReportsMarkdown(domain: string, summary: DomainReportSummary): string {
  const f = reportFacts(summary);
  const cell = (entries: [string, number][], asCode: boolean): string => {
    if (entries.length === 0) return '—';
    const shown = entries
      .slice(0, TOP)
      .map(
        ([k, n]) =>
          `${asCode ? code(k, { table: true, max: 120 }) : escapeMarkdown(k, 120)} ${formatCount(n)}`,
      );
    if (entries.length > TOP) shown.push(`+${entries.length - TOP} more`);
    return shown.join('<br>');
  };
  const reporters = f.reporters.map(([org, t]): [string, number] => [org, t.successful + t.failed]);
  const rows = [
    `**TLS-RPT reports**${windowLabel(f) ? ` (${windowLabel(f)})` : ''}`,
    '',
    '| Reports | Sessions | Failed | Top result types | Failing MX | Reporters (sessions) |',
    '|---|---|---|---|---|---|',
    `| ${f.reportCount !== null ? formatCount(f.reportCount) : '—'} | ${formatCount(f.total)} | ` +
      `${formatCount(f.failed)} (${failureRate(f.failed, f.total)}) | ${cell(f.resultTypes, true)} | ` +
      `${cell(f.mx, true)} | ${cell(reporters, false)} |`,
  ];
  if (f.mismatchCount > 0) {
    rows.push(
      '',
      `${f.mismatchCount} report(s) list failure-details that do not add up to their summary; both are kept as sent.`,
    );
  }
  const chart = mermaidChart(domain, chartDays(f.days, MAX_CHART_DAYS, { throughLastReport: true }));
  if (chart) rows.push('', chart);
  return rows.join('\n') + '\n';
}

/**
 * Colours of the two series, fixed so the legend under the chart can name them: Mermaid's
 * xychart has no legend of its own. They match the 🟦 and 🟥 squares of the legend line.
 */
const SESSIONS_COLOUR = '#55acee';
const FAILED_COLOUR = '#dd2e44';
const CHART_LEGEND = '🟦 bars: all TLS sessions reported that day · 🟥 line: failed sessions';

/** Sessions as bars and failures as a line, one point per UTC day, with axis titles and a legend. */
function mermaidChart(
  domain: string,
  days: { date: string; successful: number; failed: number }[],
): string | null {
  // A chart needs two days with reports to show anything.
  if (days.filter((d) => (d as { reports?: number }).reports !== 0).length < 2) return null;
  // Mermaid strings cannot escape a double quote; domain names never hold one, but be sure.
  const title = `TLS sessions per day: ${domain}`.replace(/["\n\r`]/g, '');
  const labels = days.map((d) => `"${d.date.slice(5)}"`).join(', ');
  const max = Math.max(1, ...days.map((d) => d.successful + d.failed));
  const theme = { themeVariables: { xyChart: { plotColorPalette: `${SESSIONS_COLOUR}, ${FAILED_COLOUR}` } } };
  return [
    '```mermaid',
    `%%{init: ${JSON.stringify(theme)}}%%`,
    'xychart-beta',
    `  title "${title}"`,
    `  x-axis "day (UTC, month-day)" [${labels}]`,
    `  y-axis "TLS sessions" 0 --> ${max}`,
    `  bar [${days.map((d) => d.successful + d.failed).join(', ')}]`,
    `  line [${days.map((d) => d.failed).join(', ')}]`,
    '```',
    '',
    CHART_LEGEND,
  ].join('\n');
}
