/**
 * Judges the TLS side of one SMTP session (RFC 8461 §4.2, RFC 8460 §4.3): from the facts the
 * probe recorded to the list of problems a sender applying MTA-STS would have, each with its
 * rule id and the RFC 8460 result type it would report. Pure: the clock is the injected `now`.
 */
import type { ResultType, RuleId } from './findings.js';
import type { CertificateFacts, TlsFacts } from './observation.js';
import type { CertificateSummary } from './result.js';
import { describeExpiry, expiryDistance } from './expiry.js';

const DAY_MS = 86_400_000;

/** What the probe saw of one session, as far as TLS is concerned. */
export interface TlsSessionFacts {
  /** The MX host name as published in DNS (what the certificate must cover). */
  host: string;
  /** null: the session did not get as far as EHLO. */
  starttlsOffered: boolean | null;
  tls: TlsFacts | null;
}

export interface TlsJudgementSettings {
  now: Date;
  certExpiryWarningDays: number;
}

export interface TlsProblem {
  rule: RuleId;
  /** What a sender would report (RFC 8460 §4.3); absent when a sender would still deliver. */
  resultType?: ResultType;
  message: string;
}

/**
 * RFC 8460 §4.3.2.1 precedence for the one result type of a session: no TLS at all first, then
 * the chain (dates, trust), then the name, then anything else that fails validation.
 */
const RESULT_TYPE_ORDER: ResultType[] = [
  'starttls-not-supported',
  'certificate-expired',
  'certificate-not-trusted',
  'certificate-host-mismatch',
  'validation-failure',
];

/** Versions below TLS 1.2, which MTA-STS senders such as Google refuse. */
const OLD_VERSIONS = new Set(['SSLv2', 'SSLv3', 'TLSv1', 'TLSv1.1']);

/** Chain errors that are about dates; the leaf's dates are judged against `now` instead. */
const DATE_CHAIN_ERRORS = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

/** DESIGN.md mx-cert-weak thresholds (OpenSSL security level 2, what modern senders run). */
export const MIN_RSA_BITS = 2048;
export const MIN_EC_BITS = 256;

/** Every problem of one session, in the order a sender meets them. */
export function tlsProblems(session: TlsSessionFacts, settings: TlsJudgementSettings): TlsProblem[] {
  if (session.starttlsOffered === false) {
    return [
      {
        rule: 'mx-starttls-unsupported',
        resultType: 'starttls-not-supported',
        message: `${session.host} does not offer STARTTLS`,
      },
    ];
  }
  const tls = session.tls;
  if (!tls) return [];
  const problems: TlsProblem[] = [];
  const leaf = tls.chain[0];

  if (tls.version && OLD_VERSIONS.has(tls.version)) {
    problems.push({
      rule: 'mx-tls-version',
      resultType: 'validation-failure',
      message: `${session.host} negotiates ${tls.version} at best; senders require TLS 1.2 or newer`,
    });
  }
  if (tls.cipher && isWeakCipher(tls.cipher, tls.version)) {
    problems.push({ rule: 'mx-tls-cipher-weak', message: `${session.host} negotiates ${tls.cipher}` });
  }
  if (leaf) problems.push(...dateProblems(session.host, leaf, settings));
  if (tls.chainError && !(DATE_CHAIN_ERRORS.has(tls.chainError) && leafDatesExplain(leaf, settings.now))) {
    problems.push({
      rule: 'mx-cert-untrusted',
      resultType: 'certificate-not-trusted',
      message: `the certificate of ${session.host} does not chain to a trusted root (${tls.chainError})`,
    });
  }
  if (!leaf) return problems;
  if (!certificateCoversHost(leaf, session.host)) {
    const names = leaf.san.length ? `SANs ${leaf.san.join(', ')}` : `CN ${leaf.commonName ?? '(none)'}`;
    problems.push({
      rule: 'mx-cert-hostname-mismatch',
      resultType: 'certificate-host-mismatch',
      message: `the certificate of ${session.host} does not cover that name (${names})`,
    });
  }
  const weak = tls.chain.flatMap((cert, index) => weakness(cert, index === 0));
  if (weak.length) {
    problems.push({
      rule: 'mx-cert-weak',
      resultType: 'validation-failure',
      message: `the certificate chain of ${session.host} uses ${weak.join('; ')}`,
    });
  }
  if (tls.revocation?.status === 'revoked') {
    const when = tls.revocation.revokedAt ? ` on ${tls.revocation.revokedAt}` : '';
    problems.push({
      rule: 'mx-cert-revoked',
      resultType: 'validation-failure',
      message: `the certificate of ${session.host} was revoked${when} (${tls.revocation.source})`,
    });
  }
  return problems;
}

/** The result type a sender would report for these problems, or null when none would fail. */
export function sessionResultType(problems: TlsProblem[]): ResultType | null {
  for (const type of RESULT_TYPE_ORDER) if (problems.some((p) => p.resultType === type)) return type;
  return null;
}

function dateProblems(host: string, leaf: CertificateFacts, settings: TlsJudgementSettings): TlsProblem[] {
  const now = settings.now.getTime();
  const from = Date.parse(leaf.validFrom);
  const to = Date.parse(leaf.validTo);
  if (from > now) {
    return [
      {
        rule: 'mx-cert-not-yet-valid',
        // RFC 8460 §4.3.2.1 has no "not yet valid": certificate-expired covers the validity period.
        resultType: 'certificate-expired',
        message: `the certificate of ${host} is valid only from ${leaf.validFrom}`,
      },
    ];
  }
  if (to < now) {
    return [
      {
        rule: 'mx-cert-expired',
        resultType: 'certificate-expired',
        // Only the date: an error's message is part of its issue risk key (digits blanked), and
        // "1 day ago" → "2 days ago" would read as a new risk. The renderings say how long ago.
        message: `the certificate of ${host} expired on ${leaf.validTo}`,
      },
    ];
  }
  if (to - now < settings.certExpiryWarningDays * DAY_MS) {
    return [
      {
        rule: 'mx-cert-expiring',
        message: `the certificate of ${host} expires on ${leaf.validTo} (${describeExpiry(expiryDistance(leaf.validTo, settings.now))})`,
      },
    ];
  }
  return [];
}

/** True when the leaf's own dates account for a date error in the chain. */
function leafDatesExplain(leaf: CertificateFacts | undefined, now: Date): boolean {
  if (!leaf) return false;
  return Date.parse(leaf.validFrom) > now.getTime() || Date.parse(leaf.validTo) < now.getTime();
}

/** Whole days from `now` to `validTo`, rounded down (negative once expired). */
export function daysLeft(validTo: string, now: Date): number {
  return Math.floor((Date.parse(validTo) - now.getTime()) / DAY_MS);
}

function weakness(cert: CertificateFacts, isLeaf: boolean): string[] {
  const out: string[] = [];
  const who = isLeaf ? 'leaf' : cert.subject;
  if (cert.keyType === 'rsa' && cert.keyBits !== null && cert.keyBits < MIN_RSA_BITS) {
    out.push(`an RSA-${cert.keyBits} key (${who})`);
  }
  if (cert.keyType === 'ec' && cert.keyBits !== null && cert.keyBits < MIN_EC_BITS) {
    out.push(`a ${cert.keyBits}-bit EC key (${who})`);
  }
  // The signature of a self-issued trust anchor is never checked, so only others count.
  if (!cert.selfIssued && cert.signatureAlgorithm && /sha1|md5|md2/i.test(cert.signatureAlgorithm)) {
    out.push(`a ${cert.signatureAlgorithm} signature (${who})`);
  }
  return out;
}

/**
 * DESIGN.md mx-tls-cipher-weak: no forward secrecy (a TLS ≤ 1.2 suite without ECDHE/DHE key
 * exchange) or RC4, 3DES/DES, NULL, EXPORT or anonymous suites. TLS 1.3 suites always have
 * forward secrecy. Accepts OpenSSL names (ECDHE-RSA-AES128-GCM-SHA256) and IANA names
 * (TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256).
 */
export function isWeakCipher(cipher: string, version: string | null): boolean {
  const tokens = cipher.toUpperCase().split(/[-_]/);
  const broken = ['RC4', 'DES', 'CBC3', '3DES', 'NULL', 'EXP', 'EXPORT', 'ADH', 'AECDH', 'ANON'];
  if (tokens.some((t) => broken.includes(t) || t.startsWith('EXP'))) return true;
  if (version === 'TLSv1.3') return false;
  // TLS 1.3 suites by name (version unknown): TLS_AES_*, TLS_CHACHA20_*.
  if (/^TLS_(AES|CHACHA20)_/i.test(cipher)) return false;
  const kx = tokens[0] === 'TLS' ? tokens[1] : tokens[0];
  return !(kx === 'ECDHE' || kx === 'DHE' || kx === 'EDH');
}

/**
 * RFC 6125 §6.4 as RFC 8461 §4.2 applies it: the dNSName SANs when there are any (§6.4.4: the
 * CN only when there are none), case-insensitive, trailing dot ignored.
 */
export function certificateCoversHost(
  cert: Pick<CertificateFacts, 'san' | 'commonName'>,
  host: string,
): boolean {
  const names = cert.san.length > 0 ? cert.san : cert.commonName ? [cert.commonName] : [];
  return names.some((name) => dnsNameMatches(name, host));
}

/**
 * One reference identifier against one presented name. A wildcard counts only as the whole
 * leftmost label (RFC 6125 §6.4.3; partial-label wildcards such as `w*.example.com` are
 * refused, as browsers and RFC 9525 do), covers exactly one non-empty label, and never sits
 * right above a single label (`*.com` covers nothing: it would span a public suffix).
 */
export function dnsNameMatches(presented: string, host: string): boolean {
  const name = normalize(presented);
  const target = normalize(host);
  if (!name || !target) return false;
  if (!name.includes('*')) return name === target;
  if (!name.startsWith('*.') || name.indexOf('*', 1) !== -1) return false;
  const parent = name.slice(2);
  if (!parent.includes('.')) return false;
  const dot = target.indexOf('.');
  return dot > 0 && target.slice(dot + 1) === parent;
}

function normalize(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '');
}

/** The JSON contract's certificate block (DESIGN.md "JSON output") for a leaf. */
export function certificateSummary(leaf: CertificateFacts, now: Date): CertificateSummary {
  return {
    subject: leaf.subject,
    issuer: leaf.issuer,
    san: leaf.san,
    validFrom: leaf.validFrom,
    validTo: leaf.validTo,
    daysLeft: daysLeft(leaf.validTo, now),
    sha256: leaf.sha256,
  };
}
