/**
 * Runner family, `host-address-unusable` (DESIGN.md, issue 9 class 1): an MX host or the policy
 * host `mta-sts.<domain>` resolves to an address no sender can use (src/core/special-address.ts).
 * The adapters never connect to such an address; this rule says so, per host, with the mode's
 * severity: in enforce a sender that picks that address cannot deliver.
 */
import { finding, type Finding } from '../findings.js';
import type { DnsAnswer } from '../observation.js';
import { normalizeHost } from '../policy.js';
import { partitionAddresses } from '../special-address.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

/** Judges the A/AAAA answers of the policy host and of every MX host of one domain. */
export function judgeHostAddresses(e: DomainEvidence, s: JudgementSettings, v: PolicyVerdict): Finding[] {
  const observation = e.observation;
  if (!observation || s.offline) return [];
  const findings: Finding[] = [];
  const judge = (host: string, role: string, answer: DnsAnswer<string> | null | undefined): void => {
    if (answer?.kind !== 'records') return;
    const { usable, unusable } = partitionAddresses(answer.records);
    if (unusable.length === 0) return;
    const listed = unusable.map((u) => `${u.address} is ${u.reason}`).join('; ');
    const rest =
      usable.length === 0
        ? 'it has no other address, so no sender can connect to it'
        : `senders that pick one fail; only ${usable.join(', ')} can be used`;
    const which = unusable.length === 1 ? 'an address' : 'addresses';
    findings.push(
      finding('host-address-unusable', v.mode, {
        domain: e.domain,
        subject: host,
        message: `${role} ${host} resolves to ${which} no sender can use (${listed}), never connected to: ${rest}`,
      }),
    );
  };
  const sts = observation.stsTxt;
  // RFC 8461 §3.3: senders resolve the policy host only when the domain has an STS record.
  if (sts.kind === 'records' && sts.records.some((r) => r.startsWith('v=STSv1'))) {
    judge(`mta-sts.${e.domain}`, 'policy host', observation.policyHostAddresses);
  }
  for (const [host, answer] of Object.entries(observation.mxAddresses)) {
    judge(normalizeHost(host), 'MX', answer);
  }
  return findings;
}
