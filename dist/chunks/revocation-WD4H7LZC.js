import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  unusableAddressReason
} from "./chunk-EDC3MA54.js";
import {
  DerError,
  SIGNATURE_ALGORITHMS,
  TAG,
  bitString,
  children,
  contextTag,
  crlUrls,
  encode,
  expectTag,
  integerHex,
  ocspUrls,
  oid,
  parseCertificate,
  parseDer,
  readNode,
  sequence,
  time
} from "./chunk-SO4UGQ5I.js";
import {
  clearNetworkTimeout,
  setNetworkTimeout
} from "./chunk-G6YZZX3V.js";
import "./chunk-FDGYIFXX.js";

// src/net/revocation.ts
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";

// src/net/signature.ts
import { constants, verify } from "node:crypto";
var OID_RSASSA_PSS = "1.2.840.113549.1.1.10";
var OID_MGF1 = "1.2.840.113549.1.1.8";
var HASH_NAMES = {
  "1.3.14.3.2.26": "sha1",
  "2.16.840.1.101.3.4.2.4": "sha224",
  "2.16.840.1.101.3.4.2.1": "sha256",
  "2.16.840.1.101.3.4.2.2": "sha384",
  "2.16.840.1.101.3.4.2.3": "sha512"
};
function hashName(algorithm) {
  return HASH_NAMES[oid(sequence(algorithm, "hashAlgorithm")[0])];
}
function pssParameters(params) {
  let hash = "sha1";
  let mgfHash = "sha1";
  let saltLength = 20;
  for (const field of params ? sequence(params, "RSASSA-PSS-params") : []) {
    const inner = children(field)[0];
    if (field.tag === contextTag(0, true)) {
      const name = hashName(inner);
      if (!name) return "unsupported";
      hash = name;
    } else if (field.tag === contextTag(1, true)) {
      const [mgf, mgfParams] = sequence(inner, "maskGenAlgorithm");
      const name = oid(mgf) === OID_MGF1 ? hashName(mgfParams) : void 0;
      if (!name) return "unsupported";
      mgfHash = name;
    } else if (field.tag === contextTag(2, true)) {
      if (!inner || inner.content.length > 2) return "unsupported";
      saltLength = inner.content.reduce((n, byte) => n * 256 + byte, 0);
    } else if (field.tag === contextTag(3, true)) {
      if (!inner || inner.content.length !== 1 || inner.content[0] !== 1) return "unsupported";
    }
  }
  return mgfHash === hash ? { hash, saltLength } : "unsupported";
}
function checkSignature(algorithm, signed, signature, key) {
  const [algorithmNode, params] = sequence(algorithm, "signatureAlgorithm");
  const algorithmOid = oid(algorithmNode);
  const signatureBytes = bitString(signature, "signature");
  try {
    if (algorithmOid === OID_RSASSA_PSS) {
      const pss = pssParameters(params);
      if (pss === "unsupported") return "unsupported";
      const ok = verify(
        pss.hash,
        signed,
        { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: pss.saltLength },
        signatureBytes
      );
      return ok ? "valid" : "invalid";
    }
    const known = SIGNATURE_ALGORITHMS[algorithmOid];
    if (!known || known.hash === null && !known.name.startsWith("ED")) return "unsupported";
    return verify(known.hash, signed, key, signatureBytes) ? "valid" : "invalid";
  } catch {
    return "invalid";
  }
}

// src/net/crl.ts
var REVOCATION_CLOCK_SKEW_MS = 5 * 6e4;
function readCrl(der, leaf, issuer, now) {
  try {
    const [tbsNode, algorithm, signature] = sequence(parseDer(der), "CertificateList");
    const tbs = sequence(tbsNode, "tbsCertList");
    let i = tbs[0]?.tag === TAG.INTEGER ? 1 : 0;
    i++;
    const issuerName = tbs[i++];
    const thisUpdate = time(tbs[i++], "thisUpdate");
    const next = tbs[i];
    const nextUpdate = next?.tag === TAG.UTC_TIME || next?.tag === TAG.GENERALIZED_TIME ? time(tbs[i++]) : null;
    const revokedNode = tbs[i]?.tag === TAG.SEQUENCE ? tbs[i] : void 0;
    const extensionsNode = tbs.find((n) => n.tag === contextTag(0, true));
    if (!issuerName?.raw.equals(leaf.issuerName))
      return { status: "unknown", detail: "CRL issuer is not the certificate issuer" };
    const check = checkSignature(algorithm, tbsNode.raw, signature, issuer.publicKey);
    if (check !== "valid") return { status: "unknown", detail: `CRL signature ${check}` };
    if (thisUpdate.getTime() > now.getTime() + REVOCATION_CLOCK_SKEW_MS) {
      return { status: "unknown", detail: `CRL thisUpdate ${thisUpdate.toISOString()} is in the future` };
    }
    if (nextUpdate && nextUpdate.getTime() < now.getTime() - REVOCATION_CLOCK_SKEW_MS) {
      return { status: "unknown", detail: `CRL is stale (nextUpdate ${nextUpdate.toISOString()})` };
    }
    const scope = scopeProblem(extensionsNode, leaf);
    if (scope && scope !== DELTA) return { status: "unknown", detail: scope };
    for (const entry of revokedNode ? sequence(revokedNode, "revokedCertificates") : []) {
      const [serial, date, entryExtensions] = sequence(entry, "revokedCertificate");
      if (integerHex(serial) !== leaf.serialHex) continue;
      if (scope === DELTA && reasonCode(entryExtensions) === REASON_REMOVE_FROM_CRL)
        return { status: "unknown", detail: DELTA };
      return { status: "revoked", revokedAt: time(date) };
    }
    return scope === DELTA ? { status: "unknown", detail: DELTA } : { status: "good" };
  } catch (error) {
    if (error instanceof DerError) return { status: "unknown", detail: `CRL unreadable: ${error.message}` };
    throw error;
  }
}
var OID_DELTA_CRL_INDICATOR = "2.5.29.27";
var OID_REASON_CODE = "2.5.29.21";
var REASON_REMOVE_FROM_CRL = 8;
var DELTA = "a delta CRL lists only changes since its base CRL";
function reasonCode(entryExtensions) {
  for (const extension of entryExtensions ? sequence(entryExtensions, "crlEntryExtensions") : []) {
    const fields = sequence(extension, "Extension");
    if (oid(fields[0]) !== OID_REASON_CODE) continue;
    const value = expectTag(fields[fields.length - 1], TAG.OCTET_STRING, "extnValue").content;
    return expectTag(readNode(value), TAG.ENUMERATED, "CRLReason").content[0] ?? null;
  }
  return null;
}
var OID_ISSUING_DISTRIBUTION_POINT = "2.5.29.28";
var OID_HARMLESS_CRL_EXTENSIONS = /* @__PURE__ */ new Set([
  "2.5.29.35",
  // authorityKeyIdentifier
  "2.5.29.18",
  // issuerAltName
  "2.5.29.20",
  // cRLNumber
  "2.5.29.46",
  // freshestCRL (where deltas are: a base CRL is complete without them)
  "1.3.6.1.5.5.7.1.1"
  // authorityInfoAccess
]);
var GN_URI = 6;
function scopeProblem(extensionsNode, leaf) {
  for (const extension of extensionsNode ? sequence(children(extensionsNode)[0], "crlExtensions") : []) {
    const fields = sequence(extension, "Extension");
    const id = oid(fields[0]);
    const critical = fields[1]?.tag === TAG.BOOLEAN && fields[1].content[0] !== 0;
    const value = expectTag(fields[fields.length - 1], TAG.OCTET_STRING, "extnValue").content;
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
function distributionPointProblem(idp, leaf) {
  for (const field of sequence(idp, "IssuingDistributionPoint")) {
    const flag = field.content[0] !== void 0 && field.content[0] !== 0;
    if (field.tag === contextTag(0, true)) {
      const fullName = children(field).find((n) => n.tag === contextTag(0, true));
      if (!fullName) return "CRL distribution point is a relative name";
      const uris = children(fullName).filter((n) => n.tag === contextTag(GN_URI, false)).map((n) => n.content.toString("latin1"));
      const own = crlUrls(leaf);
      if (!uris.some((uri) => own.includes(uri)))
        return `CRL covers distribution point ${uris.join(", ") || "(none)"}, not the certificate's`;
    } else if (field.tag === contextTag(2, false) && flag) {
      return "CRL covers only CA certificates";
    } else if (field.tag === contextTag(3, false)) {
      return "CRL covers only some revocation reasons";
    } else if (field.tag === contextTag(4, false) && flag) {
      return "indirect CRL (entries may name other issuers)";
    } else if (field.tag === contextTag(5, false) && flag) {
      return "CRL covers only attribute certificates";
    }
  }
  return null;
}

// src/net/ocsp.ts
import { X509Certificate, createHash } from "node:crypto";
var OID_OCSP_BASIC = "1.3.6.1.5.5.7.48.1.1";
var OID_KP_OCSP_SIGNING = "1.3.6.1.5.5.7.3.9";
var RESPONSE_STATUS = [
  "successful",
  "malformedRequest",
  "internalError",
  "tryLater",
  "",
  "sigRequired",
  "unauthorized"
];
var SHA1_ALGORITHM_ID = encode(
  TAG.SEQUENCE,
  encode(TAG.OID, Buffer.from("2b0e03021a", "hex")),
  encode(TAG.NULL)
);
function ocspRequest(leaf, issuer) {
  const serial = Buffer.from(leaf.serialHex.length % 2 ? "0" + leaf.serialHex : leaf.serialHex, "hex");
  const serialContent = (serial[0] ?? 0) & 128 ? Buffer.concat([Buffer.from([0]), serial]) : serial;
  const certId = encode(
    TAG.SEQUENCE,
    SHA1_ALGORITHM_ID,
    encode(TAG.OCTET_STRING, createHash("sha1").update(issuer.subjectName).digest()),
    encode(TAG.OCTET_STRING, createHash("sha1").update(issuer.publicKeyBits).digest()),
    encode(TAG.INTEGER, serialContent)
  );
  const request = encode(TAG.SEQUENCE, certId);
  return encode(TAG.SEQUENCE, encode(TAG.SEQUENCE, encode(TAG.SEQUENCE, request)));
}
function certIdMatches(certId, leaf, issuer) {
  const [algorithm, nameHash, keyHash, serial] = sequence(certId, "CertID");
  const hash = hashName(algorithm);
  if (!hash) return false;
  return integerHex(serial) === leaf.serialHex && expectTag(nameHash, TAG.OCTET_STRING, "issuerNameHash").content.equals(
    createHash(hash).update(issuer.subjectName).digest()
  ) && expectTag(keyHash, TAG.OCTET_STRING, "issuerKeyHash").content.equals(
    createHash(hash).update(issuer.publicKeyBits).digest()
  );
}
function signerVerifies(algorithm, tbs, signature, certs, issuer, now) {
  if (checkSignature(algorithm, tbs, signature, issuer.publicKey) === "valid") return true;
  for (const node of certs ? sequence(children(certs)[0], "certs") : []) {
    const responder = new X509Certificate(node.raw);
    const delegated = responder.checkIssued(issuer) && responder.verify(issuer.publicKey) && (responder.keyUsage ?? []).includes(OID_KP_OCSP_SIGNING) && withinValidity(responder, now);
    if (delegated && checkSignature(algorithm, tbs, signature, responder.publicKey) === "valid") return true;
  }
  return false;
}
function withinValidity(cert, now) {
  const t = now.getTime();
  return Date.parse(cert.validFrom) - REVOCATION_CLOCK_SKEW_MS <= t && t <= Date.parse(cert.validTo) + REVOCATION_CLOCK_SKEW_MS;
}
function readOcspResponse(der, leaf, issuer, now) {
  try {
    const [statusNode, bytesNode] = sequence(parseDer(der), "OCSPResponse");
    const status = expectTag(statusNode, TAG.ENUMERATED, "responseStatus").content[0] ?? -1;
    if (status !== 0)
      return { status: "unknown", detail: `OCSP ${RESPONSE_STATUS[status] || `status ${status}`}` };
    const [type, body] = sequence(
      children(expectTag(bytesNode, contextTag(0, true), "responseBytes"))[0],
      "ResponseBytes"
    );
    if (oid(type) !== OID_OCSP_BASIC)
      return { status: "unknown", detail: "OCSP response is not id-pkix-ocsp-basic" };
    const [tbsNode, algorithm, signature, certs] = sequence(
      parseDer(expectTag(body, TAG.OCTET_STRING, "response").content),
      "BasicOCSPResponse"
    );
    const issuerX509 = new X509Certificate(issuer.der);
    if (!signerVerifies(algorithm, tbsNode.raw, signature, certs, issuerX509, now)) {
      return {
        status: "unknown",
        detail: "OCSP response signature does not verify with the issuer or a delegated responder"
      };
    }
    const data = sequence(tbsNode, "ResponseData");
    const responsesNode = data.find(
      (n, index) => index > 0 && n.tag === TAG.SEQUENCE && data[index - 1]?.tag === TAG.GENERALIZED_TIME
    );
    for (const single of sequence(responsesNode, "responses")) {
      const [certId, certStatus, thisUpdateNode, ...rest] = sequence(single, "SingleResponse");
      if (!certIdMatches(certId, leaf, issuer)) continue;
      const thisUpdate = time(thisUpdateNode, "thisUpdate");
      const nextNode = rest.find((n) => n.tag === contextTag(0, true));
      const nextUpdate = nextNode ? time(children(nextNode)[0], "nextUpdate") : null;
      if (thisUpdate.getTime() > now.getTime() + REVOCATION_CLOCK_SKEW_MS) {
        return { status: "unknown", detail: `OCSP thisUpdate ${thisUpdate.toISOString()} is in the future` };
      }
      if (nextUpdate && nextUpdate.getTime() < now.getTime() - REVOCATION_CLOCK_SKEW_MS) {
        return {
          status: "unknown",
          detail: `OCSP response is stale (nextUpdate ${nextUpdate.toISOString()})`
        };
      }
      if (certStatus?.tag === contextTag(0, false)) return { status: "good" };
      if (certStatus?.tag === contextTag(1, true)) {
        return { status: "revoked", revokedAt: time(children(certStatus)[0], "revocationTime") };
      }
      return { status: "unknown", detail: "OCSP responder does not know the certificate" };
    }
    return { status: "unknown", detail: "OCSP response is about another certificate" };
  } catch (error) {
    if (error instanceof DerError)
      return { status: "unknown", detail: `OCSP response unreadable: ${error.message}` };
    throw error;
  }
}

// src/net/revocation.ts
import { X509Certificate as X509Certificate2 } from "node:crypto";
var MAX_OCSP_RESPONSE_BYTES = 64 * 1024;
var MAX_CRL_BYTES = 16 * 1024 * 1024;
function createRevocationChecker(options) {
  const cache = /* @__PURE__ */ new Map();
  const now = options.now ?? (() => /* @__PURE__ */ new Date());
  function cached(key, make) {
    let entry = cache.get(key);
    if (!entry) {
      entry = make();
      cache.set(key, entry);
    }
    return entry;
  }
  function deadlineFor(input) {
    return Math.min(input.deadline, Date.now() + options.timeoutSeconds * 1e3);
  }
  async function check(input) {
    let leaf;
    let issuer;
    try {
      leaf = parseCertificate(input.leaf);
      if (!input.issuer)
        return { status: "unknown", source: "none", detail: "issuer certificate not available" };
      issuer = parseCertificate(input.issuer);
    } catch (error) {
      if (error instanceof DerError) return { status: "unknown", source: "none", detail: error.message };
      throw error;
    }
    const details = [];
    let lastSource = "none";
    const settle = (answer, source) => {
      lastSource = source;
      if (answer.status === "unknown") {
        details.push(`${source}: ${answer.detail ?? "no answer"}`);
        return null;
      }
      const facts2 = { status: answer.status, source };
      if (answer.revokedAt) facts2.revokedAt = answer.revokedAt.toISOString();
      return facts2;
    };
    if (input.stapled) {
      const done = settle(readOcspResponse(input.stapled, leaf, issuer, now()), "stapled-ocsp");
      if (done) return done;
    }
    for (const url of ocspUrls(leaf).filter(isHttpUrl)) {
      const request = ocspRequest(leaf, issuer);
      const key = `ocsp ${url} ${request.toString("base64")}`;
      const download = await cached(
        key,
        () => fetchBounded(url, request, MAX_OCSP_RESPONSE_BYTES, deadlineFor(input), options.lookup)
      );
      const answer = download.ok ? readOcspResponse(download.body, leaf, issuer, now()) : { status: "unknown", detail: download.error };
      const done = settle(answer, "ocsp");
      if (done) return done;
    }
    for (const url of crlUrls(leaf).filter(isHttpUrl)) {
      const download = await cached(
        `crl ${url}`,
        () => fetchBounded(url, null, MAX_CRL_BYTES, deadlineFor(input), options.lookup)
      );
      const answer = download.ok ? readCrl(download.body, leaf, new X509Certificate2(issuer.der), now()) : { status: "unknown", detail: download.error };
      const done = settle(answer, "crl");
      if (done) return done;
    }
    const facts = { status: "unknown", source: lastSource };
    facts.detail = details.length ? details.join("; ") : "no stapled response, OCSP responder or CRL";
    return facts;
  }
  return { check };
}
function isHttpUrl(url) {
  return /^https?:\/\//i.test(url);
}
async function fetchBounded(url, body, maxBytes, deadline, lookup) {
  let target;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, error: `bad URL ${url}` };
  }
  const hostname = target.hostname.replace(/^\[|\]$/g, "");
  let address = hostname;
  if (lookup && !isIP(hostname)) {
    try {
      const addresses = await lookup(hostname);
      if (!addresses[0]) return { ok: false, error: `${hostname} has no address` };
      address = addresses[0];
    } catch (error) {
      return { ok: false, error: `cannot resolve ${hostname}: ${String(error)}` };
    }
  }
  const unusable = unusableAddressReason(address);
  if (unusable !== null) return { ok: false, error: `${url}: ${address} is ${unusable}, not connected to` };
  const remaining = deadline - Date.now();
  if (remaining <= 0) return { ok: false, error: `no time left to fetch ${url}` };
  const secure = target.protocol === "https:";
  return new Promise((resolve) => {
    let settled = false;
    const finish = (result) => {
      if (settled) return;
      settled = true;
      clearNetworkTimeout(timer);
      request.destroy();
      resolve(result);
    };
    const request = (secure ? https : http).request({
      host: address,
      port: target.port || (secure ? 443 : 80),
      path: `${target.pathname}${target.search}`,
      method: body ? "POST" : "GET",
      servername: secure && !isIP(hostname) ? hostname : void 0,
      headers: {
        host: target.host,
        ...body ? { "content-type": "application/ocsp-request", "content-length": body.length } : {}
      }
    });
    const timer = setNetworkTimeout(() => finish({ ok: false, error: `timeout fetching ${url}` }), remaining);
    request.on("error", (error) => finish({ ok: false, error: `${url}: ${error.message}` }));
    request.on("response", (response) => {
      if (response.statusCode !== 200) {
        finish({ ok: false, error: `${url} answered HTTP ${response.statusCode}` });
        return;
      }
      const chunks = [];
      let size = 0;
      response.on("data", (chunk) => {
        size += chunk.length;
        if (size > maxBytes) finish({ ok: false, error: `${url} sent more than ${maxBytes} bytes` });
        else chunks.push(chunk);
      });
      response.on("end", () => finish({ ok: true, body: Buffer.concat(chunks) }));
      response.on("error", (error) => finish({ ok: false, error: `${url}: ${error.message}` }));
    });
    request.end(body ?? void 0);
  });
}
export {
  MAX_CRL_BYTES,
  MAX_OCSP_RESPONSE_BYTES,
  createRevocationChecker
};
