/**
 * Report bytes → JSON value: gunzip (by magic bytes, whatever the name or media type says),
 * size cap, UTF-8 check, BOM, JSON.parse. Each failure is a reason string for `report-invalid`.
 */
import { isUtf8 } from 'node:buffer';
import { constants, gunzipSync } from 'node:zlib';
import { MAX_REPORT_JSON_BYTES } from './limits.js';
import { gunzipSmall, gzipTrailerSize, SMALL_OUTPUT_BYTES } from './small-gunzip.js';

export type DecodeResult = { ok: true; value: unknown; bom: boolean } | { ok: false; error: string };

export function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

export function isZip(bytes: Uint8Array): boolean {
  // Local file header, or the end-of-central-directory record of an empty archive.
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 3 && bytes[3] === 4) || (bytes[2] === 5 && bytes[3] === 6))
  );
}

/** True when the bytes, after an optional BOM and whitespace, start like a JSON object. */
export function looksLikeJson(bytes: Uint8Array): boolean {
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x09 || bytes[i] === 0x0a || bytes[i] === 0x0d)
  )
    i++;
  return bytes[i] === 0x7b;
}

export type GunzipResult = { ok: true; bytes: Buffer } | { ok: false; error: string };

/** Gunzip with the decompressed size capped (a gzip bomb gives an error, not an out-of-memory). */
export function gunzipCapped(bytes: Uint8Array, cap = MAX_REPORT_JSON_BYTES): GunzipResult {
  // A small file on the reused handle; anything it does not answer exactly, as gunzipSync says.
  const small = cap >= SMALL_OUTPUT_BYTES ? gunzipSmall(bytes) : null;
  if (small !== null) return { ok: true, bytes: small };
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: cap, chunkSize: outputChunk(bytes) }) };
  } catch (error) {
    return gunzipError(error, cap);
  }
}

/**
 * Output buffer size from the gzip trailer's ISIZE (RFC 1952 §2.3.1, the size mod 2^32): a small
 * report then costs one small pooled buffer instead of zlib's default 16 KiB (issue 11 item 5,
 * folders of 20,000 small reports). One byte more, so an exact fit needs no second round. A
 * lying ISIZE costs rounds, never bytes (zlib checks it, the cap still holds); the floor keeps a
 * bomb claiming ISIZE 0 at 16 times the default rounds at most.
 */
const MIN_OUTPUT_CHUNK = 1024;

function outputChunk(bytes: Uint8Array): number {
  const isize = gzipTrailerSize(bytes);
  if (isize === null) return constants.Z_DEFAULT_CHUNK;
  return Math.min(Math.max(isize + 1, MIN_OUTPUT_CHUNK), constants.Z_DEFAULT_CHUNK);
}

function gunzipError(error: unknown, cap: number): { ok: false; error: string } {
  const e = error as NodeJS.ErrnoException;
  if (e.code === 'ERR_BUFFER_TOO_LARGE') {
    return { ok: false, error: `gzip: decompresses to more than ${mib(cap)} (limit per report)` };
  }
  if (e.code === 'Z_BUF_ERROR') return { ok: false, error: 'gzip: truncated (unexpected end of data)' };
  return { ok: false, error: `gzip: ${e.message}` };
}

/** Bytes (gzip or plain) → parsed JSON value. */
export function decodeReportBytes(input: Uint8Array): DecodeResult {
  let bytes: Uint8Array = input;
  if (isGzip(bytes)) {
    const g = gunzipCapped(bytes);
    if (!g.ok) return g;
    bytes = g.bytes;
  } else if (bytes.length > MAX_REPORT_JSON_BYTES) {
    return { ok: false, error: `JSON: larger than ${mib(MAX_REPORT_JSON_BYTES)} (limit per report)` };
  }
  // RFC 8259 §8.1 lets a parser ignore a byte order mark; tolerated and noted.
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (bom) bytes = bytes.subarray(3);
  // RFC 8460 §4 requires I-JSON (RFC 7493 §2.1: UTF-8 only); other bytes would be guessed at.
  if (!isUtf8(bytes)) return { ok: false, error: `not UTF-8 (at byte ${firstBadUtf8(bytes)})` };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
  if (text.trim() === '') return { ok: false, error: 'empty' };
  try {
    return { ok: true, value: JSON.parse(text) as unknown, bom };
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${(error as Error).message}` };
  }
}

function firstBadUtf8(bytes: Uint8Array): number {
  // Binary search for the shortest invalid prefix; a prefix that ends inside a multi-byte
  // sequence is still valid when decoded with stream: true. Runs only on the error path.
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

function mib(bytes: number): string {
  return `${bytes / 1024 / 1024} MiB`;
}
