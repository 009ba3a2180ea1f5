/**
 * Runner rules for DNS lookups that got no answer (DESIGN.md "runner"): a lookup that failed
 * (timeout, unreachable resolver, SERVFAIL, REFUSED) says nothing about the record, so it is never
 * "record invalid" or "no record". One failed name is `dns-lookup-failed` (warning); when the
 * resolver failed most lookups of the run, one `resolver-failed` error replaces them all.
 */
import { finding, type Finding, type JudgedMode } from '../findings.js';
import type { DnsAnswer } from '../observation.js';
import type { RetainedObservation } from '../retained-observation.js';

/** Why a lookup got no answer, read from the adapter's error text (src/net/dns.ts). */
export type DnsFailureCause =
  'timeout' | 'unreachable' | 'servfail' | 'refused' | 'malformed' | 'cname' | 'internal' | 'other';

/** The error text of src/net/dns.ts starts with what happened; this reads it back. */
export function dnsFailureCause(error: string): DnsFailureCause {
  if (error.startsWith('timeout')) return 'timeout';
  if (error.startsWith('network error') || error.startsWith('http error')) return 'unreachable';
  if (error.startsWith('SERVFAIL')) return 'servfail';
  if (error.startsWith('REFUSED')) return 'refused';
  if (error.startsWith('malformed')) return 'malformed';
  if (error.startsWith('CNAME chain')) return 'cname';
  if (error.startsWith('internal error')) return 'internal';
  return 'other';
}

/** Remediation for one name that failed while the resolver answered other names. */
function lookupRemediation(cause: DnsFailureCause): string {
  switch (cause) {
    case 'timeout':
      return 'The name servers of this zone did not answer in time: check that every authoritative server answers over UDP and TCP, then rerun to rule out a transient failure.';
    case 'servfail':
      return 'The resolver answered SERVFAIL for this name only: this usually means a lame delegation or a DNSSEC validation failure (check with `dig +dnssec` and a DNSSEC debugger); rerun to rule out a transient failure.';
    case 'refused':
      return "A server refused the query (REFUSED): check that the zone's authoritative servers serve this name and that the resolver may recurse for this runner.";
    case 'cname':
      return 'Fix the CNAME chain so that it ends at a record within a few hops and does not loop.';
    case 'malformed':
      return 'The answer could not be parsed: check the records at this name with `dig`, and rerun.';
    default:
      return 'Check that the authoritative name servers answer for this name (and that DNSSEC validates); rerun to rule out a transient failure.';
  }
}

/**
 * `dns-lookup-failed` for one name of one domain. `consequence` says what could not be judged
 * because of it (the record, the policy host, the MX...).
 */
export function dnsLookupFailed(
  domain: string,
  name: string,
  type: string,
  error: string,
  consequence: string,
  mode: JudgedMode,
): Finding {
  return finding('dns-lookup-failed', mode, {
    domain,
    subject: name,
    message: `${type} ${name} could not be looked up (${error}); ${consequence}. This says nothing about the record itself: senders that meet the same failure cannot read it either`,
    remediation: lookupRemediation(dnsFailureCause(error)),
  });
}

/** Failed lookups that may be the resolver's doing, not the data's (a CNAME loop is data). */
const RESOLVER_SIDE_CAUSES: ReadonlySet<DnsFailureCause> = new Set([
  'timeout',
  'unreachable',
  'servfail',
  'refused',
  'malformed',
  'other',
]);

/**
 * "Most lookups" (DESIGN.md): more than this share of the run's lookups failed on the resolver's
 * side. Half is the line where a failing resolver explains the run better than failing zones.
 */
const RESOLVER_FAILED_SHARE = 0.5;

function answers(o: RetainedObservation): DnsAnswer<unknown>[] {
  return [
    o.stsTxt,
    o.tlsRptTxt,
    o.mx,
    ...Object.values(o.mxAddresses),
    ...(o.policyHostAddresses ? [o.policyHostAddresses] : []),
  ];
}

function resolverRemediation(causes: DnsFailureCause[], resolver: string): string {
  if (causes.every((c) => c === 'servfail'))
    return `The resolver ${resolver} answers SERVFAIL for everything: it cannot reach the internet, or its DNSSEC validation fails (a wrong clock does that). Fix it, or pass --resolver / --doh (action: resolver, doh) with one that works, and rerun.`;
  if (causes.every((c) => c === 'refused'))
    return `The resolver ${resolver} refuses queries from this runner: allow recursion for it, or pass --resolver / --doh (action: resolver, doh) with one that serves this runner, and rerun.`;
  return `Check that the resolver ${resolver} is reachable from this runner (address, port, firewall), or pass --resolver / --doh (action: resolver, doh) with one that is, and rerun.`;
}

/**
 * `resolver-failed` (DESIGN.md): when more than half of the run's lookups failed on the
 * resolver's side, the domains were not observed, and their `dns-lookup-failed` findings (and
 * nothing else) are replaced by one run-level error naming the resolver. No issue is opened,
 * updated or closed for such a domain (see src/github/issue-lifecycle.ts).
 */
export function applyResolverFailed(
  findings: Finding[],
  observations: RetainedObservation[],
  resolver: string,
): Finding[] {
  const all = observations.flatMap(answers);
  const failed = all.flatMap((a) => (a.kind === 'error' ? [dnsFailureCause(a.error)] : []));
  const resolverSide = failed.filter((c) => RESOLVER_SIDE_CAUSES.has(c));
  if (all.length === 0 || resolverSide.length <= all.length * RESOLVER_FAILED_SHARE) return findings;
  const causes = [...new Set(resolverSide)].sort();
  return [
    ...findings.filter((f) => f.rule !== 'dns-lookup-failed'),
    finding('resolver-failed', null, {
      domain: null,
      subject: resolver,
      message: `the resolver ${resolver} did not answer ${resolverSide.length} of ${all.length} lookups (${causes.join(', ')}) for ${observations.length} domain(s): they were not observed, so no domain was judged from DNS`,
      remediation: resolverRemediation(causes, resolver),
    }),
  ];
}
