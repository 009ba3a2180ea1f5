/**
 * Live observation of one domain as a compliant sender sees it: DNS, policy fetch from every
 * policy host address, STARTTLS probe of every MX address. OWNER: live-check helper.
 */
import type { DomainObservation } from '../core/observation.js';
import type { Logger, PolicyFetcher, Resolver, SmtpProber } from '../ports.js';

export interface ObserveDeps {
  resolver: Resolver;
  policyFetcher: PolicyFetcher;
  /** null when --smtp-probe off. */
  smtpProber: SmtpProber | null;
  logger: Logger;
}

export async function observeDomain(domain: string, _deps: ObserveDeps): Promise<DomainObservation> {
  return {
    domain,
    stsTxt: { kind: 'error', error: 'not implemented' },
    tlsRptTxt: { kind: 'error', error: 'not implemented' },
    mx: { kind: 'error', error: 'not implemented' },
    mxAddresses: {},
    policyHostAddresses: null,
    policyFetches: [],
    smtp: [],
  };
}
