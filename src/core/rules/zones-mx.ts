/**
 * The proposed MX set against the policy senders will apply (RFC 8461 §4.1): the repository's
 * policy file when one is given for the domain, else the live policy.
 *
 * Double reporting with the live mx family: it judges live DNS and its findings have no
 * location; ours judge the proposed records and point at the MX line. Both use the subject
 * (the MX host), so src/check.ts keeps only the located one when rule, domain and subject agree.
 */
import { finding, type Finding, type JudgedMode } from '../findings.js';
import type { DomainObservation, MxRecord } from '../observation.js';
import { mxPatternMatches, normalizeHost, policyCoversMx, type StsPolicy } from '../policy.js';
import type { Proposed, ProposedDomain } from '../proposed.js';
import type { PolicyFileInput } from './evidence.js';
import { locationOf, proposedSts } from './zones-records.js';

export interface MxJudgementInput {
  proposed: ProposedDomain;
  /** The policy the MX set is judged against, and where it came from. */
  policy: StsPolicy | null;
  policyFile: PolicyFileInput | null;
  /** True when `policy` is the repository's file (else the live policy). */
  policyIsFile: boolean;
  mode: JudgedMode;
  observation: DomainObservation | null;
  baseProposed: ProposedDomain | null;
}

/** MX rules on the proposed records of one domain. */
export function judgeProposedMx(input: MxJudgementInput): Finding[] {
  const { proposed: p, policy, mode } = input;
  const domain = p.domain;
  const findings: Finding[] = [];
  const sts = proposedSts(p);

  if (p.mx.length === 0) {
    if (!p.mxElsewhere && sts.kind === 'one') {
      findings.push(
        finding('mx-missing', mode, {
          domain,
          subject: domain,
          location: locationOf(p.stsTxt, sts.record.raw),
          message: `The zone files publish _mta-sts.${domain} but no MX for ${domain}: senders fall back to its address records, which the policy would have to list`,
        }),
      );
    }
    return findings;
  }

  const nullMx = p.mx.find((m) => m.value.exchange === '');
  if (nullMx) {
    findings.push(
      finding('mx-null', mode, {
        domain,
        subject: domain,
        location: nullMx.location,
        message: `${domain} publishes a null MX (RFC 7505): it receives no mail, so its MTA-STS and TLS-RPT records protect nothing`,
      }),
    );
  }
  const hosts = uniqueHosts(p.mx.filter((m) => m.value.exchange !== ''));

  if (policy !== null) {
    const source = input.policyIsFile ? `the policy file ${input.policyFile!.path}` : 'the live policy';
    const patterns = policy.mx.map((m) => m.raw).join(', ') || 'none';
    for (const mx of hosts) {
      const host = normalizeHost(mx.value.exchange);
      if (policyCoversMx(policy, host)) continue;
      findings.push(
        finding('mx-not-in-policy', policy.mode, {
          domain,
          subject: host,
          location: mx.location,
          message: `Proposed MX ${host} (preference ${mx.value.preference}) matches no mx pattern of ${source} (mode ${policy.mode}; mx: ${patterns}): senders applying it will not deliver there`,
        }),
      );
    }
    if (input.policyIsFile && input.policyFile)
      findings.push(...unmatchedPatterns(domain, policy, hosts, input.policyFile));
  }
  findings.push(...newHostCertificates(input, hosts));
  return findings;
}

function uniqueHosts(records: Proposed<MxRecord>[]): Proposed<MxRecord>[] {
  const seen = new Map<string, Proposed<MxRecord>>();
  for (const r of records) {
    const host = normalizeHost(r.value.exchange);
    if (!seen.has(host)) seen.set(host, r);
  }
  return [...seen.values()];
}

/** A policy file `mx` line that no proposed MX matches: stale, or a typo of the host meant. */
function unmatchedPatterns(
  domain: string,
  policy: StsPolicy,
  hosts: Proposed<MxRecord>[],
  file: PolicyFileInput,
): Finding[] {
  const lines = file.text.split(/\r\n|\n|\r/);
  return policy.mx
    .filter((pattern) => !hosts.some((h) => mxPatternMatches(pattern, h.value.exchange)))
    .map((pattern) => {
      const index = lines.findIndex((l) => new RegExp(`^mx:[ \\t]*${escape(pattern.raw)}[ \\t]*$`).test(l));
      return finding('policy-mx-unmatched', policy.mode, {
        domain,
        subject: pattern.raw,
        location: index >= 0 ? { file: file.path, line: index + 1 } : undefined,
        message: `Policy file ${file.path} lists mx ${pattern.raw}, which matches none of the proposed MX (${hosts.map((h) => h.value.exchange).join(', ')})`,
      });
    });
}

/**
 * RFC 8461 §4.2: a new MX must present a certificate valid for its name. Only hosts that are
 * not in live DNS (nor at --base) are new; their certificate is known only if a probe reached them.
 */
function newHostCertificates(input: MxJudgementInput, hosts: Proposed<MxRecord>[]): Finding[] {
  const observation = input.observation;
  if (observation === null) return [];
  const known = new Set<string>();
  if (observation.mx.kind === 'records')
    for (const m of observation.mx.records) known.add(normalizeHost(m.exchange));
  for (const m of input.baseProposed?.mx ?? []) known.add(normalizeHost(m.value.exchange));
  const findings: Finding[] = [];
  for (const mx of hosts) {
    const host = normalizeHost(mx.value.exchange);
    if (known.has(host)) continue;
    const mismatch = observation.smtp.find((o) => normalizeHost(o.host) === host && o.tls?.hostnameError);
    if (!mismatch) continue;
    const san = mismatch.tls?.chain[0]?.san.join(', ') || 'none';
    findings.push(
      finding('mx-cert-hostname-mismatch', input.mode, {
        domain: input.proposed.domain,
        subject: host,
        location: mx.location,
        resultType: 'certificate-host-mismatch',
        message: `New MX ${host} presents a certificate that does not cover its name (${mismatch.tls!.hostnameError}; SAN: ${san}): senders applying the policy will refuse it`,
      }),
    );
  }
  return findings;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
