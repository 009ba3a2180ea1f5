/** Synthetic results for renderer and lifecycle tests (no network, no clock). */
import { finding, type Finding } from '../../src/core/findings.js';
import { emptyDomainResult, type CheckResult, type DomainResult } from '../../src/core/result.js';

export function resultOf(findings: Finding[], domains: DomainResult[]): CheckResult {
  return {
    schemaVersion: 1,
    tool: { name: 'mta-sts-guard', version: '0.1.0' },
    generatedAt: '2026-11-22T04:17:00.000Z',
    summary: {
      domains: domains.length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      notices: findings.filter((f) => f.severity === 'notice').length,
      enforceRisk: findings.some((f) => f.severity === 'error' && f.mode === 'enforce'),
    },
    findings,
    domains,
    reports: { files: 0, parsed: 0, invalid: [] },
  };
}

/** A domain in enforce mode with two MX, one of them outside the policy with an expired certificate. */
export function enforceDomain(domain: string): DomainResult {
  const d = emptyDomainResult(domain);
  d.mtaSts.record = { raw: 'v=STSv1; id=20261101T000000', id: '20261101T000000' };
  d.mtaSts.policy = { raw: '', mode: 'enforce', mx: [`mx1.${domain}`], maxAge: 604800 };
  d.mtaSts.fetch = {
    url: `https://mta-sts.${domain}/.well-known/mta-sts.txt`,
    status: 200,
    contentType: 'text/plain',
    bytes: 80,
    ms: 12,
    error: null,
  };
  d.tlsRpt.record = { raw: `v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`, rua: [`mailto:tlsrpt@${domain}`] };
  const cert = (daysLeft: number) => ({
    subject: `CN=mx.${domain}`,
    issuer: 'CN=Test CA',
    san: [`mx1.${domain}`],
    validFrom: '2026-01-01T00:00:00Z',
    validTo: '2027-01-01T00:00:00Z',
    daysLeft,
    sha256: 'AB:CD',
  });
  d.mx = [
    {
      host: `mx1.${domain}`,
      preference: 10,
      addresses: ['192.0.2.1'],
      matchesPolicy: true,
      tls: {
        starttls: true,
        version: 'TLSv1.3',
        cipher: 'TLS_AES_256_GCM_SHA384',
        resultType: null,
        certificate: cert(40),
      },
      error: null,
    },
    {
      host: `mx2.${domain}`,
      preference: 20,
      addresses: ['192.0.2.2'],
      matchesPolicy: false,
      tls: {
        starttls: true,
        version: 'TLSv1.2',
        cipher: 'ECDHE-RSA-AES128-GCM-SHA256',
        resultType: 'certificate-expired',
        certificate: cert(-4), // Math.floor of -3.x days: expired 3 whole days ago,
      },
      error: null,
    },
  ];
  d.reports = {
    successfulSessions: 90,
    failedSessions: 10,
    byResultType: { 'certificate-expired': 10 },
    byMx: { [`mx2.${domain}`]: 10 },
    byReporter: { 'Reporter Inc.': 100 },
    days: [{ date: '2026-11-20', successful: 90, failed: 10 }],
  };
  return d;
}

export function enforceFindings(domain: string): Finding[] {
  return [
    finding('mx-not-in-policy', 'enforce', {
      domain,
      subject: `mx2.${domain}`,
      message: `MX mx2.${domain} matches no mx pattern of the policy`,
    }),
    finding('mx-cert-expired', 'enforce', {
      domain,
      subject: `mx2.${domain}`,
      message: `certificate of mx2.${domain} expired 3 days ago`,
      resultType: 'certificate-expired',
    }),
    finding('tlsrpt-record-missing', 'testing', { domain, message: 'no TLS-RPT record' }),
    finding('policy-line-endings', 'enforce', {
      domain,
      message: 'LF line endings',
      location: { file: 'mta-sts/a.txt', line: 1 },
    }),
  ];
}
