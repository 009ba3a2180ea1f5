/**
 * Reading one input file the operator named (issue 9 classes 7 and 8): only regular files are
 * read, and never more than the cap of their kind. A FIFO named by a flag or matched by a glob
 * would block a plain read forever and /dev/zero would be read until memory runs out; both get
 * "is not a regular file" naming them. Symlinks are followed by open() and judged by what they
 * point to: a link to /dev/zero is not a regular file either.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * One list of domains (--domains-file): a million domains a line is about 20 MiB; anything larger
 * is not a domain list (`--domains-file /dev/urandom` reached 1.1 GiB before this cap).
 */
export const MAX_DOMAINS_FILE_BYTES = 32 * 1024 * 1024;

/**
 * One DNS-as-code file (--zone, and each BIND $INCLUDE). The largest zones kept in repositories
 * are a few MiB. Measured with the densest BIND zone (one short record a line, 496,260 records
 * in 8 MiB): 188 to 309 MiB peak RSS (the busier the machine, the later the collection), under
 * the 400 MiB promised for inputs of up to 64 MiB (a 66 MB zone once reached 3 GiB). octoDNS
 * YAML has a lower cap of its own (MAX_OCTODNS_FILE_BYTES).
 */
export const MAX_ZONE_FILE_BYTES = 8 * 1024 * 1024;

export type InputRead =
  | { kind: 'ok'; bytes: Buffer }
  /** A FIFO, device, socket or folder: never read. */
  | { kind: 'not-regular'; what: string }
  /** Larger than the cap; only `cap + 1` bytes (at most) were read. */
  | { kind: 'too-large'; size: number }
  | { kind: 'error'; code: string | undefined; message: string };

/**
 * Reads `path` when it is a regular file of at most `maxBytes`. Opened with O_NONBLOCK, so that
 * opening a FIFO without a writer returns at once (and fstat then says what it is) instead of
 * waiting for one; O_NONBLOCK changes nothing for regular files.
 */
export async function readInputFile(path: string, maxBytes: number): Promise<InputRead> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { kind: 'error', code: e.code, message: e.message };
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) return { kind: 'not-regular', what: fileType(info) };
    if (info.size > maxBytes) return { kind: 'too-large', size: info.size };
    // The file can grow between fstat and read: read at most one byte past the cap.
    const buffer = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    if (filled > maxBytes) return { kind: 'too-large', size: filled };
    return { kind: 'ok', bytes: buffer.subarray(0, filled) };
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return { kind: 'error', code: e.code, message: e.message };
  } finally {
    await handle.close().catch(() => undefined);
  }
}

function fileType(info: {
  isDirectory(): boolean;
  isFIFO(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isSocket(): boolean;
}): string {
  if (info.isDirectory()) return 'a folder';
  if (info.isFIFO()) return 'a FIFO';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** One line for a read that did not give the bytes: "is not a regular file (a FIFO)", … */
export function describeInputProblem(read: Exclude<InputRead, { kind: 'ok' }>, maxBytes: number): string {
  switch (read.kind) {
    case 'not-regular':
      return `is not a regular file (${read.what})`;
    case 'too-large':
      return `is larger than the limit of ${maxBytes} bytes (${read.size} bytes)`;
    case 'error':
      return read.code === 'ENOENT'
        ? 'no such file'
        : read.code === 'EISDIR'
          ? 'is a folder'
          : `cannot be read (${read.code ?? read.message})`;
  }
}
