/**
 * Dates as people read them (issue 14 item 3): `2026-11-19 14:48 UTC` instead of raw ISO
 * strings, and "3 days ago" counted from the run's clock (the result's generatedAt), never
 * from the machine that renders.
 */

const DAY_MS = 86_400_000;

/** An ISO 8601 UTC timestamp as in our messages and certificate facts (seconds optional). */
const ISO_UTC = /\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|\+00:00)(?![\w:])/g;

/** `2026-11-19T14:48:02.000Z` → `2026-11-19 14:48 UTC`; anything else is returned as is. */
export function formatUtc(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = new Date(ms).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)} UTC`;
}

/** Every ISO UTC timestamp inside a text (a finding message) written the readable way. */
export function readableTimestamps(text: string): string {
  return text.replace(ISO_UTC, (_, day: string, time: string) => `${day} ${time} UTC`);
}

/** Whole UTC calendar days from `then` to `now`; negative when `then` is later. */
export function daysBetween(then: string, now: string): number | null {
  const a = Date.parse(then.length === 10 ? `${then}T00:00:00Z` : then);
  const b = Date.parse(now);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.floor(b / DAY_MS) - Math.floor(a / DAY_MS);
}

/** "today", "yesterday", "3 days ago", "in 2 days" (by UTC calendar day). */
export function relativeDay(then: string, now: string): string {
  const days = daysBetween(then, now);
  if (days === null) return '';
  if (days === 0) return 'today';
  if (days === 1) return 'yesterday';
  if (days === -1) return 'tomorrow';
  return days > 0 ? `${days} days ago` : `in ${-days} days`;
}
