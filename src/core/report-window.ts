/**
 * The TLS-RPT report window (DESIGN.md `--report-window-days`): the N UTC days ending on the day
 * of the run's clock. Reports whose range ended before it are ignored (too old); a report that
 * starts more than FUTURE_TOLERANCE_MS after the clock is report-invalid (future-dated: a broken
 * reporter clock, or a crafted file). Pure: `now` is injected.
 */

const DAY_MS = 86_400_000;

/**
 * RFC 8460 §4.1 ranges are UTC days, sent after the day ends; a reporter whose clock runs ahead,
 * or a run early in the UTC day, may see a range that starts a little after "now". A day of slack
 * keeps those, while a report dated further ahead cannot be a report of what happened.
 */
export const FUTURE_TOLERANCE_MS = DAY_MS;

/** DESIGN.md: --report-window-days defaults to 7 (TLS-RPT reports are daily, RFC 8460 §4.1). */
export const DEFAULT_REPORT_WINDOW_DAYS = 7;

export interface ReportWindow {
  /** --report-window-days. */
  days: number;
  /** The run's clock, epoch ms. */
  nowMs: number;
  /** First and last UTC day of the window, as day numbers (epoch ms / DAY_MS, floored). */
  firstDay: number;
  lastDay: number;
}

export type ReportPlacement = 'in-window' | 'too-old' | 'future';

/** The window of `days` UTC days ending on the day of `now`. */
export function reportWindow(now: Date, days: number): ReportWindow {
  const lastDay = Math.floor(now.getTime() / DAY_MS);
  return { days, nowMs: now.getTime(), firstDay: lastDay - days + 1, lastDay };
}

/** Where a report with this date range falls. An end at midnight counts for the day before. */
export function placeReport(window: ReportWindow, startMs: number, endMs: number): ReportPlacement {
  if (startMs > window.nowMs + FUTURE_TOLERANCE_MS) return 'future';
  const endDay = Math.max(Math.floor(startMs / DAY_MS), Math.floor((endMs - 1000) / DAY_MS));
  return endDay < window.firstDay ? 'too-old' : 'in-window';
}

/** The window as YYYY-MM-DD strings, for the JSON contract and the renderings. */
export function windowDates(window: ReportWindow): { start: string; end: string } {
  const day = (d: number): string => new Date(d * DAY_MS).toISOString().slice(0, 10);
  return { start: day(window.firstDay), end: day(window.lastDay) };
}
