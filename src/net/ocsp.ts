/**
 * OCSP (RFC 6960) for one certificate: builds the request a client POSTs to the responder named
 * in the certificate (§4.1, Appendix A.1), and reads a response, stapled (RFC 6066 §8) or
 * fetched (§4.2). A response counts only when it is successful, names this certificate, is
 * signed by the issuer or by a responder the issuer delegated to (§4.2.2.2), and is current.
 */
import { X509Certificate, createHash } from 'node:crypto';
import type { ParsedCertificate } from './certificate-facts.js';
import type { RevocationAnswer } from './crl.js';
import { REVOCATION_CLOCK_SKEW_MS } from './crl.js';
import {
  type DerNode,
  DerError,
  TAG,
  children,
  contextTag,
  encode,
  expectTag,
  integerHex,
  oid,
  parseDer,
  sequence,
  time,
} from './der.js';
import { checkSignature, hashName } from './signature.js';

const OID_OCSP_BASIC = '1.3.6.1.5.5.7.48.1.1';
const OID_KP_OCSP_SIGNING = '1.3.6.1.5.5.7.3.9';
/** RFC 6960 §4.2.1 OCSPResponseStatus. */
const RESPONSE_STATUS = [
  'successful',
  'malformedRequest',
  'internalError',
  'tryLater',
  '',
  'sigRequired',
  'unauthorized',
];
/** SHA-1 encoded as an AlgorithmIdentifier DER, the CertID hash every responder accepts. */
const SHA1_ALGORITHM_ID = encode(
  TAG.SEQUENCE,
  encode(TAG.OID, Buffer.from('2b0e03021a', 'hex')),
  encode(TAG.NULL),
);

/** The DER OCSPRequest for `leaf` (one CertID with SHA-1 hashes, no nonce, unsigned). */
export function ocspRequest(leaf: ParsedCertificate, issuer: ParsedCertificate): Buffer {
  const serial = Buffer.from(leaf.serialHex.length % 2 ? '0' + leaf.serialHex : leaf.serialHex, 'hex');
  // DER INTEGERs are signed: a high first bit needs a leading zero byte.
  const serialContent = (serial[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), serial]) : serial;
  const certId = encode(
    TAG.SEQUENCE,
    SHA1_ALGORITHM_ID,
    encode(TAG.OCTET_STRING, createHash('sha1').update(issuer.subjectName).digest()),
    encode(TAG.OCTET_STRING, createHash('sha1').update(issuer.publicKeyBits).digest()),
    encode(TAG.INTEGER, serialContent),
  );
  const request = encode(TAG.SEQUENCE, certId);
  return encode(TAG.SEQUENCE, encode(TAG.SEQUENCE, encode(TAG.SEQUENCE, request)));
}

/** True when a CertID names `leaf` as issued by `issuer` (§4.1.1). */
function certIdMatches(
  certId: DerNode | undefined,
  leaf: ParsedCertificate,
  issuer: ParsedCertificate,
): boolean {
  const [algorithm, nameHash, keyHash, serial] = sequence(certId, 'CertID');
  // RFC 6960 §4.1.1 lets the requester pick the hash; responders answer in kind (SHA-1 to SHA-512).
  const hash = hashName(algorithm);
  if (!hash) return false;
  return (
    integerHex(serial) === leaf.serialHex &&
    expectTag(nameHash, TAG.OCTET_STRING, 'issuerNameHash').content.equals(
      createHash(hash).update(issuer.subjectName).digest(),
    ) &&
    expectTag(keyHash, TAG.OCTET_STRING, 'issuerKeyHash').content.equals(
      createHash(hash).update(issuer.publicKeyBits).digest(),
    )
  );
}

/**
 * Finds the key that signed the response: the issuer's, or a delegated responder's (§4.2.2.2):
 * issued by the CA, with id-kp-OCSPSigning, and valid now (an expired responder certificate
 * proves nothing, as RFC 5280 path validation and openssl say).
 */
function signerVerifies(
  algorithm: DerNode | undefined,
  tbs: Buffer,
  signature: DerNode | undefined,
  certs: DerNode | undefined,
  issuer: X509Certificate,
  now: Date,
): boolean {
  if (checkSignature(algorithm, tbs, signature, issuer.publicKey) === 'valid') return true;
  for (const node of certs ? sequence(children(certs)[0], 'certs') : []) {
    const responder = new X509Certificate(node.raw);
    const delegated =
      responder.checkIssued(issuer) &&
      responder.verify(issuer.publicKey) &&
      (responder.keyUsage ?? []).includes(OID_KP_OCSP_SIGNING) &&
      withinValidity(responder, now);
    if (delegated && checkSignature(algorithm, tbs, signature, responder.publicKey) === 'valid') return true;
  }
  return false;
}

function withinValidity(cert: X509Certificate, now: Date): boolean {
  const t = now.getTime();
  return (
    Date.parse(cert.validFrom) - REVOCATION_CLOCK_SKEW_MS <= t &&
    t <= Date.parse(cert.validTo) + REVOCATION_CLOCK_SKEW_MS
  );
}

/** Reads an OCSPResponse (DER) about `leaf`. Never throws. */
export function readOcspResponse(
  der: Buffer,
  leaf: ParsedCertificate,
  issuer: ParsedCertificate,
  now: Date,
): RevocationAnswer {
  try {
    const [statusNode, bytesNode] = sequence(parseDer(der), 'OCSPResponse');
    const status = expectTag(statusNode, TAG.ENUMERATED, 'responseStatus').content[0] ?? -1;
    if (status !== 0)
      return { status: 'unknown', detail: `OCSP ${RESPONSE_STATUS[status] || `status ${status}`}` };
    const [type, body] = sequence(
      children(expectTag(bytesNode, contextTag(0, true), 'responseBytes'))[0],
      'ResponseBytes',
    );
    if (oid(type) !== OID_OCSP_BASIC)
      return { status: 'unknown', detail: 'OCSP response is not id-pkix-ocsp-basic' };
    const [tbsNode, algorithm, signature, certs] = sequence(
      parseDer(expectTag(body, TAG.OCTET_STRING, 'response').content),
      'BasicOCSPResponse',
    );
    const issuerX509 = new X509Certificate(issuer.der);
    if (!signerVerifies(algorithm, (tbsNode as DerNode).raw, signature, certs, issuerX509, now)) {
      return {
        status: 'unknown',
        detail: 'OCSP response signature does not verify with the issuer or a delegated responder',
      };
    }
    const data = sequence(tbsNode, 'ResponseData');
    const responsesNode = data.find(
      (n, index) => index > 0 && n.tag === TAG.SEQUENCE && data[index - 1]?.tag === TAG.GENERALIZED_TIME,
    );
    for (const single of sequence(responsesNode, 'responses')) {
      const [certId, certStatus, thisUpdateNode, ...rest] = sequence(single, 'SingleResponse');
      if (!certIdMatches(certId, leaf, issuer)) continue;
      const thisUpdate = time(thisUpdateNode, 'thisUpdate');
      const nextNode = rest.find((n) => n.tag === contextTag(0, true));
      const nextUpdate = nextNode ? time(children(nextNode)[0], 'nextUpdate') : null;
      if (thisUpdate.getTime() > now.getTime() + REVOCATION_CLOCK_SKEW_MS) {
        return { status: 'unknown', detail: `OCSP thisUpdate ${thisUpdate.toISOString()} is in the future` };
      }
      if (nextUpdate && nextUpdate.getTime() < now.getTime() - REVOCATION_CLOCK_SKEW_MS) {
        return {
          status: 'unknown',
          detail: `OCSP response is stale (nextUpdate ${nextUpdate.toISOString()})`,
        };
      }
      if (certStatus?.tag === contextTag(0, false)) return { status: 'good' };
      if (certStatus?.tag === contextTag(1, true)) {
        return { status: 'revoked', revokedAt: time(children(certStatus)[0], 'revocationTime') };
      }
      return { status: 'unknown', detail: 'OCSP responder does not know the certificate' };
    }
    return { status: 'unknown', detail: 'OCSP response is about another certificate' };
  } catch (error) {
    if (error instanceof DerError)
      return { status: 'unknown', detail: `OCSP response unreadable: ${error.message}` };
    throw error;
  }
}
