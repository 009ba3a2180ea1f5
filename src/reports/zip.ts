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
  /** Why the entry is not read (a `../` or absolute name), or null. */
  refused: string | null;
}

export type ZipSource = { path: string } | { bytes: Uint8Array };

/**
 * Issue 9 class 4: what one top-level input may decompress to in all, however deeply zips nest
 * (a 115 KB zip of zips once took 437 s of CPU while each inner zip had its own cap). Create one
 * per input file or artifact and hand the same one to every nested archive.
 */
export interface DecompressionBudget {
  spent: number;
}

export function newDecompressionBudget(): DecompressionBudget {
  return { spent: 0 };
}

/** The input's budget is spent: the archive (and every archive around it) stops. */
class BudgetSpent extends Error {
  constructor() {
    super(`zip: more than ${MAX_ZIP_TOTAL_BYTES} bytes decompressed in total`);
  }
}

/** yauzl's name helpers, exported by the package but missing from its types. */
const names = yauzl as unknown as {
  getFileNameLowLevel(flags: number, raw: Buffer, extraFields: unknown[], strict: boolean): string;
  validateFileName(name: string): string | null;
};

/**
 * Calls `onEntry` for every file entry, in archive order. Returns an error string when the
 * archive itself cannot be read (the entries handled so far stay handled).
 */
export async function forEachZipEntry(
  source: ZipSource,
  onEntry: (entry: ZipEntryInfo) => Promise<void>,
  budget: DecompressionBudget = newDecompressionBudget(),
): Promise<string | null> {
  let zip: yauzl.ZipFile;
  // Names are decoded here, not by yauzl: yauzl ends the whole archive at the first entry whose
  // name is `../x` or absolute, and issue 9 class 4 wants that entry reported and the rest read.
  const options = {
    lazyEntries: true,
    autoClose: true,
    validateEntrySizes: true,
    strictFileNames: false,
    decodeStrings: false,
  };
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
  const count = (n: number): void => {
    budget.spent += n;
    if (budget.spent > MAX_ZIP_TOTAL_BYTES) throw new BudgetSpent();
  };
  try {
    for await (const entry of zip.eachEntry()) {
      const name = names.getFileNameLowLevel(
        entry.generalPurposeBitFlag,
        entry.fileName as unknown as Buffer,
        entry.extraFields,
        false,
      );
      if (name.endsWith('/')) continue;
      const unsafe = names.validateFileName(name);
      const open = async (): Promise<Readable> => {
        if (entry.isEncrypted()) throw new Error('entry is encrypted');
        return zip.openReadStreamPromise(entry);
      };
      await onEntry({
        name,
        size: entry.uncompressedSize,
        refused: unsafe === null ? null : `unsafe entry name (${unsafe}); not read`,
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
            if (error instanceof BudgetSpent) throw error; // ends the archive, not only this entry
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
