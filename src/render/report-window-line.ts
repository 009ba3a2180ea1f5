/**
 * The report window and what fell outside it (issue 10 item 5), one line shared by the text and
 * markdown renderings (JSON carries the same facts in `reports`). Only dates and counts: nothing
 * here comes from a report, so it needs no escaping.
 */
import type { ReportsSummary } from '../core/result.js';

const DAY_MS = 86_400_000;

export function reportWindowLine(reports: ReportsSummary): string | null {
  const window = reports.window;
  if (!window) return null;
  const days = Math.round((Date.parse(window.end) - Date.parse(window.start)) / DAY_MS) + 1;
  const outside = [
    reports.duplicates ? `${reports.duplicates} duplicate` : null,
    reports.outsideWindow ? `${reports.outsideWindow} too old` : null,
    reports.future ? `${reports.future} future-dated` : null,
  ].filter((x): x is string => x !== null);
  return (
    `window ${window.start} to ${window.end} (${days} day${days === 1 ? '' : 's'} up to this run's clock)` +
    `; left out: ${outside.length > 0 ? outside.join(', ') : 'none'}`
  );
}
