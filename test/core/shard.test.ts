import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allShards,
  fnv1a64,
  listFingerprint,
  nameHash,
  shardDomains,
  shardOrder,
} from '../../src/core/shard.js';

const domainArb = fc.stringMatching(/^[a-z0-9]{1,12}$/).map((label) => `${label}.example`);
const listArb = fc.uniqueArray(domainArb, { minLength: 0, maxLength: 300 });
const totalArb = fc.integer({ min: 1, max: 25 });

/** Which shard (1-based) each domain is in. */
function placement(domains: string[], total: number): Map<string, number> {
  const where = new Map<string, number>();
  allShards(domains, total).forEach((shard, i) => shard.forEach((d) => where.set(d, i + 1)));
  return where;
}

describe('hash-range shards', () => {
  it('hashes with FNV-1a/32 (published test vectors)', () => {
    expect(nameHash('')).toBe(0x811c9dc5);
    expect(nameHash('a')).toBe(0xe40c292c);
    expect(nameHash('foobar')).toBe(0xbf9cf968);
  });

  it('fingerprints with FNV-1a/64 (published vectors, and BigInt arithmetic as the oracle)', () => {
    expect(fnv1a64('')).toBe('cbf29ce484222325');
    expect(fnv1a64('a')).toBe('af63dc4c8601ec8c');
    expect(fnv1a64('foobar')).toBe('85944171f73967e8');
    const oracle = (text: string): string => {
      let hash = 0xcbf29ce484222325n;
      for (let i = 0; i < text.length; i++) {
        hash ^= BigInt(text.charCodeAt(i));
        hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
      }
      return hash.toString(16).padStart(16, '0');
    };
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        expect(fnv1a64(text)).toBe(oracle(text));
      }),
    );
  });

  it('covers every domain exactly once, in shards whose sizes differ by at most one', () => {
    fc.assert(
      fc.property(listArb, totalArb, (domains, total) => {
        const shards = Array.from({ length: total }, (_, i) =>
          shardDomains(domains, { index: i + 1, total }),
        );
        expect(shards.flat().sort()).toEqual([...domains].sort());
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
        expect(shards).toEqual(allShards(domains, total));
        for (const s of shards) expect(s).toEqual([...s].sort());
      }),
    );
  });

  it('moves at most one domain across each boundary when a domain is added', () => {
    fc.assert(
      fc.property(listArb, domainArb, totalArb, (domains, added, total) => {
        fc.pre(!domains.includes(added));
        const before = placement(domains, total);
        const after = placement([...domains, added], total);
        for (let boundary = 1; boundary < total; boundary++) {
          // Domains that were at or below the boundary and are now above it, or the other way.
          const crossed = domains.filter(
            (d) => before.get(d)! <= boundary !== after.get(d)! <= boundary,
          ).length;
          expect(crossed).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('does not depend on the order or repetition of the input list', () => {
    fc.assert(
      fc.property(listArb, totalArb, fc.integer(), (domains, total, seed) => {
        const shuffled = [...domains, ...domains.slice(0, 3)].sort(
          (a, b) => nameHash(a + seed) - nameHash(b + seed),
        );
        expect(allShards(shuffled, total)).toEqual(allShards(domains, total));
        expect(listFingerprint(shuffled)).toBe(listFingerprint(domains));
      }),
    );
  });

  it('fingerprints tell lists apart', () => {
    fc.assert(
      fc.property(listArb, domainArb, (domains, other) => {
        fc.pre(!domains.includes(other));
        expect(listFingerprint([...domains, other])).not.toBe(listFingerprint(domains));
      }),
    );
    expect(listFingerprint(['a.example', 'b.example'])).toMatch(/^fnv1a64:[0-9a-f]{16}:2$/);
  });

  it('spreads a sorted list rather than cutting it alphabetically', () => {
    const domains = Array.from({ length: 1000 }, (_, i) => `d${String(i).padStart(4, '0')}.example`);
    const first = shardOrder(domains).slice(0, 100);
    // An alphabetical cut would put d0000..d0099 in the first tenth.
    expect(first.filter((d) => d < 'd0100').length).toBeLessThan(40);
  });
});
