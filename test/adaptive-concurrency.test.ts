/** mapAdaptive: input order and the --concurrency cap (the lag hold is measured by bench/live-scale). */
import { describe, expect, it } from 'vitest';
import { mapAdaptive } from '../src/adaptive-concurrency.js';

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('mapAdaptive', () => {
  it('keeps input order and never exceeds the limit', async () => {
    let inFlight = 0;
    let most = 0;
    const results = await mapAdaptive([5, 1, 4, 2, 3, 0, 6, 2], 3, async (n, i) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await sleep(n);
      inFlight--;
      return `${i}:${n}`;
    });
    expect(results).toEqual(['0:5', '1:1', '2:4', '3:2', '4:3', '5:0', '6:6', '7:2']);
    expect(most).toBeLessThanOrEqual(3);
  });
});
