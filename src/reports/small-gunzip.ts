/**
 * Gunzip of a small gzip file on one inflate handle reused for every file of this thread
 * (issue 11 item 5, folders of 20,000 small reports). zlib.gunzipSync builds a whole Transform
 * stream per call (Zlib, ZlibBase, Duplex, both stream states, listeners): for a report of a
 * few hundred bytes that JavaScript costs more than inflating it, and on a cold thread (each
 * parser worker starts cold) about twice as much again.
 *
 * The handle is Node's own (the one gunzipSync drives, through the same internal calls), so the
 * bytes are the same: the fast path only answers when the file decompressed in one call, to its
 * end, with no error and no input left (zlib itself checks each member's CRC-32 and length).
 * Anything else (an error, output larger than the file's gzip trailer says, trailing bytes, a
 * member larger than SMALL_OUTPUT_BYTES) answers null, and the caller runs gunzipSync, whose
 * result or error is the reference. The internals are checked once, on a known input; where they
 * differ (another Node version), every file takes gunzipSync.
 */
import { constants, Gunzip, gunzipSync, gzipSync } from 'node:zlib';

/** Files whose trailer claims more output than this take gunzipSync (their inflate dominates). */
export const SMALL_OUTPUT_BYTES = 64 * 1024;

/** The parts of Node's zlib stream this path drives; absent or different on some other Node. */
interface ZlibHandle {
  writeSync(
    flush: number,
    input: Uint8Array,
    inOffset: number,
    inLength: number,
    output: Uint8Array,
    outOffset: number,
    outLength: number,
  ): void;
  reset(): void;
}
interface ZlibEngine {
  _handle: ZlibHandle | null;
  /** [output bytes left, input bytes left] after a write. */
  _writeState: Uint32Array;
  destroyed: boolean;
  on(event: 'error', listener: () => void): unknown;
}

let engine: ZlibEngine | null = null;
let usable: boolean | null = null;

/** The gzip file's whole output, or null when gunzipSync must decide (see the module comment). */
export function gunzipSmall(bytes: Uint8Array): Buffer | null {
  const isize = gzipTrailerSize(bytes);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  if (usable === null) usable = selfTest();
  if (!usable) return null;
  return inflateOnce(bytes, isize);
}

/**
 * The output size a gzip member's trailer gives (RFC 1952 §2.3.1 ISIZE, the size mod 2^32), or
 * null when the bytes are too short to hold a header and a trailer.
 */
export function gzipTrailerSize(bytes: Uint8Array): number | null {
  if (bytes.length < 18) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4, true);
}

/**
 * gunzipSmall, written into `out` at `offset` instead of a buffer of its own (the parser
 * workers gather a batch's reports in one buffer, ./inflated-files.ts): the output's length, or
 * null where gunzipSmall answers null. `out` must have isize + 1 bytes free at `offset`, where
 * isize is gzipTrailerSize(bytes); whatever null leaves there is garbage.
 */
export function gunzipSmallInto(bytes: Uint8Array, out: Uint8Array, offset: number): number | null {
  const isize = gzipTrailerSize(bytes);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  if (usable === null) usable = selfTest();
  if (!usable) return null;
  return inflateInto(bytes, isize, out, offset) ? isize : null;
}

function inflateOnce(bytes: Uint8Array, isize: number): Buffer | null {
  // One byte more than the trailer says, so output that does not end there is noticed.
  const out = Buffer.allocUnsafe(isize + 1);
  return inflateInto(bytes, isize, out, 0) ? out.subarray(0, isize) : null;
}

/** Inflates into out[offset, offset + isize + 1): true when it ended exactly at isize. */
function inflateInto(bytes: Uint8Array, isize: number, out: Uint8Array, offset: number): boolean {
  const e = (engine ??= newEngine());
  const handle = e._handle;
  if (handle === null) return false;
  try {
    handle.reset();
    handle.writeSync(constants.Z_FINISH, bytes, 0, bytes.length, out, offset, isize + 1);
  } catch {
    engine = null;
    return false;
  }
  // zlib reports errors through the stream, which it destroys: a new handle for the next file.
  if (e.destroyed || e._handle === null) {
    engine = null;
    return false;
  }
  const outLeft = e._writeState[0]!;
  const inLeft = e._writeState[1]!;
  return inLeft === 0 && outLeft === 1;
}

function newEngine(): ZlibEngine {
  const e = new Gunzip() as unknown as ZlibEngine;
  // The error itself is seen synchronously (destroyed); the stream's 'error' event must not throw.
  e.on('error', () => undefined);
  return e;
}

/** The internals are there and give gunzipSync's answers on a known member and a broken one. */
function selfTest(): boolean {
  try {
    const probe = newEngine();
    if (typeof probe._handle?.writeSync !== 'function' || typeof probe._handle.reset !== 'function')
      return false;
    if (!(probe._writeState instanceof Uint32Array) || probe._writeState.length !== 2) return false;
    engine = probe;
    const sample = Buffer.from('{"self-test":"mta-sts-guard"}');
    const gz = gzipSync(sample);
    const first = inflateOnce(gz, sample.length);
    const again = inflateOnce(gz, sample.length);
    const truncated = inflateOnce(gz.subarray(0, gz.length - 1), sample.length);
    const afterError = inflateOnce(gz, sample.length);
    return (
      first !== null &&
      first.equals(sample) &&
      again !== null &&
      again.equals(sample) &&
      truncated === null &&
      afterError !== null &&
      afterError.equals(sample) &&
      gunzipSync(gz).equals(sample)
    );
  } catch {
    return false;
  } finally {
    engine = null;
  }
}
