/**
 * topWithOther (src/core/aggregate.ts), which lists a domain's sending IPs: the selection
 * by the count of the last entry listed gives exactly what sorting every entry and cutting at the limit gives.
 */
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { OTHER_KEY, topWithOther } from '../../src/core/aggregate.js';

/** The definition: every entry sorted (largest first, then by name), the rest under OTHER_KEY. */
function bySorting(map: Map<string, number>, limit: number): Record<string, number> {
  const entries = [...map]
    .filter(([k]) => k !== OTHER_KEY)
    .sort(([ka, a], [kb, b]) => b - a || (ka < kb ? -1 : ka > kb ? 1 : 0));
  const rest = entries.slice(limit).reduce((sum, [, n]) => sum + n, map.get(OTHER_KEY) ?? 0);
  const out = Object.fromEntries(entries.slice(0, limit));
  if (rest > 0) out[OTHER_KEY] = rest;
  return out;
}

const entries = fc.array(
  fc.tuple(
    fc.oneof(fc.ipV4(), fc.constantFrom(OTHER_KEY, 'a', 'b', '10.0.0.1', '__proto__', '7')),
    fc.integer({ min: 1, max: 20 }),
  ),
  { maxLength: 300 },
);

it('selects what sorting selects, in the same order, whatever the order of the map', () => {
  fc.assert(
    fc.property(entries, fc.integer({ min: 0, max: 120 }), (list, limit) => {
      const map = new Map(list);
      const got = topWithOther(map, limit);
      const want = bySorting(map, limit);
      expect(Object.entries(got)).toEqual(Object.entries(want));
    }),
    { numRuns: 2_000 },
  );
});

it('keeps the order when counts tie (by name) and when they arrive smallest first', () => {
  const map = new Map<string, number>();
  for (let i = 0; i < 500; i++) map.set(`198.51.100.${i % 250}-${i}`, Math.floor(i / 7));
  expect(Object.entries(topWithOther(map, 100))).toEqual(Object.entries(bySorting(map, 100)));
  const ties = new Map([
    ['c', 2],
    ['a', 2],
    ['b', 2],
    [OTHER_KEY, 5],
  ]);
  expect(topWithOther(ties, 2)).toEqual({ a: 2, b: 2, [OTHER_KEY]: 7 });
});

it('lists a key named __proto__ as its own entry', () => {
  const got = topWithOther(
    new Map([
      ['__proto__', 3],
      ['a', 1],
    ]),
    5,
  );
  expect(Object.keys(got)).toEqual(['__proto__', 'a']);
  expect(JSON.stringify(got)).toBe('{"__proto__":3,"a":1}');
});
