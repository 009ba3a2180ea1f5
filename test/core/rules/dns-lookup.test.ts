/** Runner rules for failed DNS lookups (issue 10 item 2): resolver-failed and dns-lookup-failed. */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../../src/core/findings.js';
import type { DnsAnswer, DomainObservation } from '../../../src/core/observation.js';
import { applyResolverFailed, dnsFailureCause, dnsLookupFailed } from '../../../src/core/rules/dns-lookup.js';

const ok: DnsAnswer<string> = { kind: 'records', records: ['v=STSv1; id=1'] };
const none: DnsAnswer<string> = { kind: 'nxdomain' };
const err = (error: string): DnsAnswer<never> => ({ kind: 'error', error });
const TIMEOUT = 'timeout: TXT x over UDP to 127.0.0.1:1: no answer within 333 ms (after 3 tries)';
const SERVFAIL = 'SERVFAIL from 127.0.0.1:53 for TXT x';

function observation(domain: string, answer: DnsAnswer<never> | DnsAnswer<string>): DomainObservation {
  return {
    domain,
    stsTxt: answer as DnsAnswer<string>,
    tlsRptTxt: answer as DnsAnswer<string>,
    mx: answer.kind === 'records' ? { kind: 'nodata' } : (answer as DnsAnswer<never>),
    mxAddresses: {},
    policyHostAddresses: answer.kind === 'records' ? none : (answer as DnsAnswer<never>),
    policyFetches: [],
    smtp: [],
  };
}

const lookupFailed = (d: string): Finding => dnsLookupFailed(d, `_mta-sts.${d}`, 'TXT', TIMEOUT, 'x', null);
const zoneProblem = finding('zone-parse-error', null, { domain: 'a.example', message: 'bad line' });

describe('dnsFailureCause', () => {
  it.each([
    [TIMEOUT, 'timeout'],
    ['network error: udp to 127.0.0.1:1: ECONNREFUSED', 'unreachable'],
    ['http error: HTTP 500 from https://doh.test/dns-query', 'unreachable'],
    [SERVFAIL, 'servfail'],
    ['REFUSED from 127.0.0.1:53 for MX x', 'refused'],
    ['malformed answer: section counts exceed the packet', 'malformed'],
    ['CNAME chain from a.example is a loop or longer than 8', 'cname'],
    ['internal error: boom', 'internal'],
    ['NOTIMP from 127.0.0.1:53 for TXT x', 'other'],
  ])('%s → %s', (error, cause) => {
    expect(dnsFailureCause(error)).toBe(cause);
  });
});

describe('applyResolverFailed', () => {
  it('most lookups timed out: one run-level error naming the resolver replaces the dns-lookup-failed findings', () => {
    const observations = [observation('a.example', err(TIMEOUT)), observation('b.example', err(TIMEOUT))];
    const result = applyResolverFailed(
      [lookupFailed('a.example'), lookupFailed('b.example'), zoneProblem],
      observations,
      '127.0.0.1:1',
    );
    expect(result.map((f) => `${f.rule}:${f.severity}:${f.domain}`)).toEqual([
      'zone-parse-error:error:a.example',
      'resolver-failed:error:null',
    ]);
    expect(result[1]?.subject).toBe('127.0.0.1:1');
    expect(result[1]?.message).toContain('did not answer 8 of 8 lookups (timeout) for 2 domain(s)');
    expect(result[1]?.remediation).toContain('is reachable from this runner');
  });

  it('SERVFAIL for everything: the remediation says what a SERVFAIL-only resolver means', () => {
    const result = applyResolverFailed([], [observation('a.example', err(SERVFAIL))], '10.0.0.53:53');
    expect(result).toHaveLength(1);
    expect(result[0]?.remediation).toMatch(/answers SERVFAIL for everything.*DNSSEC/);
  });

  it('one domain of three failing is that domain’s trouble: nothing changes', () => {
    const findings = [lookupFailed('c.example')];
    const observations = [
      observation('a.example', ok),
      observation('b.example', ok),
      observation('c.example', err(SERVFAIL)),
    ];
    expect(applyResolverFailed(findings, observations, '127.0.0.1:53')).toEqual(findings);
  });

  it('exactly half failing is not "most"', () => {
    const observations = [observation('a.example', ok), observation('b.example', err(TIMEOUT))];
    expect(applyResolverFailed([], observations, 'r')).toEqual([]);
  });

  it('CNAME loops are the zone’s data, not the resolver: they never make a resolver failure', () => {
    const loop = err('CNAME chain from a.example is a loop or longer than 8');
    expect(applyResolverFailed([], [observation('a.example', loop)], 'r')).toEqual([]);
  });

  it('no observation (offline): nothing changes', () => {
    expect(applyResolverFailed([zoneProblem], [], 'r')).toEqual([zoneProblem]);
  });
});
