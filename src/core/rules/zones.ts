/**
 * DNS-as-code family: what a change proposes (records from --zone files, the policy file from
 * --policy-file), judged before it goes live. OWNER: zones helper.
 *
 * Severity follows the mode of the repository's policy file when there is one (it is what the
 * change will publish), else the live policy's, else the verdict's.
 */
import type { Finding, JudgedMode } from '../findings.js';
import { parsePolicy } from '../policy.js';
import type { ProposedDomain } from '../proposed.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';
import { judgeProposedMx } from './zones-mx.js';
import { enforceSwitchRisky, policyFileRemoved, policyIdNotBumped } from './zones-policy.js';
import { judgeProposedRecords, proposedSts, proposedTlsRpt } from './zones-records.js';
import { policyCoversMx } from '../policy.js';

export function judgeZones(
  e: DomainEvidence,
  _s: JudgementSettings,
  v: PolicyVerdict,
  out: DomainResult,
): Finding[] {
  const filePolicy = e.policyFile ? (v.filePolicy ?? parsePolicy(e.policyFile.text).policy) : null;
  const livePolicy = v.livePolicy;
  const mode: JudgedMode = filePolicy?.mode ?? livePolicy?.mode ?? v.mode;
  const findings: Finding[] = [];
  const p = e.proposed;
  if (p !== null) {
    findings.push(...judgeProposedRecords(p, mode, e.policyFile !== null));
    const policy = filePolicy ?? livePolicy;
    findings.push(
      ...judgeProposedMx({
        proposed: p,
        policy,
        policyFile: e.policyFile,
        policyIsFile: filePolicy !== null,
        mode,
        observation: e.observation,
        baseProposed: e.baseProposed,
      }),
    );
    findings.push(...policyIdNotBumped(e, { proposed: p, filePolicy, livePolicy }));
    if (e.observation === null) describeProposed(p, policy, out);
  }
  findings.push(...enforceSwitchRisky(e, filePolicy, livePolicy));
  findings.push(...policyFileRemoved(e));
  return findings;
}

/** Offline, the domain result shows what the change proposes (live DNS was not asked). */
function describeProposed(
  p: ProposedDomain,
  policy: { mx: { wildcard: boolean; domain: string; raw: string }[] } | null,
  out: DomainResult,
): void {
  const sts = proposedSts(p);
  if (out.mtaSts.record === null && sts.kind === 'one')
    out.mtaSts.record = { raw: sts.record.raw, id: sts.record.id };
  const rpt = proposedTlsRpt(p);
  if (out.tlsRpt.record === null && rpt.kind === 'one')
    out.tlsRpt.record = { raw: rpt.record.raw, rua: rpt.record.rua };
  if (out.mx.length === 0) {
    out.mx = p.mx.map((m) => ({
      host: m.value.exchange === '' ? '.' : m.value.exchange,
      preference: m.value.preference,
      addresses: [],
      matchesPolicy:
        policy === null || m.value.exchange === '' ? null : policyCoversMx(policy, m.value.exchange),
      tls: null,
      error: null,
    }));
  }
}
