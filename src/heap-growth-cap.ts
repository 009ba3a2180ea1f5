/**
 * Bounds how far V8 lets the heap of a long run grow past what it holds (issue 11 item 4,
 * memory): the young generation at Node 20's size, the old generation at 1.5 x what survived
 * its last full GC. A live run over thousands of domains and the ingest of a large mailbox both
 * reach V8's limits on Node 24 (1 GiB bench mailbox: peak RSS 414 MiB without, 253 MiB with,
 * at the same CPU time).
 *
 * Young generation.
 * V8 doubles the new space each time as many bytes survived scavenges since it last grew as it
 * holds, up to a maximum fixed at start-up from the heap limit. A run over thousands of domains
 * always gets there: every result it keeps passes through the new space once. Node 20 stops at
 * 2 × 16 MiB; Node 24 (the action's runtime) at 2 × 64 MiB, which alone was a third of the
 * peak RSS at 10,000 domains, for no measurable CPU gain (bench/live-scale).
 *
 * The maximum (--max-semi-space-size) is read only when the heap is set up, so a running
 * process cannot lower it; the growth factor is read each time the new space grows. So once
 * the new space reaches the cap (the first doubling at or above it: 33.75 MiB on Node 24),
 * growth is set to 1 (V8 computes the same capacity, and keeps it), and back to V8's default 2 if V8 has shrunk it below the cap (after an idle spell).
 * On Node 20 the cap is never reached and the flag is never touched.
 *
 * Old generation. At 10,000 domains a run holds about 50 MiB once collected, but V8, seeing
 * how little time full GCs take beside the I/O, let the old space reach 2.7 x that (130 MiB)
 * before each one: the sockets, requests and certificates of the domains in flight live long
 * enough to be promoted and then die there. --heap-growing-percent, read each time V8 sets the
 * next limit, replaces that factor with 1.5: a few more full GCs of a small heap, mostly
 * concurrent (no measurable CPU per domain in bench/live-scale), about 50 MiB less peak RSS.
 * Only once the heap has reached OLD_GENERATION_CAP_FROM_BYTES: below it the factor saves no
 * memory that matters, and a short run paid for it in full GCs of a heap still warming up (a
 * folder of 20,000 small reports: about 8 % of its time, `npm run bench`).
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from 'node:v8';

/** Node 20's largest new space (2 semi-spaces of 16 MiB): what the CPU figures were measured with. */
export const YOUNG_GENERATION_CAP_BYTES = 32 * 1024 * 1024;
/** V8's default --semi-space-growth-factor. */
const DEFAULT_GROWTH_FACTOR = 2;
/** The old generation may grow to 1 + this / 100 times what survived the last full GC. */
export const OLD_GENERATION_GROWING_PERCENT = 50;
/** The heap size (committed, every space) from which the old generation's growth is capped. */
export const OLD_GENERATION_CAP_FROM_BYTES = 64 * 1024 * 1024;

/**
 * Both bounds, for the rest of the process (or until the returned stop is called, which gives
 * V8 its own heuristics back).
 */
export function capHeapGrowth(): () => void {
  const stopOld = capOldGeneration();
  const stopYoung = capYoungGeneration();
  return () => {
    stopYoung();
    stopOld();
  };
}

/**
 * From the first GC that finds the heap at `fromBytes` or more, the old generation may grow to
 * 1 + OLD_GENERATION_GROWING_PERCENT / 100 times what survived the last full GC, for the rest
 * of the process (or until the returned stop is called). `setFlag`: for tests.
 */
export function capOldGeneration(
  fromBytes: number = OLD_GENERATION_CAP_FROM_BYTES,
  setFlag: (flag: string) => void = setFlagsFromString,
): () => void {
  let capped = false;
  const adjust = (): void => {
    if (capped || getHeapStatistics().total_heap_size < fromBytes) return;
    capped = true;
    setFlag(`--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`);
  };
  const stopWatching = afterEveryGc(adjust);
  return () => {
    stopWatching();
    // 0: V8 chooses the factor itself again (its default).
    if (capped) setFlag('--heap-growing-percent=0');
    capped = false;
  };
}

/** The current committed size of the new space, in bytes. */
function newSpaceBytes(): number {
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === 'new_space') return space.space_size;
  }
  return 0;
}

/**
 * Stops the new space growing once it is at or above `capBytes`, for the rest of the process
 * (or until the returned stop is called). Checked after every GC: V8 grows it only in one.
 */
export function capYoungGeneration(capBytes: number = YOUNG_GENERATION_CAP_BYTES): () => void {
  let holding = false;
  const adjust = (): void => {
    const atCap = newSpaceBytes() >= capBytes;
    if (atCap === holding) return;
    holding = atCap;
    setFlagsFromString(`--semi-space-growth-factor=${atCap ? 1 : DEFAULT_GROWTH_FACTOR}`);
  };
  const stopWatching = afterEveryGc(adjust);
  return () => {
    stopWatching();
    if (holding) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
    holding = false;
  };
}

/** Runs `adjust` now and after every GC (V8 sets its limits in one), until the returned stop. */
function afterEveryGc(adjust: () => void): () => void {
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().length > 0) adjust();
  });
  observer.observe({ entryTypes: ['gc'] });
  adjust();
  return () => observer.disconnect();
}
