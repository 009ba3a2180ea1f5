/**
 * Policy changes a DNS-as-code pull request proposes: a policy edited without a new `_mta-sts`
 * id (RFC 8461 §3.1: senders refetch only when the id changes), and a switch to enforce while
 * reports or probes show TLS failures (those deliveries would then be refused, RFC 8461 §5).
 *
 * Policies are compared parsed (mode, max_age, the set of mx patterns), never as bytes: CRLF
 * against LF, key order, or spacing is not a change senders act on.
 */
import { essenceFromPolicy, essenceKey, type PolicyEssence } from '../applied-policy.js';
import { finding, type Finding, type JudgedMode, type Location } from '../findings.js';
import type { DomainObservation, SmtpObservation } from '../observation.js';
import { parsePolicy, type StsPolicy } from '../policy.js';
import type { ProposedDomain } from '../proposed.js';
import { selectStsRecord } from '../mta-sts-record.js';
import type { DomainEvidence } from './evidence.js';
import { locationOf, proposedSts } from './zones-records.js';

const STRICTNESS: Record<string, number> = { enforce: 3, testing: 2, none: 1 };

/**
 * The stricter of two modes. A policy change without a new id leaves senders applying the
 * *old* policy, so the risk is judged under whichever of old and new is stricter: a switch from
 * enforce to none that keeps the id leaves senders enforcing the stale MX list until max_age.
 */
export function stricterMode(a: JudgedMode, b: JudgedMode): JudgedMode {
  return (STRICTNESS[a ?? ''] ?? 0) >= (STRICTNESS[b ?? ''] ?? 0) ? a : b;
}

/** What senders act on differs between two policies (mode, max_age, mx set). */
export function policiesDiffer(a: StsPolicy, b: StsPolicy): boolean {
  return essenceKey(essenceFromPolicy(a)) !== essenceKey(essenceFromPolicy(b));
}

interface IdCheck {
  proposed: ProposedDomain;
  filePolicy: StsPolicy | null;
  livePolicy: StsPolicy | null;
}

/**
 * policy-id-not-bumped, from the base revision (no network needed) or, failing that, from the
 * live record and policy. One finding at most, on the proposed `_mta-sts` line (the id to change).
 */
export function policyIdNotBumped(e: DomainEvidence, check: IdCheck): Finding[] {
  const { proposed, filePolicy } = check;
  const sts = proposedSts(proposed);
  if (sts.kind !== 'one' || filePolicy === null || e.policyFile === null) return [];
  const id = sts.record.id;
  const location = locationOf(proposed.stsTxt, sts.record.raw);

  const basePolicy = e.basePolicyFile ? parsePolicy(e.basePolicyFile.text).policy : null;
  const baseSts = e.baseProposed ? proposedSts(e.baseProposed) : null;
  if (
    basePolicy &&
    baseSts?.kind === 'one' &&
    baseSts.record.id === id &&
    policiesDiffer(basePolicy, filePolicy)
  ) {
    return [notBumped(e, basePolicy, filePolicy, id, location, 'at the base revision')];
  }

  const live = check.livePolicy;
  const liveId = liveStsId(e.observation);
  if (live && liveId === id && policiesDiffer(live, filePolicy)) {
    return [notBumped(e, live, filePolicy, id, location, 'live')];
  }
  return [];
}

function notBumped(
  e: DomainEvidence,
  before: StsPolicy,
  after: StsPolicy,
  id: string,
  location: Location | undefined,
  where: string,
): Finding {
  const changes = changeList(essenceFromPolicy(before), essenceFromPolicy(after));
  return finding('policy-id-not-bumped', stricterMode(before.mode, after.mode), {
    domain: e.domain,
    subject: `_mta-sts.${e.domain}`,
    location,
    message: `Policy file ${e.policyFile!.path} differs from the policy ${where} (${changes}) but _mta-sts.${e.domain} keeps id=${id}: senders that cached the old policy keep applying it for up to max_age ${before.maxAge} s`,
  });
}

/** What senders would notice: `mode testing → enforce; mx + a.example.com`. */
function changeList(before: PolicyEssence, after: PolicyEssence): string {
  const out: string[] = [];
  if (before.mode !== after.mode) out.push(`mode ${before.mode} → ${after.mode}`);
  if (before.maxAge !== after.maxAge) out.push(`max_age ${before.maxAge} → ${after.maxAge}`);
  const added = after.mx.filter((m) => !before.mx.includes(m));
  const removed = before.mx.filter((m) => !after.mx.includes(m));
  if (added.length > 0) out.push(`mx + ${added.join(', ')}`);
  if (removed.length > 0) out.push(`mx − ${removed.join(', ')}`);
  return out.join('; ');
}

function liveStsId(observation: DomainObservation | null): string | null {
  if (observation?.stsTxt.kind !== 'records') return null;
  const selection = selectStsRecord(observation.stsTxt.records);
  return selection.kind === 'one' ? selection.record.id : null;
}

/** A probe that reached the MX and failed in the way an enforcing sender would refuse. */
function probeFailed(o: SmtpObservation): boolean {
  // Connection failures are left out: hosted runners block port 25 (smtp-port-blocked).
  if (o.starttlsOffered === false) return true;
  if (o.tls?.chainError || o.tls?.hostnameError) return true;
  return o.error !== null && (o.error.stage === 'starttls' || o.error.stage === 'tls');
}

/**
 * enforce-switch-risky: the repository's policy file says enforce, the policy before the change
 * (at --base, else live) did not, and TLS-RPT reports or probes show failures now.
 */
export function enforceSwitchRisky(
  e: DomainEvidence,
  filePolicy: StsPolicy | null,
  livePolicy: StsPolicy | null,
): Finding[] {
  if (filePolicy?.mode !== 'enforce' || e.policyFile === null) return [];
  const basePolicy = e.basePolicyFile ? parsePolicy(e.basePolicyFile.text).policy : null;
  const previous = basePolicy?.mode ?? livePolicy?.mode ?? null;
  if (previous === 'enforce') return [];

  const evidence: string[] = [];
  const failed = e.reports?.summary.failedSessions ?? 0;
  if (failed > 0) {
    const total = failed + (e.reports?.summary.successfulSessions ?? 0);
    const types = Object.entries(e.reports?.summary.byResultType ?? {})
      .sort((a, b) => b[1] - a[1])
      .slice(0, 3)
      .map(([type, count]) => `${type} ${count}`)
      .join(', ');
    evidence.push(`TLS-RPT reports show ${failed} failed of ${total} sessions${types ? ` (${types})` : ''}`);
  }
  const failing = [...new Set((e.observation?.smtp ?? []).filter(probeFailed).map((o) => o.host))].sort();
  if (failing.length > 0) evidence.push(`STARTTLS probes fail on ${failing.join(', ')}`);
  if (evidence.length === 0) return [];

  const modeLine = parsePolicy(e.policyFile.text).fieldLines.mode;
  return [
    finding('enforce-switch-risky', 'enforce', {
      domain: e.domain,
      subject: e.policyFile.path,
      location: modeLine === undefined ? undefined : { file: e.policyFile.path, line: modeLine },
      message: `Policy file ${e.policyFile.path} switches ${e.domain} to mode enforce (from ${previous ?? 'no known policy'}) while ${evidence.join('; ')}: compliant senders would refuse those deliveries`,
    }),
  ];
}

/**
 * A change that deletes the repository's policy file (it exists at --base, not in the working
 * tree) while the domain still publishes a valid `_mta-sts` record: once the policy host stops
 * serving it, every sender's fetch fails (reported as `policy-fetch-failed`, the outcome senders
 * will see; the catalogue has no removal rule of its own). The proposed zone decides whether
 * the record stays when a zone file names the domain, else the live record; offline with
 * neither, nothing is known and nothing is said.
 *
 * RFC 8461 §8.3: remove MTA-STS by publishing `mode: none` with a new id, waiting the old
 * max_age, then removing the record and the policy together.
 */
export function policyFileRemoved(e: DomainEvidence): Finding[] {
  if (e.policyFile !== null || e.basePolicyFile === null) return [];
  const removed = e.basePolicyFile;
  const stsName = `_mta-sts.${e.domain}`;
  let where: string;
  let location: Location | undefined;
  if (e.proposed !== null) {
    const sts = proposedSts(e.proposed);
    if (sts.kind !== 'one') return [];
    location = locationOf(e.proposed.stsTxt, sts.record.raw);
    where = `${location?.file ?? 'the zone files'} still proposes ${stsName}`;
  } else if (liveStsId(e.observation) !== null) {
    where = `${stsName} is still published`;
  } else {
    return [];
  }
  const before = parsePolicy(removed.text).policy;
  return [
    finding('policy-fetch-failed', before?.mode ?? null, {
      domain: e.domain,
      subject: removed.path,
      location,
      message: `This change deletes policy file ${removed.path} while ${where}: once the policy host stops serving it, senders fetching https://mta-sts.${e.domain}/.well-known/mta-sts.txt fail, and cached policies${before ? ` (mode ${before.mode}, max_age ${before.maxAge} s)` : ''} expire without renewal`,
      resultType: 'sts-policy-fetch-error',
      remediation: `Keep the policy file; to remove MTA-STS, first publish mode: none with a new ${stsName} id, wait the old max_age, then delete the record and the policy together (RFC 8461 §8.3).`,
    }),
  ];
}
