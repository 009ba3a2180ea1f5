/**
 * A batch of small report files prepared on a parser worker up to JSON.parse (issue 11 item 5):
 * read, sniffed and gunzipped there, and handed to the main thread as one transferred buffer of
 * JSON bytes. The main thread parses, validates and counts them in input order
 * (finishSmallFile), so each half of the work has a core: reading and inflating is mostly
 * system calls and zlib, parsing and counting is JavaScript that warms up on one thread only,
 * and nothing is aggregated apart and merged.
 */
import { isGzip, looksLikeJson } from './decode.js';
import type { FileJob, FileOutcome } from './pool.js';
import { readSmallFile, readSmallFileInto } from './prefetch.js';
import { fileCap, prepareSmallFile } from './report-file.js';
import { gunzipSmallInto, gzipTrailerSize, SMALL_OUTPUT_BYTES } from './small-gunzip.js';

export interface InflatedFiles {
  /** The JSON bytes of the batch's report files, one after another. */
  bytes: Uint8Array;
  /** Where each file's JSON bytes end in `bytes` (a file without any ends where the one before did). */
  ends: Uint32Array;
  /** The files that have no JSON bytes here, by index in the batch: what they amount to. */
  others: [number, FileOutcome][];
}

/**
 * JSON bytes one batch carries at most. A file past it is left to the main thread ('defer'),
 * so two batches in flight per worker hold a bounded amount whatever the files inflate to.
 */
export const MAX_INFLATED_BATCH_BYTES = 8 * 1024 * 1024;

/** The files read and prepared, in order. */
export function inflateFiles(files: readonly FileJob[]): InflatedFiles {
  // The batch's own buffer (allocUnsafeSlow: not Buffer's shared pool, which must not be
  // transferred, and not zero-filled), grown as it fills: most files inflate straight into it
  // (inflateInPlace). Sized for reports of a typical size, so that it rarely grows.
  let bytes: Uint8Array = Buffer.allocUnsafeSlow(Math.max(1, files.length) * BYTES_PER_FILE);
  const ends = new Uint32Array(files.length);
  const others: [number, FileOutcome][] = [];
  let total = 0;
  const room = (needed: number): void => {
    if (total + needed <= bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(total + needed, 2 * bytes.length));
    grown.set(bytes.subarray(0, total));
    bytes = grown;
  };
  for (let i = 0; i < files.length; i++) {
    if (total >= MAX_INFLATED_BATCH_BYTES) others.push([i, DEFER]);
    else {
      const placed = inflateInPlace(files[i]!, total, room, () => bytes);
      if (placed !== null) total += placed;
      else {
        const prepared = prepareFileJob(files[i]!);
        if (prepared.kind === 'json') {
          room(prepared.bytes.length);
          bytes.set(prepared.bytes, total);
          total += prepared.bytes.length;
        } else others.push([i, prepared]);
      }
    }
    ends[i] = total;
  }
  // A view of exactly the batch's bytes (those past it were never written).
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, total), ends, others };
}

const DEFER: FileOutcome = { kind: 'defer' };
/** A batch's buffer to start with, per file: a small report inflates to about 600 bytes. */
const BYTES_PER_FILE = 1024;

/** The input bytes of the file being inflated: one buffer per thread, reused for every file. */
const scratch = { buffer: new Uint8Array(64 * 1024) };

/**
 * The common case of prepareFileJob, without a buffer of its own for the file or its output: a
 * small gzip file (by its magic, as decideKind goes first) read into the scratch buffer and
 * inflated on the reused handle (gunzipSmallInto) straight into the batch at `at`, with exactly
 * the bytes and checks prepareFileJob would apply. Its output's length, or null for anything
 * else (another kind, a gunzip gunzipSmall leaves to gunzipSync, not JSON, an error), which
 * prepareFileJob then reads and judges itself.
 */
function inflateInPlace(
  f: FileJob,
  at: number,
  room: (needed: number) => void,
  batch: () => Uint8Array,
): number | null {
  const length = readSmallFileInto(f.path, scratch);
  if (length === null || length > fileCap('gzip')) return null;
  const input = scratch.buffer.subarray(0, length);
  if (!isGzip(input)) return null;
  // The trailer's size is the sender's word: only a small one is given room.
  const isize = gzipTrailerSize(input);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  room(isize + 1);
  const out = batch();
  const inflated = gunzipSmallInto(input, out, at);
  if (inflated === null || !looksLikeJson(out.subarray(at, at + inflated))) return null;
  return inflated;
}

/**
 * One file read and prepared (see prepareSmallFile); what is not a small report file is
 * deferred to the main thread. Also the first half of readFileJob (./pool.ts).
 */
export function prepareFileJob(f: FileJob): { kind: 'json'; bytes: Uint8Array } | FileOutcome {
  try {
    const read = readSmallFile(f.path);
    if (read.kind === 'defer') return DEFER;
    const prepared = prepareSmallFile(f.path, f.explicit, read.bytes);
    return prepared.kind === 'other' ? DEFER : prepared;
  } catch (error) {
    return thrownOutcome(error);
  }
}

/** An unexpected exception, re-thrown on the main thread as it would be without workers. */
export function thrownOutcome(error: unknown): FileOutcome {
  return { kind: 'throw', error: error instanceof Error ? error.message : String(error) };
}
