/**
 * What a run could not observe about a domain (issue 10 item 3): a risk in a part that was not
 * looked at never opens or closes an issue. A failed DNS lookup, a resolver that failed, a probe
 * that could not run (`smtp-port-blocked`, `--smtp-probe off`) each leave some parts of the
 * domain unobserved; the risks an issue lists for those parts are carried over as "not re-checked
 * in this run" instead of being taken as fixed. (A shard that did not check the domain leaves its
 * issue alone altogether: only domains of the result are touched.) Pure.
 */
import type { Finding } from '../core/findings.js';
import type { CheckResult } from '../core/result.js';

/** The parts of a domain a risk belongs to; each is observed, or not, as a whole. */
export type RiskPart = 'sts-record' | 'tlsrpt-record' | 'policy' | 'mx-dns' | 'mx-probe' | 'files';

/** Every part a live check observes; when none was observed, the domain was not observed. */
export const LIVE_PARTS: readonly RiskPart[] = [
  'sts-record',
  'tlsrpt-record',
  'policy',
  'mx-dns',
  'mx-probe',
];

/** Parts whose severity follows the mode: without the record or the policy, they are not judged as they were. */
const MODE_DEPENDENT: readonly RiskPart[] = ['policy', 'mx-dns', 'mx-probe'];

const MX_DNS_RULES = new Set(['mx-missing', 'mx-null', 'mx-not-in-policy', 'policy-mx-unmatched']);

/** The part of the domain a finding is about. Findings located in a file are always observed. */
export function riskPart(f: Finding): RiskPart {
  if (f.location !== undefined) return 'files';
  if (f.rule.startsWith('sts-record-')) return 'sts-record';
  if (f.rule.startsWith('tlsrpt-record-')) return 'tlsrpt-record';
  if (MX_DNS_RULES.has(f.rule)) return 'mx-dns';
  if (f.rule === 'host-address-unusable') return f.subject?.startsWith('mta-sts.') ? 'policy' : 'mx-probe';
  if (f.rule.startsWith('mx-')) return 'mx-probe';
  if (f.rule.startsWith('policy-')) return 'policy';
  return 'files';
}

/** Why each unobserved part of `domain` was not observed in this run (empty: all observed). */
export function unobservedParts(
  result: CheckResult,
  domain: string,
  options: { smtpProbeRan: boolean },
): Map<RiskPart, string> {
  const parts = new Map<RiskPart, string>();
  const mark = (list: readonly RiskPart[], why: string): void => {
    for (const part of list) if (!parts.has(part)) parts.set(part, why);
  };
  const runLevel = result.findings.filter((f) => f.domain === null);
  if (runLevel.some((f) => f.rule === 'resolver-failed')) mark(LIVE_PARTS, "the run's resolver failed");
  for (const f of result.findings) {
    if (f.domain !== domain || f.rule !== 'dns-lookup-failed') continue;
    const name = f.subject ?? '';
    // Names stay out of the reason: it is shown in issue bodies as plain text.
    const why = name.startsWith('_') ? 'a TXT lookup failed' : 'a DNS lookup failed';
    if (name === `_mta-sts.${domain}`) mark(['sts-record', ...MODE_DEPENDENT], why);
    else if (name === `_smtp._tls.${domain}`) mark(['tlsrpt-record'], why);
    else if (name === `mta-sts.${domain}`) mark(MODE_DEPENDENT, why);
    else if (name === domain) mark(['mx-dns', 'mx-probe'], why);
    else mark(['mx-probe'], why);
  }
  if (runLevel.some((f) => f.rule === 'smtp-port-blocked'))
    mark(['mx-probe'], 'the SMTP port is blocked on this runner');
  if (!options.smtpProbeRan) mark(['mx-probe'], 'the SMTP probe is off');
  return parts;
}

/** True when no live part of the domain was observed: its issue is left exactly as it is. */
export function whollyUnobserved(parts: Map<RiskPart, string>): boolean {
  return LIVE_PARTS.every((p) => parts.has(p));
}
