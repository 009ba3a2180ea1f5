/**
 * Reads a CRL (RFC 5280 §5) for one certificate: is its serial listed? The CRL must be issued
 * by the certificate's issuer (same Name, signature by the issuer's key) and current; otherwise
 * the answer is "unknown", which is never a finding.
 */
import type { X509Certificate } from 'node:crypto';
import { type ParsedCertificate, crlUrls } from './certificate-facts.js';
import {
  type DerNode,
  DerError,
  TAG,
  children,
  contextTag,
  expectTag,
  integerHex,
  oid,
  parseDer,
  readNode,
  sequence,
  time,
} from './der.js';
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
    const extensionsNode = tbs.find((n) => n.tag === contextTag(0, true));

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
    const scope = scopeProblem(extensionsNode, leaf);
    if (scope && scope !== DELTA) return { status: 'unknown', detail: scope };
    for (const entry of revokedNode ? sequence(revokedNode, 'revokedCertificates') : []) {
      const [serial, date, entryExtensions] = sequence(entry, 'revokedCertificate');
      if (integerHex(serial) !== leaf.serialHex) continue;
      // §5.3.1: in a delta CRL, removeFromCRL undoes a hold listed in the base; it is no revocation.
      if (scope === DELTA && reasonCode(entryExtensions) === REASON_REMOVE_FROM_CRL)
        return { status: 'unknown', detail: DELTA };
      return { status: 'revoked', revokedAt: time(date) };
    }
    // spec: RFC 5280 §5.2.4: a delta CRL lists only what changed since its base, so a serial it
    // does not list may still be revoked in the base. openssl verify -crl_check takes a lone
    // delta as complete; we follow the RFC (issue 16) and call that answer unknown.
    return scope === DELTA ? { status: 'unknown', detail: DELTA } : { status: 'good' };
  } catch (error) {
    if (error instanceof DerError) return { status: 'unknown', detail: `CRL unreadable: ${error.message}` };
    throw error;
  }
}

const OID_DELTA_CRL_INDICATOR = '2.5.29.27';
const OID_REASON_CODE = '2.5.29.21';
const REASON_REMOVE_FROM_CRL = 8;
const DELTA = 'a delta CRL lists only changes since its base CRL';

/** The CRLReason of a revoked entry's extensions (§5.3.1), or null. */
function reasonCode(entryExtensions: DerNode | undefined): number | null {
  for (const extension of entryExtensions ? sequence(entryExtensions, 'crlEntryExtensions') : []) {
    const fields = sequence(extension, 'Extension');
    if (oid(fields[0]) !== OID_REASON_CODE) continue;
    const value = expectTag(fields[fields.length - 1], TAG.OCTET_STRING, 'extnValue').content;
    return expectTag(readNode(value), TAG.ENUMERATED, 'CRLReason').content[0] ?? null;
  }
  return null;
}
const OID_ISSUING_DISTRIBUTION_POINT = '2.5.29.28';
/** CRL extensions whose meaning does not change what a listed or missing serial says (§5.2). */
const OID_HARMLESS_CRL_EXTENSIONS = new Set([
  '2.5.29.35', // authorityKeyIdentifier
  '2.5.29.18', // issuerAltName
  '2.5.29.20', // cRLNumber
  '2.5.29.46', // freshestCRL (where deltas are: a base CRL is complete without them)
  '1.3.6.1.5.5.7.1.1', // authorityInfoAccess
]);
const GN_URI = 6;

/**
 * RFC 5280 §5.2 and §6.3.3: says why this CRL cannot prove `leaf` unrevoked, or null when it can.
 * A delta CRL lists only changes since a base; an issuing distribution point may narrow the CRL
 * to CA certificates, to attribute certificates, to some revocation reasons, to another
 * distribution point than the certificate's, or make it indirect; and a critical extension we
 * do not know must make the CRL unusable.
 */
function scopeProblem(extensionsNode: DerNode | undefined, leaf: ParsedCertificate): string | null {
  for (const extension of extensionsNode ? sequence(children(extensionsNode)[0], 'crlExtensions') : []) {
    const fields = sequence(extension, 'Extension');
    const id = oid(fields[0]);
    const critical = fields[1]?.tag === TAG.BOOLEAN && fields[1].content[0] !== 0;
    const value = expectTag(fields[fields.length - 1], TAG.OCTET_STRING, 'extnValue').content;
    if (id === OID_DELTA_CRL_INDICATOR) return DELTA;
    if (id === OID_ISSUING_DISTRIBUTION_POINT) {
      const problem = distributionPointProblem(readNode(value), leaf);
      if (problem) return problem;
    } else if (critical && !OID_HARMLESS_CRL_EXTENSIONS.has(id)) {
      return `CRL has an unknown critical extension ${id}`;
    }
  }
  return null;
}

/** IssuingDistributionPoint (§5.2.5): does this CRL cover every revocation of `leaf`? */
function distributionPointProblem(idp: DerNode, leaf: ParsedCertificate): string | null {
  for (const field of sequence(idp, 'IssuingDistributionPoint')) {
    const flag = field.content[0] !== undefined && field.content[0] !== 0;
    if (field.tag === contextTag(0, true)) {
      const fullName = children(field).find((n) => n.tag === contextTag(0, true));
      if (!fullName) return 'CRL distribution point is a relative name';
      const uris = children(fullName)
        .filter((n) => n.tag === contextTag(GN_URI, false))
        .map((n) => n.content.toString('latin1'));
      const own = crlUrls(leaf);
      if (!uris.some((uri) => own.includes(uri)))
        return `CRL covers distribution point ${uris.join(', ') || '(none)'}, not the certificate's`;
    } else if (field.tag === contextTag(2, false) && flag) {
      return 'CRL covers only CA certificates';
    } else if (field.tag === contextTag(3, false)) {
      return 'CRL covers only some revocation reasons';
    } else if (field.tag === contextTag(4, false) && flag) {
      return 'indirect CRL (entries may name other issuers)';
    } else if (field.tag === contextTag(5, false) && flag) {
      return 'CRL covers only attribute certificates';
    }
  }
  return null;
}
