/**
 * Issue 9 class 4 through the BUILT CLI, offline, beside a good report:
 * - a zip of three zips, each inflating to 400 MiB, is stopped by ONE budget for the whole input
 *   (MAX_ZIP_TOTAL_BYTES), not one per inner archive;
 * - a zip entry named `../evil.json` or `/abs.json` is reported, and the archive's other entries
 *   are read.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { MAX_ZIP_TOTAL_BYTES } from '../../src/reports/limits.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from '../integration/built-cli.js';
import { report, zip } from '../reports/helpers.js';

const LIMIT_MS = 30_000;
const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const ENTRY_BYTES = 25 * 1024 * 1024;
const ENTRIES_PER_INNER = 16; // 400 MiB each: three of them are over the 1 GiB budget together

let cli: BuiltCli;
let dir: string;
let run: CliRun;
let result: CheckResult;

/**
 * A zip of `count` entries of ENTRY_BYTES zeros each. The zeros are deflated once and the
 * helper's store layout is patched to say deflate, with the real size and CRC.
 */
function bombZip(count: number): Buffer {
  const zeros = Buffer.alloc(ENTRY_BYTES);
  const deflated = deflateRawSync(zeros, { level: 9 });
  const crc = crc32(zeros);
  const entries = Array.from({ length: count }, (_, i) => ({
    name: `z${i}.json`,
    data: deflated,
    store: true,
  }));
  const archive = zip(entries);
  for (let i = 0; i + 4 <= archive.length; i++) {
    const signature = archive.readUInt32LE(i);
    if (signature === 0x04034b50) {
      archive.writeUInt16LE(8, i + 8);
      archive.writeUInt32LE(crc, i + 14);
      archive.writeUInt32LE(ENTRY_BYTES, i + 22);
      i += 29 + deflated.length; // skip this entry's data, which could hold a signature
    } else if (signature === 0x02014b50) {
      archive.writeUInt16LE(8, i + 10);
      archive.writeUInt32LE(crc, i + 16);
      archive.writeUInt32LE(ENTRY_BYTES, i + 24);
      i += 45;
    }
  }
  return archive;
}

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-4-'));
  const inner = bombZip(ENTRIES_PER_INNER);
  await writeFile(
    join(dir, 'nested.zip'),
    zip([
      { name: 'a.zip', data: inner, store: true },
      { name: 'b.zip', data: inner, store: true },
      { name: 'c.zip', data: inner, store: true },
    ]),
  );
  const good = (domain: string, n: number): Buffer =>
    Buffer.from(JSON.stringify(report({ domain, day: YESTERDAY, successful: n })));
  await writeFile(
    join(dir, 'names.zip'),
    zip([
      { name: '../evil.json', data: good('evil.test', 1) },
      { name: '/abs.json', data: good('abs.test', 1) },
      { name: 'reports/good.json', data: good('good.test', 6) },
    ]),
  );
  run = await runCli(cli.path, ['check', '--offline', '--reports', dir, '--format', 'json'], {}, LIMIT_MS);
  result = JSON.parse(run.stdout) as CheckResult;
}, 90_000);

afterAll(async () => {
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('archives (issue 9 class 4)', () => {
  it('ends within the file limit, no stack trace', () => {
    expect(run.ms).toBeLessThan(LIMIT_MS);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('one decompression budget covers the nested zips together', () => {
    const over = result.reports.invalid.filter((i) =>
      i.error.includes(`more than ${MAX_ZIP_TOTAL_BYTES} bytes`),
    );
    expect(over).toHaveLength(1);
    expect(over[0]!.path).toMatch(/nested\.zip:c\.zip$/);
  });

  it('reports entries with unsafe names and reads the others', () => {
    const invalid = Object.fromEntries(result.reports.invalid.map((i) => [i.path, i.error]));
    expect(
      Object.keys(invalid)
        .filter((p) => p.includes('names.zip'))
        .sort(),
    ).toEqual([`${join(dir, 'names.zip')}:../evil.json`, `${join(dir, 'names.zip')}:/abs.json`]);
    expect(invalid[`${join(dir, 'names.zip')}:../evil.json`]).toContain('unsafe entry name');
    expect(result.domains.find((d) => d.domain === 'good.test')?.reports?.successfulSessions).toBe(6);
    expect(result.domains.some((d) => d.domain === 'evil.test')).toBe(false);
  });
});
