/**
 * The SMTP probe against real servers on loopback (smtp-server with certificates from the run's
 * throwaway CA), one per certificate case: what it records must be what the server presents.
 * Trust comes from NODE_EXTRA_CA_CERTS only (global-setup.ts).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SmtpObservation } from '../../src/core/observation.js';
import { createRevocationChecker } from '../../src/net/revocation.js';
import { NodeSmtpProber } from '../../src/net/smtp-probe.js';
import { type LeafOptions, type TestCa, loadTestCa } from '../harness/pki.js';
import { type RevocationServer, startRevocationServer } from '../harness/revocation-server.js';
import { type SmtpServerHandle, type SmtpServerSpec, startSmtpServer } from '../harness/smtp-servers.js';

const DAY = 86_400_000;
/** Own address block, ephemeral ports: no clash with the integration scenarios running alongside. */
const ADDRESS = '127.0.3.1';

let ca: TestCa;
let revocation: RevocationServer;
const servers: SmtpServerHandle[] = [];

beforeAll(async () => {
  ca = await loadTestCa();
  revocation = await startRevocationServer({ ca, address: ADDRESS });
});

afterAll(async () => {
  await Promise.all([...servers.map((s) => s.close()), revocation?.close()]);
});

async function serve(spec: Omit<SmtpServerSpec, 'address' | 'port'>): Promise<SmtpServerHandle> {
  const server = await startSmtpServer({ address: ADDRESS, port: 0, ...spec });
  servers.push(server);
  return server;
}

async function probeCert(
  host: string,
  leaf: LeafOptions,
  extra: Partial<SmtpServerSpec> = {},
): Promise<SmtpObservation> {
  const cert = await ca.issue(leaf);
  const server = await serve({ hostname: host, cert, ...extra });
  const prober = new NodeSmtpProber({
    port: server.port,
    timeoutSeconds: 5,
    revocation: createRevocationChecker({ timeoutSeconds: 2 }),
  });
  return prober.probe(host, ADDRESS);
}

describe('certificate cases (smtp-server with STARTTLS)', () => {
  it('valid: records banner, extensions, TLS 1.3, the chain and no errors', async () => {
    const obs = await probeCert('mx.valid.test', { hosts: ['mx.valid.test'] });
    expect(obs).toMatchObject({
      host: 'mx.valid.test',
      address: ADDRESS,
      connected: true,
      starttlsOffered: true,
      error: null,
    });
    expect(obs.banner).toMatch(/^mx\.valid\.test ESMTP/);
    expect(obs.extensions).toContain('STARTTLS');
    expect(obs.tls).toMatchObject({ version: 'TLSv1.3', chainError: null, hostnameError: null });
    expect(obs.tls?.cipher).toMatch(/^TLS_/);
    // The leaf, then the CA completed from the trust store.
    expect(obs.tls?.chain.map((c) => c.subject)).toEqual([
      'CN=mx.valid.test',
      'CN=mta-sts-guard test CA, O=mta-sts-guard tests',
    ]);
    expect(obs.tls?.chain[0]).toMatchObject({
      san: ['mx.valid.test'],
      keyType: 'rsa',
      keyBits: 2048,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      commonName: 'mx.valid.test',
      selfIssued: false,
    });
    expect(obs.tls?.revocation).toEqual({
      status: 'unknown',
      source: 'none',
      detail: 'no stapled response, OCSP responder or CRL',
    });
  });

  it.each([
    [
      'expired',
      { notBefore: new Date(Date.now() - 90 * DAY), notAfter: new Date(Date.now() - DAY) },
      'CERT_HAS_EXPIRED',
    ],
    [
      'not yet valid',
      { notBefore: new Date(Date.now() + DAY), notAfter: new Date(Date.now() + 90 * DAY) },
      'CERT_NOT_YET_VALID',
    ],
    ['self-signed', { selfSigned: true }, 'DEPTH_ZERO_SELF_SIGNED_CERT'],
  ])('%s: the session completes and the chain error is recorded', async (_name, dates, code) => {
    const obs = await probeCert('mx.case.test', { hosts: ['mx.case.test'], ...dates });
    expect(obs.error).toBeNull();
    expect(obs.tls?.chainError).toBe(code);
    expect(obs.tls?.hostnameError).toBeNull();
  });

  it('wrong host: chain fine, host name error recorded separately', async () => {
    const obs = await probeCert('mx.asked.test', { hosts: ['mx.other.test'] });
    expect(obs.tls?.chainError).toBeNull();
    expect(obs.tls?.hostnameError).toMatch(/mx\.asked\.test/);
    expect(obs.tls?.chain[0]?.san).toEqual(['mx.other.test']);
  });

  it('wildcard covering the MX name verifies', async () => {
    const obs = await probeCert('mx1.wild.test', { hosts: ['*.wild.test'] });
    expect(obs.tls).toMatchObject({ chainError: null, hostnameError: null });
    expect(obs.tls?.chain[0]?.san).toEqual(['*.wild.test']);
  });

  it('expiring soon: the dates are recorded for the judge', async () => {
    const notAfter = new Date(Math.floor((Date.now() + 3 * DAY) / 1000) * 1000);
    const obs = await probeCert('mx.soon.test', { hosts: ['mx.soon.test'], notAfter });
    expect(obs.tls?.chainError).toBeNull();
    expect(obs.tls?.chain[0]?.validTo).toBe(notAfter.toISOString());
  });

  it('RSA-1024 and SHA-1 leaves are measured, not refused', async () => {
    const weakKey = await probeCert('mx.rsa1024.test', { hosts: ['mx.rsa1024.test'], key: 'rsa1024' });
    expect(weakKey.error).toBeNull();
    expect(weakKey.tls?.chain[0]).toMatchObject({ keyType: 'rsa', keyBits: 1024 });
    const sha1 = await probeCert('mx.sha1.test', { hosts: ['mx.sha1.test'], signature: 'sha1' });
    expect(sha1.error).toBeNull();
    expect(sha1.tls?.chain[0]?.signatureAlgorithm).toBe('sha1WithRSAEncryption');
  });

  it('EC P-256 leaf', async () => {
    const obs = await probeCert('mx.ec.test', { hosts: ['mx.ec.test'], key: 'ec256' });
    expect(obs.tls?.chain[0]).toMatchObject({ keyType: 'ec', keyBits: 256 });
  });

  it('TLS 1.0-only server: measured as TLSv1 (so mx-tls-version can be reported)', async () => {
    const obs = await probeCert(
      'mx.old.test',
      { hosts: ['mx.old.test'] },
      {
        tls: { minVersion: 'TLSv1', maxVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' },
      },
    );
    expect(obs.error).toBeNull();
    expect(obs.tls?.version).toBe('TLSv1');
    expect(obs.tls?.cipher).not.toMatch(/^TLS_/);
  });

  it('TLS 1.2 with a suite without forward secrecy: the cipher is recorded', async () => {
    const obs = await probeCert(
      'mx.rsakx.test',
      { hosts: ['mx.rsakx.test'] },
      {
        tls: { maxVersion: 'TLSv1.2', ciphers: 'AES128-GCM-SHA256' },
      },
    );
    expect(obs.tls).toMatchObject({ version: 'TLSv1.2', cipher: 'AES128-GCM-SHA256' });
  });

  it('no STARTTLS: the session ends cleanly with starttlsOffered false', async () => {
    const server = await serve({ hostname: 'mx.plain.test', cert: null });
    const obs = await new NodeSmtpProber({ port: server.port, timeoutSeconds: 5 }).probe(
      'mx.plain.test',
      ADDRESS,
    );
    expect(obs).toMatchObject({ connected: true, starttlsOffered: false, tls: null, error: null });
    expect(obs.extensions).not.toContain('STARTTLS');
  });
});

describe('revocation of the MX certificate', () => {
  it('stapled OCSP "revoked" is read from the handshake', async () => {
    const cert = await ca.issue({ hosts: ['mx.stapled.test'] });
    ca.revoke(cert.serial);
    const server = await serve({
      hostname: 'mx.stapled.test',
      cert,
      ocspResponse: await ca.ocspResponse(cert),
    });
    const prober = new NodeSmtpProber({
      port: server.port,
      timeoutSeconds: 5,
      revocation: createRevocationChecker({ timeoutSeconds: 2 }),
    });
    const obs = await prober.probe('mx.stapled.test', ADDRESS);
    expect(obs.tls?.revocation).toMatchObject({ status: 'revoked', source: 'stapled-ocsp' });
  });

  it('stapled OCSP "good"', async () => {
    const cert = await ca.issue({ hosts: ['mx.staple-good.test'] });
    const server = await serve({
      hostname: 'mx.staple-good.test',
      cert,
      ocspResponse: await ca.ocspResponse(cert),
    });
    const prober = new NodeSmtpProber({
      port: server.port,
      timeoutSeconds: 5,
      revocation: createRevocationChecker({ timeoutSeconds: 2 }),
    });
    expect((await prober.probe('mx.staple-good.test', ADDRESS)).tls?.revocation).toEqual({
      status: 'good',
      source: 'stapled-ocsp',
    });
  });

  it('revoked through the OCSP responder and through the CRL', async () => {
    const viaOcsp = await ca.issue({ hosts: ['mx.ocsp.test'], ocspUrl: revocation.ocspUrl });
    const viaCrl = await ca.issue({ hosts: ['mx.crl.test'], crlUrl: revocation.crlUrl });
    ca.revoke(viaOcsp.serial);
    ca.revoke(viaCrl.serial);
    const checker = createRevocationChecker({ timeoutSeconds: 2 });
    for (const [host, cert, source] of [
      ['mx.ocsp.test', viaOcsp, 'ocsp'],
      ['mx.crl.test', viaCrl, 'crl'],
    ] as const) {
      const server = await serve({ hostname: host, cert });
      const obs = await new NodeSmtpProber({
        port: server.port,
        timeoutSeconds: 5,
        revocation: checker,
      }).probe(host, ADDRESS);
      expect(obs.tls?.revocation).toMatchObject({ status: 'revoked', source });
    }
  });
});
