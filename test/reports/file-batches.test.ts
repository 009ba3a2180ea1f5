/**
 * How files() hands a folder out to parser workers (src/reports/ingest.ts nextBatchSize): each
 * batch a share of what is left, within bounds, so that batches shrink towards the end and
 * neither the workers nor the main thread is left with a large batch alone at the end.
 */
import { expect, it } from 'vitest';
import { nextBatchSize } from '../../src/reports/ingest.js';

function batches(files: number, workers: number): number[] {
  const sizes: number[] = [];
  for (let left = files; left > 0;) {
    const size = Math.min(nextBatchSize(left, workers), left);
    sizes.push(size);
    left -= size;
  }
  return sizes;
}

it('hands out 20,000 files to one worker in shrinking batches, ending with small ones', () => {
  const sizes = batches(20_000, 1);
  expect(sizes[0]).toBe(2_048);
  expect(sizes.reduce((a, b) => a + b, 0)).toBe(20_000);
  for (let i = 1; i < sizes.length; i++) expect(sizes[i]).toBeLessThanOrEqual(sizes[i - 1]!);
  // What is left once the last large batch is out is at most a few small batches' work.
  expect(sizes.slice(-3).every((s) => s <= 128)).toBe(true);
  expect(sizes.length).toBeLessThan(25);
});

it('keeps every batch between 128 and 2,048 files', () => {
  for (const workers of [1, 2, 3, 4]) {
    for (const files of [2_000, 2_001, 8_192, 20_000, 65_537, 200_000]) {
      const sizes = batches(files, workers);
      expect(Math.max(...sizes)).toBeLessThanOrEqual(2_048);
      // Only the very last batch may be short of the minimum: it holds what was left.
      expect(Math.min(...sizes.slice(0, -1))).toBeGreaterThanOrEqual(128);
    }
  }
});

it('makes each batch what is left over three times the workers (three batches in flight on each)', () => {
  expect(nextBatchSize(10_000, 2)).toBe(1_667);
  expect(nextBatchSize(10_000, 4)).toBe(834);
  expect(nextBatchSize(300, 2)).toBe(128);
});
