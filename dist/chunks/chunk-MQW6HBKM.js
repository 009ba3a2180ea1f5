import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/render/dates.ts
var DAY_MS = 864e5;
var ISO_UTC = /\b(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(?:Z|\+00:00)(?![\w:])/g;
function formatUtc(iso) {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return iso;
  const t = new Date(ms).toISOString();
  return `${t.slice(0, 10)} ${t.slice(11, 16)} UTC`;
}
function readableTimestamps(text) {
  return text.replace(ISO_UTC, (_, day, time) => `${day} ${time} UTC`);
}
function daysBetween(then, now) {
  const a = Date.parse(then.length === 10 ? `${then}T00:00:00Z` : then);
  const b = Date.parse(now);
  if (Number.isNaN(a) || Number.isNaN(b)) return null;
  return Math.floor(b / DAY_MS) - Math.floor(a / DAY_MS);
}
function relativeDay(then, now) {
  const days = daysBetween(then, now);
  if (days === null) return "";
  if (days === 0) return "today";
  if (days === 1) return "yesterday";
  if (days === -1) return "tomorrow";
  return days > 0 ? `${days} days ago` : `in ${-days} days`;
}

export {
  formatUtc,
  readableTimestamps,
  relativeDay
};
