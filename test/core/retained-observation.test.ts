/** What a run keeps of each live observation after judging it (issue 11 item 4). */
import { describe, expect, it } from 'vitest';
import type { SmtpObservation } from '../../src/core/observation.js';
import { retainObservation } from '../../src/core/retained-observation.js';
import { ENFORCE_POLICY, fetched, observation, tls } from './rules/policy-observations.js';

function session(over: Partial<SmtpObservation> = {}): SmtpObservation {
  return {
    host: 'mail.example.com',
    address: '192.0.2.25',
    port: 25,
    connected: true,
    banner: '220 mail.example.com ESMTP',
    extensions: ['STARTTLS', '8BITMIME'],
    starttlsOffered: true,
    tls: tls(),
    error: null,
    ms: 30,
    ...over,
  };
}

describe('retainObservation', () => {
  it('keeps the DNS answers, the 200 body, the fetch and session errors, and drops certificates, banners and timings', () => {
    const refused = { stage: 'connect' as const, code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' };
    const full = observation({
      mxAddresses: { 'mail.example.com': { kind: 'records', records: ['192.0.2.25'] } },
      policyFetches: [
        fetched(ENFORCE_POLICY),
        fetched('not found', { status: 404 }),
        fetched(null, { status: null, tls: null, error: { code: 'connect', message: 'connect EMFILE' } }),
      ],
      smtp: [session(), session({ connected: false, tls: null, error: refused })],
    });
    const kept = retainObservation(full);
    expect(kept).toEqual({
      domain: full.domain,
      stsTxt: full.stsTxt,
      tlsRptTxt: full.tlsRptTxt,
      mx: full.mx,
      mxAddresses: full.mxAddresses,
      policyHostAddresses: full.policyHostAddresses,
      policyFetches: [
        { status: 200, body: ENFORCE_POLICY, error: null },
        { status: 404, body: null, error: null },
        { status: null, body: null, error: { code: 'connect', message: 'connect EMFILE' } },
      ],
      smtp: [
        { host: 'mail.example.com', connected: true, error: null },
        { host: 'mail.example.com', connected: false, error: refused },
      ],
    });
    expect(JSON.stringify(kept)).not.toContain('ESMTP');
    expect(JSON.stringify(kept)).not.toContain('TLSv1.3');
  });
});
