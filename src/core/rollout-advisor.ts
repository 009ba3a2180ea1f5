/**
 * The rollout advisor (issue 15 item 6): is it safe to switch a `testing` domain to `enforce`?
 * TLS-RPT reports (RFC 8460) exist for exactly this decision: in testing mode, senders deliver
 * whatever happens and report what enforce would have refused. Ready means: reports on at least
 * N days from at least two reporters, no failed session under the current policy, and every MX
 * probe clean. Otherwise the advice says what would break, per MX and result type, and who saw
 * it. For an `enforce` domain with failures it says which MX, since when, and how many sessions
 * a day are lost. Pure: the reports, probes and clock come in.
 */
import { essenceFromPolicy, essenceKey } from './applied-policy.js';
import type { DomainReports, FailureCell } from './aggregate.js';
import type { StsPolicy } from './policy.js';

/** Default `--enforce-readiness-days`: two weeks covers weekly batch senders twice. */
export const DEFAULT_ENFORCE_READINESS_DAYS = 14;
/** Distinct reporting organizations needed: one reporter's view can miss a broken path. */
export const MIN_READINESS_REPORTERS = 2;
/** MX hosts and result types named in advice text. */
const MAX_LISTED = 5;

export interface MxProbeState {
  host: string;
  /** null: probed and clean; else what a sender would meet (a result type or an error). */
  problem: string | null;
}

export interface RolloutInput {
  policy: StsPolicy;
  reports: DomainReports | null;
  readinessDays: number;
  /** --report-window-days: reports older than the window are ignored, so it must cover the readiness days. */
  windowDays?: number;
  /** One entry per MX; null when the MX were not probed (offline, --smtp-probe off). */
  probes: MxProbeState[] | null;
}

/** What would break at one MX: failed sessions per result type, with the reporters that saw them. */
export interface BreakingMx {
  mx: string;
  failed: number;
  since: string;
  last: string;
  /** Failed sessions per day with reports, from the first failing day to the newest report. */
  perDay: number;
  byResultType: { resultType: string; failed: number; reporters: string[] }[];
}

export type RolloutAdvice =
  | { kind: 'ready'; days: number; first: string; last: string; reporters: string[]; sessions: number }
  | { kind: 'not-ready'; reasons: string[]; breaking: BreakingMx[] };

/**
 * The failure cells that count against `policy`: every one but those under a different STS
 * policy the reporter had cached (a stale policy's failures are not what enforce would meet now).
 */
function againstCurrent(reports: DomainReports, policy: StsPolicy): FailureCell[] {
  const current = essenceKey(essenceFromPolicy(policy));
  return (reports.failureCells ?? []).filter(
    (c) => !(c.policyType === 'sts' && c.policy !== null && c.policy !== current),
  );
}

/** Failed sessions under `policy` from the session totals (also without failure-details). */
function failedUnderCurrent(reports: DomainReports, policy: StsPolicy): number {
  const current = essenceKey(essenceFromPolicy(policy));
  const policies = (reports.summary.policies ?? []) as {
    policyType: string;
    policy: string | null;
    failed: number;
  }[];
  if (policies.length === 0) return reports.summary.failedSessions;
  return policies
    .filter((p) => !(p.policyType === 'sts' && p.policy !== null && p.policy !== current))
    .reduce((sum, p) => sum + p.failed, 0);
}

/** Days of the window that have at least one report. */
function reportDays(reports: DomainReports): { date: string; failed: number }[] {
  return reports.summary.days
    .filter((d) => (d as { reports?: number }).reports !== 0 && d.successful + d.failed > 0)
    .map((d) => ({ date: d.date, failed: d.failed }));
}

/** Groups failure cells per MX and result type, largest first. */
export function breakingMx(cells: readonly FailureCell[], reports: DomainReports): BreakingMx[] {
  const days = reportDays(reports);
  const newest = days[days.length - 1]?.date ?? '';
  const byMx = new Map<string, FailureCell[]>();
  for (const c of cells) byMx.set(c.mx, [...(byMx.get(c.mx) ?? []), c]);
  return [...byMx]
    .map(([mx, list]): BreakingMx => {
      const since = list.map((c) => c.firstDate).sort()[0]!;
      const last = list
        .map((c) => c.lastDate)
        .sort()
        .reverse()[0]!;
      const failed = list.reduce((n, c) => n + c.failed, 0);
      const span = days.filter((d) => d.date >= since && d.date <= (newest || last)).length || 1;
      const types = new Map<string, { failed: number; reporters: Set<string> }>();
      for (const c of list) {
        const t = types.get(c.resultType) ?? { failed: 0, reporters: new Set<string>() };
        t.failed += c.failed;
        t.reporters.add(c.reporter);
        types.set(c.resultType, t);
      }
      return {
        mx,
        failed,
        since,
        last,
        perDay: failed / span,
        byResultType: [...types]
          .map(([resultType, t]) => ({ resultType, failed: t.failed, reporters: [...t.reporters].sort() }))
          .sort((a, b) => b.failed - a.failed || a.resultType.localeCompare(b.resultType)),
      };
    })
    .sort((a, b) => b.failed - a.failed || a.mx.localeCompare(b.mx));
}

/** The advice for a domain whose current policy is in `testing`. */
export function adviseTesting(input: RolloutInput): RolloutAdvice {
  const { policy, reports, readinessDays, windowDays } = input;
  const reasons: string[] = [];
  let breaking: BreakingMx[] = [];
  const days = reports ? reportDays(reports) : [];
  const reporters = reports ? [...new Set(reports.latestByReporter.map((r) => r.organization))].sort() : [];
  if (days.length < readinessDays)
    reasons.push(
      `reports on ${days.length} day${days.length === 1 ? '' : 's'}, ${readinessDays} needed ` +
        (windowDays !== undefined && windowDays < readinessDays
          ? `(the report window is ${windowDays} days: run with --report-window-days ${readinessDays})`
          : '(the report window must reach that far back)'),
    );
  if (reporters.length < MIN_READINESS_REPORTERS)
    reasons.push(
      `${reporters.length} reporter${reporters.length === 1 ? '' : 's'}, ${MIN_READINESS_REPORTERS} needed`,
    );
  if (reports) {
    const failed = failedUnderCurrent(reports, policy);
    breaking = breakingMx(againstCurrent(reports, policy), reports);
    if (failed > 0)
      reasons.push(`${fmt(failed)} failed session${failed === 1 ? '' : 's'} under the current policy`);
  }
  if (input.probes === null) reasons.push('the MX were not probed');
  else
    for (const p of input.probes.filter((p) => p.problem !== null))
      reasons.push(`MX ${p.host} probe: ${p.problem}`);
  if (reasons.length > 0) return { kind: 'not-ready', reasons, breaking };
  const sessions = reports!.summary.successfulSessions + reports!.summary.failedSessions;
  return {
    kind: 'ready',
    days: days.length,
    first: days[0]!.date,
    last: days[days.length - 1]!.date,
    reporters,
    sessions,
  };
}

/** Per MX and result type, with the reporters: "mx.example (since 2026-11-02, about 12 a day): certificate-expired 80 (Google, Microsoft)". */
export function describeBreaking(breaking: readonly BreakingMx[]): string {
  const list = breaking.slice(0, MAX_LISTED).map((b) => {
    const types = b.byResultType
      .slice(0, MAX_LISTED)
      .map((t) => `${t.resultType} ${fmt(t.failed)} (seen by ${t.reporters.join(', ')})`)
      .join(', ');
    return `${b.mx} since ${b.since}, about ${perDay(b.perDay)} sessions a day: ${types}`;
  });
  const more = breaking.length > MAX_LISTED ? `; and ${breaking.length - MAX_LISTED} more MX` : '';
  return list.join('; ') + more;
}

/** The sentence a `testing` domain's findings carry when it is not ready. */
export function notReadyText(advice: Extract<RolloutAdvice, { kind: 'not-ready' }>): string {
  const wouldBreak =
    advice.breaking.length > 0 ? ` Enforce would break: ${describeBreaking(advice.breaking)}.` : '';
  return ` Not ready for enforce: ${advice.reasons.join('; ')}.${wouldBreak}`;
}

/** The sentence an `enforce` domain's failure finding carries: which MX, since when, lost per day. */
export function enforceLossText(reports: DomainReports): string {
  // Under enforce every failure is lost mail, whichever policy version the sender had cached.
  const cells = (reports.failureCells ?? []).filter((c) => c.mode === 'enforce' || c.mode === 'unknown');
  const breaking = breakingMx(cells, reports);
  return breaking.length > 0 ? ` Lost under enforce: ${describeBreaking(breaking)}.` : '';
}

function perDay(n: number): string {
  return n >= 10 ? fmt(Math.round(n)) : String(Math.round(n * 10) / 10);
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}
