/**
 * A UDP DNS front on 127.0.0.1 for the network cases: forwards every question to the world's
 * server and relays its answer, except the questions a hostile rule claims, which it answers with
 * a malformed packet of the right id (issue 9 class 3, as test/net/dns-hostile.test.ts builds
 * them). It logs every name asked, so a case can show that a name was never resolved (class 11).
 */
import { createSocket, type Socket } from 'node:dgram';

export type HostileAnswer = (query: Buffer) => Buffer;

/** Deterministic garbage (the same bytes every run). */
function garbage(bytes: number, seed: number): Buffer {
  const out = Buffer.alloc(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

/** The right id and flags, then garbage where the counts and sections should be. */
export const trailingGarbage: HostileAnswer = (q) => {
  const head = Buffer.from(q.subarray(0, 4));
  head.writeUInt16BE(0x8180, 2);
  return Buffer.concat([head, garbage(600, 7)]);
};

/** 27 bytes whose header claims 65,535 records in every section. */
export const countBomb: HostileAnswer = (q) => {
  const packet = Buffer.alloc(27);
  q.copy(packet, 0, 0, 2);
  packet.writeUInt16BE(0x8180, 2);
  for (const at of [4, 6, 8, 10]) packet.writeUInt16BE(0xffff, at);
  return packet;
};

/** The question name of a query (uncompressed, as resolvers send it), lower case. */
function questionName(query: Buffer): string {
  const labels: string[] = [];
  for (let at = 12; at < query.length && query[at]! > 0; at += query[at]! + 1)
    labels.push(query.toString('latin1', at + 1, at + 1 + query[at]!));
  return labels.join('.').toLowerCase();
}

export interface DnsProxy {
  /** `--resolver` value. */
  resolver: string;
  /** Every name asked since the last clear. */
  names: string[];
  stop(): Promise<void>;
}

export async function startDnsProxy(
  upstream: { host: string; port: number },
  hostile: Record<string, HostileAnswer>,
): Promise<DnsProxy> {
  const front = createSocket('udp4');
  const names: string[] = [];
  const open = new Set<Socket>();
  front.on('message', (query, from) => {
    const name = questionName(query);
    names.push(name);
    const answer = hostile[name];
    if (answer) {
      front.send(answer(query), from.port, from.address);
      return;
    }
    const back = createSocket('udp4');
    open.add(back);
    const done = (): void => {
      open.delete(back);
      back.close();
    };
    const timer = setTimeout(done, 10_000);
    back.on('error', () => {
      clearTimeout(timer);
      done();
    });
    back.on('message', (reply) => {
      clearTimeout(timer);
      front.send(reply, from.port, from.address);
      done();
    });
    back.send(query, upstream.port, upstream.host);
  });
  await new Promise<void>((resolve) => front.bind(0, '127.0.0.1', resolve));
  return {
    resolver: `127.0.0.1:${front.address().port}`,
    names,
    stop: async () => {
      for (const s of open) s.close();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}
