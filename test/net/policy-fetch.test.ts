/**
 * The policy fetcher against real HTTPS policy hosts on loopback (test/harness/https-server.ts),
 * with certificates from the run's throwaway CA (trusted through NODE_EXTRA_CA_CERTS only).
 * Each host has its own 127.0.2.x address; the policy host names do not resolve on this machine,
 * so every fetch that arrives proves the connection went to the address we gave.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PolicyFetchObservation } from '../../src/core/observation.js';
import { MAX_POLICY_BYTES } from '../../src/core/policy.js';
import { HttpPolicyFetcher } from '../../src/net/policy-fetch.js';
import { startPolicyHost, type PolicyHostHandle, type PolicyResponse } from '../harness/https-server.js';
import { loadTestCa, type IssuedCert, type TestCa } from '../harness/pki.js';

const DAY_MS = 86_400_000;
const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx1.ok.test\r\nmax_age: 604800\r\n';
const TIMEOUT_SECONDS = 1;

interface Case {
  domain: string;
  address: string;
  cert: (ca: TestCa) => Promise<IssuedCert>;
  response: PolicyResponse;
}

const valid = (domain: string) => (ca: TestCa) => ca.issue({ hosts: [`mta-sts.${domain}`] });

const cases: Record<string, Case> = {
  ok: {
    domain: 'ok.test',
    address: '127.0.2.1',
    cert: valid('ok.test'),
    response: { body: POLICY, contentType: 'text/plain; charset=utf-8' },
  },
  redirect: {
    domain: 'redirect.test',
    address: '127.0.2.2',
    cert: valid('redirect.test'),
    response: { status: 301, headers: { location: 'https://elsewhere.test/policy.txt' } },
  },
  notFound: {
    domain: 'missing.test',
    address: '127.0.2.3',
    cert: valid('missing.test'),
    response: { status: 404, body: 'no policy here' },
  },
  html: {
    domain: 'html.test',
    address: '127.0.2.4',
    cert: valid('html.test'),
    response: { body: `<pre>${POLICY}</pre>`, contentType: 'text/html' },
  },
  huge: {
    domain: 'huge.test',
    address: '127.0.2.5',
    cert: valid('huge.test'),
    response: { body: POLICY + '#'.repeat(MAX_POLICY_BYTES + 10_000) },
  },
  exact: {
    domain: 'exact.test',
    address: '127.0.2.6',
    cert: valid('exact.test'),
    response: { body: 'x'.repeat(MAX_POLICY_BYTES) },
  },
  trickle: {
    domain: 'trickle.test',
    address: '127.0.2.7',
    cert: valid('trickle.test'),
    response: { body: POLICY, trickleMs: 100 },
  },
  stall: { domain: 'stall.test', address: '127.0.2.8', cert: valid('stall.test'), response: { stall: true } },
  wrongHost: {
    domain: 'wronghost.test',
    address: '127.0.2.9',
    cert: (ca) => ca.issue({ hosts: ['www.wronghost.test'] }),
    response: { body: POLICY },
  },
  expired: {
    domain: 'expired.test',
    address: '127.0.2.10',
    cert: (ca) =>
      ca.issue({
        hosts: ['mta-sts.expired.test'],
        notBefore: new Date(Date.now() - 100 * DAY_MS),
        notAfter: new Date(Date.now() - 2 * DAY_MS),
      }),
    response: { body: POLICY },
  },
  selfSigned: {
    domain: 'selfsigned.test',
    address: '127.0.2.11',
    cert: (ca) => ca.issue({ hosts: ['mta-sts.selfsigned.test'], selfSigned: true }),
    response: { body: POLICY },
  },
  expiring: {
    domain: 'expiring.test',
    address: '127.0.2.12',
    cert: (ca) => ca.issue({ hosts: ['mta-sts.expiring.test'], notAfter: new Date(Date.now() + 5 * DAY_MS) }),
    response: { body: POLICY },
  },
  notHttp: {
    domain: 'nothttp.test',
    address: '127.0.2.14',
    cert: valid('nothttp.test'),
    response: { raw: 'SSH-2.0-OpenSSH_9.2\r\n' },
  },
  noContentType: {
    domain: 'notype.test',
    address: '127.0.2.13',
    cert: valid('notype.test'),
    response: { body: POLICY, contentType: null },
  },
};

const hosts = new Map<string, PolicyHostHandle>();
const certs = new Map<string, IssuedCert>();

beforeAll(async () => {
  const ca = await loadTestCa();
  for (const [name, c] of Object.entries(cases)) {
    const cert = await c.cert(ca);
    certs.set(name, cert);
    hosts.set(name, await startPolicyHost({ address: c.address, port: 0, cert, response: c.response }));
  }
});

afterAll(async () => {
  await Promise.all([...hosts.values()].map((h) => h.close()));
});

function fetchCase(
  name: keyof typeof cases,
  timeoutSeconds = TIMEOUT_SECONDS,
): Promise<PolicyFetchObservation> {
  const c = cases[name]!;
  const fetcher = new HttpPolicyFetcher({ port: hosts.get(name)!.port, timeoutSeconds });
  return fetcher.fetch(c.domain, c.address);
}

describe('HttpPolicyFetcher', () => {
  it('fetches a good policy from the given address, with SNI and Host = the policy host', async () => {
    const o = await fetchCase('ok');
    const port = hosts.get('ok')!.port;
    expect(o).toMatchObject({
      url: `https://mta-sts.ok.test:${port}/.well-known/mta-sts.txt`,
      address: '127.0.2.1',
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      location: null,
      body: POLICY,
      bytes: Buffer.byteLength(POLICY),
      truncated: false,
      error: null,
    });
    expect(o.ms).toBeGreaterThanOrEqual(0);
    expect(o.ms).toBeLessThan(TIMEOUT_SECONDS * 1000);
    expect(hosts.get('ok')!.requests.at(-1)).toEqual({
      path: '/.well-known/mta-sts.txt',
      host: `mta-sts.ok.test:${port}`,
      servername: 'mta-sts.ok.test',
    });
    expect(o.tls).toMatchObject({
      version: 'TLSv1.3',
      chainError: null,
      hostnameError: null,
      revocation: null,
    });
    expect(o.tls!.cipher).toMatch(/^TLS_/);
    expect(o.tls!.chain[0]).toMatchObject({
      san: ['mta-sts.ok.test'],
      sha256: expect.stringMatching(/^[0-9A-F:]{95}$/),
    });
    expect(o.tls!.chain[0]!.serialNumber.toUpperCase()).toBe(certs.get('ok')!.serial.toUpperCase());
  });

  it.each([
    // RFC 8461 §3.3: redirects are never followed; status and Location are recorded. A complete
    // answer is no fetch error whatever its status: the policy rules judge the status.
    [
      'redirect',
      {
        status: 301,
        location: 'https://elsewhere.test/policy.txt',
        error: null,
      },
    ],
    // Anything but 200 is a failed fetch; the body is still read (bounded).
    ['notFound', { status: 404, body: 'no policy here', error: null }],
    // The media type is recorded, not judged here.
    ['html', { status: 200, contentType: 'text/html', error: null }],
    ['noContentType', { status: 200, contentType: null, body: POLICY, error: null }],
    // Exactly 64 KiB is allowed.
    ['exact', { status: 200, bytes: MAX_POLICY_BYTES, truncated: false, error: null }],
  ] as const)('%s', async (name, expected) => {
    expect(await fetchCase(name)).toMatchObject(expected);
  });

  it('stops reading after 64 KiB and says so', async () => {
    const o = await fetchCase('huge');
    expect(o).toMatchObject({ status: 200, truncated: true, error: { code: 'too-large' } });
    expect(o.bytes).toBeGreaterThan(MAX_POLICY_BYTES);
    expect(Buffer.byteLength(o.body!)).toBe(MAX_POLICY_BYTES);
  });

  it.each([
    // 70 bytes at 10 bytes/s: the headers come at once, the body would take 7 s.
    ['trickle', 200],
    // TLS done, request read, no answer ever.
    ['stall', null],
  ] as const)('%s: ends at the deadline with a timeout', async (name, status) => {
    const started = Date.now();
    const o = await fetchCase(name);
    const elapsed = Date.now() - started;
    expect(o.status).toBe(status);
    expect(o.error).toMatchObject({ code: 'timeout' });
    expect(elapsed).toBeGreaterThanOrEqual(TIMEOUT_SECONDS * 1000 - 50);
    expect(elapsed).toBeLessThan(TIMEOUT_SECONDS * 1000 + 1_000);
  });

  it.each([
    ['wrongHost', 'ERR_TLS_CERT_ALTNAME_INVALID', null, ['www.wronghost.test']],
    ['expired', 'CERT_HAS_EXPIRED', 'CERT_HAS_EXPIRED', ['mta-sts.expired.test']],
    ['selfSigned', 'DEPTH_ZERO_SELF_SIGNED_CERT', 'DEPTH_ZERO_SELF_SIGNED_CERT', ['mta-sts.selfsigned.test']],
  ] as const)(
    '%s: verification fails as tls %s, and the certificate is still described',
    async (name, code, chainError, san) => {
      const o = await fetchCase(name);
      expect(o.status).toBeNull();
      expect(o.body).toBeNull();
      expect(o.error!.code).toBe('tls');
      expect(o.error!.message.startsWith(`${code}: `)).toBe(true);
      expect(o.tls!.chainError).toBe(chainError);
      expect(o.tls!.chain[0]!.san).toEqual(san);
      // The host name is checked whatever the chain says.
      expect(o.tls!.hostnameError === null).toBe(name !== 'wrongHost');
      // No request was ever sent over a connection that failed verification.
      expect(hosts.get(name)!.requests).toHaveLength(0);
    },
  );

  it('records the expiry of a valid certificate that is about to expire', async () => {
    const o = await fetchCase('expiring');
    expect(o.error).toBeNull();
    const validTo = Date.parse(o.tls!.chain[0]!.validTo);
    expect(validTo - Date.now()).toBeGreaterThan(4 * DAY_MS);
    expect(validTo - Date.now()).toBeLessThan(5 * DAY_MS + 60_000);
  });

  it('a host that does not answer in HTTP is an http error', async () => {
    const o = await fetchCase('notHttp');
    expect(o).toMatchObject({ status: null, body: null, error: { code: 'http' } });
    expect(o.error!.message).toMatch(/^HPE_/);
  });

  it('a closed port is a connect error', async () => {
    const fetcher = new HttpPolicyFetcher({ port: 1, timeoutSeconds: TIMEOUT_SECONDS });
    const o = await fetcher.fetch('ok.test', '127.0.2.1');
    expect(o).toMatchObject({ status: null, tls: null, error: { code: 'connect' } });
    expect(o.error!.message).toMatch(/^ECONNREFUSED/);
  });

  it('ignores http(s)_proxy: the connection still goes straight to the resolved address', async () => {
    const saved = { https: process.env['https_proxy'], HTTPS: process.env['HTTPS_PROXY'] };
    process.env['https_proxy'] = 'http://127.0.0.1:9';
    process.env['HTTPS_PROXY'] = 'http://127.0.0.1:9';
    try {
      const o = await fetchCase('ok');
      expect(o).toMatchObject({ status: 200, body: POLICY, error: null });
    } finally {
      for (const [key, value] of [
        ['https_proxy', saved.https],
        ['HTTPS_PROXY', saved.HTTPS],
      ] as const) {
        if (value === undefined) delete process.env[key];
        else process.env[key] = value;
      }
    }
  });
});
