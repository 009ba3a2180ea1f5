import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/net/der.ts
var DerError = class extends Error {
};
var TAG = {
  BOOLEAN: 1,
  INTEGER: 2,
  BIT_STRING: 3,
  OCTET_STRING: 4,
  NULL: 5,
  OID: 6,
  ENUMERATED: 10,
  UTF8_STRING: 12,
  SEQUENCE: 48,
  SET: 49,
  UTC_TIME: 23,
  GENERALIZED_TIME: 24
};
function contextTag(n, constructed) {
  return (constructed ? 160 : 128) | n;
}
var MAX_LENGTH_OCTETS = 4;
function readNode(buf, offset = 0, end = buf.length) {
  if (offset + 2 > end) throw new DerError("truncated header");
  const tag = buf[offset];
  if ((tag & 31) === 31) throw new DerError("high tag numbers are not used here");
  let length = buf[offset + 1];
  let header = 2;
  if (length & 128) {
    const octets = length & 127;
    if (octets === 0) throw new DerError("indefinite length is not DER");
    if (octets > MAX_LENGTH_OCTETS) throw new DerError("length too large");
    if (offset + 2 + octets > end) throw new DerError("truncated length");
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + buf[offset + 2 + i];
    header += octets;
  }
  const contentEnd = offset + header + length;
  if (contentEnd > end) throw new DerError("content runs past its container");
  return { tag, raw: buf.subarray(offset, contentEnd), content: buf.subarray(offset + header, contentEnd) };
}
function parseDer(buf) {
  const node = readNode(buf);
  if (node.raw.length !== buf.length) throw new DerError("trailing bytes after the outer object");
  return node;
}
function children(node) {
  const out = [];
  let offset = 0;
  while (offset < node.content.length) {
    const child = readNode(node.content, offset);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}
function expectTag(node, tag, what) {
  if (!node) throw new DerError(`${what}: missing`);
  if (node.tag !== tag)
    throw new DerError(`${what}: tag 0x${node.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return node;
}
function sequence(node, what) {
  return children(expectTag(node, TAG.SEQUENCE, what));
}
function oid(node, what = "OID") {
  const bytes = expectTag(node, TAG.OID, what).content;
  if (bytes.length === 0) throw new DerError(`${what}: empty`);
  const parts = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 127);
    if (!(byte & 128)) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join(".");
}
function integerHex(node, what = "INTEGER") {
  const bytes = expectTag(node, TAG.INTEGER, what).content;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start).toString("hex").toUpperCase();
}
function time(node, what = "time") {
  if (!node) throw new DerError(`${what}: missing`);
  const text = node.content.toString("latin1");
  let match;
  let year;
  if (node.tag === TAG.UTC_TIME && (match = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text))) {
    const yy = Number(match[1]);
    year = yy >= 50 ? 1900 + yy : 2e3 + yy;
  } else if (node.tag === TAG.GENERALIZED_TIME && (match = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.\d+)?Z$/.exec(text))) {
    year = Number(match[1]);
  } else {
    throw new DerError(`${what}: not a UTCTime or GeneralizedTime: ${JSON.stringify(text)}`);
  }
  const [, , mo, d, h, mi, s] = match.map(Number);
  return new Date(Date.UTC(year, mo - 1, d, h, mi, s));
}
function bitString(node, what = "BIT STRING") {
  const content = expectTag(node, TAG.BIT_STRING, what).content;
  if (content.length === 0) throw new DerError(`${what}: empty`);
  return content.subarray(1);
}
function encode(tag, ...contents) {
  const content = Buffer.concat(contents);
  const n = content.length;
  let header;
  if (n < 128) header = Buffer.from([tag, n]);
  else {
    const bytes = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    header = Buffer.from([tag, 128 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}

// src/net/certificate-facts.ts
import { X509Certificate } from "node:crypto";
var OID_SAN = "2.5.29.17";
var OID_CRL_DP = "2.5.29.31";
var OID_AIA = "1.3.6.1.5.5.7.1.1";
var OID_AIA_OCSP = "1.3.6.1.5.5.7.48.1";
var OID_COMMON_NAME = "2.5.4.3";
var GN_DNS_NAME = contextTag(2, false);
var GN_URI = contextTag(6, false);
var SIGNATURE_ALGORITHMS = {
  "1.2.840.113549.1.1.4": { name: "md5WithRSAEncryption", hash: "md5" },
  "1.2.840.113549.1.1.5": { name: "sha1WithRSAEncryption", hash: "sha1" },
  "1.2.840.113549.1.1.11": { name: "sha256WithRSAEncryption", hash: "sha256" },
  "1.2.840.113549.1.1.12": { name: "sha384WithRSAEncryption", hash: "sha384" },
  "1.2.840.113549.1.1.13": { name: "sha512WithRSAEncryption", hash: "sha512" },
  "1.2.840.113549.1.1.10": { name: "rsassaPss", hash: null },
  "1.2.840.10045.4.1": { name: "ecdsa-with-SHA1", hash: "sha1" },
  "1.2.840.10045.4.3.2": { name: "ecdsa-with-SHA256", hash: "sha256" },
  "1.2.840.10045.4.3.3": { name: "ecdsa-with-SHA384", hash: "sha384" },
  "1.2.840.10045.4.3.4": { name: "ecdsa-with-SHA512", hash: "sha512" },
  "1.3.101.112": { name: "ED25519", hash: null },
  "1.3.101.113": { name: "ED448", hash: null }
};
var CURVE_BITS = {
  prime256v1: 256,
  secp256k1: 256,
  secp384r1: 384,
  secp521r1: 521,
  secp224r1: 224,
  prime192v1: 192
};
function parseCertificate(der) {
  const [tbsNode, sigAlg] = sequence(parseDer(der), "Certificate");
  const tbs = sequence(tbsNode, "tbsCertificate");
  let i = tbs[0]?.tag === contextTag(0, true) ? 1 : 0;
  const serialHex = integerHex(tbs[i++], "serialNumber");
  i++;
  const issuerName = expectRaw(tbs[i++], "issuer");
  const [notBefore, notAfter] = sequence(tbs[i++], "validity");
  const subjectName = expectRaw(tbs[i++], "subject");
  const spki = sequence(tbs[i++], "subjectPublicKeyInfo");
  const extensions = /* @__PURE__ */ new Map();
  for (const node of tbs.slice(i)) {
    if (node.tag !== contextTag(3, true)) continue;
    for (const ext of sequence(children(node)[0], "extensions")) {
      const parts = sequence(ext, "Extension");
      const value = parts[parts.length - 1];
      if (value?.tag === TAG.OCTET_STRING) extensions.set(oid(parts[0], "extnID"), value.content);
    }
  }
  return {
    der,
    serialHex,
    issuerName,
    subjectName,
    publicKeyBits: bitString(spki[1], "subjectPublicKey"),
    signatureAlgorithmOid: oid(sequence(sigAlg, "signatureAlgorithm")[0]),
    notBefore: time(notBefore, "notBefore"),
    notAfter: time(notAfter, "notAfter"),
    extensions
  };
}
function expectRaw(node, what) {
  if (node?.tag !== TAG.SEQUENCE) throw new DerError(`${what}: not a Name`);
  return node.raw;
}
function generalNames(nodes, tag) {
  return nodes.filter((n) => n.tag === tag).map((n) => n.content.toString("latin1"));
}
function dnsNames(cert) {
  const value = cert.extensions.get(OID_SAN);
  return value ? generalNames(sequence(readNode(value), "SubjectAltName"), GN_DNS_NAME) : [];
}
function crlUrls(cert) {
  const value = cert.extensions.get(OID_CRL_DP);
  if (!value) return [];
  const urls = [];
  for (const point of sequence(readNode(value), "CRLDistributionPoints")) {
    const dpName = sequence(point, "DistributionPoint").find((n) => n.tag === contextTag(0, true));
    const fullName = dpName && children(dpName).find((n) => n.tag === contextTag(0, true));
    if (fullName) urls.push(...generalNames(children(fullName), GN_URI));
  }
  return urls;
}
function ocspUrls(cert) {
  const value = cert.extensions.get(OID_AIA);
  if (!value) return [];
  return sequence(readNode(value), "AuthorityInfoAccess").map((d) => sequence(d, "AccessDescription")).filter(([method, location]) => oid(method) === OID_AIA_OCSP && location?.tag === GN_URI).map(([, location]) => location.content.toString("latin1"));
}
function commonName(name) {
  let cn = null;
  for (const rdn of children(parseDer(name))) {
    for (const atv of children(rdn)) {
      const [type, value] = sequence(atv, "AttributeTypeAndValue");
      if (value && oid(type) === OID_COMMON_NAME) cn = value.content.toString("utf8");
    }
  }
  return cn;
}
function oneLine(name) {
  return name.split("\n").filter(Boolean).join(", ");
}
function certificateFacts(der) {
  const parsed = parseCertificate(der);
  const x509 = new X509Certificate(der);
  const key = x509.publicKey;
  const details = key.asymmetricKeyDetails ?? {};
  const keyType = key.asymmetricKeyType ?? null;
  let keyBits = null;
  if (details.modulusLength !== void 0) keyBits = details.modulusLength;
  else if (details.namedCurve !== void 0) keyBits = CURVE_BITS[details.namedCurve] ?? null;
  else if (keyType === "ed25519") keyBits = 256;
  else if (keyType === "ed448") keyBits = 456;
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
    signatureAlgorithm: SIGNATURE_ALGORITHMS[parsed.signatureAlgorithmOid]?.name ?? parsed.signatureAlgorithmOid,
    commonName: commonName(parsed.subjectName),
    ocspUrls: ocspUrls(parsed),
    crlUrls: crlUrls(parsed),
    selfIssued: parsed.issuerName.equals(parsed.subjectName)
  };
}

export {
  DerError,
  TAG,
  contextTag,
  readNode,
  parseDer,
  children,
  expectTag,
  sequence,
  oid,
  integerHex,
  time,
  bitString,
  encode,
  SIGNATURE_ALGORITHMS,
  parseCertificate,
  crlUrls,
  ocspUrls,
  certificateFacts
};
