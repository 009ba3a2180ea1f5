/**
 * What a run keeps of a live observation once its domain is judged (issue 11 item 4, memory).
 * The run-level passes after judging (resolver-failed, smtp-port-blocked, the runner's own
 * resource errors, and the fixes that correct live records and the policy body) read only the
 * DNS answers, the policy fetches' status, body and error, and whether each SMTP session
 * connected and how it failed. Certificates, chains, banners and timings stay in the domain's
 * result and are dropped here, so memory per domain no longer grows with what the peers sent.
 */
import type { DnsAnswer, DomainObservation, PolicyFetchObservation, SmtpObservation } from './observation.js';

export interface RetainedObservation {
  domain: string;
  stsTxt: DnsAnswer<string>;
  tlsRptTxt: DnsAnswer<string>;
  mx: DomainObservation['mx'];
  mxAddresses: Record<string, DnsAnswer<string>>;
  policyHostAddresses: DnsAnswer<string> | null;
  policyFetches: Pick<PolicyFetchObservation, 'status' | 'body' | 'error'>[];
  smtp: Pick<SmtpObservation, 'host' | 'connected' | 'error'>[];
}

export function retainObservation(o: DomainObservation): RetainedObservation {
  return {
    domain: o.domain,
    // DNS answers are small, and mostly the very objects of the run's answer cache.
    stsTxt: o.stsTxt,
    tlsRptTxt: o.tlsRptTxt,
    mx: o.mx,
    mxAddresses: o.mxAddresses,
    policyHostAddresses: o.policyHostAddresses,
    // Only a 200's body is ever read again (the policy text a fix corrects).
    policyFetches: o.policyFetches.map((f) => ({
      status: f.status,
      body: f.status === 200 ? f.body : null,
      error: f.error,
    })),
    smtp: o.smtp.map((p) => ({ host: p.host, connected: p.connected, error: p.error })),
  };
}
