/**
 * The Resolver adapter against dns2's own server on loopback: every DNS outcome a check can meet
 * becomes a distinct DnsAnswer, transient failures are retried, and each question is asked once.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/net/dns.js';
import { udpTransport } from '../../src/net/dns-transport.js';
import { silentLogger } from '../../src/ports.js';
import { startFakeDns, type DnsZone, type FakeDns, type Misbehaviour } from '../harness/dns-server.js';

const LONG_TXT = 'v=STSv1; id=' + 'x'.repeat(20) + '; ' + 'ext=' + 'y'.repeat(600);

const zone: DnsZone = {
  'example.test': {
    MX: [
      { preference: 10, exchange: 'MX1.example.test' },
      { preference: 20, exchange: 'mx2.example.test.' },
    ],
  },
  '_mta-sts.example.test': { TXT: [['v=STSv1; ', 'id=2026'], 'unrelated'] },
  'mx1.example.test': { A: ['127.0.0.21'], AAAA: ['::1'] },
  'mx2.example.test': { A: ['127.0.0.23', '127.0.0.22'] },
  'many.example.test': { A: ['127.0.0.10', '127.0.0.9', '127.0.0.100'] },
  'v6only.example.test': { AAAA: ['::1'] },
  'nullmx.test': { MX: [{ preference: 0, exchange: '.' }] },
  'alias.example.test': { CNAME: 'alias2.example.test' },
  'alias2.example.test': { CNAME: 'mx2.example.test' },
  'loop1.example.test': { CNAME: 'loop2.example.test' },
  'loop2.example.test': { CNAME: 'loop1.example.test' },
  'dangling.example.test': { CNAME: 'gone.example.test' },
  'big.example.test': { TXT: [LONG_TXT] },
  'servfail.example.test': { A: ['127.0.0.9'] },
  'refused.example.test': { A: ['127.0.0.9'] },
  'silent.example.test': { A: ['127.0.0.9'] },
  'flaky.example.test': { TXT: ['v=TLSRPTv1; rua=mailto:r@example.test'] },
  'lossy.example.test': { TXT: ['v=TLSRPTv1; rua=mailto:r@example.test'] },
  'slow.example.test': { A: ['127.0.0.9'] },
  'empty.example.test': {},
};

const misbehave: Record<string, Misbehaviour> = {
  'servfail.example.test': { rcode: 'SERVFAIL' },
  'refused.example.test': { rcode: 'REFUSED' },
  'silent.example.test': { silent: true },
  'flaky.example.test': { failFirst: 2 },
  'lossy.example.test': { dropFirst: 1 },
  'slow.example.test': { delayMs: 5_000 },
};

let server: FakeDns;
beforeAll(async () => {
  server = await startFakeDns(zone, misbehave);
});
afterAll(async () => {
  await server?.stop();
});

function resolver(timeoutMs = 1_500): DnsResolver {
  return new DnsResolver({
    transport: udpTransport({ host: server.host, port: server.port }),
    timeoutMs,
    server: server.resolver,
    logger: silentLogger,
  });
}

function asked(name: string, type: string): number {
  return server.queries.filter((q) => q.name === name && q.type === type).length;
}

describe('DnsResolver outcomes', () => {
  it.each([
    [
      'records: TXT character-strings joined per record, records sorted',
      'txt',
      '_mta-sts.example.test',
      { kind: 'records', records: ['unrelated', 'v=STSv1; id=2026'] },
    ],
    // The name exists but has no TXT: NODATA, not NXDOMAIN.
    ['nodata', 'txt', 'example.test', { kind: 'nodata' }],
    // The name does not exist at all.
    ['nxdomain', 'txt', '_smtp._tls.example.test', { kind: 'nxdomain' }],
    ['nodata for a name with no records', 'mx', 'empty.example.test', { kind: 'nodata' }],
    [
      'MX lower-cased without trailing dot',
      'mx',
      'Example.Test.',
      {
        kind: 'records',
        records: [
          { exchange: 'mx1.example.test', preference: 10 },
          { exchange: 'mx2.example.test', preference: 20 },
        ],
      },
    ],
    // RFC 7505 null MX: the root name comes back as '.'.
    ['null MX', 'mx', 'nullmx.test', { kind: 'records', records: [{ exchange: '.', preference: 0 }] }],
    [
      'A and AAAA together',
      'addresses',
      'mx1.example.test',
      { kind: 'records', records: ['127.0.0.21', '::1'] },
    ],
    // Sorted numerically, whatever order the server gave.
    [
      'A records sorted',
      'addresses',
      'many.example.test',
      { kind: 'records', records: ['127.0.0.9', '127.0.0.10', '127.0.0.100'] },
    ],
    ['AAAA only', 'addresses', 'v6only.example.test', { kind: 'records', records: ['::1'] }],
    // alias → alias2 → mx2, with the server answering each alias alone.
    [
      'CNAME chain followed',
      'addresses',
      'alias.example.test',
      { kind: 'records', records: ['127.0.0.22', '127.0.0.23'] },
    ],
    // The chain ends at a name that does not exist.
    ['CNAME to a missing name', 'addresses', 'dangling.example.test', { kind: 'nxdomain' }],
    // Over 512 bytes: the UDP answer is truncated (TC=1) and asked again over TCP.
    ['truncated answer over TCP', 'txt', 'big.example.test', { kind: 'records', records: [LONG_TXT] }],
    // Two SERVFAILs then the answer: a transient failure is retried.
    [
      'retried after SERVFAIL',
      'txt',
      'flaky.example.test',
      { kind: 'records', records: ['v=TLSRPTv1; rua=mailto:r@example.test'] },
    ],
    // The first UDP question is lost: the second try gets the answer.
    [
      'retried after a lost packet',
      'txt',
      'lossy.example.test',
      { kind: 'records', records: ['v=TLSRPTv1; rua=mailto:r@example.test'] },
    ],
  ] as const)('%s', async (_label, method, name, expected) => {
    const answer = await resolver()[method](name);
    expect(answer).toEqual(expected);
  });

  it.each([
    [
      'SERVFAIL every time',
      'servfail.example.test',
      /^SERVFAIL from 127\.0\.0\.1:\d+ for A servfail\.example\.test \(after 3 tries\)$/,
    ],
    [
      'REFUSED is final',
      'refused.example.test',
      /^REFUSED from 127\.0\.0\.1:\d+ for A refused\.example\.test$/,
    ],
    ['no answer at all', 'silent.example.test', /^timeout: .* \(after 3 tries\)$/],
    ['answers slower than the budget', 'slow.example.test', /^timeout: /],
    ['CNAME loop', 'loop1.example.test', /CNAME chain from loop1\.example\.test is a loop or longer than 8/],
  ])('error: %s', async (_label, name, message) => {
    const answer = await resolver(900).addresses(name);
    expect(answer.kind).toBe('error');
    expect(answer.kind === 'error' && answer.error).toMatch(message);
  });

  it('tries a SERVFAIL three times but a REFUSED once', async () => {
    await resolver().txt('servfail.example.test');
    await resolver().txt('refused.example.test');
    expect(asked('servfail.example.test', 'TXT')).toBe(3);
    expect(asked('refused.example.test', 'TXT')).toBe(1);
  });

  it('a silent server costs about the budget, not more', async () => {
    const started = Date.now();
    await resolver(900).txt('silent.example.test');
    const ms = Date.now() - started;
    expect(ms).toBeGreaterThanOrEqual(850);
    expect(ms).toBeLessThan(2_000);
  });

  it('asks each name/type once per resolver, also when asked concurrently', async () => {
    const r = resolver();
    const before = asked('mx2.example.test', 'A');
    const answers = await Promise.all([
      r.addresses('mx2.example.test'),
      r.addresses('MX2.example.test.'),
      r.addresses('mx2.example.test'),
    ]);
    await r.addresses('mx2.example.test');
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(asked('mx2.example.test', 'A') - before).toBe(1);
  });

  it('the TCP retry went to the same server and port', () => {
    expect(server.queries.filter((q) => q.name === 'big.example.test' && q.transport === 'tcp')).toHaveLength(
      1,
    );
  });
});
