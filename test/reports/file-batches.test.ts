/**
 * How files() splits a folder among parser workers (src/reports/ingest.ts filesPerBatch): every
 * batch within the bounds, and as many batches as a multiple of the workers, so that no worker
 * is left reading a batch alone at the end.
 */
import { expect, it } from 'vitest';
import { filesPerBatch } from '../../src/reports/ingest.js';

const batchesOf = (files: number, workers: number): number =>
  Math.ceil(files / filesPerBatch(files, workers));

it('splits 20,000 files for two workers into six equal batches, not five of 4,096', () => {
  expect(filesPerBatch(20_000, 2)).toBe(3_334);
  expect(batchesOf(20_000, 2)).toBe(6);
});

it('keeps every batch between 128 and 4,096 files, in a multiple of the workers', () => {
  for (const workers of [1, 2, 3, 4]) {
    for (const files of [2_000, 2_001, 8_192, 20_000, 65_537, 200_000]) {
      const per = filesPerBatch(files, workers);
      expect(per).toBeGreaterThanOrEqual(128);
      expect(per).toBeLessThanOrEqual(4_096);
      expect(batchesOf(files, workers) % workers).toBe(0);
    }
  }
});

it('gives small folders batches of 128 files', () => {
  expect(filesPerBatch(300, 2)).toBe(128);
});
