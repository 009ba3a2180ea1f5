/**
 * Where a domain's MTA-STS policy lives (RFC 8461 §3.3). Apart from the fetcher
 * (./policy-fetch.ts), so that what only names the URL does not load the HTTP client.
 */

/** RFC 8461 §3.3: the policy lives at this path of `mta-sts.<domain>`. */
export const POLICY_PATH = '/.well-known/mta-sts.txt';
const HTTPS_PORT = 443;

/** The policy host of a domain (RFC 8461 §3.3). */
export function policyHost(domain: string): string {
  return `mta-sts.${domain.toLowerCase().replace(/\.$/, '')}`;
}

export function policyUrl(domain: string, port: number): string {
  const authority = port === HTTPS_PORT ? policyHost(domain) : `${policyHost(domain)}:${port}`;
  return `https://${authority}${POLICY_PATH}`;
}
