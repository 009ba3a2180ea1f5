/**
 * Revocation status of an MX certificate, the way a careful sender would learn it: the OCSP
 * response the server stapled (RFC 6066 §8), else the OCSP responder the certificate names
 * (RFC 6960, AIA per RFC 5280 §4.2.2.1), else the CRL from its distribution point (RFC 5280
 * §4.2.1.13; Let's Encrypt dropped OCSP in 2025 and publishes CRLs only).
 *
 * Downloads are bounded in time and size and cached for the run (one CRL serves every MX it
 * covers). A responder that cannot be reached or an answer that cannot be trusted gives
 * `status: 'unknown'`, which is never a finding: only a verified "revoked" is.
 */
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import { unusableAddressReason } from '../core/special-address.js';
import type { RevocationFacts } from '../core/observation.js';
import { type ParsedCertificate, crlUrls, ocspUrls, parseCertificate } from './certificate-facts.js';
import { type RevocationAnswer, readCrl } from './crl.js';
import { DerError } from './der.js';
import { ocspRequest, readOcspResponse } from './ocsp.js';
import { X509Certificate } from 'node:crypto';
import { clearNetworkTimeout, setNetworkTimeout } from './network-timer.js';

/** OCSP responses are a few KB (RFC 6960 §4.2.1); anything far larger is not one. */
export const MAX_OCSP_RESPONSE_BYTES = 64 * 1024;
/** Large public CAs shard their CRLs to a few MB each; more than this is refused, not read. */
export const MAX_CRL_BYTES = 16 * 1024 * 1024;

export interface RevocationCheckInput {
  /** DER of the leaf and of its issuer (null when the chain did not give it). */
  leaf: Buffer;
  issuer: Buffer | null;
  /** DER OCSPResponse the server stapled, if any. */
  stapled: Buffer | null;
  /** Absolute time (ms since the epoch) by which the answer is needed. */
  deadline: number;
}

/** Answers "is this leaf revoked?"; never throws. */
export interface RevocationChecker {
  check(input: RevocationCheckInput): Promise<RevocationFacts>;
}

export interface RevocationCheckerOptions {
  /** Per download; the caller's deadline can only shorten it. */
  timeoutSeconds: number;
  /** Resolves a responder host name (the run's own resolver); absent: the system's lookup. */
  lookup?: (host: string) => Promise<string[]>;
  /** The run's clock, for judging thisUpdate/nextUpdate. */
  now?: () => Date;
}

type Download = { ok: true; body: Buffer } | { ok: false; error: string };

/** One checker per run: it holds the download cache. */
export function createRevocationChecker(options: RevocationCheckerOptions): RevocationChecker {
  const cache = new Map<string, Promise<Download>>();
  const now = options.now ?? (() => new Date());

  function cached(key: string, make: () => Promise<Download>): Promise<Download> {
    let entry = cache.get(key);
    if (!entry) {
      entry = make();
      cache.set(key, entry);
    }
    return entry;
  }

  function deadlineFor(input: RevocationCheckInput): number {
    return Math.min(input.deadline, Date.now() + options.timeoutSeconds * 1000);
  }

  async function check(input: RevocationCheckInput): Promise<RevocationFacts> {
    let leaf: ParsedCertificate;
    let issuer: ParsedCertificate;
    try {
      leaf = parseCertificate(input.leaf);
      if (!input.issuer)
        return { status: 'unknown', source: 'none', detail: 'issuer certificate not available' };
      issuer = parseCertificate(input.issuer);
    } catch (error) {
      if (error instanceof DerError) return { status: 'unknown', source: 'none', detail: error.message };
      throw error;
    }
    const details: string[] = [];
    let lastSource: RevocationFacts['source'] = 'none';
    const settle = (answer: RevocationAnswer, source: RevocationFacts['source']): RevocationFacts | null => {
      lastSource = source;
      if (answer.status === 'unknown') {
        details.push(`${source}: ${answer.detail ?? 'no answer'}`);
        return null;
      }
      const facts: RevocationFacts = { status: answer.status, source };
      if (answer.revokedAt) facts.revokedAt = answer.revokedAt.toISOString();
      return facts;
    };

    if (input.stapled) {
      const done = settle(readOcspResponse(input.stapled, leaf, issuer, now()), 'stapled-ocsp');
      if (done) return done;
    }
    for (const url of ocspUrls(leaf).filter(isHttpUrl)) {
      const request = ocspRequest(leaf, issuer);
      const key = `ocsp ${url} ${request.toString('base64')}`;
      const download = await cached(key, () =>
        fetchBounded(url, request, MAX_OCSP_RESPONSE_BYTES, deadlineFor(input), options.lookup),
      );
      const answer = download.ok
        ? readOcspResponse(download.body, leaf, issuer, now())
        : { status: 'unknown' as const, detail: download.error };
      const done = settle(answer, 'ocsp');
      if (done) return done;
    }
    for (const url of crlUrls(leaf).filter(isHttpUrl)) {
      const download = await cached(`crl ${url}`, () =>
        fetchBounded(url, null, MAX_CRL_BYTES, deadlineFor(input), options.lookup),
      );
      const answer = download.ok
        ? readCrl(download.body, leaf, new X509Certificate(issuer.der), now())
        : { status: 'unknown' as const, detail: download.error };
      const done = settle(answer, 'crl');
      if (done) return done;
    }
    const facts: RevocationFacts = { status: 'unknown', source: lastSource };
    facts.detail = details.length ? details.join('; ') : 'no stapled response, OCSP responder or CRL';
    return facts;
  }

  return { check };
}

function isHttpUrl(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/**
 * GET (or POST an OCSP request to) `url`, reading at most `maxBytes` before `deadline`.
 * Redirects are not followed: CAs publish direct URLs, and following would widen what a
 * certificate can make this tool fetch.
 */
async function fetchBounded(
  url: string,
  body: Buffer | null,
  maxBytes: number,
  deadline: number,
  lookup: RevocationCheckerOptions['lookup'],
): Promise<Download> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return { ok: false, error: `bad URL ${url}` };
  }
  const hostname = target.hostname.replace(/^\[|\]$/g, '');
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
  // Issue 9 class 1: an address no sender can use (a literal in the URL, or what the lookup gave).
  const unusable = unusableAddressReason(address);
  if (unusable !== null) return { ok: false, error: `${url}: ${address} is ${unusable}, not connected to` };
  const remaining = deadline - Date.now();
  if (remaining <= 0) return { ok: false, error: `no time left to fetch ${url}` };
  const secure = target.protocol === 'https:';
  return new Promise<Download>((resolve) => {
    let settled = false;
    const finish = (result: Download): void => {
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
      method: body ? 'POST' : 'GET',
      servername: secure && !isIP(hostname) ? hostname : undefined,
      headers: {
        host: target.host,
        ...(body ? { 'content-type': 'application/ocsp-request', 'content-length': body.length } : {}),
      },
    });
    const timer = setNetworkTimeout(() => finish({ ok: false, error: `timeout fetching ${url}` }), remaining);
    request.on('error', (error) => finish({ ok: false, error: `${url}: ${error.message}` }));
    request.on('response', (response) => {
      if (response.statusCode !== 200) {
        finish({ ok: false, error: `${url} answered HTTP ${response.statusCode}` });
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      response.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) finish({ ok: false, error: `${url} sent more than ${maxBytes} bytes` });
        else chunks.push(chunk);
      });
      response.on('end', () => finish({ ok: true, body: Buffer.concat(chunks) }));
      response.on('error', (error) => finish({ ok: false, error: `${url}: ${error.message}` }));
    });
    request.end(body ?? undefined);
  });
}
