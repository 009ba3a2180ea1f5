/**
 * CertificateFacts by certificate (issue 11): a run meets the same few dozen certificates in
 * thousands of handshakes (shared MX hosts, shared policy hosts, the same intermediates), and
 * building an X509Certificate plus a DER walk for each cost 17 % of a live run's CPU. The facts
 * are a pure function of the DER (RFC 5280 §4.1), so they are computed once per fingerprint.
 */
import { createHash } from 'node:crypto';
import type { CertificateFacts } from '../core/observation.js';
import { certificateFacts } from './certificate-facts.js';

/** Distinct certificates remembered; far above what a run meets, small in memory (~1 KB each). */
export const MAX_CACHED_CERTIFICATES = 4096;

const cache = new Map<string, CertificateFacts>();

/**
 * certificateFacts(der), from the cache when the same DER was seen. `fingerprint` (Node's
 * fingerprint256 of the same DER, when the caller has it) saves hashing it again. Throws what
 * certificateFacts throws. Each caller gets its own copy, so no run shares mutable arrays.
 */
export function cachedCertificateFacts(der: Buffer, fingerprint?: string): CertificateFacts {
  const key = fingerprint ?? createHash('sha256').update(der).digest('hex');
  let facts = cache.get(key);
  if (!facts) {
    facts = certificateFacts(der);
    if (cache.size >= MAX_CACHED_CERTIFICATES) cache.delete(cache.keys().next().value!);
    cache.set(key, facts);
  }
  return { ...facts, san: [...facts.san], ocspUrls: [...facts.ocspUrls], crlUrls: [...facts.crlUrls] };
}
