/**
 * Report bytes (gzip or JSON) → a validated report with its failure-details tallied (RFC 8460
 * §4), or the reason it cannot be used. Self-contained and free of shared state, so it runs the
 * same on the main thread and in a parser worker (./pool.ts); deduplication and aggregation stay
 * with the caller.
 */
import { digestReport, type ReportDigest } from '../core/aggregate.js';
import { parseReport } from '../core/report.js';
import { decodeReportBytes, gunzipCapped, isGzip, looksLikeJson } from './decode.js';

/** 'not-json': the bytes are no JSON object at all (the caller decides whether that is an error). */
export type PayloadResult =
  { ok: true; digest: ReportDigest } | { ok: false; error: string } | { ok: 'not-json' };

export function readPayload(input: Uint8Array, policyDomain: string | null): PayloadResult {
  const inflated = inflatePayload(input);
  if (inflated.ok !== true) return inflated;
  return readJsonPayload(inflated.bytes, policyDomain);
}

/** The first half of readPayload: the bytes gunzipped (when gzip) and seen to start like JSON. */
export function inflatePayload(
  input: Uint8Array,
): { ok: true; bytes: Uint8Array } | { ok: false; error: string } | { ok: 'not-json' } {
  let bytes = input;
  if (isGzip(bytes)) {
    const g = gunzipCapped(bytes);
    if (!g.ok) return g;
    bytes = g.bytes;
  }
  if (!looksLikeJson(bytes)) return { ok: 'not-json' };
  return { ok: true, bytes };
}

/** The second half of readPayload: bytes that inflatePayload accepted, parsed and validated. */
export function readJsonPayload(
  bytes: Uint8Array,
  policyDomain: string | null,
): { ok: true; digest: ReportDigest } | { ok: false; error: string } {
  const decoded = decodeReportBytes(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseReport(decoded.value, { policyDomain });
  if (!parsed.ok) return parsed;
  const report = parsed.report;
  if (decoded.bom) report.quirks.push({ code: 'bom', detail: 'UTF-8 byte order mark before the JSON' });
  return { ok: true, digest: digestReport(report) };
}
