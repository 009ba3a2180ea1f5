/** src/reports/zip.ts on in-memory archives (workflow artifacts): read in place, never copied. */
import { describe, expect, it, vi } from 'vitest';
import yauzl from 'yauzl';
import { forEachZipEntry } from '../../src/reports/zip.js';
import { zip } from './helpers.js';

async function names(bytes: Uint8Array): Promise<{ names: string[]; error: string | null }> {
  const seen: string[] = [];
  const error = await forEachZipEntry({ bytes }, async (entry) => {
    seen.push(entry.name);
  });
  return { names: seen, error };
}

describe('forEachZipEntry over bytes', () => {
  const archive = zip([
    { name: 'a.json', data: Buffer.from('{}') },
    { name: 'b/c.json', data: Buffer.from('{}') },
  ]);

  it('reads an archive that is a view into a larger buffer (byteOffset ≠ 0), as the view says', async () => {
    const larger = Buffer.concat([
      Buffer.from('prefix bytes that are no zip'),
      archive,
      Buffer.from('suffix'),
    ]);
    const view = new Uint8Array(larger.buffer, larger.byteOffset + 28, archive.length);
    expect(await names(view)).toEqual({ names: ['a.json', 'b/c.json'], error: null });
  });

  it('reads a plain Uint8Array and a Buffer alike', async () => {
    expect(await names(new Uint8Array(archive))).toEqual(await names(archive));
  });

  it('hands yauzl the same memory, not a copy (an artifact can be hundreds of MiB)', async () => {
    const spy = vi.spyOn(yauzl, 'fromBufferPromise');
    try {
      const larger = Buffer.concat([Buffer.alloc(64), archive]);
      const view = new Uint8Array(larger.buffer, larger.byteOffset + 64, archive.length);
      await names(view);
      const given = spy.mock.calls[0]?.[0] as Buffer;
      expect(given.buffer).toBe(larger.buffer);
      expect(given.byteOffset).toBe(view.byteOffset);
    } finally {
      spy.mockRestore();
    }
  });
});
