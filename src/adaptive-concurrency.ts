/**
 * A bounded map that also keeps the event loop responsive (issue 11 item 2): `--concurrency`
 * caps the domains in flight, and when our own CPU work makes the event loop lag (callbacks of
 * answers that already arrived wait behind other work), no new domain starts until the lag
 * falls again. A high --concurrency then never turns CPU backlog into deadlines that fire on
 * our own queue. Results stay in input order.
 */

/** Event-loop lag above which no new item starts (well under any network deadline). */
export const MAX_EVENT_LOOP_LAG_MS = 40;
/** Items kept in flight whatever the lag, so the run always progresses. */
export const MIN_IN_FLIGHT = 4;
/** How often the lag is sampled, and how long a held start waits before looking again. */
const LAG_SAMPLE_MS = 10;

export async function mapAdaptive<T, R>(
  items: readonly T[],
  limit: number,
  fn: (item: T, index: number) => Promise<R>,
  options: { maxLagMs?: number; minInFlight?: number } = {},
): Promise<R[]> {
  const maxLag = options.maxLagMs ?? MAX_EVENT_LOOP_LAG_MS;
  const minInFlight = options.minInFlight ?? MIN_IN_FLIGHT;
  const results = new Array<R>(items.length);
  let lag = 0;
  let expected = Date.now() + LAG_SAMPLE_MS;
  const sampler = setInterval(() => {
    const now = Date.now();
    lag = Math.max(0, now - expected);
    expected = now + LAG_SAMPLE_MS;
  }, LAG_SAMPLE_MS);
  sampler.unref();
  let next = 0;
  let inFlight = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      while (lag > maxLag && inFlight >= minInFlight) {
        await new Promise((resolve) => setTimeout(resolve, LAG_SAMPLE_MS));
      }
      if (next >= items.length) return;
      const index = next++;
      inFlight++;
      try {
        results[index] = await fn(items[index]!, index);
      } finally {
        inFlight--;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  } finally {
    clearInterval(sampler);
  }
  return results;
}
