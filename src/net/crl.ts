/**
 * Reads a CRL (RFC 5280 §5) for one certificate: is its serial listed? The CRL must be issued
 * by the certificate's issuer (same Name, signature by the issuer's key) and current; otherwise
 * the answer is "unknown", which is never a finding.
 */
import type { X509Certificate } from 'node:crypto';
import type { ParsedCertificate } from './certificate-facts.js';
import { DerError, TAG, integerHex, parseDer, sequence, time } from './der.js';
import { checkSignature } from './signature.js';

export interface RevocationAnswer {
  status: 'good' | 'revoked' | 'unknown';
  revokedAt?: Date;
  /** Why the answer is unknown (for the log and the JSON `detail`). */
  detail?: string;
}

/** Clock skew tolerated between this runner and the CA when judging thisUpdate/nextUpdate. */
export const REVOCATION_CLOCK_SKEW_MS = 5 * 60_000;

/** Looks `leaf` up in the DER CRL `der`, issued by `issuer`. Never throws. */
export function readCrl(
  der: Buffer,
  leaf: ParsedCertificate,
  issuer: X509Certificate,
  now: Date,
): RevocationAnswer {
  try {
    const [tbsNode, algorithm, signature] = sequence(parseDer(der), 'CertificateList');
    const tbs = sequence(tbsNode, 'tbsCertList');
    let i = tbs[0]?.tag === TAG.INTEGER ? 1 : 0; // version
    i++; // signature AlgorithmIdentifier
    const issuerName = tbs[i++];
    const thisUpdate = time(tbs[i++], 'thisUpdate');
    const next = tbs[i];
    const nextUpdate =
      next?.tag === TAG.UTC_TIME || next?.tag === TAG.GENERALIZED_TIME ? time(tbs[i++]) : null;
    const revokedNode = tbs[i]?.tag === TAG.SEQUENCE ? tbs[i] : undefined;

    if (!issuerName?.raw.equals(leaf.issuerName))
      return { status: 'unknown', detail: 'CRL issuer is not the certificate issuer' };
    const check = checkSignature(algorithm, (tbsNode as { raw: Buffer }).raw, signature, issuer.publicKey);
    if (check !== 'valid') return { status: 'unknown', detail: `CRL signature ${check}` };
    if (thisUpdate.getTime() > now.getTime() + REVOCATION_CLOCK_SKEW_MS) {
      return { status: 'unknown', detail: `CRL thisUpdate ${thisUpdate.toISOString()} is in the future` };
    }
    if (nextUpdate && nextUpdate.getTime() < now.getTime() - REVOCATION_CLOCK_SKEW_MS) {
      return { status: 'unknown', detail: `CRL is stale (nextUpdate ${nextUpdate.toISOString()})` };
    }
    for (const entry of revokedNode ? sequence(revokedNode, 'revokedCertificates') : []) {
      const [serial, date] = sequence(entry, 'revokedCertificate');
      if (integerHex(serial) === leaf.serialHex) return { status: 'revoked', revokedAt: time(date) };
    }
    return { status: 'good' };
  } catch (error) {
    if (error instanceof DerError) return { status: 'unknown', detail: `CRL unreadable: ${error.message}` };
    throw error;
  }
}
