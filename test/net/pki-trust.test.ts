/**
 * The test PKI works as the other tests assume: workers trust the run's CA through
 * NODE_EXTRA_CA_CERTS (no `ca` option, verification on), and leaves carry what was asked for.
 */
import { X509Certificate } from 'node:crypto';
import { once } from 'node:events';
import tls from 'node:tls';
import { describe, expect, it } from 'vitest';
import { loadTestCa } from '../harness/pki.js';

async function handshake(certPem: string, keyPem: string, servername: string): Promise<tls.TLSSocket> {
  const server = tls.createServer({ cert: certPem, key: keyPem });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  try {
    const socket = tls.connect({ host: '127.0.0.1', port, servername });
    await once(socket, 'secureConnect');
    socket.end();
    return socket;
  } finally {
    server.close();
  }
}

describe('test PKI', () => {
  it('is trusted by workers through NODE_EXTRA_CA_CERTS at start-up', async () => {
    expect(process.env.NODE_EXTRA_CA_CERTS).toMatch(/ca\.pem$/);
    const ca = await loadTestCa();
    const leaf = await ca.issue({ hosts: ['mx.trust.test'] });
    // Default rejectUnauthorized (true): the handshake only completes if the CA is trusted.
    const socket = await handshake(leaf.certPem, leaf.keyPem, 'mx.trust.test');
    expect(socket.authorized).toBe(true);
  });

  it('issues leaves with the requested key, hash, dates and names', async () => {
    const ca = await loadTestCa();
    const notAfter = new Date('2031-02-03T04:05:06Z');
    const leaf = await ca.issue({ hosts: ['a.test', '*.b.test'], key: 'ec256', signature: 'sha1', notAfter });
    const cert = new X509Certificate(leaf.certPem);
    expect(cert.subjectAltName).toBe('DNS:a.test, DNS:*.b.test');
    expect(cert.publicKey.asymmetricKeyType).toBe('ec');
    expect(new Date(cert.validTo).toISOString()).toBe(notAfter.toISOString());
    expect(cert.serialNumber).toBe(leaf.serial);
    expect(cert.checkIssued(new X509Certificate(ca.caPem))).toBe(true);
  });
});

describe('test PKI revocation helpers (real openssl output)', () => {
  it('lists a revoked serial in the CRL and answers OCSP for good and revoked leaves', async () => {
    const ca = await loadTestCa();
    const good = await ca.issue({ hosts: ['good.test'] });
    const bad = await ca.issue({ hosts: ['bad.test'] });
    ca.revoke(bad.serial);
    const crl = await ca.crlDer();
    // A DER SEQUENCE that contains the revoked serial's bytes and not the good one's.
    expect(crl[0]).toBe(0x30);
    expect(crl.includes(Buffer.from(bad.serial, 'hex'))).toBe(true);
    expect(crl.includes(Buffer.from(good.serial, 'hex'))).toBe(false);
    const goodResp = await ca.ocspResponse(good);
    const badResp = await ca.ocspResponse(bad);
    expect(goodResp[0]).toBe(0x30);
    expect(badResp.length).toBeGreaterThan(100);
    expect(badResp.equals(goodResp)).toBe(false);
  });
});
