/** The fingerprint cache gives the same facts as a fresh parse, as separate copies. */
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cachedCertificateFacts } from '../../src/net/cert-facts-cache.js';
import { certificateFacts } from '../../src/net/certificate-facts.js';
import { loadTestCa } from '../harness/pki.js';

const der = (pem: string): Buffer => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');

describe('cachedCertificateFacts', () => {
  it('equals certificateFacts, and a caller changing its copy changes no other', async () => {
    const ca = await loadTestCa();
    const cert = await ca.issue({ hosts: ['mx.cache.test'], key: 'ec256' });
    const bytes = der(cert.certPem);
    const fingerprint = new X509Certificate(bytes).fingerprint256;
    const first = cachedCertificateFacts(fingerprint, bytes);
    expect(first).toEqual(certificateFacts(bytes));
    first.san.push('tampered.test');
    first.subject = 'tampered';
    const second = cachedCertificateFacts(fingerprint, bytes);
    expect(second).toEqual(certificateFacts(bytes));
    expect(second).not.toBe(first);
  });

  it('does not cache a certificate it cannot read', () => {
    expect(() => cachedCertificateFacts('AA:BB', Buffer.from('not a certificate'))).toThrow();
    expect(() => cachedCertificateFacts('AA:BB', Buffer.from('not a certificate'))).toThrow();
  });
});
