/**
 * An adapter built at its first use (issue 11 item 6, cold start): the policy fetcher (HTTP
 * client, undici) and the SMTP prober (TLS, OCSP and CRL over node:http) are the largest part of
 * the code a live run needs, and a run's first step is DNS, so the action asks DNS before that
 * code is read. The import happens before any deadline of the first fetch or session starts.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let loaded: Promise<T> | null = null;
  return () => (loaded ??= load());
}
