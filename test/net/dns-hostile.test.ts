/**
 * Hostile DNS answers (issue 9 class 3) from a raw UDP server on loopback: an answer that
 * cannot be read is a lookup failure, found at once (never "no records", never a stall), and
 * the good answers of the same server are still read. Plus the bounded reader itself under
 * fast-check: any bytes either parse or throw DnsMessageError.
 */
import { createSocket, type Socket } from 'node:dgram';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/net/dns.js';
import { DnsMessageError, encodeQuery, parseMessage, DNS_TYPE } from '../../src/net/dns-message.js';
import { udpTransport } from '../../src/net/dns-transport.js';
import { silentLogger } from '../../src/ports.js';

/** A valid answer to `query` with the given answer records (name compressed to the question). */
function answer(query: Buffer, records: Buffer[], extra: Buffer = Buffer.alloc(0)): Buffer {
  const header = Buffer.from(query.subarray(0, 12));
  header.writeUInt16BE(0x8180, 2); // QR, RD, RA, NOERROR
  header.writeUInt16BE(records.length, 6);
  return Buffer.concat([header, query.subarray(12), ...records, extra]);
}

function txtRecord(text: string): Buffer {
  const data = Buffer.from(text);
  const rr = Buffer.alloc(12 + 1 + data.length);
  rr.writeUInt16BE(0xc00c, 0); // the question's name
  rr.writeUInt16BE(DNS_TYPE.TXT, 2);
  rr.writeUInt16BE(1, 4);
  rr.writeUInt32BE(300, 6);
  rr.writeUInt16BE(1 + data.length, 10);
  rr[12] = data.length;
  data.copy(rr, 13);
  return rr;
}

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

/** How the hostile server answers, by the first label of the question. */
const behaviours: Record<string, (query: Buffer) => Buffer[]> = {
  // The right id and flags, then garbage where the counts and sections should be.
  garbage: (q) => {
    const head = Buffer.from(q.subarray(0, 4));
    head.writeUInt16BE(0x8180, 2);
    return [Buffer.concat([head, garbage(600, 7)])];
  },
  // 27 bytes whose header claims 65,535 records in every section.
  countbomb: (q) => {
    const packet = Buffer.alloc(27);
    q.copy(packet, 0, 0, 2);
    packet.writeUInt16BE(0x8180, 2);
    for (const at of [4, 6, 8, 10]) packet.writeUInt16BE(0xffff, at);
    return [packet];
  },
  // A name whose pointer points at itself.
  loop: (q) => {
    const rr = txtRecord('v=STSv1; id=1');
    const packet = answer(q, [rr]);
    const at = 12 + (q.length - 12);
    packet.writeUInt16BE(0xc000 | at, at);
    return [packet];
  },
  // A TXT character-string longer than its record.
  overrun: (q) => {
    const rr = txtRecord('v=STSv1; id=1');
    rr[12] = 200;
    return [answer(q, [rr])];
  },
  // Valid records, then bytes no count accounts for.
  trailing: (q) => [answer(q, [txtRecord('v=STSv1; id=trailing')], garbage(300, 3))],
  // First an answer for another question with the right id (a spoof), then the real one.
  spoofed: (q) => {
    const other = encodeQuery(q.readUInt16BE(0), 'other.example.test', 'TXT');
    return [answer(other, [txtRecord('v=STSv1; id=spoof')]), answer(q, [txtRecord('v=STSv1; id=real')])];
  },
  good: (q) => [answer(q, [txtRecord('v=STSv1; id=good')])],
};

describe('hostile DNS answers', () => {
  let server: Socket;
  let port = 0;
  beforeAll(async () => {
    server = createSocket('udp4');
    server.on('message', (query, from) => {
      const label = query.toString('latin1', 13, 13 + query[12]!);
      for (const reply of (behaviours[label] ?? behaviours['good']!)(query)) {
        server.send(reply, from.port, from.address);
      }
    });
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    port = server.address().port;
  });
  afterAll(() => server.close());

  const resolver = (): DnsResolver =>
    new DnsResolver({
      transport: udpTransport({ host: '127.0.0.1', port }),
      timeoutMs: 3000,
      server: `127.0.0.1:${port}`,
      logger: silentLogger,
    });

  it.each(['garbage', 'countbomb', 'loop', 'overrun'])(
    '%s: a lookup failure, never "no records"',
    async (label) => {
      const answerOf = await resolver().txt(`${label}.example.test`);
      expect(answerOf.kind).toBe('error');
      expect(answerOf.kind === 'error' && answerOf.error).toMatch(/malformed answer/);
    },
  );

  it('the good names of the same server are still read', async () => {
    const r = resolver();
    const [bad, good] = await Promise.all([r.txt('countbomb.example.test'), r.txt('good.example.test')]);
    expect(bad.kind).toBe('error');
    expect(good).toEqual({ kind: 'records', records: ['v=STSv1; id=good'] });
  });

  it('bytes after the last counted record make the answer unreadable, not empty', async () => {
    const answerOf = await resolver().txt('trailing.example.test');
    expect(answerOf.kind).toBe('error');
    expect(answerOf.kind === 'error' && answerOf.error).toMatch(/malformed answer/);
  });

  it('an answer to another question with the right id is not taken', async () => {
    expect(await resolver().txt('spoofed.example.test')).toEqual({
      kind: 'records',
      records: ['v=STSv1; id=real'],
    });
  });
});

describe('parseMessage', () => {
  it('reads a 27-byte count bomb as an error without walking 65,535 records', () => {
    const packet = Buffer.alloc(27);
    for (const at of [4, 6, 8, 10]) packet.writeUInt16BE(0xffff, at);
    expect(() => parseMessage(packet)).toThrow(DnsMessageError);
    expect(() => parseMessage(packet)).toThrow(/more than 27 bytes can hold/);
  });

  it('any bytes either parse or throw DnsMessageError', () => {
    const query = encodeQuery(1, 'example.test', 'TXT');
    const valid = answer(query, [txtRecord('v=STSv1; id=1'), txtRecord('v=TLSRPTv1; rua=mailto:a@b')]);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.uint8Array({ maxLength: 2048 }),
          // valid messages with some bytes changed, cut short or extended
          fc
            .tuple(
              fc.array(fc.tuple(fc.nat(valid.length - 1), fc.nat(255)), { maxLength: 8 }),
              fc.nat(valid.length + 40),
            )
            .map(([edits, length]) => {
              const copy = Buffer.concat([valid, Buffer.alloc(40)]).subarray(0, length);
              for (const [at, value] of edits) if (at < copy.length) copy[at] = value;
              return new Uint8Array(copy);
            }),
        ),
        (bytes) => {
          try {
            const packet = parseMessage(Buffer.from(bytes));
            expect(packet.answers.length).toBe(packet.header.ancount);
          } catch (error) {
            expect(error).toBeInstanceOf(DnsMessageError);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips what unbound-style compression produces', () => {
    const query = encodeQuery(7, 'Example.Test', 'MX');
    const mx = Buffer.alloc(12 + 2 + 6);
    mx.writeUInt16BE(0xc00c, 0);
    mx.writeUInt16BE(DNS_TYPE.MX, 2);
    mx.writeUInt16BE(1, 4);
    mx.writeUInt32BE(60, 6);
    mx.writeUInt16BE(2 + 6, 10);
    mx.writeUInt16BE(10, 12);
    mx.write('\x03mx1', 14, 'latin1');
    mx.writeUInt16BE(0xc00c, 18);
    const packet = parseMessage(answer(query, [mx]));
    expect(packet.header).toMatchObject({ id: 7, rcode: 0, tc: 0, ancount: 1 });
    expect(packet.answers[0]).toMatchObject({
      name: 'Example.Test',
      type: DNS_TYPE.MX,
      priority: 10,
      exchange: 'mx1.Example.Test',
    });
  });
});
