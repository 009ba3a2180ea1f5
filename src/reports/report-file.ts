/**
 * What one small file read whole amounts to, judged the same way on the main thread and in a
 * parser worker (./pool.ts): a report file (JSON or gzip) is parsed here; mailboxes, messages
 * and archives go to the ingestor's own readers ('other'). Counting, deduplication and
 * aggregation stay with the ingestor, in input order.
 */
import { policyDomainFromFilename } from '../core/report.js';
import type { ReportDigest } from '../core/aggregate.js';
import { decideKind, type InputKind } from './kind.js';
import { MAX_FILE_BYTES, MAX_MESSAGE_BYTES } from './limits.js';
import { inflatePayload, readJsonPayload } from './payload.js';

/** Bytes read to tell what an input is. */
export const SNIFF_BYTES = 512;

export type SmallFileOutcome =
  | { kind: 'report'; digest: ReportDigest }
  | { kind: 'invalid'; error: string }
  /** Not a report file (found by a folder walk or glob, with a name and content we do not read). */
  | { kind: 'skip' }
  /** A mailbox, message, archive or unrecognised file named directly: read by the ingestor. */
  | { kind: 'other'; fileKind: InputKind | 'unknown' };

/** The largest file of a kind read whole. */
export function fileCap(kind: InputKind | 'unknown'): number {
  return kind === 'eml' || kind === 'unknown' ? MAX_MESSAGE_BYTES : MAX_FILE_BYTES;
}

export function judgeSmallFile(path: string, explicit: boolean, bytes: Buffer): SmallFileOutcome {
  const prepared = prepareSmallFile(path, explicit, bytes);
  return prepared.kind === 'json' ? finishSmallFile(path, prepared.bytes) : prepared;
}

/**
 * judgeSmallFile up to JSON.parse: a report file's JSON bytes (gunzipped), or what the file
 * amounts to already. A parser worker prepares files this way, and the main thread finishes them
 * in order (finishSmallFile), so parsing, validation and aggregation happen on one thread.
 */
export type PreparedSmallFile = { kind: 'json'; bytes: Uint8Array } | SmallFileOutcome;

export function prepareSmallFile(path: string, explicit: boolean, bytes: Buffer): PreparedSmallFile {
  const kind = decideKind(path, bytes.subarray(0, SNIFF_BYTES), explicit);
  if (kind === 'skip') return { kind: 'skip' };
  const cap = fileCap(kind);
  if (bytes.length > cap) {
    return {
      kind: 'invalid',
      error: `${bytes.length} bytes, more than the limit of ${cap} for a ${kind} file`,
    };
  }
  if (kind !== 'json' && kind !== 'gzip') return { kind: 'other', fileKind: kind };
  const inflated = inflatePayload(bytes);
  if (inflated.ok === true) return { kind: 'json', bytes: inflated.bytes };
  return { kind: 'invalid', error: inflated.ok === 'not-json' ? notJsonReason(bytes) : inflated.error };
}

/** The rest of judgeSmallFile, for the JSON bytes prepareSmallFile gave. */
export function finishSmallFile(
  path: string,
  json: Uint8Array,
): Extract<SmallFileOutcome, { kind: 'report' | 'invalid' }> {
  const reading = readJsonPayload(json, policyDomainFromFilename(path));
  return reading.ok ? { kind: 'report', digest: reading.digest } : { kind: 'invalid', error: reading.error };
}

/** Why bytes that do not start like a JSON object are no report. */
export function notJsonReason(bytes: Buffer): string {
  const text = bytes.subarray(0, 16).toString('latin1').trim();
  if (text.startsWith('<')) return 'not a TLS-RPT report: XML (a DMARC report?), not JSON';
  if (text.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, '').startsWith('[')) {
    return 'not a TLS-RPT report: a JSON array, where RFC 8460 §4.4 has an object';
  }
  return bytes.length === 0 ? 'empty' : 'not valid JSON: does not start with an object';
}
