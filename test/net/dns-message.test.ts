/**
 * The validated DNS codec (issue 9, class 3): count bombs, trailing garbage and pointer tricks
 * are DnsMessageError in linear time, and through the UDP transport they are lookup failures,
 * never "no records".
 */
import dgram from 'node:dgram';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsMessageError, encodeQuery, ipv6Text, parseMessage } from '../../src/net/dns-message.js';
import { DnsResolver } from '../../src/net/dns.js';
import { udpTransport } from '../../src/net/dns-transport.js';
import { silentLogger } from '../../src/ports.js';

/** A NOERROR answer to `query` with one TXT record, built by hand. */
function txtAnswer(query: Buffer, text: string): Buffer {
  const header = Buffer.from(query.subarray(0, 12));
  header.writeUInt16BE(0x8180, 2);
  header.writeUInt16BE(1, 6);
  const question = query.subarray(12);
  const rdata = Buffer.concat([Buffer.from([text.length]), Buffer.from(text, 'latin1')]);
  const rr = Buffer.alloc(12);
  rr.writeUInt16BE(0xc00c, 0);
  rr.writeUInt16BE(16, 2);
  rr.writeUInt16BE(1, 4);
  rr.writeUInt32BE(300, 6);
  rr.writeUInt16BE(rdata.length, 10);
  return Buffer.concat([header, question, rr, rdata]);
}

describe('parseMessage', () => {
  const query = encodeQuery(0x1234, '_mta-sts.example.test', 'TXT');

  it('reads a well-formed answer', () => {
    const message = parseMessage(txtAnswer(query, 'v=STSv1; id=1'));
    expect(message.header.id).toBe(0x1234);
    expect(message.questions[0]).toEqual({ name: '_mta-sts.example.test', type: 16, class: 1 });
    expect(message.answers[0]).toMatchObject({
      name: '_mta-sts.example.test',
      type: 16,
      data: ['v=STSv1; id=1'],
    });
  });

  it('refuses a 27-byte packet whose header claims 65,535 records, at once', () => {
    const bomb = Buffer.alloc(27);
    query.copy(bomb, 0, 0, 12);
    bomb.writeUInt16BE(0x8180, 2);
    bomb.writeUInt16BE(0xffff, 6);
    const started = performance.now();
    expect(() => parseMessage(bomb)).toThrow(/claims .* entries/);
    expect(performance.now() - started).toBeLessThan(50);
  });

  it('refuses trailing garbage after the last record', () => {
    const packet = Buffer.concat([txtAnswer(query, 'v=STSv1; id=1'), Buffer.alloc(3000, 0xc0)]);
    expect(() => parseMessage(packet)).toThrow(/bytes after the last record/);
  });

  it('refuses a pointer that does not point backwards (a loop)', () => {
    const packet = Buffer.from(query);
    packet.writeUInt16BE(0xc000 | 12, 12);
    expect(() => parseMessage(packet.subarray(0, 18))).toThrow(DnsMessageError);
  });

  it('prints IPv6 in RFC 5952 form', () => {
    expect(ipv6Text(Buffer.from('00000000000000000000000000000001', 'hex'))).toBe('::1');
    expect(ipv6Text(Buffer.from('20010db8000000010000000000000001', 'hex'))).toBe('2001:db8:0:1::1');
  });

  it('never throws anything but DnsMessageError, and stays linear, on any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), (bytes) => {
        const started = performance.now();
        try {
          parseMessage(Buffer.from(bytes));
        } catch (error) {
          expect(error).toBeInstanceOf(DnsMessageError);
        }
        expect(performance.now() - started).toBeLessThan(50);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('hostile answers through the UDP transport', () => {
  let server: dgram.Socket;
  let port = 0;
  beforeAll(async () => {
    server = dgram.createSocket('udp4');
    server.on('message', (query, from) => {
      const name = query.toString('latin1', 13, 40);
      let answer: Buffer;
      if (name.includes('bomb')) {
        answer = Buffer.alloc(27);
        query.copy(answer, 0, 0, 12);
        answer.writeUInt16BE(0x8180, 2);
        answer.writeUInt16BE(0xffff, 6);
      } else if (name.includes('garbage')) {
        answer = Buffer.concat([txtAnswer(query, 'v=STSv1; id=1'), Buffer.alloc(2000, 0xff)]);
      } else {
        answer = txtAnswer(query, 'v=STSv1; id=good');
      }
      server.send(answer, from.port, from.address);
    });
    await new Promise<void>((resolve) => server.bind(0, '127.0.0.1', resolve));
    port = server.address().port;
  });
  afterAll(() => server?.close());

  it('a count bomb and trailing garbage are lookup failures, fast; good names still resolve', async () => {
    const resolver = new DnsResolver({
      transport: udpTransport({ host: '127.0.0.1', port }),
      timeoutMs: 3_000,
      server: `127.0.0.1:${port}`,
      logger: silentLogger,
    });
    const started = Date.now();
    const [bomb, garbage, good] = await Promise.all([
      resolver.txt('_mta-sts.bomb.test'),
      resolver.txt('_mta-sts.garbage.test'),
      resolver.txt('_mta-sts.good.test'),
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(bomb).toMatchObject({ kind: 'error', error: expect.stringMatching(/malformed answer/) });
    expect(garbage).toMatchObject({ kind: 'error', error: expect.stringMatching(/malformed answer/) });
    expect(good).toEqual({ kind: 'records', records: ['v=STSv1; id=good'] });
  });
});
