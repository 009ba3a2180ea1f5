/**
 * Reports family (RFC 8460): what senders experienced, from their TLS-RPT reports.
 *
 * Which severity a failure count gets follows the policy the *senders* applied (the
 * policy-type and the mode in the policy-string of each report), not only the live policy: a
 * sender with a cached enforce policy refuses mail even after the domain went back to testing.
 * Failures under a policy whose mode the report does not say (Mail.ru sends no policy-string)
 * are judged under the live or proposed mode.
 */
import { DEFAULT_REPORT_WINDOW_DAYS, reportWindow, windowDates } from '../report-window.js';
import {
  essenceDifferences,
  essenceFromPolicy,
  essenceFromText,
  type PolicyEssence,
} from '../applied-policy.js';
import type { AppliedMode, DomainReports } from '../aggregate.js';
import {
  finding,
  RFC8460_RESULT_TYPES,
  type Finding,
  type JudgedMode,
  type Location,
  type ResultType,
} from '../findings.js';
import type { StsPolicy } from '../policy.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

/** Result types and MX hosts named in a finding message. */
const TOP_N = 3;

const KNOWN_RESULT_TYPES = RFC8460_RESULT_TYPES;

/**
 * What the report rules need of a domain besides its reports: the mode severities follow, whether
 * TLS-RPT is published live, and the policy reports are compared with. A shard's results file
 * carries it (the JSON contract's `shard.evidence`), so the merge step can judge reports read
 * once, after every shard has observed its domains (issue 12).
 */
export interface ReportEvidence {
  mode: JudgedMode;
  /** The live `_smtp._tls` TXT holds a v=TLSRPTv1 record. */
  tlsRptPublished: boolean;
  /** Where a zone file proposes a v=TLSRPTv1 record, if one does. */
  tlsRptProposed?: Location | null;
  /** The policy reporters should have applied, and what to call it in messages. */
  reference: {
    label: 'live' | 'proposed' | 'expected';
    policy: StsPolicy | null;
    text: string | null;
  } | null;
}

/** The report evidence of one domain, from its evidence and the policy family's verdict. */
export function reportEvidence(e: DomainEvidence, s: JudgementSettings, v: PolicyVerdict): ReportEvidence {
  const txt = e.observation?.tlsRptTxt;
  const tlsRptPublished = txt?.kind === 'records' && txt.records.some((r) => TLSRPT_PREFIX.test(r.trim()));
  const tlsRptProposed =
    e.proposed?.tlsRptTxt.find((p) => TLSRPT_PREFIX.test(p.value.trim()))?.location ?? null;
  let reference: ReportEvidence['reference'] = null;
  if (v.livePolicy) reference = { label: 'live', policy: v.livePolicy, text: null };
  else if (v.livePolicyText !== null) reference = { label: 'live', policy: null, text: v.livePolicyText };
  else if (v.policy) reference = { label: s.offline ? 'proposed' : 'expected', policy: v.policy, text: null };
  return { mode: v.mode, tlsRptPublished, tlsRptProposed, reference };
}

export function judgeReports(
  e: DomainEvidence,
  s: JudgementSettings,
  v: PolicyVerdict,
  out: DomainResult,
): Finding[] {
  return judgeReportsFrom(e.domain, e.reports, reportEvidence(e, s, v), s, out);
}

/** The report rules on report evidence alone (also what the merge step runs). */
export function judgeReportsFrom(
  domain: string,
  reports: DomainReports | null,
  evidence: ReportEvidence,
  s: JudgementSettings,
  out: DomainResult,
): Finding[] {
  out.reports = reports?.summary ?? null;
  if (!reports) return missing(domain, evidence, s);
  return [...failures(domain, reports, evidence.mode), ...stale(domain, reports, evidence)];
}

/** RFC 8460 §3: a `_smtp._tls` TXT value that starts like a TLS-RPT record. */
const TLSRPT_PREFIX = /^v=TLSRPTv1\s*(;|$)/i;

/**
 * reports-missing: the domain publishes TLS-RPT (live, or proposed in a zone file), reports were
 * given, and none of them for this domain falls inside the window counted back from the run's
 * clock: a broken report collector is noticed (issue 10 item 5).
 */
function missing(domain: string, evidence: ReportEvidence, s: JudgementSettings): Finding[] {
  if (!s.reportsGiven) return [];
  const live = evidence.tlsRptPublished;
  const proposed = evidence.tlsRptProposed ?? null;
  if (!live && proposed === null) return [];
  const days = s.reportWindowDays ?? DEFAULT_REPORT_WINDOW_DAYS;
  const { start, end } = windowDates(reportWindow(s.now, days));
  return [
    finding('reports-missing', null, {
      domain,
      subject: `_smtp._tls.${domain}`,
      ...(live || proposed === null ? {} : { location: proposed }),
      message: `TLS-RPT is ${live ? 'published' : 'proposed'}, but none of the reports given is for ${domain} within the report window (${start} to ${end}, ${days} day${days === 1 ? '' : 's'} up to this run's clock).`,
    }),
  ];
}

function failures(domain: string, r: DomainReports, mode: JudgedMode): Finding[] {
  // Unknown applied mode: judged under the mode the domain publishes (or proposes).
  const unknownIsEnforce = mode === 'enforce';
  const enforceModes: AppliedMode[] = unknownIsEnforce ? ['enforce', 'unknown'] : ['enforce'];
  const testingModes: AppliedMode[] = unknownIsEnforce ? ['testing', 'none'] : ['testing', 'none', 'unknown'];
  const out: Finding[] = [];
  const enforce = bucket(r, enforceModes);
  if (enforce.failed > 0) {
    out.push(
      finding('reports-failures-enforce', 'enforce', {
        domain,
        ...focus(enforce),
        message:
          `Senders applying an enforce policy failed ${fmt(enforce.failed)} of ${fmt(enforce.total)} TLS sessions ` +
          `(${pct(enforce.failed, enforce.total)}) reported by ${orgs(enforce.reporters)} ` +
          `in reports of ${period(r)}: that mail was refused or delayed.${details(enforce)}`,
      }),
    );
  }
  const testing = bucket(r, testingModes);
  if (testing.failed > 0) {
    out.push(
      finding('reports-failures-testing', 'testing', {
        domain,
        ...focus(testing),
        message:
          `Switching to enforce would have failed ${fmt(testing.failed)} sessions ` +
          `(${pct(testing.failed, testing.total)} of the ${fmt(testing.total)} sessions under testing or no policy) ` +
          `reported by ${orgs(testing.reporters)} in reports of ${period(r)}.${details(testing)}`,
      }),
    );
  }
  return out;
}

interface Bucket {
  failed: number;
  total: number;
  reporters: string[];
  byResultType: [string, number][];
  byMx: [string, number][];
}

function bucket(r: DomainReports, modes: AppliedMode[]): Bucket {
  let failed = 0;
  let total = 0;
  const reporters = new Set<string>();
  const types = new Map<string, number>();
  const mx = new Map<string, number>();
  for (const mode of modes) {
    const sessions = r.sessionsByMode[mode];
    failed += sessions.failed;
    total += sessions.failed + sessions.successful;
    r.failingReportersByMode[mode].forEach((o) => reporters.add(o));
    for (const [k, n] of Object.entries(r.failuresByMode[mode].byResultType))
      types.set(k, (types.get(k) ?? 0) + n);
    for (const [k, n] of Object.entries(r.failuresByMode[mode].byMx)) mx.set(k, (mx.get(k) ?? 0) + n);
  }
  const top = (m: Map<string, number>): [string, number][] =>
    [...m].filter(([, n]) => n > 0).sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb));
  return { failed, total, reporters: [...reporters].sort(), byResultType: top(types), byMx: top(mx) };
}

function focus(b: Bucket): { subject?: string; resultType?: ResultType } {
  const out: { subject?: string; resultType?: ResultType } = {};
  const mx = b.byMx.find(([host]) => !host.startsWith('('));
  if (mx) out.subject = mx[0];
  const type = b.byResultType[0]?.[0];
  if (type !== undefined) out.resultType = KNOWN_RESULT_TYPES.has(type) ? (type as ResultType) : 'other';
  return out;
}

function details(b: Bucket): string {
  const list = (entries: [string, number][]): string =>
    entries
      .slice(0, TOP_N)
      .map(([k, n]) => `${k} ${fmt(n)}`)
      .join(', ') + (entries.length > TOP_N ? `, and ${entries.length - TOP_N} more` : '');
  const parts: string[] = [];
  if (b.byResultType.length > 0) parts.push(` Top result types: ${list(b.byResultType)}.`);
  if (b.byMx.length > 0) parts.push(` MX: ${list(b.byMx)}.`);
  return parts.join('');
}

/** reports-stale-policy: a reporter's newest report applied a policy other than the reference. */
function stale(domain: string, r: DomainReports, evidence: ReportEvidence): Finding[] {
  const given = evidence.reference;
  if (!given) return [];
  const label = given.label;
  const reference: PolicyEssence | null = given.policy
    ? essenceFromPolicy(given.policy)
    : given.text !== null
      ? essenceFromText(given.text)
      : null;
  if (!reference) return [];
  const stale: string[] = [];
  for (const latest of r.latestByReporter) {
    const diffs = new Set<string>();
    for (const p of latest.policies) {
      if (p.policyType !== 'sts' || !p.essence) continue;
      for (const d of essenceDifferences(p.essence, reference)) diffs.add(d);
    }
    if (diffs.size > 0)
      stale.push(`${latest.organization} (report of ${latest.date}): ${[...diffs].join(', ')}`);
  }
  if (stale.length === 0) return [];
  return [
    finding('reports-stale-policy', evidence.mode, {
      domain,
      message:
        `${stale.length === 1 ? 'A reporter' : `${stale.length} reporters`} still applied a policy other than the ` +
        `${label} one in their newest report: ${stale.join('; ')}.`,
    }),
  ];
}

/** The days that have reports, e.g. "2024-02-16 to 2024-02-22". */
function period(r: DomainReports): string {
  const days = r.summary.days.filter((d) => (d as { reports?: number }).reports !== 0);
  const first = days[0]?.date;
  const last = days[days.length - 1]?.date;
  if (!first || !last) return 'the report window';
  return first === last ? first : `${first} to ${last}`;
}

function orgs(list: string[]): string {
  if (list.length === 0) return 'no organization';
  const names =
    list.slice(0, TOP_N).join(', ') + (list.length > TOP_N ? ` and ${list.length - TOP_N} more` : '');
  return `${list.length} organization${list.length === 1 ? '' : 's'} (${names})`;
}

function fmt(n: number): string {
  return n.toLocaleString('en-US');
}

function pct(part: number, total: number): string {
  if (total === 0) return 'n/a';
  const p = (100 * part) / total;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`;
}
