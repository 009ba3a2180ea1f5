/**
 * The DoH transport (RFC 8484 GET) under the same resolver: answers, failures and deadlines,
 * trusting the endpoint's certificate only through NODE_EXTRA_CA_CERTS.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/net/dns.js';
import { dohTransport } from '../../src/net/dns-transport.js';
import { silentLogger } from '../../src/ports.js';
import { startFakeDoh, type DnsZone, type FakeDoh } from '../harness/dns-server.js';
import { loadTestCa } from '../harness/pki.js';

const zone: DnsZone = {
  '_mta-sts.example.test': { TXT: [['v=STSv1; ', 'id=7']] },
  'example.test': { MX: [{ preference: 5, exchange: 'mx.example.test' }] },
  'mx.example.test': { A: ['127.0.0.25'] },
};

let good: FakeDoh;
let failing: FakeDoh;
let stalled: FakeDoh;
let untrusted: FakeDoh;

beforeAll(async () => {
  const ca = await loadTestCa();
  const cert = await ca.issue({ hosts: ['127.0.0.1'] });
  const selfSigned = await ca.issue({ hosts: ['127.0.0.1'], selfSigned: true });
  [good, failing, stalled, untrusted] = await Promise.all([
    startFakeDoh(zone, cert),
    startFakeDoh(zone, cert, 'http-500'),
    startFakeDoh(zone, cert, 'stall'),
    startFakeDoh(zone, selfSigned),
  ]);
});

afterAll(async () => {
  await Promise.all([good, failing, stalled, untrusted].map((s) => s?.stop()));
});

const resolver = (server: FakeDoh, timeoutMs = 900) =>
  new DnsResolver({
    transport: dohTransport(server.url),
    timeoutMs,
    server: server.url,
    logger: silentLogger,
  });

describe('DnsResolver over DoH', () => {
  it.each([
    ['txt', '_mta-sts.example.test', { kind: 'records', records: ['v=STSv1; id=7'] }],
    ['mx', 'example.test', { kind: 'records', records: [{ exchange: 'mx.example.test', preference: 5 }] }],
    ['addresses', 'mx.example.test', { kind: 'records', records: ['127.0.0.25'] }],
    ['txt', '_smtp._tls.example.test', { kind: 'nxdomain' }],
  ] as const)('%s %s', async (method, name, expected) => {
    expect(await resolver(good)[method](name)).toEqual(expected);
  });

  it.each([
    // HTTP 500 is retried, then reported with the status.
    ['http 500', () => failing, /^http error: .*HTTP 500 \(after 3 tries\)$/],
    // No answer: each try ends at its share of the budget.
    ['no answer', () => stalled, /^timeout: .*\(after 3 tries\)$/],
    // A certificate the trust store does not know: never accepted.
    [
      'untrusted certificate',
      () => untrusted,
      /^network error: .*DEPTH_ZERO_SELF_SIGNED_CERT .*\(after 3 tries\)$/,
    ],
  ] as const)('%s is an error', async (_label, server, message) => {
    const started = Date.now();
    const answer = await resolver(server()).txt('_mta-sts.example.test');
    expect(answer.kind).toBe('error');
    expect(answer.kind === 'error' && answer.error).toMatch(message);
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});
