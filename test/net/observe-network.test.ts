/** createNetwork: the adapters a live check gets from the Config. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type Config } from '../../src/config.js';
import { createNetwork } from '../../src/net/network.js';
import { observeDomain } from '../../src/net/observe.js';
import { SharedSmtpProbes } from '../../src/net/shared-probes.js';
import { silentLogger } from '../../src/ports.js';
import { startFakeDns, type FakeDns } from '../harness/dns-server.js';

let dns: FakeDns;
beforeAll(async () => {
  dns = await startFakeDns({
    'example.test': { MX: [{ preference: 0, exchange: '.' }] },
    '_smtp._tls.example.test': { TXT: ['v=TLSRPTv1; rua=mailto:r@example.test'] },
  });
});
afterAll(async () => {
  await dns?.stop();
});

function config(overrides: Partial<Config>): Config {
  return {
    ...defaultConfig(),
    resolver: { host: dns.host, port: dns.port },
    timeoutSeconds: 1,
    ...overrides,
  };
}

describe('createNetwork', () => {
  it('asks the --resolver server, and only it', async () => {
    const network = await createNetwork(config({ smtpProbe: 'off' }), silentLogger);
    try {
      expect(network.dnsServer).toBe(dns.resolver);
      const o = await observeDomain('example.test', network);
      expect(o.tlsRptTxt).toEqual({ kind: 'records', records: ['v=TLSRPTv1; rua=mailto:r@example.test'] });
      expect(dns.queries.map((q) => `${q.type} ${q.name}`).sort()).toEqual([
        'A mta-sts.example.test',
        'AAAA mta-sts.example.test',
        'MX example.test',
        'TXT _mta-sts.example.test',
        'TXT _smtp._tls.example.test',
      ]);
    } finally {
      await network.close();
    }
  });

  it.each([
    // --smtp-probe off: no prober at all.
    ['off', false],
    ['on', true],
    ['auto', true],
  ] as const)('--smtp-probe %s → prober %s', async (mode, probes) => {
    const network = await createNetwork(config({ smtpProbe: mode }), silentLogger);
    expect(network.smtpProber instanceof SharedSmtpProbes).toBe(probes);
    expect(network.smtpProber === null).toBe(!probes);
  });

  it('without --resolver, asks the system first nameserver; with --doh, the DoH URL', async () => {
    const system = await createNetwork(config({ resolver: null }), silentLogger);
    expect(system.dnsServer).toMatch(/^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:%.\w]+\]):53$/);
    const doh = await createNetwork(config({ doh: 'https://127.0.0.1:8053/dns-query' }), silentLogger);
    expect(doh.dnsServer).toBe('https://127.0.0.1:8053/dns-query');
  });
});
