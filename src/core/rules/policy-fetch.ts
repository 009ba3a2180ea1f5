/**
 * What a sender makes of the policy fetch from each address of `mta-sts.<domain>` (RFC 8461 §3.3):
 * HTTPS with a valid certificate for that name, status 200 with no redirect followed, media type
 * text/plain, at most 64 KiB. Facts in, problems out; severities are applied by the caller once the
 * mode is known.
 */
import type { ResultType, RuleId } from '../findings.js';
import type { PolicyFetchObservation } from '../observation.js';
import { MAX_POLICY_BYTES } from '../policy.js';

/** RFC 8461 §3.3: the policy's media type. Parameters such as charset are ignored. */
export const POLICY_MEDIA_TYPE = 'text/plain';
const MS_PER_DAY = 86_400_000;

/** One problem of one fetch, before severity: grouped across addresses by `rule` and `what`. */
export interface FetchIssue {
  rule: RuleId;
  /** What went wrong, without the address (so identical failures group). */
  what: string;
  resultType: ResultType;
  /** Overrides the catalogue remediation when the cause is known (issue 10: the fix follows it). */
  remediation?: string;
}

/** What to do about a fetch that got no complete HTTP answer, by what stopped it. */
function noAnswerRemediation(error: { code: string; message: string }, domain: string): string | undefined {
  const host = `mta-sts.${domain}`;
  if (error.code === 'timeout')
    return `${host} did not answer in time: check that every address of it accepts HTTPS on port 443 from the internet (firewall, CDN, load balancer) and answers promptly.`;
  if (error.code === 'connect' && /ECONNREFUSED/.test(error.message))
    return `Nothing listens on port 443 of ${host}: start the HTTPS server there, or remove the address from DNS.`;
  if (error.code === 'connect')
    return `The connection to ${host} failed (${error.message.split(':', 1)[0]}): check the route and firewall to every address of it on port 443.`;
  if (error.code === 'http')
    return `${host} does not speak HTTP/1.1 on port 443: serve the policy over HTTPS there.`;
  return undefined;
}

/** Where a fetch came from, for messages: the address, or the host name when none was recorded. */
export function fetchAddress(fetch: PolicyFetchObservation, domain: string): string {
  return fetch.address ?? `mta-sts.${domain}`;
}

function tlsIssue(fetch: PolicyFetchObservation, domain: string): FetchIssue | null {
  const tls = fetch.tls;
  const problems = [
    tls?.chainError ? `certificate chain: ${tls.chainError}` : null,
    tls?.hostnameError ? `certificate is not valid for mta-sts.${domain}: ${tls.hostnameError}` : null,
  ].filter((p): p is string => p !== null);
  if (fetch.error?.code === 'tls' && problems.length === 0)
    problems.push(`TLS handshake failed: ${fetch.error.message}`);
  if (problems.length === 0) return null;
  return { rule: 'policy-tls-invalid', what: problems.join('; '), resultType: 'sts-webpki-invalid' };
}

/**
 * The problems a sender would have with this one fetch. An empty list with a body means the fetch
 * is clean: the body is what senders would parse.
 */
export function fetchIssues(fetch: PolicyFetchObservation, domain: string): FetchIssue[] {
  const failed = (what: string): FetchIssue => ({
    rule: 'policy-fetch-failed',
    what,
    resultType: 'sts-policy-fetch-error',
  });
  const tooLarge: FetchIssue = {
    rule: 'policy-too-large',
    what: `the body is larger than ${MAX_POLICY_BYTES} bytes (${fetch.bytes} bytes read before stopping)`,
    resultType: 'sts-policy-fetch-error',
  };
  const tls = tlsIssue(fetch, domain);
  if (fetch.error !== null) {
    if (fetch.error.code === 'too-large' || fetch.truncated) return [tooLarge];
    if (tls !== null) return [tls];
    const remediation = noAnswerRemediation(fetch.error, domain);
    return [
      { ...failed(`${fetch.error.code}: ${fetch.error.message}`), ...(remediation ? { remediation } : {}) },
    ];
  }
  if (fetch.status === null) return [failed('no HTTP response')];
  const issues: FetchIssue[] = tls === null ? [] : [tls];
  if (fetch.status >= 300 && fetch.status < 400) {
    // RFC 8461 §3.3: "Senders MUST NOT follow HTTP redirects"; the fetch simply fails.
    const to = fetch.location === null ? 'without a Location' : `to ${fetch.location}`;
    issues.push({
      rule: 'policy-redirect',
      what: `answered HTTP ${fetch.status} redirecting ${to}; senders never follow redirects`,
      resultType: 'sts-policy-fetch-error',
    });
    return issues;
  }
  if (fetch.status !== 200) {
    // RFC 8461 §3.3: only a 200 response carries a policy.
    issues.push(failed(`answered HTTP ${fetch.status} (a policy must be served with 200)`));
    return issues;
  }
  const mediaType = fetch.contentType?.split(';', 1)[0]?.trim().toLowerCase() ?? '';
  if (mediaType !== POLICY_MEDIA_TYPE) {
    issues.push({
      rule: 'policy-content-type',
      what:
        fetch.contentType === null
          ? 'served without a Content-Type (must be text/plain)'
          : `served as "${fetch.contentType}" (must be text/plain)`,
      resultType: 'sts-policy-fetch-error',
    });
  }
  if (fetch.truncated || fetch.bytes > MAX_POLICY_BYTES) issues.push(tooLarge);
  if (fetch.body === null && issues.length === 0) issues.push(failed('answered 200 without a body'));
  return issues;
}

/** Days from `now` until the leaf certificate of the fetch expires, or null without one. */
export function leafDaysLeft(fetch: PolicyFetchObservation, now: Date): number | null {
  const leaf = fetch.tls?.chain[0];
  if (leaf === undefined) return null;
  const validTo = Date.parse(leaf.validTo);
  return Number.isNaN(validTo) ? null : (validTo - now.getTime()) / MS_PER_DAY;
}
