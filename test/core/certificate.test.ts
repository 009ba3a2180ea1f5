/**
 * Tables for the TLS judgement of one SMTP session: facts in, rule ids and RFC 8460 result
 * types out; RFC 6125 host matching; weak ciphers.
 */
import { describe, expect, it } from 'vitest';
import {
  certificateCoversHost,
  certificateSummary,
  daysLeft,
  dnsNameMatches,
  isWeakCipher,
  sessionResultType,
  tlsProblems,
} from '../../src/core/certificate.js';
import type { CertificateFacts, TlsFacts } from '../../src/core/observation.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const SETTINGS = { now: NOW, certExpiryWarningDays: 14 };
const HOST = 'mx.example.com';

function leaf(over: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: `CN=${HOST}`,
    issuer: 'CN=Test CA',
    san: [HOST],
    validFrom: '2026-10-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    sha256: 'AA:BB',
    serialNumber: '01',
    keyType: 'rsa',
    keyBits: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    commonName: HOST,
    ocspUrls: [],
    crlUrls: [],
    selfIssued: false,
    ...over,
  };
}

function tls(over: Partial<TlsFacts> = {}, cert: Partial<CertificateFacts> = {}): TlsFacts {
  return {
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    chainError: null,
    hostnameError: null,
    chain: [leaf(cert)],
    revocation: null,
    ...over,
  };
}

describe('tlsProblems', () => {
  it('a good session has no problems and no result type', () => {
    const problems = tlsProblems({ host: HOST, starttlsOffered: true, tls: tls() }, SETTINGS);
    expect(problems).toEqual([]);
    expect(sessionResultType(problems)).toBeNull();
  });

  it.each<[string, boolean | null, TlsFacts | null, [string, string | undefined][]]>([
    // No STARTTLS: senders applying a policy cannot deliver at all.
    ['no STARTTLS', false, null, [['mx-starttls-unsupported', 'starttls-not-supported']]],
    // Session failed before EHLO: nothing for this function to judge (mx-unreachable's job).
    ['no session', null, null, []],
    // TLS 1.0 / 1.1 are refused by MTA-STS senders.
    [
      'TLS 1.0',
      true,
      tls({ version: 'TLSv1', cipher: 'ECDHE-RSA-AES256-SHA' }),
      [['mx-tls-version', 'validation-failure']],
    ],
    [
      'TLS 1.1',
      true,
      tls({ version: 'TLSv1.1', cipher: 'ECDHE-RSA-AES256-SHA' }),
      [['mx-tls-version', 'validation-failure']],
    ],
    // RSA key exchange: no forward secrecy; delivered, so no result type.
    [
      'no forward secrecy',
      true,
      tls({ version: 'TLSv1.2', cipher: 'AES128-GCM-SHA256' }),
      [['mx-tls-cipher-weak', undefined]],
    ],
    // 3DES is broken whatever the key exchange.
    [
      '3DES',
      true,
      tls({ version: 'TLSv1.2', cipher: 'ECDHE-RSA-DES-CBC3-SHA' }),
      [['mx-tls-cipher-weak', undefined]],
    ],
    // Expired leaf: the date rule, not also untrusted for the same reason.
    [
      'expired',
      true,
      tls({ chainError: 'CERT_HAS_EXPIRED' }, { validTo: '2026-11-01T00:00:00.000Z' }),
      [['mx-cert-expired', 'certificate-expired']],
    ],
    [
      'not yet valid',
      true,
      tls({ chainError: 'CERT_NOT_YET_VALID' }, { validFrom: '2026-12-01T00:00:00.000Z' }),
      [['mx-cert-not-yet-valid', 'certificate-expired']],
    ],
    // 13 days left with a 14-day warning: expiring, still delivered.
    ['expiring', true, tls({}, { validTo: '2026-12-05T12:00:00.000Z' }), [['mx-cert-expiring', undefined]]],
    // Self-signed: not trusted.
    [
      'self-signed',
      true,
      tls({ chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }, { selfIssued: true }),
      [['mx-cert-untrusted', 'certificate-not-trusted']],
    ],
    // Missing intermediate.
    [
      'incomplete chain',
      true,
      tls({ chainError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' }),
      [['mx-cert-untrusted', 'certificate-not-trusted']],
    ],
    // A date error the leaf does not explain (an expired intermediate) is a trust problem.
    [
      'expired intermediate',
      true,
      tls({ chainError: 'CERT_HAS_EXPIRED' }),
      [['mx-cert-untrusted', 'certificate-not-trusted']],
    ],
    // Certificate for another name.
    [
      'wrong host',
      true,
      tls({}, { san: ['other.example.com'], commonName: 'other.example.com' }),
      [['mx-cert-hostname-mismatch', 'certificate-host-mismatch']],
    ],
    // Weak key and weak signature.
    ['RSA-1024', true, tls({}, { keyBits: 1024 }), [['mx-cert-weak', 'validation-failure']]],
    ['EC-224', true, tls({}, { keyType: 'ec', keyBits: 224 }), [['mx-cert-weak', 'validation-failure']]],
    [
      'SHA-1 signature',
      true,
      tls({}, { signatureAlgorithm: 'sha1WithRSAEncryption' }),
      [['mx-cert-weak', 'validation-failure']],
    ],
    [
      'MD5 signature',
      true,
      tls({}, { signatureAlgorithm: 'md5WithRSAEncryption' }),
      [['mx-cert-weak', 'validation-failure']],
    ],
    // Revoked by the CA.
    [
      'revoked',
      true,
      tls({ revocation: { status: 'revoked', source: 'crl', revokedAt: '2026-11-01T00:00:00.000Z' } }),
      [['mx-cert-revoked', 'validation-failure']],
    ],
    // Unknown revocation is never a problem.
    [
      'revocation unknown',
      true,
      tls({ revocation: { status: 'unknown', source: 'ocsp', detail: 'timeout' } }),
      [],
    ],
    // No certificate at all and a chain error: untrusted only.
    [
      'no certificate',
      true,
      tls({ chain: [], chainError: 'UNABLE_TO_GET_ISSUER_CERT' }),
      [['mx-cert-untrusted', 'certificate-not-trusted']],
    ],
    // Several at once, in a sender's order.
    [
      'expired, wrong host, weak',
      true,
      tls(
        { chainError: 'CERT_HAS_EXPIRED' },
        { validTo: '2026-01-01T00:00:00.000Z', san: ['x.example.net'], keyBits: 1024 },
      ),
      [
        ['mx-cert-expired', 'certificate-expired'],
        ['mx-cert-hostname-mismatch', 'certificate-host-mismatch'],
        ['mx-cert-weak', 'validation-failure'],
      ],
    ],
  ])('%s', (_name, starttlsOffered, facts, expected) => {
    const problems = tlsProblems({ host: HOST, starttlsOffered, tls: facts }, SETTINGS);
    expect(problems.map((p) => [p.rule, p.resultType])).toEqual(expected);
  });

  it('a self-issued root with a SHA-1 signature in the chain is not weak (its signature is never checked)', () => {
    const root = leaf({
      subject: 'CN=Root',
      selfIssued: true,
      signatureAlgorithm: 'sha1WithRSAEncryption',
      san: [],
    });
    expect(
      tlsProblems({ host: HOST, starttlsOffered: true, tls: tls({ chain: [leaf(), root] }) }, SETTINGS),
    ).toEqual([]);
  });

  it('an intermediate with a SHA-1 signature is weak and named', () => {
    const inter = leaf({ subject: 'CN=Intermediate', signatureAlgorithm: 'sha1WithRSAEncryption', san: [] });
    const [problem] = tlsProblems(
      { host: HOST, starttlsOffered: true, tls: tls({ chain: [leaf(), inter] }) },
      SETTINGS,
    );
    expect(problem?.rule).toBe('mx-cert-weak');
    expect(problem?.message).toContain('CN=Intermediate');
  });

  it('the expiry warning follows certExpiryWarningDays exactly', () => {
    const facts = tls({}, { validTo: '2026-12-06T12:00:00.000Z' }); // 14 days left
    expect(tlsProblems({ host: HOST, starttlsOffered: true, tls: facts }, SETTINGS)).toEqual([]);
    const problems = tlsProblems(
      { host: HOST, starttlsOffered: true, tls: facts },
      { now: NOW, certExpiryWarningDays: 15 },
    );
    expect(problems.map((p) => p.rule)).toEqual(['mx-cert-expiring']);
  });
});

describe('sessionResultType: one type per session, RFC 8460 precedence', () => {
  it.each([
    [['certificate-host-mismatch', 'certificate-expired'], 'certificate-expired'],
    [['validation-failure', 'certificate-not-trusted'], 'certificate-not-trusted'],
    [[undefined, 'validation-failure'], 'validation-failure'],
  ] as const)('%j → %s', (types, expected) => {
    const problems = types.map((t) => ({
      rule: 'mx-cert-weak' as const,
      message: '',
      ...(t ? { resultType: t } : {}),
    }));
    expect(sessionResultType(problems)).toBe(expected);
  });
});

describe('RFC 6125 host matching', () => {
  it.each([
    ['mx.example.com', 'mx.example.com', true],
    ['MX.Example.COM', 'mx.example.com', true],
    ['mx.example.com.', 'mx.example.com', true],
    ['*.example.com', 'mx.example.com', true],
    // A wildcard covers exactly one label.
    ['*.example.com', 'a.b.example.com', false],
    // ...and never the bare parent.
    ['*.example.com', 'example.com', false],
    // Only the whole leftmost label may be a wildcard.
    ['mx*.example.com', 'mx1.example.com', false],
    ['m*x.example.com', 'mx.example.com', false],
    ['mx.*.example.com', 'mx.a.example.com', false],
    ['*.*.example.com', 'a.b.example.com', false],
    // A wildcard right above one label would span a public suffix.
    ['*.com', 'example.com', false],
    ['*', 'mx', false],
    // A different name.
    ['mx.example.net', 'mx.example.com', false],
    ['', 'mx.example.com', false],
  ])('%s vs %s → %s', (presented, host, expected) => {
    expect(dnsNameMatches(presented, host)).toBe(expected);
  });

  it('uses the CN only when the certificate has no dNSName SAN', () => {
    expect(certificateCoversHost({ san: [], commonName: 'mx.example.com' }, 'mx.example.com')).toBe(true);
    // SANs present: the CN is ignored even when it matches.
    expect(
      certificateCoversHost({ san: ['other.example.com'], commonName: 'mx.example.com' }, 'mx.example.com'),
    ).toBe(false);
    expect(certificateCoversHost({ san: [], commonName: null }, 'mx.example.com')).toBe(false);
  });
});

describe('isWeakCipher', () => {
  it.each([
    ['TLS_AES_128_GCM_SHA256', 'TLSv1.3', false],
    ['TLS_CHACHA20_POLY1305_SHA256', null, false],
    ['ECDHE-RSA-AES128-GCM-SHA256', 'TLSv1.2', false],
    ['DHE-RSA-AES256-GCM-SHA384', 'TLSv1.2', false],
    ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLSv1.2', false],
    ['ECDHE-RSA-AES256-SHA', 'TLSv1', false],
    // RSA key exchange: no forward secrecy.
    ['AES128-GCM-SHA256', 'TLSv1.2', true],
    ['TLS_RSA_WITH_AES_128_CBC_SHA', 'TLSv1.2', true],
    // Broken bulk ciphers or none.
    ['RC4-SHA', 'TLSv1', true],
    ['ECDHE-RSA-RC4-SHA', 'TLSv1', true],
    ['DES-CBC3-SHA', 'TLSv1.2', true],
    ['NULL-SHA256', 'TLSv1.2', true],
    ['EXP-RC4-MD5', 'TLSv1', true],
    // Anonymous key exchange.
    ['ADH-AES128-SHA', 'TLSv1.2', true],
  ])('%s (%s) → %s', (cipher, version, expected) => {
    expect(isWeakCipher(cipher, version)).toBe(expected);
  });
});

describe('certificateSummary', () => {
  it('carries the contract fields and whole days left', () => {
    expect(certificateSummary(leaf({ validTo: '2026-12-02T11:00:00.000Z' }), NOW)).toEqual({
      subject: `CN=${HOST}`,
      issuer: 'CN=Test CA',
      san: [HOST],
      validFrom: '2026-10-01T00:00:00.000Z',
      validTo: '2026-12-02T11:00:00.000Z',
      daysLeft: 9,
      sha256: 'AA:BB',
    });
    expect(daysLeft('2026-11-21T12:00:00.000Z', NOW)).toBe(-1);
  });
});
