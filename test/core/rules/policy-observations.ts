/** Builders of synthetic observations and evidence for the records and policy rule tests. */
import type {
  CertificateFacts,
  DomainObservation,
  PolicyFetchObservation,
  TlsFacts,
} from '../../../src/core/observation.js';
import { emptyDomainResult, type DomainResult } from '../../../src/core/result.js';
import type { DomainEvidence, JudgementSettings } from '../../../src/core/rules/evidence.js';

export const DOMAIN = 'example.com';
export const URL = `https://mta-sts.${DOMAIN}/.well-known/mta-sts.txt`;
export const NOW = new Date('2026-11-22T12:00:00Z');
export const ENFORCE_POLICY =
  'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 604800\r\n';

export function settings(over: Partial<JudgementSettings> = {}): JudgementSettings {
  return { now: NOW, certExpiryWarningDays: 14, smtpProbe: 'off', offline: false, ...over };
}

export function certificate(validTo: string, over: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: `CN=mta-sts.${DOMAIN}`,
    issuer: 'CN=Test CA',
    san: [`mta-sts.${DOMAIN}`],
    validFrom: '2026-01-01T00:00:00.000Z',
    validTo,
    sha256: 'AA:BB',
    serialNumber: '01',
    keyType: 'ec',
    keyBits: 256,
    signatureAlgorithm: 'ecdsa-with-SHA256',
    commonName: `mta-sts.${DOMAIN}`,
    ocspUrls: [],
    crlUrls: [],
    selfIssued: false,
    ...over,
  };
}

export function tls(over: Partial<TlsFacts> = {}): TlsFacts {
  return {
    version: 'TLSv1.3',
    cipher: 'TLS_AES_128_GCM_SHA256',
    chainError: null,
    hostnameError: null,
    chain: [certificate('2027-06-01T00:00:00.000Z')],
    revocation: null,
    ...over,
  };
}

/** A clean fetch of `body` from `address`, unless overridden. */
export function fetched(
  body: string | null,
  over: Partial<PolicyFetchObservation> = {},
): PolicyFetchObservation {
  return {
    url: URL,
    address: '192.0.2.10',
    status: 200,
    contentType: 'text/plain; charset=utf-8',
    location: null,
    body,
    bytes: body === null ? 0 : Buffer.byteLength(body),
    truncated: false,
    ms: 12,
    tls: tls(),
    error: null,
    ...over,
  };
}

export function observation(over: Partial<DomainObservation> = {}): DomainObservation {
  return {
    domain: DOMAIN,
    stsTxt: { kind: 'records', records: ['v=STSv1; id=20261122'] },
    tlsRptTxt: { kind: 'records', records: [`v=TLSRPTv1; rua=mailto:tlsrpt@${DOMAIN}`] },
    mx: { kind: 'records', records: [{ exchange: `mail.${DOMAIN}`, preference: 10 }] },
    mxAddresses: {},
    policyHostAddresses: { kind: 'records', records: ['192.0.2.10'] },
    policyFetches: [fetched(ENFORCE_POLICY)],
    smtp: [],
    ...over,
  };
}

export function evidence(over: Partial<DomainEvidence> = {}): DomainEvidence {
  return {
    domain: DOMAIN,
    observation: observation(),
    policyFile: null,
    basePolicyFile: null,
    proposed: null,
    baseProposed: null,
    reports: null,
    ...over,
  };
}

export function result(): DomainResult {
  return emptyDomainResult(DOMAIN);
}
