/**
 * The Resolver adapter against a real DNS server from Debian's packages (unbound on loopback):
 * the same outcomes as against dns2's server, from a server that writes its own wire format.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DnsResolver } from '../../src/net/dns.js';
import { udpTransport } from '../../src/net/dns-transport.js';
import { silentLogger } from '../../src/ports.js';
import { startUnbound, type RunningDns } from '../harness/dns-server.js';

const LONG_POLICY_ID = 'v=STSv1; id=20261122; ' + 'x-note=' + 'n'.repeat(700);

let server: RunningDns;
beforeAll(async () => {
  server = await startUnbound({
    'example.test': {
      MX: [
        { preference: 10, exchange: 'mx1.example.test' },
        { preference: 20, exchange: 'mx2.example.test' },
      ],
    },
    '_mta-sts.example.test': { TXT: [['v=STSv1; ', 'id=20261122']] },
    '_smtp._tls.example.test': { TXT: ['v=TLSRPTv1; rua=mailto:"q"@example.test'] },
    'mx1.example.test': { A: ['127.0.0.21'], AAAA: ['::1'] },
    'mx2.example.test': { CNAME: 'mx1.example.test' },
    'mta-sts.example.test': { A: ['127.0.0.31', '127.0.0.32'] },
    'nullmx.test': { MX: [{ preference: 0, exchange: '.' }] },
    '_mta-sts.big.test': { TXT: [LONG_POLICY_ID] },
  });
});
afterAll(async () => {
  await server?.stop();
});

function resolver(): DnsResolver {
  return new DnsResolver({
    transport: udpTransport({ host: server.host, port: server.port }),
    timeoutMs: 3_000,
    server: server.resolver,
    logger: silentLogger,
  });
}

describe('DnsResolver against unbound', () => {
  it.each([
    [
      'split TXT joined',
      'txt',
      '_mta-sts.example.test',
      { kind: 'records', records: ['v=STSv1; id=20261122'] },
    ],
    [
      'quotes inside TXT kept',
      'txt',
      '_smtp._tls.example.test',
      { kind: 'records', records: ['v=TLSRPTv1; rua=mailto:"q"@example.test'] },
    ],
    [
      'MX',
      'mx',
      'example.test',
      {
        kind: 'records',
        records: [
          { exchange: 'mx1.example.test', preference: 10 },
          { exchange: 'mx2.example.test', preference: 20 },
        ],
      },
    ],
    ['null MX', 'mx', 'nullmx.test', { kind: 'records', records: [{ exchange: '.', preference: 0 }] }],
    ['A + AAAA', 'addresses', 'mx1.example.test', { kind: 'records', records: ['127.0.0.21', '::1'] }],
    [
      'two A records',
      'addresses',
      'mta-sts.example.test',
      { kind: 'records', records: ['127.0.0.31', '127.0.0.32'] },
    ],
    // unbound answers a local CNAME without chasing it: we ask for the target ourselves.
    ['CNAME followed', 'addresses', 'mx2.example.test', { kind: 'records', records: ['127.0.0.21', '::1'] }],
    // Over 512 bytes: TC=1 over UDP, then TCP to the same port.
    ['truncated, then TCP', 'txt', '_mta-sts.big.test', { kind: 'records', records: [LONG_POLICY_ID] }],
    // A name under the zone with no records at all.
    ['nxdomain', 'txt', '_mta-sts.nothing.test', { kind: 'nxdomain' }],
    // The name exists (it has MX) but no TXT.
    ['nodata', 'txt', 'example.test', { kind: 'nodata' }],
  ] as const)('%s', async (_label, method, name, expected) => {
    expect(await resolver()[method](name)).toEqual(expected);
  });

  it('outside the test zones unbound refuses (it never recurses to the internet)', async () => {
    const answer = await resolver().txt('example.com');
    expect(answer).toEqual({ kind: 'error', error: `REFUSED from ${server.resolver} for TXT example.com` });
  });
});
