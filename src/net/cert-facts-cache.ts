/**
 * CertificateFacts cached by the certificate's SHA-256 fingerprint. A live run meets the same few
 * dozen certificates thousands of times (every MX of a provider shares one chain), and building
 * the facts (an X509Certificate plus our DER reader) was 17% of its CPU (issue 11). The facts of
 * a certificate depend only on its bytes, so a cached copy is exact.
 */
import type { CertificateFacts } from '../core/observation.js';
import { certificateFacts } from './certificate-facts.js';

/** Distinct certificates kept; a run over 10,000 domains with its own certificate each still fits. */
export const CERT_FACTS_CACHE_ENTRIES = 20_000;

const cache = new Map<string, CertificateFacts>();

/**
 * certificateFacts(der) through the cache; `fingerprint256` is Node's PeerCertificate field
 * (computed by the handshake anyway). Throws as certificateFacts does; failures are not cached.
 * Each caller gets its own copy, so no observation can change another's facts.
 */
export function cachedCertificateFacts(fingerprint256: string, der: Buffer): CertificateFacts {
  let facts = cache.get(fingerprint256);
  if (!facts) {
    facts = certificateFacts(der);
    // Oldest first out: Map keeps insertion order.
    if (cache.size >= CERT_FACTS_CACHE_ENTRIES) cache.delete(cache.keys().next().value!);
    cache.set(fingerprint256, facts);
  }
  return { ...facts, san: [...facts.san], ocspUrls: [...facts.ocspUrls], crlUrls: [...facts.crlUrls] };
}
