/**
 * CertificateFacts from DER (certificates from the run's CA, built by @peculiar/x509), and the
 * DER reader's refusal of malformed input.
 */
import { describe, expect, it } from 'vitest';
import { certificateFacts } from '../../src/net/certificate-facts.js';
import { DerError, integerHex, oid, parseDer, readNode, time } from '../../src/net/der.js';
import { loadTestCa } from '../harness/pki.js';

const der = (pem: string): Buffer => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');

describe('certificateFacts', () => {
  it('reads names, dates, key, signature and revocation URLs', async () => {
    const ca = await loadTestCa();
    const notBefore = new Date('2026-01-02T03:04:05Z');
    const notAfter = new Date('2051-01-02T03:04:05Z'); // GeneralizedTime after 2049 (RFC 5280 §4.1.2.5)
    const cert = await ca.issue({
      hosts: ['mx.facts.test', '*.facts.test'],
      notBefore,
      notAfter,
      key: 'ec256',
      ocspUrl: 'http://127.0.0.9/ocsp',
      crlUrl: 'http://127.0.0.9/crl.der',
    });
    const facts = certificateFacts(der(cert.certPem));
    expect(facts).toMatchObject({
      subject: 'CN=mx.facts.test',
      issuer: 'CN=mta-sts-guard test CA, O=mta-sts-guard tests',
      san: ['mx.facts.test', '*.facts.test'],
      validFrom: notBefore.toISOString(),
      validTo: notAfter.toISOString(),
      serialNumber: cert.serial,
      keyType: 'ec',
      keyBits: 256,
      signatureAlgorithm: 'sha256WithRSAEncryption',
      commonName: 'mx.facts.test',
      ocspUrls: ['http://127.0.0.9/ocsp'],
      crlUrls: ['http://127.0.0.9/crl.der'],
      selfIssued: false,
    });
    expect(facts.sha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  });

  it('a certificate without SAN keeps its CN; a self-signed one is self-issued', async () => {
    const ca = await loadTestCa();
    const cnOnly = certificateFacts(der((await ca.issue({ hosts: ['cn-only.test'], noSan: true })).certPem));
    expect(cnOnly).toMatchObject({ san: [], commonName: 'cn-only.test', ocspUrls: [], crlUrls: [] });
    const self = certificateFacts(
      der((await ca.issue({ hosts: ['self.test'], selfSigned: true, signature: 'sha1' })).certPem),
    );
    expect(self).toMatchObject({ selfIssued: true, signatureAlgorithm: 'sha1WithRSAEncryption' });
  });
});

describe('DER reader refuses malformed input', () => {
  it.each([
    ['', 'truncated header'],
    ['30', 'truncated header'],
    // Indefinite length is BER, not DER.
    ['3080', 'indefinite'],
    // Length says 5 bytes, 1 present.
    ['300500', 'past its container'],
    // Length of length 5 octets.
    ['3085ffffffffff', 'too large'],
    // High tag number form.
    ['1f0100', 'high tag'],
  ])('%s: %s', (hex, message) => {
    expect(() => readNode(Buffer.from(hex, 'hex'))).toThrow(DerError);
    expect(() => readNode(Buffer.from(hex, 'hex'))).toThrow(message);
  });

  it('trailing bytes and wrong tags are errors', () => {
    expect(() => parseDer(Buffer.from('050000', 'hex'))).toThrow('trailing');
    expect(() => oid(parseDer(Buffer.from('0500', 'hex')))).toThrow(DerError);
  });

  it('decodes OIDs, integers and both time forms', () => {
    expect(oid(parseDer(Buffer.from('06082b06010505070301', 'hex')))).toBe('1.3.6.1.5.5.7.3.1');
    expect(integerHex(parseDer(Buffer.from('020300ff01', 'hex')))).toBe('FF01');
    expect(time(parseDer(Buffer.from('170d3439313233313233353935395a', 'hex'))).toISOString()).toBe(
      '2049-12-31T23:59:59.000Z',
    );
    expect(time(parseDer(Buffer.from('170d3530303130313030303030305a', 'hex'))).toISOString()).toBe(
      '1950-01-01T00:00:00.000Z',
    );
    expect(time(parseDer(Buffer.from('180f32303530303130313030303030305a', 'hex'))).toISOString()).toBe(
      '2050-01-01T00:00:00.000Z',
    );
  });
});
