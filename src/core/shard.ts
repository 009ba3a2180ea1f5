/**
 * Shards of one domain list (issue 12, docs/adr/0003-shard-by-hash-ranges.md): the domains are
 * ordered by a hash of their name, then that order is cut into N contiguous ranges of equal size.
 * Sizes differ by at most one, and adding one domain moves at most one domain across each
 * boundary, so a domain's shard (and its runner's cache, its log) stays put as the list grows.
 * Pure: no crypto import; the hash only spreads names, it guards nothing.
 */

/** A shard of a run: 1-based index of total. */
export interface ShardRef {
  index: number;
  total: number;
}

const FNV32_OFFSET = 0x811c9dc5;
const FNV32_PRIME = 0x01000193;

/** FNV-1a over the UTF-16 code units of a name (domains are ASCII after normalizing). */
export function nameHash(name: string): number {
  let hash = FNV32_OFFSET;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, FNV32_PRIME);
  }
  return hash >>> 0;
}

/** The shard order: by hash, ties (rare) by name, so every runner computes the same order. */
export function shardOrder(domains: readonly string[]): string[] {
  const keyed = [...new Set(domains)].map((domain) => ({ domain, hash: nameHash(domain) }));
  keyed.sort((a, b) => a.hash - b.hash || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  return keyed.map((k) => k.domain);
}

/** Where the I-th of N ranges starts in a list of `count`: floor((I-1)·count/N). */
function rangeStart(index: number, total: number, count: number): number {
  return Math.floor(((index - 1) * count) / total);
}

/**
 * The domains of shard I/N, sorted by name (the rest of the run works on sorted lists). With no
 * shard, every domain.
 */
export function shardDomains(domains: readonly string[], shard: ShardRef | null): string[] {
  if (!shard) return [...domains];
  const order = shardOrder(domains);
  const start = rangeStart(shard.index, shard.total, order.length);
  const end = rangeStart(shard.index + 1, shard.total, order.length);
  return order.slice(start, end).sort();
}

/** Every shard of the list at once, each sorted by name: shard I is element I-1. */
export function allShards(domains: readonly string[], total: number): string[][] {
  const order = shardOrder(domains);
  return Array.from({ length: total }, (_, i) =>
    order.slice(rangeStart(i + 1, total, order.length), rangeStart(i + 2, total, order.length)).sort(),
  );
}

const FNV64_OFFSET = 0xcbf29ce484222325n;
const FNV64_PRIME = 0x100000001b3n;
const MASK64 = 0xffffffffffffffffn;

/**
 * A fingerprint of the whole list a run was cut from (FNV-1a/64 over the sorted, distinct names,
 * one a line), so the merge step can tell shards of different lists apart and check that their
 * union is the list. Not a security boundary: shard files come from the same workflow.
 */
export function listFingerprint(domains: readonly string[]): string {
  let hash = FNV64_OFFSET;
  const text = [...new Set(domains)].sort().join('\n');
  for (let i = 0; i < text.length; i++) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * FNV64_PRIME) & MASK64;
  }
  return `fnv1a64:${hash.toString(16).padStart(16, '0')}:${new Set(domains).size}`;
}
