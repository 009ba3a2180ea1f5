/**
 * Keeps the V8 young generation of a long live run at Node 20's size (issue 11 item 4, memory).
 *
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
 */
import { PerformanceObserver } from 'node:perf_hooks';
import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';

/** Node 20's largest new space (2 semi-spaces of 16 MiB): what the CPU figures were measured with. */
export const YOUNG_GENERATION_CAP_BYTES = 32 * 1024 * 1024;
/** V8's default --semi-space-growth-factor. */
const DEFAULT_GROWTH_FACTOR = 2;

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
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().length > 0) adjust();
  });
  observer.observe({ entryTypes: ['gc'] });
  adjust();
  return () => {
    observer.disconnect();
    if (holding) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
    holding = false;
  };
}
