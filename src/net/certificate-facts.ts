/**
 * Turns a DER certificate (as Node hands it over in PeerCertificate.raw) into CertificateFacts,
 * and exposes the parsed parts revocation checking needs (RFC 5280 §4.1). Node's X509Certificate
 * gives key, fingerprint and serial; the DER reader gives what it does not expose on Node 20:
 * the signature algorithm, the dNSName SANs exactly as written, the CRL distribution points and
 * the OCSP responder URLs.
 */
import { X509Certificate } from 'node:crypto';
import type { CertificateFacts } from '../core/observation.js';
import {
  type DerNode,
  DerError,
  TAG,
  bitString,
  children,
  contextTag,
  integerHex,
  oid,
  parseDer,
  readNode,
  sequence,
  time,
} from './der.js';

/** RFC 5280 §4.2.1.6, §4.2.1.13, §4.2.2.1. */
const OID_SAN = '2.5.29.17';
const OID_CRL_DP = '2.5.29.31';
const OID_AIA = '1.3.6.1.5.5.7.1.1';
const OID_AIA_OCSP = '1.3.6.1.5.5.7.48.1';
const OID_COMMON_NAME = '2.5.4.3';

/** GeneralName CHOICE tags (RFC 5280 §4.2.1.6, IMPLICIT). */
const GN_DNS_NAME = contextTag(2, false);
const GN_URI = contextTag(6, false);

/** Signature algorithm OIDs → OpenSSL's names (what `openssl x509 -text` prints) and the hash. */
export const SIGNATURE_ALGORITHMS: Record<string, { name: string; hash: string | null }> = {
  '1.2.840.113549.1.1.4': { name: 'md5WithRSAEncryption', hash: 'md5' },
  '1.2.840.113549.1.1.5': { name: 'sha1WithRSAEncryption', hash: 'sha1' },
  '1.2.840.113549.1.1.11': { name: 'sha256WithRSAEncryption', hash: 'sha256' },
  '1.2.840.113549.1.1.12': { name: 'sha384WithRSAEncryption', hash: 'sha384' },
  '1.2.840.113549.1.1.13': { name: 'sha512WithRSAEncryption', hash: 'sha512' },
  '1.2.840.113549.1.1.10': { name: 'rsassaPss', hash: null },
  '1.2.840.10045.4.1': { name: 'ecdsa-with-SHA1', hash: 'sha1' },
  '1.2.840.10045.4.3.2': { name: 'ecdsa-with-SHA256', hash: 'sha256' },
  '1.2.840.10045.4.3.3': { name: 'ecdsa-with-SHA384', hash: 'sha384' },
  '1.2.840.10045.4.3.4': { name: 'ecdsa-with-SHA512', hash: 'sha512' },
  '1.3.101.112': { name: 'ED25519', hash: null },
  '1.3.101.113': { name: 'ED448', hash: null },
};

/** Named curves → key size in bits (what mx-cert-weak compares against 256). */
const CURVE_BITS: Record<string, number> = {
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  secp224r1: 224,
  prime192v1: 192,
};

/** The parts of a certificate that revocation checking compares and verifies. */
export interface ParsedCertificate {
  der: Buffer;
  serialHex: string;
  /** DER of the issuer and subject Names, compared byte for byte (RFC 5280 §7.1 allows that for DER). */
  issuerName: Buffer;
  subjectName: Buffer;
  /** The subjectPublicKey BIT STRING content (hashed into the OCSP CertID, RFC 6960 §4.1.1). */
  publicKeyBits: Buffer;
  signatureAlgorithmOid: string;
  notBefore: Date;
  notAfter: Date;
  /** extnID → extnValue content. */
  extensions: Map<string, Buffer>;
}

/** Parses the DER of a certificate; throws DerError when it is malformed. */
export function parseCertificate(der: Buffer): ParsedCertificate {
  const [tbsNode, sigAlg] = sequence(parseDer(der), 'Certificate');
  const tbs = sequence(tbsNode, 'tbsCertificate');
  let i = tbs[0]?.tag === contextTag(0, true) ? 1 : 0;
  const serialHex = integerHex(tbs[i++], 'serialNumber');
  i++; // signature AlgorithmIdentifier (repeated outside the tbs)
  const issuerName = expectRaw(tbs[i++], 'issuer');
  const [notBefore, notAfter] = sequence(tbs[i++], 'validity');
  const subjectName = expectRaw(tbs[i++], 'subject');
  const spki = sequence(tbs[i++], 'subjectPublicKeyInfo');
  const extensions = new Map<string, Buffer>();
  for (const node of tbs.slice(i)) {
    if (node.tag !== contextTag(3, true)) continue;
    for (const ext of sequence(children(node)[0], 'extensions')) {
      const parts = sequence(ext, 'Extension');
      const value = parts[parts.length - 1];
      if (value?.tag === TAG.OCTET_STRING) extensions.set(oid(parts[0], 'extnID'), value.content);
    }
  }
  return {
    der,
    serialHex,
    issuerName,
    subjectName,
    publicKeyBits: bitString(spki[1], 'subjectPublicKey'),
    signatureAlgorithmOid: oid(sequence(sigAlg, 'signatureAlgorithm')[0]),
    notBefore: time(notBefore, 'notBefore'),
    notAfter: time(notAfter, 'notAfter'),
    extensions,
  };
}

function expectRaw(node: DerNode | undefined, what: string): Buffer {
  if (node?.tag !== TAG.SEQUENCE) throw new DerError(`${what}: not a Name`);
  return node.raw;
}

/** GeneralNames (a SEQUENCE of CHOICE) → the values of one tag. */
function generalNames(nodes: DerNode[], tag: number): string[] {
  return nodes.filter((n) => n.tag === tag).map((n) => n.content.toString('latin1'));
}

/** RFC 5280 §4.2.1.6: the dNSName entries of the SAN extension, as written. */
export function dnsNames(cert: ParsedCertificate): string[] {
  const value = cert.extensions.get(OID_SAN);
  return value ? generalNames(sequence(readNode(value), 'SubjectAltName'), GN_DNS_NAME) : [];
}

/** RFC 5280 §4.2.1.13: URIs of the CRL distribution points' full names. */
export function crlUrls(cert: ParsedCertificate): string[] {
  const value = cert.extensions.get(OID_CRL_DP);
  if (!value) return [];
  const urls: string[] = [];
  for (const point of sequence(readNode(value), 'CRLDistributionPoints')) {
    const dpName = sequence(point, 'DistributionPoint').find((n) => n.tag === contextTag(0, true));
    const fullName = dpName && children(dpName).find((n) => n.tag === contextTag(0, true));
    if (fullName) urls.push(...generalNames(children(fullName), GN_URI));
  }
  return urls;
}

/** RFC 5280 §4.2.2.1: URIs of the OCSP responders in the Authority Information Access. */
export function ocspUrls(cert: ParsedCertificate): string[] {
  const value = cert.extensions.get(OID_AIA);
  if (!value) return [];
  return sequence(readNode(value), 'AuthorityInfoAccess')
    .map((d) => sequence(d, 'AccessDescription'))
    .filter(([method, location]) => oid(method) === OID_AIA_OCSP && location?.tag === GN_URI)
    .map(([, location]) => (location as DerNode).content.toString('latin1'));
}

/** The last commonName of a Name (the most specific, RFC 6125 §6.4.4), or null. */
function commonName(name: Buffer): string | null {
  let cn: string | null = null;
  for (const rdn of children(parseDer(name))) {
    for (const atv of children(rdn)) {
      const [type, value] = sequence(atv, 'AttributeTypeAndValue');
      if (value && oid(type) === OID_COMMON_NAME) cn = value.content.toString('utf8');
    }
  }
  return cn;
}

/** Node prints a Name one attribute per line; a report wants one line. */
function oneLine(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}

/** CertificateFacts of a DER certificate; throws DerError if it cannot be read. */
export function certificateFacts(der: Buffer): CertificateFacts {
  const parsed = parseCertificate(der);
  const x509 = new X509Certificate(der);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType ?? null;
  let keyBits: number | null = null;
  if (details.modulusLength !== undefined) keyBits = details.modulusLength;
  else if (details.namedCurve !== undefined) keyBits = CURVE_BITS[details.namedCurve] ?? null;
  else if (keyType === 'ed25519') keyBits = 256;
  else if (keyType === 'ed448') keyBits = 456;
  return {
    subject: oneLine(x509.subject),
    issuer: oneLine(x509.issuer),
    san: dnsNames(parsed),
    validFrom: parsed.notBefore.toISOString(),
    validTo: parsed.notAfter.toISOString(),
    sha256: x509.fingerprint256,
    serialNumber: parsed.serialHex,
    keyType,
    keyBits,
    signatureAlgorithm:
      SIGNATURE_ALGORITHMS[parsed.signatureAlgorithmOid]?.name ?? parsed.signatureAlgorithmOid,
    commonName: commonName(parsed.subjectName),
    ocspUrls: ocspUrls(parsed),
    crlUrls: crlUrls(parsed),
    selfIssued: parsed.issuerName.equals(parsed.subjectName),
  };
}
