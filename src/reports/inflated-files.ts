/**
 * A batch of small report files prepared on a parser worker up to JSON.parse (issue 11 item 5):
 * read, sniffed and gunzipped there, and handed to the main thread as one transferred buffer of
 * JSON bytes. The main thread parses, validates and counts them in input order
 * (finishSmallFile), so each half of the work has a core: reading and inflating is mostly
 * system calls and zlib, parsing and counting is JavaScript that warms up on one thread only,
 * and nothing is aggregated apart and merged.
 */
import type { FileJob, FileOutcome } from './pool.js';
import { readSmallFile } from './prefetch.js';
import { prepareSmallFile } from './report-file.js';

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
  const parts: Uint8Array[] = [];
  const ends = new Uint32Array(files.length);
  const others: [number, FileOutcome][] = [];
  let total = 0;
  for (let i = 0; i < files.length; i++) {
    const prepared = total < MAX_INFLATED_BATCH_BYTES ? prepareFileJob(files[i]!) : DEFER;
    if (prepared.kind === 'json') {
      parts.push(prepared.bytes);
      total += prepared.bytes.length;
    } else others.push([i, prepared]);
    ends[i] = total;
  }
  // Not Buffer.concat: its result may lie in Buffer's shared pool, which must not be transferred.
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.length;
  }
  return { bytes, ends, others };
}

const DEFER: FileOutcome = { kind: 'defer' };

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
