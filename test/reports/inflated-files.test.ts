/**
 * A batch of small files prepared on a parser worker up to JSON.parse (src/reports/
 * inflated-files.ts), finished on the main thread: every file must come out exactly as
 * judgeSmallFile judges it read on its own, and a batch must not carry more than its byte bound.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { expect, it } from 'vitest';
import {
  inflateFiles,
  MAX_INFLATED_BATCH_BYTES,
  type InflatedFiles,
} from '../../src/reports/inflated-files.js';
import type { FileOutcome } from '../../src/reports/pool.js';
import { finishSmallFile, judgeSmallFile } from '../../src/reports/report-file.js';
import { gz, mbox, ordinaryMail, report, withTempDir } from './helpers.js';

/** Each file's outcome as the main thread finishes the batch. */
function finished(batch: InflatedFiles, paths: string[]): FileOutcome[] {
  const others = new Map(batch.others);
  let start = 0;
  return paths.map((path, i) => {
    const end = batch.ends[i]!;
    const outcome = others.get(i) ?? finishSmallFile(path, batch.bytes.subarray(start, end));
    start = end;
    return outcome;
  });
}

it('gives each file the outcome judgeSmallFile gives it, JSON files as their bytes', async () => {
  await withTempDir(async (dir) => {
    // A trailer claiming 4 GiB, and a gzip file that inflates to no JSON: the in-place path
    // gives them no room and leaves them to the reference path.
    const lying = gz(report({ id: 'l' }));
    lying.writeUInt32LE(0xffffffff, lying.length - 4);
    const files: [string, Buffer | string][] = [
      ['a.json.gz', gz(report({ id: 'a' }))],
      ['lying.json.gz', lying],
      ['xml.json.gz', gzipSync('<feedback>a DMARC report</feedback>')],
      ['bom.json.gz', gzipSync(`\uFEFF${JSON.stringify(report({ id: 'bom' }))}`)],
      ['b.json', JSON.stringify(report({ id: 'b' }))],
      ['c-cut.json.gz', gz(report({ id: 'c' })).subarray(0, 30)],
      ['d.json', '<feedback>a DMARC report</feedback>'],
      ['e.json.gz', gz({ 'organization-name': 'No policies' })],
      ['notes.txt', 'not a report'],
      ['f.mbox', mbox([ordinaryMail()])],
    ];
    const paths = files.map(([name]) => join(dir, name));
    for (const [name, data] of files) await writeFile(join(dir, name), data);
    const jobs = [
      ...paths.map((path) => ({ path, explicit: false })),
      { path: join(dir, 'gone.json'), explicit: true },
    ];
    const batch = inflateFiles(jobs);
    // What starts like JSON travels as JSON bytes (a JSON object that is no report included:
    // the main thread finds it invalid); everything else as its outcome.
    expect(batch.others.map(([i]) => i)).toEqual([1, 2, 5, 6, 8, 9, 10]);
    const outcomes = finished(
      batch,
      jobs.map((j) => j.path),
    );
    for (let i = 0; i < paths.length - 1; i++) {
      const alone = judgeSmallFile(paths[i]!, false, await readFile(paths[i]!));
      expect(outcomes[i], files[i]![0]).toEqual(alone);
    }
    // A mailbox and a file that cannot be read are the main thread's to read, in their place.
    expect(outcomes[9]).toEqual({ kind: 'defer' });
    expect(outcomes[10]).toEqual({ kind: 'defer' });
  });
});

it('leaves the files past its byte bound to the main thread', async () => {
  await withTempDir(async (dir) => {
    // Each inflates to 3 MiB: the fourth starts past the 8 MiB bound.
    const big = Buffer.alloc(3 * 1024 * 1024, ' ');
    big.write('{"organization-name":"x"}');
    const paths: string[] = [];
    for (let i = 0; i < 4; i++) {
      paths.push(join(dir, `r${i}.json.gz`));
      await writeFile(paths[i]!, gzipSync(big));
    }
    const batch = inflateFiles(paths.map((path) => ({ path, explicit: false })));
    expect(batch.bytes.length).toBeGreaterThan(MAX_INFLATED_BATCH_BYTES);
    expect(batch.bytes.length).toBeLessThan(MAX_INFLATED_BATCH_BYTES + big.length);
    expect(batch.others).toEqual([[3, { kind: 'defer' }]]);
  });
});
