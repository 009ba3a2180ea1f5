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

const TWO_32 = 4294967296;

/**
 * FNV-1a/64 over UTF-16 code units, in two 32-bit halves (BigInt was 20 times slower: 90 ms a
 * 10,000-domain list, paid once per shard file). The prime is 2^40 + 0x1b3, so a step is
 * hash·0x1b3 plus the low half shifted 40 bits into the high half.
 */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    const low = lo * 0x1b3; // < 2^41: exact in a double
    hi = (Math.imul(hi, 0x1b3) + Math.floor(low / TWO_32) + (lo << 8)) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, '0') + lo.toString(16).padStart(8, '0');
}

/**
 * A fingerprint of the whole list a run was cut from (FNV-1a/64 over the sorted, distinct names,
 * one a line), so the merge step can tell shards of different lists apart and check that their
 * union is the list. Not a security boundary: shard files come from the same workflow.
 */
export function listFingerprint(domains: readonly string[]): string {
  const distinct = [...new Set(domains)].sort();
  return `fnv1a64:${fnv1a64(distinct.join('\n'))}:${distinct.length}`;
}
