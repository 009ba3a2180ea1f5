/**
 * Raw facts observed about a domain (DESIGN.md "observe"): what a compliant sender would see.
 * Adapters in src/net produce these; rules in src/core/rules judge them. Nothing here is a
 * judgement: a certificate that fails verification is recorded with its error code, not flagged.
 */

/** Outcome of one DNS question, with character-strings of TXT records already joined. */
export type DnsAnswer<T> =
  | { kind: 'records'; records: T[] }
  | { kind: 'nxdomain' }
  | { kind: 'nodata' }
  /** SERVFAIL, REFUSED, timeout, or a malformed answer, after retries. */
  | { kind: 'error'; error: string };

export interface MxRecord {
  exchange: string;
  preference: number;
}

/** Facts of one X.509 certificate, as read from a TLS handshake. */
export interface CertificateFacts {
  subject: string;
  issuer: string;
  /** subjectAltName dNSName entries, as written in the certificate. */
  san: string[];
  /** ISO 8601. */
  validFrom: string;
  validTo: string;
  /** SHA-256 fingerprint of the DER, hex upper case with colons (Node's `fingerprint256`). */
  sha256: string;
  serialNumber: string;
  /** 'rsa' | 'ec' | 'ed25519' | ... ; null when unknown. */
  keyType: string | null;
  keyBits: number | null;
  /** e.g. 'sha256WithRSAEncryption', 'ecdsa-with-SHA256'; null when unknown. */
  signatureAlgorithm: string | null;
  /** Subject common name, used only when the certificate has no dNSName SAN (RFC 6125 §6.4.4). */
  commonName: string | null;
  ocspUrls: string[];
  crlUrls: string[];
  selfIssued: boolean;
}

/** Revocation status of a leaf, from a stapled OCSP response, an OCSP responder or a CRL. */
export interface RevocationFacts {
  status: 'good' | 'revoked' | 'unknown';
  source: 'stapled-ocsp' | 'ocsp' | 'crl' | 'none';
  /** Why status is unknown (responder unreachable, no URL...), for the log only. */
  detail?: string;
  revokedAt?: string;
}

/** One TLS handshake (the SMTP STARTTLS upgrade or the HTTPS connection to the policy host). */
export interface TlsFacts {
  /** 'TLSv1.3', 'TLSv1.2', 'TLSv1.1', 'TLSv1', ... as reported by Node's getProtocol(). */
  version: string | null;
  /** OpenSSL cipher name, e.g. 'TLS_AES_256_GCM_SHA384' or 'ECDHE-RSA-AES128-GCM-SHA256'. */
  cipher: string | null;
  /** Chain verification against the trust store (Node's roots + NODE_EXTRA_CA_CERTS). */
  chainError: string | null;
  /** Host name check (RFC 6125) of the leaf against the name that was asked for. */
  hostnameError: string | null;
  /** The leaf first, then the chain as the peer sent it (stops on a repeat). */
  chain: CertificateFacts[];
  revocation: RevocationFacts | null;
}

export type SmtpStage = 'dns' | 'connect' | 'banner' | 'ehlo' | 'starttls' | 'tls' | 'quit';

/** One SMTP session with one address of one MX. */
export interface SmtpObservation {
  host: string;
  address: string;
  port: number;
  /** TCP connection established. */
  connected: boolean;
  /** The 220 banner (all lines joined with \n), when one came. */
  banner: string | null;
  /** EHLO keywords offered (upper case), before STARTTLS. */
  extensions: string[];
  starttlsOffered: boolean | null;
  tls: TlsFacts | null;
  /** The first thing that failed; null when the session went through to QUIT. */
  error: { stage: SmtpStage; code: string; message: string } | null;
  ms: number;
}

/** Facts of the HTTPS policy fetch (RFC 8461 §3.3) from one address of the policy host. */
export interface PolicyFetchObservation {
  url: string;
  address: string | null;
  /** HTTP status; null when no response came. */
  status: number | null;
  contentType: string | null;
  location: string | null;
  /** The body as received (UTF-8), up to the cap; null when none was read. */
  body: string | null;
  /** Bytes received (may exceed the cap by what was in flight when it stopped). */
  bytes: number;
  /** True when reading stopped at MAX_POLICY_BYTES. */
  truncated: boolean;
  ms: number;
  /** Server certificate facts when a TLS session was established or the handshake failed on it. */
  tls: TlsFacts | null;
  /**
   * What kept a complete HTTP answer from arriving: 'timeout', 'tls', 'connect', 'dns',
   * 'too-large', 'http' (the peer does not speak HTTP). null whenever a whole answer was read,
   * whatever its status: a 301 or a 404 is judged from `status`, not from here.
   */
  error: { code: string; message: string } | null;
}

/** Everything observed about one domain in a live check. */
export interface DomainObservation {
  domain: string;
  stsTxt: DnsAnswer<string>;
  tlsRptTxt: DnsAnswer<string>;
  mx: DnsAnswer<MxRecord>;
  /** Addresses of each MX host (A and AAAA), keyed by lower-case host name without trailing dot. */
  mxAddresses: Record<string, DnsAnswer<string>>;
  policyHostAddresses: DnsAnswer<string> | null;
  /** One fetch per policy host address; empty when the record was absent or fetch not attempted. */
  policyFetches: PolicyFetchObservation[];
  /** One probe per MX address; empty when probing is off. */
  smtp: SmtpObservation[];
}
