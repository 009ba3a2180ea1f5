/**
 * Reading many small report files fast, in input order (issue 11 item 5). A folder of 20,000
 * small .json.gz reports spent most of its time in thread-pool round trips for
 * open/stat/read/close, one file at a time. Page-cached small files are read fastest with plain
 * system calls: here a batch of files is read synchronously (one open, one fstat, one read and
 * one close each), then the event loop gets a turn, so worker-thread results keep flowing and
 * no batch holds the loop for long. Anything that is not a small regular file (large files,
 * mailboxes, special files, unreadable paths) is handed back as 'defer' for the ingestor's own
 * path, which streams, caps and names errors.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

/** Files read per turn of the event loop. */
export const PREFETCH_BATCH_FILES = 64;
/** Bytes read per turn at most (with the per-file cap below, a turn stays short). */
export const PREFETCH_BATCH_BYTES = 4 * 1024 * 1024;
/**
 * Files up to this size are read whole here. Real TLS-RPT reports are a few KiB gzipped;
 * larger inputs take the ingestor's streaming path.
 */
export const PREFETCH_MAX_BYTES = 1024 * 1024;

export type Prefetched = { kind: 'bytes'; bytes: Buffer } | { kind: 'defer' };

/** The files' contents in input order, a batch at a time. */
export async function* prefetchInOrder(paths: readonly string[]): AsyncGenerator<Prefetched> {
  let i = 0;
  while (i < paths.length) {
    const batch: Prefetched[] = [];
    let bytes = 0;
    while (i < paths.length && batch.length < PREFETCH_BATCH_FILES && bytes < PREFETCH_BATCH_BYTES) {
      const read = readSmallFile(paths[i++]!);
      if (read.kind === 'bytes') bytes += read.bytes.length;
      batch.push(read);
    }
    yield* batch;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * A small regular file read whole with plain system calls, or 'defer' for anything else. Also
 * what the parser workers read files with (./pool.ts).
 */
export function readSmallFile(path: string): Prefetched {
  let buffer: Buffer | null = null;
  const length = readSmall(path, (size) => (buffer = Buffer.allocUnsafe(size)));
  return length === null ? { kind: 'defer' } : { kind: 'bytes', bytes: buffer!.subarray(0, length) };
}

/**
 * readSmallFile into a buffer the caller reuses (grown as needed): the file's length, its bytes
 * at the start of scratch.buffer, or null where readSmallFile says 'defer'. For a thread that
 * reads thousands of files and keeps none of their bytes (./inflated-files.ts).
 */
export function readSmallFileInto(path: string, scratch: { buffer: Uint8Array }): number | null {
  return readSmall(path, (size) => {
    if (scratch.buffer.length < size)
      scratch.buffer = new Uint8Array(Math.max(size, 2 * scratch.buffer.length));
    return scratch.buffer;
  });
}

/**
 * Opens, checks and reads a small regular file into the buffer `into` gives for its size plus
 * one byte: the length read, or null for anything readSmallFile defers.
 */
function readSmall(path: string, into: (size: number) => Uint8Array): number | null {
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not block waiting for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > PREFETCH_MAX_BYTES) return null;
    return readWhole(fd, info.size, into(info.size + 1));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads a file of `size` bytes (as fstat gave it) into `buffer`, which holds at least one byte
 * more, so a file that grew while being read is noticed (null). Reading stops at the size
 * (as readFileSync does): one read call for a small file.
 */
function readWhole(fd: number, size: number, buffer: Uint8Array): number | null {
  const room = Math.min(buffer.length, size + 1);
  let length = 0;
  for (;;) {
    const n = readSync(fd, buffer, length, room - length, null);
    if (n === 0) return length;
    length += n;
    if (length === room) return null;
    if (length === size) return length;
  }
}
