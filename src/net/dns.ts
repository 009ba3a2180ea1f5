/**
 * The Resolver port (DESIGN.md "src/net/dns.ts"): the DNS questions a compliant sender
 * asks for RFC 8461 (`_mta-sts` TXT, MX, addresses of each MX and of `mta-sts.<domain>`) and
 * RFC 8460 (`_smtp._tls` TXT), asked of exactly one server: `--resolver`, `--doh`, or the
 * system's first nameserver, never dns2's default public servers.
 *
 * Every answer becomes plain data (`DnsAnswer`): records, NXDOMAIN, NODATA, or an error
 * (SERVFAIL, REFUSED, timeout...), never an exception. Transient failures are retried; each
 * name/type is asked once per run (the cache holds promises, so concurrent askers share one
 * question).
 */
import type { DnsAnswer, MxRecord } from '../core/observation.js';
import type { Logger, Resolver } from '../ports.js';
import { DNS_TYPE } from './dns-message.js';
import { DnsTransportError, type DnsPacket, type DnsTransport, type QueryType } from './dns-transport.js';

/** Tries of one question before a transient failure (timeout, SERVFAIL, network) is final. */
export const DNS_TRIES = 3;
/** A CNAME chain longer than this is treated as a loop (RFC 1034 §3.6.2 forbids loops). */
export const MAX_CNAME_CHAIN = 8;
/** No single try waits less than this, however small the budget. */
const MIN_TRY_MS = 200;

/** RFC 1035 §4.1.1 response codes (RFC 1035 §4.1.1). */
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

/** The exchange of a null MX (RFC 7505 §3: `MX 0 .`); the root name parses as ''. */
export const NULL_MX_EXCHANGE = '.';

export interface DnsResolverOptions {
  transport: DnsTransport;
  /** Budget of one question (all tries); --timeout-seconds. */
  timeoutMs: number;
  /** Describes the server in error messages, e.g. `127.0.0.1:53` or the DoH URL. */
  server: string;
  logger: Logger;
  tries?: number;
}

type RecordOf<T extends QueryType> = T extends 'MX' ? MxRecord : string;

/** One try's outcome: an answer, a failure worth another try, or a failure that is final. */
type TryOutcome =
  | { kind: 'packet'; packet: DnsPacket }
  | { kind: 'transient'; error: string }
  | { kind: 'failed'; error: string };

export class DnsResolver implements Resolver {
  private readonly cache = new Map<string, Promise<DnsAnswer<unknown>>>();
  private readonly tries: number;
  private readonly tryTimeoutMs: number;

  constructor(private readonly options: DnsResolverOptions) {
    this.tries = Math.max(1, options.tries ?? DNS_TRIES);
    this.tryTimeoutMs = Math.max(MIN_TRY_MS, Math.floor(options.timeoutMs / this.tries));
  }

  /** TXT records, each record's character-strings joined (RFC 8461 §3.1, RFC 8460 §3). */
  txt(name: string): Promise<DnsAnswer<string>> {
    return this.ask(name, 'TXT');
  }

  /** MX records; a null MX (RFC 7505) comes back with exchange `.`. */
  mx(name: string): Promise<DnsAnswer<MxRecord>> {
    return this.ask(name, 'MX');
  }

  /** A and AAAA together, as a sender connecting to the host would try both. */
  async addresses(name: string): Promise<DnsAnswer<string>> {
    const [a, aaaa] = await Promise.all([this.ask(name, 'A'), this.ask(name, 'AAAA')]);
    return combineAddresses(a, aaaa);
  }

  /** Asks once per run per name/type; concurrent callers share the same promise. */
  private ask<T extends QueryType>(name: string, type: T): Promise<DnsAnswer<RecordOf<T>>> {
    const key = `${type} ${normalizeName(name)}`;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.resolveChain(normalizeName(name), type, normalizeName(name), 0);
      this.cache.set(key, answer);
    }
    return answer as Promise<DnsAnswer<RecordOf<T>>>;
  }

  private async resolveChain<T extends QueryType>(
    name: string,
    type: T,
    origin: string,
    depth: number,
  ): Promise<DnsAnswer<RecordOf<T>>> {
    const outcome = await this.askWithRetries(name, type);
    if (outcome.kind !== 'packet') return { kind: 'error', error: outcome.error };
    const { packet } = outcome;
    const rcode = packet.header.rcode;
    if (rcode === RCODE.NXDOMAIN) return { kind: 'nxdomain' };
    if (rcode !== RCODE.NOERROR) {
      return { kind: 'error', error: `${rcodeName(rcode)} from ${this.options.server} for ${type} ${name}` };
    }
    // RFC 1034 §3.6.2: an answer may carry the CNAME chain and the records at its end.
    const chain = followCnames(packet, name, MAX_CNAME_CHAIN - depth);
    if (chain === null) {
      return {
        kind: 'error',
        error: `CNAME chain from ${origin} is a loop or longer than ${MAX_CNAME_CHAIN}`,
      };
    }
    const records = packet.answers
      .filter((rr) => rr.type === DNS_TYPE[type] && normalizeName(rr.name) === chain.target)
      .map((rr) => toRecord(type, rr));
    if (records.length > 0) {
      return { kind: 'records', records: sortRecords(dedupe(records)) as RecordOf<T>[] };
    }
    if (chain.target !== name) {
      // The server gave the alias but not what it points to (e.g. it is not authoritative for
      // the target and does not recurse): ask for the target ourselves.
      if (depth + chain.hops >= MAX_CNAME_CHAIN) {
        return {
          kind: 'error',
          error: `CNAME chain from ${origin} is a loop or longer than ${MAX_CNAME_CHAIN}`,
        };
      }
      return this.resolveChain(chain.target, type, origin, depth + chain.hops);
    }
    return { kind: 'nodata' };
  }

  private async askWithRetries(name: string, type: QueryType): Promise<TryOutcome> {
    let error = 'no try made';
    for (let attempt = 1; attempt <= this.tries; attempt++) {
      const outcome = await this.tryOnce(name, type);
      if (outcome.kind !== 'transient') return outcome;
      error = outcome.error;
      this.options.logger.debug(`dns: ${type} ${name}: try ${attempt}/${this.tries} failed: ${error}`);
    }
    return { kind: 'failed', error: `${error} (after ${this.tries} tries)` };
  }

  private async tryOnce(name: string, type: QueryType): Promise<TryOutcome> {
    let packet: DnsPacket;
    try {
      packet = await this.options.transport(name, type, this.tryTimeoutMs);
    } catch (error) {
      if (error instanceof DnsTransportError) {
        // A malformed answer will not improve on a second try of the same server.
        if (error.code === 'malformed')
          return { kind: 'failed', error: `malformed answer: ${error.message}` };
        const prefix =
          error.code === 'timeout' ? 'timeout' : error.code === 'http' ? 'http error' : 'network error';
        return { kind: 'transient', error: `${prefix}: ${error.message}` };
      }
      throw error;
    }
    // RFC 2308 §7.1: SERVFAIL is a (possibly) transient server failure; retry it.
    if (packet.header.rcode === RCODE.SERVFAIL) {
      return { kind: 'transient', error: `SERVFAIL from ${this.options.server} for ${type} ${name}` };
    }
    return { kind: 'packet', packet };
  }
}

/** Lower case without the trailing dot: how names are compared and cached. */
export function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** Records at the end of a CNAME chain starting at `name`, or null on a loop or overlong chain. */
function followCnames(
  packet: DnsPacket,
  name: string,
  maxHops: number,
): { target: string; hops: number } | null {
  const aliases = new Map<string, string>();
  for (const rr of packet.answers) {
    if (rr.type === DNS_TYPE.CNAME && rr.domain !== undefined) {
      aliases.set(normalizeName(rr.name), normalizeName(rr.domain));
    }
  }
  let target = name;
  let hops = 0;
  const seen = new Set([name]);
  while (aliases.has(target)) {
    target = aliases.get(target)!;
    hops++;
    if (seen.has(target) || hops > maxHops) return null;
    seen.add(target);
  }
  return { target, hops };
}

function toRecord(type: QueryType, rr: DnsPacket['answers'][number]): string | MxRecord {
  switch (type) {
    case 'TXT': {
      // RFC 7208 §3.3 / RFC 8461 §3.1: a TXT record's character-strings are concatenated.
      const data = (rr as { data?: string | string[] }).data;
      return Array.isArray(data) ? data.join('') : (data ?? '');
    }
    case 'MX': {
      const exchange = normalizeName(rr.exchange ?? '');
      return { exchange: exchange === '' ? NULL_MX_EXCHANGE : exchange, preference: rr.priority ?? 0 };
    }
    default:
      return rr.address ?? '';
  }
}

/**
 * Servers rotate RRsets (unbound's rrset-roundrobin, for one): sorting keeps the output, and the
 * issues and comments made from it, the same from run to run. MX by preference, then name.
 */
function sortRecords(records: (string | MxRecord)[]): (string | MxRecord)[] {
  return [...records].sort((a, b) =>
    typeof a === 'string' || typeof b === 'string'
      ? compareText(sortKey(String(a)), sortKey(String(b)))
      : a.preference - b.preference || compareText(a.exchange, b.exchange),
  );
}

/** IPv4 addresses sort numerically (127.0.0.2 before 127.0.0.10); anything else as text. */
function sortKey(text: string): string {
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  return octets
    ? octets
        .slice(1)
        .map((o) => o.padStart(3, '0'))
        .join('.')
    : text;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function dedupe<T>(records: T[]): T[] {
  const seen = new Set<string>();
  return records.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * A + AAAA as one answer: records if either has some; else NXDOMAIN if either says the name
 * does not exist; else an error if either failed (we cannot say there are none); else NODATA.
 */
export function combineAddresses(a: DnsAnswer<string>, aaaa: DnsAnswer<string>): DnsAnswer<string> {
  const records = [a, aaaa].flatMap((x) => (x.kind === 'records' ? x.records : []));
  if (records.length > 0) return { kind: 'records', records };
  if (a.kind === 'nxdomain' || aaaa.kind === 'nxdomain') return { kind: 'nxdomain' };
  if (a.kind === 'error') return a;
  if (aaaa.kind === 'error') return aaaa;
  return { kind: 'nodata' };
}

function rcodeName(rcode: number): string {
  const name = Object.entries(RCODE).find(([, value]) => value === rcode)?.[0];
  return name ?? `RCODE ${rcode}`;
}
