/**
 * check(): the orchestration of a run, in process, with fakes behind the ports: which domains are
 * judged (listed, domains file, policy files, shard), that one failing domain never stops the
 * others, progress, smtp-port-blocked, the summary, and the text rendering of the result.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check, type CheckDeps } from '../src/check.js';
import { ConfigurationError, defaultConfig, type Config } from '../src/config.js';
import type {
  CertificateFacts,
  DnsAnswer,
  MxRecord,
  PolicyFetchObservation,
  SmtpObservation,
} from '../src/core/observation.js';
import { shardDomains } from '../src/core/shard.js';
import type { ObserveDeps } from '../src/net/observe.js';
import type { Logger, PolicyFetcher, Resolver, SmtpProber } from '../src/ports.js';
import { renderText } from '../src/render/text.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const POLICY = (mode: string, mx: string[]): string =>
  ['version: STSv1', `mode: ${mode}`, ...mx.map((m) => `mx: ${m}`), 'max_age: 604800', ''].join('\r\n');

interface FakeDomain {
  mode: 'enforce' | 'testing';
  policyMx: string[];
  mx: string[];
}

/** A small world: each domain publishes records, a policy and MX hosts that all work. */
function world(
  domains: Record<string, FakeDomain>,
  options: { refuseSmtp?: boolean; throwFor?: string } = {},
) {
  const asked: string[] = [];
  const txt = new Map<string, DnsAnswer<string>>();
  const mx = new Map<string, DnsAnswer<MxRecord>>();
  const addresses = new Map<string, DnsAnswer<string>>();
  let n = 1;
  for (const [domain, d] of Object.entries(domains)) {
    txt.set(`_mta-sts.${domain}`, { kind: 'records', records: ['v=STSv1; id=20261122'] });
    txt.set(`_smtp._tls.${domain}`, {
      kind: 'records',
      records: [`v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`],
    });
    mx.set(domain, {
      kind: 'records',
      records: d.mx.map((exchange, i) => ({ exchange, preference: 10 * (i + 1) })),
    });
    addresses.set(`mta-sts.${domain}`, { kind: 'records', records: [`192.0.2.${n++}`] });
    for (const host of d.mx) addresses.set(host, { kind: 'records', records: [`198.51.100.${n++}`] });
  }
  const resolver: Resolver = {
    txt: async (name) => {
      asked.push(`TXT ${name}`);
      if (options.throwFor && name.endsWith(options.throwFor)) throw new Error('resolver bug');
      return txt.get(name) ?? { kind: 'nxdomain' };
    },
    mx: async (name) => {
      asked.push(`MX ${name}`);
      return mx.get(name) ?? { kind: 'nxdomain' };
    },
    addresses: async (name) => {
      asked.push(`A ${name}`);
      return addresses.get(name) ?? { kind: 'nxdomain' };
    },
  };
  const policyFetcher: PolicyFetcher = {
    fetch: async (domain, address): Promise<PolicyFetchObservation> => {
      const d = domains[domain]!;
      const body = POLICY(d.mode, d.policyMx);
      return {
        url: `https://mta-sts.${domain}/.well-known/mta-sts.txt`,
        address,
        status: 200,
        contentType: 'text/plain; charset=utf-8',
        location: null,
        body,
        bytes: body.length,
        truncated: false,
        ms: 12,
        tls: {
          version: 'TLSv1.3',
          cipher: 'TLS_AES_128_GCM_SHA256',
          chainError: null,
          hostnameError: null,
          chain: [leaf(`mta-sts.${domain}`)],
          revocation: null,
        },
        error: null,
      };
    },
  };
  const smtpProber: SmtpProber = {
    probe: async (host, address): Promise<SmtpObservation> =>
      options.refuseSmtp
        ? {
            host,
            address,
            port: 25,
            connected: false,
            banner: null,
            extensions: [],
            starttlsOffered: null,
            tls: null,
            error: { stage: 'connect', code: 'ECONNREFUSED', message: 'connection refused' },
            ms: 3,
          }
        : {
            host,
            address,
            port: 25,
            connected: true,
            banner: `220 ${host} ESMTP`,
            extensions: ['STARTTLS', 'PIPELINING'],
            starttlsOffered: true,
            tls: {
              version: 'TLSv1.3',
              cipher: 'TLS_AES_256_GCM_SHA384',
              chainError: null,
              hostnameError: null,
              chain: [leaf(host)],
              revocation: { status: 'good', source: 'stapled-ocsp' },
            },
            error: null,
            ms: 40,
          },
  };
  const network: ObserveDeps = { resolver, policyFetcher, smtpProber, logger: quiet().logger };
  return { network, asked };
}

function leaf(host: string): CertificateFacts {
  return {
    subject: `CN=${host}`,
    issuer: 'CN=Test CA',
    san: [host],
    validFrom: '2026-10-01T00:00:00.000Z',
    validTo: '2027-01-20T12:00:00.000Z',
    sha256: 'AB:CD',
    serialNumber: '01',
    keyType: 'ec',
    keyBits: 256,
    signatureAlgorithm: 'ecdsa-with-SHA256',
    commonName: host,
    ocspUrls: [],
    crlUrls: [],
    selfIssued: false,
  };
}

function quiet(): { logger: Logger; progress: string[] } {
  const progress: string[] = [];
  return {
    progress,
    logger: {
      debug: () => undefined,
      info: () => undefined,
      warning: () => undefined,
      progress: (m) => progress.push(m),
    },
  };
}

function config(over: Partial<Config>): Config {
  return { ...defaultConfig(), ...over };
}

function deps(network: ObserveDeps | undefined, logger = quiet().logger): CheckDeps {
  return { clock: { now: () => NOW }, logger, network };
}

const HEALTHY: FakeDomain = {
  mode: 'enforce',
  policyMx: ['mx1.healthy.example', '*.mail.healthy.example'],
  mx: ['mx1.healthy.example', 'b.mail.healthy.example'],
};
const MISSING_MX: FakeDomain = {
  mode: 'enforce',
  policyMx: ['mx1.broken.example'],
  mx: ['mx1.broken.example', 'backup.broken.example'],
};

describe('check: live', () => {
  it('judges a healthy domain clean and an enforce domain with an MX outside its policy as an enforce risk', async () => {
    const { network } = world({ 'healthy.example': HEALTHY, 'broken.example': MISSING_MX });
    const result = await check(config({ domains: ['healthy.example', 'broken.example'] }), deps(network));

    expect(result.schemaVersion).toBe(1);
    expect(result.generatedAt).toBe(NOW.toISOString());
    expect(result.domains.map((d) => d.domain)).toEqual(['broken.example', 'healthy.example']);
    expect(result.findings.map((f) => `${f.rule}:${f.severity}:${f.domain}:${f.subject}`)).toEqual([
      'mx-not-in-policy:error:broken.example:backup.broken.example',
    ]);
    expect(result.summary).toEqual({ domains: 2, errors: 1, warnings: 0, notices: 0, enforceRisk: true });

    const healthy = result.domains.find((d) => d.domain === 'healthy.example')!;
    expect(healthy.mtaSts.record).toEqual({ raw: 'v=STSv1; id=20261122', id: '20261122' });
    expect(healthy.mtaSts.policy).toMatchObject({ mode: 'enforce', maxAge: 604800, mx: HEALTHY.policyMx });
    expect(healthy.mtaSts.fetch).toMatchObject({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      error: null,
    });
    expect(healthy.tlsRpt.record?.rua).toEqual(['mailto:tlsrpt@healthy.example']);
    expect(
      healthy.mx.map((m) => [m.host, m.matchesPolicy, m.tls?.version, m.tls?.certificate?.daysLeft]),
    ).toEqual([
      ['mx1.healthy.example', true, 'TLSv1.3', 59],
      ['b.mail.healthy.example', true, 'TLSv1.3', 59],
    ]);
  });

  it('checks only its shard, asks nothing about the other domains, and reports progress for many domains', async () => {
    const domains = Object.fromEntries(
      Array.from({ length: 8 }, (_, i) => [
        `d${i}.example`,
        { ...HEALTHY, policyMx: [`mx.d${i}.example`], mx: [`mx.d${i}.example`] },
      ]),
    );
    const { network, asked } = world(domains);
    const { logger, progress } = quiet();
    const result = await check(
      config({ domains: Object.keys(domains), shard: { index: 2, total: 3 } }),
      deps(network, logger),
    );
    const expected = shardDomains(Object.keys(domains), { index: 2, total: 3 });
    expect(expected).toHaveLength(3); // 8 domains in 3 hash ranges: 2, 3, 3
    expect(result.domains.map((d) => d.domain)).toEqual(expected);
    const askedDomains = new Set(asked.map((q) => /d\d\.example/.exec(q)?.[0]));
    expect([...askedDomains].sort()).toEqual(expected);
    expect(progress).toEqual([]); // the logger's progress is for mailbox reading, not domains

    // Progress is told once before the first domain and once per domain (the entries pace it).
    const told: { done: number; total: number; errors: number }[] = [];
    const broken = { ...domains, 'd0.example': { ...domains['d0.example']!, mx: ['mx.elsewhere.example'] } };
    await check(config({ domains: Object.keys(broken) }), {
      ...deps(world(broken).network),
      progress: { update: (p) => told.push(p) },
    });
    expect(told).toHaveLength(9);
    expect(told[0]).toEqual({ done: 0, total: 8, errors: 0 });
    expect(told.map((p) => p.done)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
    expect(told.at(-1)?.errors).toBeGreaterThan(0); // d0's MX is not in its enforce policy
  });

  it('goes on with the other domains when observing one fails unexpectedly', async () => {
    const { network } = world(
      { 'healthy.example': HEALTHY, 'broken.example': MISSING_MX },
      { throwFor: 'broken.example' },
    );
    const result = await check(config({ domains: ['healthy.example', 'broken.example'] }), deps(network));
    expect(result.domains).toHaveLength(2);
    expect(result.findings.filter((f) => f.domain === 'healthy.example')).toEqual([]);
    const broken = result.findings.filter((f) => f.domain === 'broken.example').map((f) => f.rule);
    // Issue 10: a lookup that failed is dns-lookup-failed, never "record invalid" or "missing".
    expect(broken).toContain('dns-lookup-failed');
    expect(broken).not.toContain('sts-record-invalid');
    expect(broken).not.toContain('sts-record-missing');
  });

  it('replaces per-MX unreachable findings by one smtp-port-blocked notice when no MX accepts TCP (auto)', async () => {
    const { network } = world(
      { 'healthy.example': HEALTHY, 'broken.example': MISSING_MX },
      { refuseSmtp: true },
    );
    const auto = await check(config({ domains: ['healthy.example', 'broken.example'] }), deps(network));
    expect(auto.findings.map((f) => f.rule).sort()).toEqual(['mx-not-in-policy', 'smtp-port-blocked']);
    const on = await check(
      config({ domains: ['healthy.example', 'broken.example'], smtpProbe: 'on' }),
      deps(network),
    );
    expect(on.findings.filter((f) => f.rule === 'mx-unreachable')).toHaveLength(4);
  });
});

describe('check: files', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'check-test-'));
    await writeFile(join(dir, 'domains.txt'), '# ours\nhealthy.example\n\nbroken.example # old\n');
    await writeFile(
      join(dir, 'policy.txt'),
      'version: STSv1\nmode: enforce\nmax-age: 86400\nmx: mx1.example.net\n',
    );
  });

  it('reads the domains file', async () => {
    const { network } = world({ 'healthy.example': HEALTHY, 'broken.example': MISSING_MX });
    const result = await check(config({ domainsFile: join(dir, 'domains.txt') }), deps(network));
    expect(result.domains.map((d) => d.domain)).toEqual(['broken.example', 'healthy.example']);
  });

  it('judges a policy file offline, each finding at its line', async () => {
    const path = join(dir, 'policy.txt');
    const result = await check(
      config({ offline: true, policyFiles: [{ domain: 'example.net', path }] }),
      deps(undefined),
    );
    expect(result.domains.map((d) => d.domain)).toEqual(['example.net']);
    // `max-age` is an extension to senders, so max_age is missing (reported past the last line).
    expect(result.findings.map((f) => `${f.rule}:${f.severity}:${f.location?.line}`)).toEqual([
      'policy-invalid:error:5',
      'policy-key-typo:notice:3',
    ]);
    expect(result.findings[0]?.message).toMatch(/max_age/);
    expect(result.findings[1]?.message).toMatch(/max-age.*max_age/);
    expect(result.findings.every((f) => f.location?.file === path)).toBe(true);
  });

  it('names the flag when a file cannot be read', async () => {
    const missing = join(dir, 'nope.txt');
    await expect(
      check(
        config({ offline: true, policyFiles: [{ domain: 'example.net', path: missing }] }),
        deps(undefined),
      ),
    ).rejects.toThrow(new ConfigurationError(`--policy-file: cannot read ${missing}: no such file`));
    await expect(check(config({ domainsFile: missing }), deps(undefined))).rejects.toThrow(
      /^--domains-file: cannot read/,
    );
  });
});

describe('renderText', () => {
  it('puts the verdict first, then the broken domain with its finding under the rule; the clean one in a count', async () => {
    const { network } = world({ 'healthy.example': HEALTHY, 'broken.example': MISSING_MX });
    const result = await check(config({ domains: ['healthy.example', 'broken.example'] }), deps(network));
    const text = renderText(result);
    const lines = text.split('\n');
    expect(lines[0]).toBe('FAIL: 1 error in 1 of 2 domains; enforce-mode risk: senders will refuse mail');
    expect(text).toContain(
      'broken.example  mode enforce · id 20261122 · TLS-RPT mailto:tlsrpt@broken.example\n',
    );
    expect(text).toMatch(
      /\n {2}ERROR mx-not-in-policy {2}MX not covered by the policy\n {4}MX backup\.broken\.example matches no mx pattern of the policy \(mx1\.broken\.example\)\n/,
    );
    expect(text).not.toContain('healthy.example');
    expect(text).toContain('\n1 domain clean\n');
    // --verbose lists the clean domain and each MX, with its certificate days.
    const verbose = renderText(result, { verbose: true });
    expect(verbose).toContain(
      '  MX 20 backup.broken.example: NOT IN POLICY, TLSv1.3 TLS_AES_256_GCM_SHA384, cert 59 days left',
    );
    expect(verbose).toMatch(/\n1 domain clean:\n {2}healthy\.example {2}mode enforce/);
  });

  it('says PASS when nothing is wrong', async () => {
    const { network } = world({ 'healthy.example': HEALTHY });
    const text = renderText(await check(config({ domains: ['healthy.example'] }), deps(network)));
    expect(text.split('\n')[0]).toBe('PASS: 1 domain, no errors or warnings');
  });
});
