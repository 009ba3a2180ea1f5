import { spawnSync } from 'node:child_process';
import { getHeapSpaceStatistics } from 'node:v8';
import { describe, expect, it } from 'vitest';
import { capOldGeneration, capYoungGeneration, YOUNG_GENERATION_CAP_BYTES } from '../src/heap-growth-cap.js';

function newSpaceBytes(): number {
  return getHeapSpaceStatistics().find((s) => s.space_name === 'new_space')?.space_size ?? 0;
}

describe('capHeapGrowth', () => {
  it.each(['--semi-space-growth-factor=1', '--heap-growing-percent=50', '--heap-growing-percent=0'])(
    '%s is a flag this Node knows: setting it says nothing on stdout or stderr',
    (flag) => {
      // A V8 that dropped the flag would print "Error: unrecognized flag" into the CLI's output.
      const run = spawnSync(
        process.execPath,
        ['-e', `require('node:v8').setFlagsFromString(${JSON.stringify(flag)})`],
        { encoding: 'utf8' },
      );
      expect(run.status).toBe(0);
      expect(run.stdout + run.stderr).toBe('');
    },
  );

  it('stops the new space at the cap while survivors keep arriving (Node 24 would grow it to 128 MiB)', async () => {
    const stop = capYoungGeneration();
    let largest = 0;
    try {
      // About 300 MiB allocated, a sliding window of it surviving: enough survivors to double
      // the new space past the cap several times over. The turns of the event loop between
      // slices let the GC observer run, as the CLI's I/O does.
      const kept: object[] = [];
      for (let slice = 0; slice < 40; slice++) {
        for (let i = 0; i < 50_000; i++) {
          kept.push({ i, text: `value ${slice} ${i}`, list: [i, i + 1] });
          if (kept.length > 40_000) kept.splice(0, 20_000);
        }
        largest = Math.max(largest, newSpaceBytes());
        await new Promise((resolve) => setImmediate(resolve));
      }
    } finally {
      stop();
    }
    expect(largest).toBeGreaterThan(0);
    // V8 grows by doubling, from sizes that are not exact powers of two (33.75 MiB seen on
    // Node 24): held means it stopped at the first size at or above the cap.
    expect(largest).toBeLessThan(2 * YOUNG_GENERATION_CAP_BYTES);
  });

  /** Garbage enough for a few scavenges, with turns of the event loop for the GC observer. */
  async function churn(): Promise<void> {
    for (let slice = 0; slice < 20; slice++) {
      let kept: object[] = [];
      for (let i = 0; i < 50_000; i++) kept.push({ i, text: `value ${slice} ${i}` });
      kept = [];
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  it('caps the old generation only once the heap has reached the size given', async () => {
    const below: string[] = [];
    const stopBelow = capOldGeneration(Number.MAX_SAFE_INTEGER, (flag) => below.push(flag));
    const above: string[] = [];
    const stopAbove = capOldGeneration(1, (flag) => above.push(flag));
    try {
      await churn();
    } finally {
      stopBelow();
      stopAbove();
    }
    // Never reached: V8's own factor all along, and nothing to give back at the end.
    expect(below).toEqual([]);
    // Reached at once: capped once (not at every GC), then V8's own factor given back.
    expect(above).toEqual(['--heap-growing-percent=50', '--heap-growing-percent=0']);
  });
});
