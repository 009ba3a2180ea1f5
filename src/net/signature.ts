/**
 * Verifies the signature of a CRL or an OCSP response (RFC 5280 §5.1.1.3, RFC 6960 §4.2.1)
 * with Node's crypto: an unverified "revoked" or "good" would let anyone on the path decide the
 * answer, so an answer whose signature does not verify is treated as no answer.
 */
import { type KeyObject, verify } from 'node:crypto';
import type { DerNode } from './der.js';
import { bitString, oid, sequence } from './der.js';
import { SIGNATURE_ALGORITHMS } from './certificate-facts.js';

export type SignatureCheck = 'valid' | 'invalid' | 'unsupported';

/** Checks `signature` (a BIT STRING node) over `signed` (the raw tbs TLV) with `key`. */
export function checkSignature(
  algorithm: DerNode | undefined,
  signed: Buffer,
  signature: DerNode | undefined,
  key: KeyObject,
): SignatureCheck {
  const algorithmOid = oid(sequence(algorithm, 'signatureAlgorithm')[0]);
  const known = SIGNATURE_ALGORITHMS[algorithmOid];
  // RSASSA-PSS carries its parameters in the AlgorithmIdentifier; no CA we need to read uses it.
  if (!known || (known.hash === null && !known.name.startsWith('ED'))) return 'unsupported';
  try {
    return verify(known.hash, signed, key, bitString(signature, 'signature')) ? 'valid' : 'invalid';
  } catch {
    // A key of the wrong type for the algorithm (e.g. an EC key and an RSA signature).
    return 'invalid';
  }
}
