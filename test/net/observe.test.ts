/**
 * observeDomain through the ports with fakes: which questions are asked, that every policy host
 * address is fetched and every MX address probed (in parallel), and that one failing step
 * never stops the others.
 */
import { describe, expect, it } from 'vitest';
import type {
  DnsAnswer,
  MxRecord,
  PolicyFetchObservation,
  SmtpObservation,
} from '../../src/core/observation.js';
import { failedObservation, hasStsRecord, observeDomain, type ObserveDeps } from '../../src/net/observe.js';
import { silentLogger, type PolicyFetcher, type Resolver, type SmtpProber } from '../../src/ports.js';

type Zone = Record<
  string,
  { txt?: DnsAnswer<string>; mx?: DnsAnswer<MxRecord>; addresses?: DnsAnswer<string> }
>;

const NX: DnsAnswer<never> = { kind: 'nxdomain' };

function fakeResolver(zone: Zone, log: string[]): Resolver {
  const answer = <T>(name: string, kind: 'txt' | 'mx' | 'addresses'): Promise<DnsAnswer<T>> => {
    log.push(`${kind} ${name}`);
    const data = zone[name]?.[kind];
    if (data && data.kind === 'error' && data.error === 'THROW')
      return Promise.reject(new Error('resolver bug'));
    return Promise.resolve((data ?? NX) as DnsAnswer<T>);
  };
  return {
    txt: (n) => answer(n, 'txt'),
    mx: (n) => answer(n, 'mx'),
    addresses: (n) => answer(n, 'addresses'),
  };
}

function fetchResult(domain: string, address: string): PolicyFetchObservation {
  return {
    url: `https://mta-sts.${domain}/.well-known/mta-sts.txt`,
    address,
    status: 200,
    contentType: 'text/plain',
    location: null,
    body: 'version: STSv1\n',
    bytes: 15,
    truncated: false,
    ms: 1,
    tls: null,
    error: null,
  };
}

function probeResult(host: string, address: string): SmtpObservation {
  return {
    host,
    address,
    port: 25,
    connected: true,
    banner: '220 hi',
    extensions: ['STARTTLS'],
    starttlsOffered: true,
    tls: null,
    error: null,
    ms: 1,
  };
}

const DELAY_MS = 200;
const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function deps(zone: Zone, options: { failFetchFrom?: string; failProbeOf?: string; noProbe?: boolean } = {}) {
  const dns: string[] = [];
  const fetches: string[] = [];
  const probes: string[] = [];
  const policyFetcher: PolicyFetcher = {
    fetch: async (domain, address) => {
      fetches.push(`${domain} ${address}`);
      await delay(DELAY_MS);
      if (address === options.failFetchFrom) throw new Error('fetcher bug');
      return fetchResult(domain, address);
    },
  };
  const smtpProber: SmtpProber = {
    probe: async (host, address) => {
      probes.push(`${host} ${address}`);
      await delay(DELAY_MS);
      if (address === options.failProbeOf) throw new Error('prober bug');
      return probeResult(host, address);
    },
  };
  const d: ObserveDeps = {
    resolver: fakeResolver(zone, dns),
    policyFetcher,
    smtpProber: options.noProbe ? null : smtpProber,
    logger: silentLogger,
  };
  return { deps: d, dns, fetches, probes };
}

const records = <T>(...r: T[]): DnsAnswer<T> => ({ kind: 'records', records: r });

const healthy: Zone = {
  '_mta-sts.example.test': { txt: records('v=STSv1; id=1') },
  '_smtp._tls.example.test': { txt: records('v=TLSRPTv1; rua=mailto:r@example.test') },
  'example.test': {
    mx: records<MxRecord>(
      { exchange: 'mx1.example.test', preference: 10 },
      { exchange: 'mx2.example.test', preference: 20 },
      // The same host twice is probed once.
      { exchange: 'MX1.example.test', preference: 30 },
    ),
  },
  'mx1.example.test': { addresses: records('192.0.2.1', '2001:db8::1') },
  'mx2.example.test': { addresses: records('192.0.2.2') },
  'mta-sts.example.test': { addresses: records('192.0.2.10', '192.0.2.11') },
};

describe('observeDomain', () => {
  it('asks every question, fetches from every policy address and probes every MX address in parallel', async () => {
    const { deps: d, dns, fetches, probes } = deps(healthy);
    const started = Date.now();
    const o = await observeDomain('Example.Test', d);
    const elapsed = Date.now() - started;
    expect(dns.sort()).toEqual(
      [
        'txt _mta-sts.example.test',
        'txt _smtp._tls.example.test',
        'mx example.test',
        'addresses mta-sts.example.test',
        'addresses mx1.example.test',
        'addresses mx2.example.test',
      ].sort(),
    );
    expect(fetches.sort()).toEqual(['example.test 192.0.2.10', 'example.test 192.0.2.11']);
    expect(probes.sort()).toEqual([
      'mx1.example.test 192.0.2.1',
      'mx1.example.test 2001:db8::1',
      'mx2.example.test 192.0.2.2',
    ]);
    // Fetches and probes all ran at once: one delay, not five.
    expect(elapsed).toBeLessThan(DELAY_MS * 2);
    expect(o.domain).toBe('example.test');
    expect(o.tlsRptTxt).toEqual(records('v=TLSRPTv1; rua=mailto:r@example.test'));
    expect(Object.keys(o.mxAddresses)).toEqual(['mx1.example.test', 'mx2.example.test']);
    expect(o.policyHostAddresses).toEqual(records('192.0.2.10', '192.0.2.11'));
    expect(o.policyFetches).toHaveLength(2);
    expect(o.smtp).toHaveLength(3);
  });

  it('fetches no policy without an STS record, but still observes the rest', async () => {
    const zone: Zone = { ...healthy, '_mta-sts.example.test': { txt: records('v=spf1 -all') } };
    const { deps: d, fetches, probes } = deps(zone);
    const o = await observeDomain('example.test', d);
    expect(fetches).toEqual([]);
    expect(o.policyFetches).toEqual([]);
    expect(probes).toHaveLength(3);
  });

  it('does not resolve or probe a null MX (RFC 7505)', async () => {
    const zone: Zone = {
      ...healthy,
      'example.test': { mx: records<MxRecord>({ exchange: '.', preference: 0 }) },
    };
    const { deps: d, dns, probes } = deps(zone);
    const o = await observeDomain('example.test', d);
    expect(dns.filter((q) => q.startsWith('addresses mx'))).toEqual([]);
    expect(probes).toEqual([]);
    expect(o.mx).toEqual(records({ exchange: '.', preference: 0 }));
    expect(o.mxAddresses).toEqual({});
  });

  it('with --smtp-probe off, resolves the MX hosts but probes none', async () => {
    const { deps: d, probes } = deps(healthy, { noProbe: true });
    const o = await observeDomain('example.test', d);
    expect(probes).toEqual([]);
    expect(o.smtp).toEqual([]);
    expect(Object.keys(o.mxAddresses)).toHaveLength(2);
  });

  it('keeps going when a resolver, a fetch or a probe throws', async () => {
    const zone: Zone = {
      ...healthy,
      '_smtp._tls.example.test': { txt: { kind: 'error', error: 'THROW' } },
      'mx2.example.test': { addresses: { kind: 'error', error: 'THROW' } },
    };
    const { deps: d } = deps(zone, { failFetchFrom: '192.0.2.10', failProbeOf: '2001:db8::1' });
    const o = await observeDomain('example.test', d);
    expect(o.tlsRptTxt).toEqual({ kind: 'error', error: 'internal error: Error: resolver bug' });
    expect(o.mxAddresses['mx2.example.test']).toMatchObject({ kind: 'error' });
    expect(o.policyFetches.map((f) => [f.address, f.error?.code ?? null])).toEqual([
      ['192.0.2.10', 'internal'],
      ['192.0.2.11', null],
    ]);
    expect(o.smtp.map((p) => [p.address, p.error?.code ?? null])).toEqual([
      ['192.0.2.1', null],
      ['2001:db8::1', 'internal'],
    ]);
  });

  it('a domain whose MX question failed is observed without MX hosts', async () => {
    const zone: Zone = { ...healthy, 'example.test': { mx: { kind: 'error', error: 'SERVFAIL' } } };
    const { deps: d, probes } = deps(zone);
    const o = await observeDomain('example.test', d);
    expect(o.mx).toEqual({ kind: 'error', error: 'SERVFAIL' });
    expect(probes).toEqual([]);
    expect(o.policyFetches).toHaveLength(2);
  });
});

describe('hasStsRecord', () => {
  it.each([
    [records('v=STSv1; id=1'), true],
    // A broken STS record is still an STS record: the policy is fetched, the records rules judge it.
    [records('v=STSv1'), true],
    [records('v=spf1 -all', 'v=STSv1;id=2'), true],
    // Case matters in the version tag (RFC 8461 §3.1 "v=STSv1").
    [records('v=stsv1; id=1'), false],
    [records(' v=STSv1; id=1'), false],
    [{ kind: 'nxdomain' } as const, false],
    [{ kind: 'error', error: 'timeout' } as const, false],
  ])('%j → %s', (answer, expected) => {
    expect(hasStsRecord(answer as DnsAnswer<string>)).toBe(expected);
  });
});

describe('failedObservation', () => {
  it('records the failure in every DNS fact, with nothing fetched or probed', () => {
    const o = failedObservation('example.test', new Error('boom'));
    expect(o).toEqual({
      domain: 'example.test',
      stsTxt: { kind: 'error', error: 'internal error: boom' },
      tlsRptTxt: { kind: 'error', error: 'internal error: boom' },
      mx: { kind: 'error', error: 'internal error: boom' },
      mxAddresses: {},
      policyHostAddresses: null,
      policyFetches: [],
      smtp: [],
    });
  });
});
