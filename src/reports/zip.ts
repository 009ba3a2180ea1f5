/**
 * Zip archives (GitHub workflow artifacts) read entry by entry with yauzl. Entries are read into
 * memory (or streamed, for mailboxes) and never written to disk, so entry names cannot escape
 * anywhere; counts and sizes are capped against zip bombs.
 */
import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { MAX_ZIP_ENTRIES, MAX_ZIP_TOTAL_BYTES } from './limits.js';

export interface ZipEntryInfo {
  name: string;
  /** Uncompressed size as declared in the central directory (yauzl checks it while reading). */
  size: number;
  /** Reads the whole entry, or says why it cannot. */
  read(cap: number): Promise<{ ok: true; bytes: Buffer } | { ok: false; error: string }>;
  /** Streams the entry (counted against the archive's total). */
  stream(): Promise<AsyncIterable<Buffer>>;
}

export type ZipSource = { path: string } | { bytes: Uint8Array };

/**
 * Calls `onEntry` for every file entry, in archive order. Returns an error string when the
 * archive itself cannot be read (the entries handled so far stay handled).
 */
export async function forEachZipEntry(
  source: ZipSource,
  onEntry: (entry: ZipEntryInfo) => Promise<void>,
): Promise<string | null> {
  let zip: yauzl.ZipFile;
  const options = { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false };
  try {
    zip =
      'path' in source
        ? await yauzl.openPromise(source.path, options)
        : await yauzl.fromBufferPromise(viewAsBuffer(source.bytes), options);
  } catch (error) {
    return `zip: ${(error as Error).message}`;
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) {
    zip.close();
    return `zip: ${zip.entryCount} entries, more than the limit of ${MAX_ZIP_ENTRIES}`;
  }
  let total = 0;
  const count = (n: number): void => {
    total += n;
    if (total > MAX_ZIP_TOTAL_BYTES)
      throw new Error(`zip: more than ${MAX_ZIP_TOTAL_BYTES} bytes decompressed in total`);
  };
  try {
    for await (const entry of zip.eachEntry()) {
      if (entry.fileName.endsWith('/')) continue;
      const open = async (): Promise<Readable> => {
        if (entry.isEncrypted()) throw new Error('entry is encrypted');
        return zip.openReadStreamPromise(entry);
      };
      await onEntry({
        name: entry.fileName,
        size: entry.uncompressedSize,
        read: async (cap) => {
          if (entry.uncompressedSize > cap) {
            return {
              ok: false,
              error: `entry is ${entry.uncompressedSize} bytes, more than the limit of ${cap}`,
            };
          }
          try {
            const chunks: Buffer[] = [];
            for await (const chunk of await open()) {
              count((chunk as Buffer).length);
              chunks.push(chunk as Buffer);
            }
            return { ok: true, bytes: Buffer.concat(chunks) };
          } catch (error) {
            return { ok: false, error: (error as Error).message };
          }
        },
        stream: async () => {
          const stream = await open();
          return (async function* () {
            for await (const chunk of stream) {
              count((chunk as Buffer).length);
              yield chunk as Buffer;
            }
          })();
        },
      });
    }
  } catch (error) {
    zip.close();
    return (error as Error).message.startsWith('zip:')
      ? (error as Error).message
      : `zip: ${(error as Error).message}`;
  }
  return null;
}

/** The same memory as a Buffer (yauzl wants one): an archive can be large, so never a copy. */
function viewAsBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
