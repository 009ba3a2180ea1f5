/**
 * Verifies the signature of a CRL or an OCSP response (RFC 5280 §5.1.1.3, RFC 6960 §4.2.1)
 * with Node's crypto: an unverified "revoked" or "good" would let anyone on the path decide the
 * answer, so an answer whose signature does not verify is treated as no answer.
 */
import { type KeyObject, constants, verify } from 'node:crypto';
import type { DerNode } from './der.js';
import { bitString, children, contextTag, oid, sequence } from './der.js';
import { SIGNATURE_ALGORITHMS } from './certificate-facts.js';

export type SignatureCheck = 'valid' | 'invalid' | 'unsupported';

const OID_RSASSA_PSS = '1.2.840.113549.1.1.10';
const OID_MGF1 = '1.2.840.113549.1.1.8';
/** Hash OIDs (NIST, RFC 4055 §2.1) as node:crypto names them. */
const HASH_NAMES: Record<string, string> = {
  '1.3.14.3.2.26': 'sha1',
  '2.16.840.1.101.3.4.2.4': 'sha224',
  '2.16.840.1.101.3.4.2.1': 'sha256',
  '2.16.840.1.101.3.4.2.2': 'sha384',
  '2.16.840.1.101.3.4.2.3': 'sha512',
};

/** Hash name of an AlgorithmIdentifier node naming a digest (e.g. an OCSP CertID's). */
export function hashName(algorithm: DerNode | undefined): string | undefined {
  return HASH_NAMES[oid(sequence(algorithm, 'hashAlgorithm')[0])];
}

interface PssParameters {
  hash: string;
  saltLength: number;
}

/**
 * RFC 4055 §3.1 RSASSA-PSS-params: [0] hashAlgorithm (default SHA-1), [1] maskGenAlgorithm
 * (default MGF1 with SHA-1), [2] saltLength (default 20), [3] trailerField (must be 1).
 * Node's verify uses MGF1 with the signature's own hash, so another MGF hash is unsupported.
 */
function pssParameters(params: DerNode | undefined): PssParameters | 'unsupported' {
  let hash = 'sha1';
  let mgfHash = 'sha1';
  let saltLength = 20;
  for (const field of params ? sequence(params, 'RSASSA-PSS-params') : []) {
    const inner = children(field)[0];
    if (field.tag === contextTag(0, true)) {
      const name = hashName(inner);
      if (!name) return 'unsupported';
      hash = name;
    } else if (field.tag === contextTag(1, true)) {
      const [mgf, mgfParams] = sequence(inner, 'maskGenAlgorithm');
      const name = oid(mgf) === OID_MGF1 ? hashName(mgfParams) : undefined;
      if (!name) return 'unsupported';
      mgfHash = name;
    } else if (field.tag === contextTag(2, true)) {
      if (!inner || inner.content.length > 2) return 'unsupported';
      saltLength = inner.content.reduce((n, byte) => n * 256 + byte, 0);
    } else if (field.tag === contextTag(3, true)) {
      if (!inner || inner.content.length !== 1 || inner.content[0] !== 1) return 'unsupported';
    }
  }
  return mgfHash === hash ? { hash, saltLength } : 'unsupported';
}

/** Checks `signature` (a BIT STRING node) over `signed` (the raw tbs TLV) with `key`. */
export function checkSignature(
  algorithm: DerNode | undefined,
  signed: Buffer,
  signature: DerNode | undefined,
  key: KeyObject,
): SignatureCheck {
  const [algorithmNode, params] = sequence(algorithm, 'signatureAlgorithm');
  const algorithmOid = oid(algorithmNode);
  const signatureBytes = bitString(signature, 'signature');
  try {
    if (algorithmOid === OID_RSASSA_PSS) {
      const pss = pssParameters(params);
      if (pss === 'unsupported') return 'unsupported';
      const ok = verify(
        pss.hash,
        signed,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength },
        signatureBytes,
      );
      return ok ? 'valid' : 'invalid';
    }
    const known = SIGNATURE_ALGORITHMS[algorithmOid];
    if (!known || (known.hash === null && !known.name.startsWith('ED'))) return 'unsupported';
    return verify(known.hash, signed, key, signatureBytes) ? 'valid' : 'invalid';
  } catch {
    // A key of the wrong type for the algorithm (e.g. an EC key and an RSA signature).
    return 'invalid';
  }
}
