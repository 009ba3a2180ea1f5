/**
 * files() tells its progress on long work (src/reports/ingest.ts FILES_PROGRESS_EVERY): one line
 * each time the files read, over all runs of files(), pass a multiple of the step.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ReportAggregator } from '../../src/core/aggregate.js';
import { reportWindow } from '../../src/core/report-window.js';
import { FILES_PROGRESS_EVERY, Ingestor } from '../../src/reports/ingest.js';
import type { Logger } from '../../src/ports.js';
import { gz, report, withTempDir } from './helpers.js';

it('logs how many files were read every step, across runs of files()', async () => {
  expect(FILES_PROGRESS_EVERY).toBe(50_000);
  await withTempDir(async (dir) => {
    const files: { path: string; explicit: boolean }[] = [];
    for (let i = 0; i < 250; i++) {
      const path = join(dir, `r${String(i).padStart(3, '0')}.json.gz`);
      // Every tenth is no report at all (read and found invalid): it counts as read too.
      await writeFile(path, i % 10 === 0 ? 'not gzip' : gz(report({ id: `p-${i}` })));
      files.push({ path, explicit: false });
    }
    const progress: string[] = [];
    const logger: Logger = {
      debug: () => undefined,
      info: () => undefined,
      warning: () => undefined,
      progress: (m) => progress.push(m),
    };
    const ingestor = new Ingestor(new ReportAggregator(reportWindow(new Date(), 3650)), logger);
    ingestor.filesProgressEvery = 100;
    await ingestor.files(files.slice(0, 150));
    expect(progress).toEqual(['reports: 100 files read']);
    await ingestor.files(files.slice(150));
    expect(progress).toEqual(['reports: 100 files read', 'reports: 200 files read']);
    expect(ingestor.counts.files).toBe(250);
    await ingestor.close();
  });
});
