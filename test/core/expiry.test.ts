/** Issue 10 item 6: days said as people count them, singular forms right. */
import { describe, expect, it } from 'vitest';
import { tlsProblems } from '../../src/core/certificate.js';
import { describeExpiry, expiryDistance } from '../../src/core/expiry.js';
import type { TlsFacts } from '../../src/core/observation.js';
import { plural } from '../../src/core/plural.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const at = (days: number): string => new Date(NOW.getTime() + days * 86_400_000).toISOString();

describe('expiryDistance and describeExpiry', () => {
  it.each([
    [3.2, 'in 3 days'],
    [1.5, 'in 1 day'],
    [0.4, 'in less than a day'],
    [-0.4, 'less than a day ago'],
    [-1, '1 day ago'],
    [-3.2, '3 days ago'], // Math.floor(-3.2) is -4: the JSON's daysLeft, not what people say
    [-3.9, '3 days ago'],
  ])('notAfter %d days from now is %s', (days, words) => {
    expect(describeExpiry(expiryDistance(at(days), NOW))).toBe(words);
  });

  it('plural: one is singular, thousands are grouped', () => {
    expect(plural(1, 'day')).toBe('1 day');
    expect(plural(0, 'day')).toBe('0 days');
    expect(plural(1000, 'domain')).toBe('1,000 domains');
    expect(plural(2, 'entry', 'entries')).toBe('2 entries');
  });
});

describe('MX certificate messages count days right', () => {
  const session = (validTo: string) => ({
    host: 'mx.example.com',
    starttlsOffered: true,
    tls: {
      version: 'TLSv1.3',
      cipher: 'TLS_AES_128_GCM_SHA256',
      chainError: null,
      hostnameError: null,
      revocation: null,
      chain: [
        {
          subject: 'CN=mx.example.com',
          issuer: 'CN=CA',
          san: ['mx.example.com'],
          validFrom: '2026-01-01T00:00:00.000Z',
          validTo,
          sha256: 'AA',
          serialNumber: '01',
          keyType: 'ec',
          keyBits: 256,
          signatureAlgorithm: 'ecdsa-with-SHA256',
          commonName: 'mx.example.com',
          ocspUrls: [],
          crlUrls: [],
          selfIssued: false,
        },
      ],
    } satisfies TlsFacts,
  });

  it('mx-cert-expired names the date only: the message of an error keys its issue risk, and must not change daily', () => {
    const [problem] = tlsProblems(session(at(-3.2)), { now: NOW, certExpiryWarningDays: 14 });
    expect(problem?.rule).toBe('mx-cert-expired');
    expect(problem?.message).toMatch(/expired on \S+$/);
  });

  it('mx-cert-expiring says "in 1 day", not "1 days"', () => {
    const [problem] = tlsProblems(session(at(1.5)), { now: NOW, certExpiryWarningDays: 14 });
    expect(problem?.rule).toBe('mx-cert-expiring');
    expect(problem?.message).toMatch(/\(in 1 day\)$/);
  });
});
