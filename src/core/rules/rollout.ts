/**
 * The rollout advisor's findings (issue 15 item 6; the judgement is src/core/rollout-advisor.ts).
 * Only when reports were given, for the policy senders apply now: a `testing` domain that is
 * ready gets the notice `enforce-ready`; one that is not gets the reasons, and what enforce
 * would break, on its `policy-mode-testing` finding; an `enforce` domain's
 * `reports-failures-enforce` finding gets the MX, since when, and the sessions lost a day.
 */
import { finding, type Finding } from '../findings.js';
import { parsePolicy } from '../policy.js';
import type { DomainReports } from '../aggregate.js';
import type { Location } from '../findings.js';
import type { StsPolicy } from '../policy.js';
import type { DomainResult } from '../result.js';
import {
  adviseTesting,
  DEFAULT_ENFORCE_READINESS_DAYS,
  enforceLossText,
  notReadyText,
  type MxProbeState,
} from '../rollout-advisor.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

/** The MX as probed: what a sender applying enforce would meet at each; null when none was probed. */
function probeStates(e: DomainEvidence, s: JudgementSettings, out: DomainResult): MxProbeState[] | null {
  if (s.offline || s.smtpProbe === 'off' || !e.observation || out.mx.length === 0) return null;
  return mxProblems(out);
}

/** Each MX with what stands between a sender applying enforce and delivery there (null: nothing). */
function mxProblems(out: DomainResult): MxProbeState[] {
  return out.mx.map((m) => ({
    host: m.host,
    problem:
      m.matchesPolicy === false
        ? 'matches no mx pattern of the policy'
        : (m.error ?? (m.tls === null ? 'not probed' : m.tls.resultType)),
  }));
}

/** A message ended as a sentence, so more can follow. */
function sentence(message: string): string {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}

export function judgeRollout(
  e: DomainEvidence,
  s: JudgementSettings,
  v: PolicyVerdict,
  out: DomainResult,
  findings: Finding[],
): Finding[] {
  const file = v.filePolicy && e.policyFile ? e.policyFile : null;
  const line = file ? (parsePolicy(file.text).fieldLines.mode ?? 1) : null;
  return judgeRolloutFrom(
    { domain: e.domain, policy: v.policy, reports: e.reports, probes: probeStates(e, s, out) },
    s,
    findings,
    file && line !== null ? { file: file.path, line } : null,
  );
}

/** What the advisor needs of a domain: also all a shard result keeps for the merge step. */
export interface RolloutEvidence {
  domain: string;
  policy: StsPolicy | null;
  reports: DomainReports | null;
  probes: MxProbeState[] | null;
}

/** The MX of a result as a sender applying enforce would meet them (the merge step's view). */
export function probeStatesOf(out: DomainResult): MxProbeState[] | null {
  if (out.mx.length === 0 || out.mx.every((m) => m.tls === null && !m.error)) return null;
  return mxProblems(out);
}

/** The advisor on its evidence; `location` is the policy file's mode line, when one was read. */
export function judgeRolloutFrom(
  r: RolloutEvidence,
  s: JudgementSettings,
  findings: Finding[],
  location: Location | null,
): Finding[] {
  const policy = r.policy;
  if (!s.reportsGiven || !policy) return findings;
  if (policy.mode === 'enforce') {
    const loss = r.reports ? enforceLossText(r.reports) : '';
    if (loss === '') return findings;
    return findings.map((f) =>
      f.rule === 'reports-failures-enforce' ? { ...f, message: sentence(f.message) + loss } : f,
    );
  }
  if (policy.mode !== 'testing') return findings;
  const advice = adviseTesting({
    policy,
    reports: r.reports,
    readinessDays: s.enforceReadinessDays ?? DEFAULT_ENFORCE_READINESS_DAYS,
    ...(s.reportWindowDays !== undefined ? { windowDays: s.reportWindowDays } : {}),
    probes: r.probes,
  });
  if (advice.kind === 'not-ready') {
    const text = notReadyText(advice);
    return findings.map((f) =>
      f.rule === 'policy-mode-testing' ? { ...f, message: sentence(f.message) + text } : f,
    );
  }
  const ready = finding('enforce-ready', 'testing', {
    domain: r.domain,
    subject: `_mta-sts.${r.domain}`,
    ...(location ? { location } : {}),
    message:
      `${r.domain} is ready for mode enforce: reports on ${advice.days} days (${advice.first} to ${advice.last}) ` +
      `from ${advice.reporters.length} reporters (${advice.reporters.join(', ')}) show no failed session under ` +
      `the current policy in ${advice.sessions.toLocaleString('en-US')} sessions, and every MX probe is clean.`,
  });
  return [...findings, ready];
}
