/**
 * TLS-RPT reports aggregated per policy domain (RFC 8460 §4) over the report window.
 *
 * Reports are added one at a time (a mailbox of 50,000 reports is never held whole): each adds
 * into a bucket per policy domain, which counts sessions per UTC day beside its breakdowns
 * (only the day list needs days; a bucket per domain and day cost a bucket per few reports,
 * issue 11 item 5). The window is the `--report-window-days` UTC days
 * ending on the day of the run's clock (report-window.ts, issue 10 item 5): a report that ended
 * before it is counted as too old, one dated in the future is refused (the caller reports it).
 *
 * Session totals come from each policy's `summary`; the breakdowns (result type, MX, reporter,
 * sending IP) sum `failed-session-count` over `failure-details`. When the two disagree (Mail.ru
 * does, QUIRKS.md) both are kept as sent and the mismatch is listed.
 */
import { essenceFromLines, essenceKey, type PolicyEssence } from './applied-policy.js';
import type { StsMode } from './findings.js';
import {
  reportKeyWithinOrganization,
  type PolicyType,
  type QuirkCode,
  type TlsReport,
  type TlsReportPolicy,
} from './report.js';
import type { DomainReportSummary } from './result.js';
import { placeReport, windowDates, type ReportWindow } from './report-window.js';
import { compareText } from './text-order.js';

/** The mode a sender applied: RFC 8460 §4.4 policy-type and the `mode` in its policy-string. */
export type AppliedMode = StsMode | 'unknown';

/** Per reporting organization, the policies its newest report in the window applied. */
export interface ReporterLatest {
  organization: string;
  reportId: string | null;
  /** UTC day of the report's start, YYYY-MM-DD. */
  date: string;
  policies: { policyType: PolicyType; essence: PolicyEssence | null }[];
}

export interface DomainReports {
  domain: string;
  /** The contract summary (DESIGN.md domains[].reports), with the extensions of issue 4. */
  summary: DomainReportSummary;
  /** Failed and successful sessions (summary counts) by the mode senders applied. */
  sessionsByMode: Record<AppliedMode, { successful: number; failed: number }>;
  /** Failed sessions per result type and mode (from failure-details). */
  failuresByMode: Record<AppliedMode, { byResultType: Record<string, number>; byMx: Record<string, number> }>;
  /** Reporting organizations per applied mode (those that reported failures). */
  failingReportersByMode: Record<AppliedMode, string[]>;
  latestByReporter: ReporterLatest[];
  /**
   * Failed sessions per applied policy, MX, result type and reporter, with the first and last
   * day seen (the rollout advisor: what would break, who saw it, since when). At most
   * MAX_BREAKDOWN_KEYS cells; absent in aggregates made before it existed.
   */
  failureCells?: FailureCell[];
}

export interface FailureCell {
  policyType: PolicyType;
  mode: AppliedMode;
  /** essenceKey of the applied policy, or null when the reporter sent no policy-string. */
  policy: string | null;
  mx: string;
  resultType: string;
  reporter: string;
  failed: number;
  firstDate: string;
  lastDate: string;
}

export interface AppliedPolicySummary {
  policyType: PolicyType;
  mode: AppliedMode;
  /** Normalised policy (mode, max_age, mx), or null when the reporter sent no policy-string. */
  policy: string | null;
  /** The policy-string as first seen, trailing CR removed. */
  policyString: string[] | null;
  mxHost: string[];
  reports: number;
  successful: number;
  failed: number;
  reporters: string[];
  firstDate: string;
  lastDate: string;
}

export interface SummaryMismatch {
  reporter: string;
  reportId: string | null;
  date: string;
  summaryFailed: number;
  detailsFailed: number;
}

export interface AggregateResult {
  byDomain: Map<string, DomainReports>;
  /** Distinct reports added (duplicates excluded). */
  unique: number;
  duplicates: number;
  /** Distinct reports that ended before the window. */
  outsideWindow: number;
  /** Distinct reports dated in the future (refused: the caller lists them as report-invalid). */
  future: number;
  /** The window, as UTC days (YYYY-MM-DD), from the run's clock. */
  window: { start: string; end: string };
}

/** When the newest report of a reporter ended, and its day. */
interface LatestWhen {
  endMs: number;
  day: number;
}

/** What became of one report handed to the aggregator. */
export type AddOutcome = 'added' | 'duplicate' | 'too-old' | 'future';

const DAY_MS = 86_400_000;
const MODES: readonly AppliedMode[] = ['enforce', 'testing', 'none', 'unknown'];

/**
 * Distinct keys kept per breakdown per domain. Sending IPs are unbounded in a large
 * mailbox; beyond this, counts go to OTHER_KEY so memory stays bounded and totals stay exact.
 */
export const MAX_BREAKDOWN_KEYS = 5_000;
export const OTHER_KEY = '(other)';
/** Breakdown key when a failure-detail leaves the field out (Mail.ru sends no MX or IP). */
export const NOT_REPORTED = '(not reported)';
/**
 * Distinct (domain, sending IP) entries kept across all buckets. Sending IPs are the one
 * breakdown without a natural bound (a big sender has thousands); past this budget new IPs are
 * counted under OTHER_KEY, so memory stays bounded (about 10 MB) and totals stay exact.
 */
export const MAX_SENDING_IP_ENTRIES = 100_000;
/** Sending IPs listed per domain in the result (the rest are summed under OTHER_KEY). */
export const MAX_LISTED_SENDING_IPS = 100;
/** Mismatch examples kept per domain (the count is always exact). */
export const MAX_MISMATCH_EXAMPLES = 20;

interface PolicyBucket {
  policyType: PolicyType;
  mode: AppliedMode;
  policy: string | null;
  policyString: string[] | null;
  mxHost: string[];
  reports: number;
  successful: number;
  failed: number;
  reporters: Set<string>;
  firstDay: number;
  lastDay: number;
  /**
   * This policy's failure cells by reporter, then by `mx \0 result type` pair: two lookups on
   * strings the report already holds, instead of a key joined from three for every pair.
   */
  cells: Map<string, Map<string, CellBucket>>;
}

/** Sessions and reports of one domain on one UTC day. */
interface DayCounts {
  reports: number;
  successful: number;
  failed: number;
}

/** Everything one policy domain's reports add up to; `days` for the day list. */
interface DomainBucket {
  reports: number;
  successful: number;
  failed: number;
  days: Map<number, DayCounts>;
  byReporter: Map<string, number>;
  bySendingIp: Map<string, number>;
  reporters: Map<string, { reports: number; successful: number; failed: number }>;
  modes: Map<AppliedMode, ModeBucket>;
  policies: Map<string, PolicyBucket>;
  /** Every failure cell of the domain (at most MAX_BREAKDOWN_KEYS), in the order first seen. */
  cells: CellBucket[];
  mismatches: SummaryMismatch[];
  mismatchCount: number;
  quirks: Map<string, number>;
}

type CellBucket = Omit<FailureCell, 'firstDate' | 'lastDate'> & { firstDay: number; lastDay: number };

interface ModeBucket {
  successful: number;
  failed: number;
  byResultType: Map<string, number>;
  byMx: Map<string, number>;
  failingReporters: Set<string>;
}

/**
 * A policy's failure-details (RFC 8460 §4.4) summed per breakdown key, in the order each key
 * first appears. Adding a tally is exactly the same as adding its details one by one (the key
 * caps admit keys in first-appearance order either way), but it can be built off the main
 * thread and holds one entry per distinct key (or plain columns) instead of an object per detail.
 */
export interface FailureTally {
  /** failure-details entries (0: the reporter sent none). */
  details: number;
  /** Sum of their failed-session-count. */
  failed: number;
  /** Keys (result type as sent) and counts, in parallel arrays. */
  resultTypes: string[];
  resultTypeCounts: ArrayLike<number>;
  /** receiving-mx-hostname, or NOT_REPORTED. */
  mxs: string[];
  mxCounts: ArrayLike<number>;
  /**
   * sending-mta-ip (or NOT_REPORTED) and count of every detail, not summed: a large sender's
   * details each name another IP, so summing would only cost a map insert per detail.
   */
  ips: string[];
  ipCounts: ArrayLike<number>;
  /** `mx \0 result type` pairs and counts, for the failure cells. */
  pairs?: string[];
  pairCounts?: ArrayLike<number>;
}

export type DigestedPolicy = Omit<TlsReportPolicy, 'failureDetails'> & {
  tally: FailureTally;
  /** The policy-string read once (on the thread that parsed the report), null without one. */
  essence: PolicyEssence | null;
  /** essenceKey(essence), or null. */
  essenceKey: string | null;
  /**
   * The key of the applied policy's bucket (policy type and essenceKey): one string per
   * distinct policy, made once, so the aggregator's lookups never build and hash it again.
   */
  bucketKey: string;
};

/** A report with each policy's failure-details tallied: what the aggregator needs of it. */
export type ReportDigest = Omit<TlsReport, 'policies'> & { policies: DigestedPolicy[] };

/**
 * The tally of a policy without failure-details (most small reports): one shared, frozen
 * object, which the aggregator only reads.
 */
export const EMPTY_TALLY: FailureTally = Object.freeze({
  details: 0,
  failed: 0,
  resultTypes: Object.freeze([]) as unknown as string[],
  resultTypeCounts: Object.freeze([]),
  mxs: Object.freeze([]) as unknown as string[],
  mxCounts: Object.freeze([]),
  ips: Object.freeze([]) as unknown as string[],
  ipCounts: Object.freeze([]),
  pairs: Object.freeze([]) as unknown as string[],
  pairCounts: Object.freeze([]),
});

/**
 * Tallies the failure-details of every policy of a report (see FailureTally). Hot path (every
 * report): objects are built field by field, without spreads, and the policy-string's essence
 * is shared from the cache (frozen, so no reader can change another report's).
 */
export function digestReport(report: TlsReport): ReportDigest {
  const source = report.policies;
  const policies = new Array<DigestedPolicy>(source.length);
  for (let i = 0; i < source.length; i++) {
    const p = source[i]!;
    const read = p.policyString ? readPolicyString(p.policyString) : null;
    policies[i] = {
      policyType: p.policyType,
      rawPolicyType: p.rawPolicyType,
      policyString: p.policyString,
      policyDomain: p.policyDomain,
      mxHost: p.mxHost,
      totalSuccessfulSessionCount: p.totalSuccessfulSessionCount,
      totalFailureSessionCount: p.totalFailureSessionCount,
      tally: p.failureDetails.length === 0 ? EMPTY_TALLY : tallyDetails(p.failureDetails),
      essence: read ? read.essence : null,
      essenceKey: read ? read.key : null,
      bucketKey: read ? read.bucketKey(p.policyType) : policyBucketKey(p.policyType, null),
    };
  }
  return {
    organizationName: report.organizationName,
    startMs: report.startMs,
    endMs: report.endMs,
    contactInfo: report.contactInfo,
    reportId: report.reportId,
    policies,
    quirks: report.quirks,
  };
}

interface ReadPolicyString {
  lines: readonly string[];
  essence: PolicyEssence;
  key: string;
  bucketKey: (type: PolicyType) => string;
}

/** The bucket key of a policy type and essenceKey (see DigestedPolicy.bucketKey). */
function policyBucketKey(type: PolicyType, key: string | null): string {
  return `${type}\u0000${key ?? ''}`;
}

/** Bucket keys per policy type, made on first use. */
function bucketKeys(key: string): (type: PolicyType) => string {
  const made = new Map<PolicyType, string>();
  return (type) => {
    let k = made.get(type);
    if (k === undefined) made.set(type, (k = policyBucketKey(type, key)));
    return k;
  };
}

/**
 * Policy-strings already read: a domain's reporters send the same few policies again and again
 * (issue 11 item 5: 20,000 small reports). Keyed by the lines joined; a line may hold any
 * character, so a hit is compared line by line, and a clash is read afresh.
 */
const POLICY_STRINGS = new Map<string, ReadPolicyString>();
/** Policy-strings cached at most (then cleared: a hostile input cannot grow it). */
const MAX_POLICY_STRINGS = 1_000;

function readPolicyString(lines: readonly string[]): ReadPolicyString {
  const text = lines.join('\n');
  const cached = POLICY_STRINGS.get(text);
  if (cached !== undefined && sameLines(cached.lines, lines)) return cached;
  const essence = essenceFromLines(lines);
  Object.freeze(essence.mx);
  const key = essenceKey(essence);
  const read = { lines: [...lines], essence: Object.freeze(essence), key, bucketKey: bucketKeys(key) };
  if (cached !== undefined) return read;
  if (POLICY_STRINGS.size >= MAX_POLICY_STRINGS) POLICY_STRINGS.clear();
  POLICY_STRINGS.set(text, read);
  return read;
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

function tallyDetails(details: TlsReportPolicy['failureDetails']): FailureTally {
  const resultTypes = new KeyTally();
  const mxs = new KeyTally();
  const pairs = new KeyTally();
  // Plain arrays, not typed ones: a tally crosses threads as JSON (src/reports/pool.ts).
  const ips = new Array<string>(details.length);
  const ipCounts = new Array<number>(details.length);
  let failed = 0;
  for (let i = 0; i < details.length; i++) {
    const d = details[i]!;
    const n = d.failedSessionCount;
    failed += n;
    const type = d.resultType === 'other' ? d.rawResultType : d.resultType;
    const mx = d.receivingMxHostname ?? NOT_REPORTED;
    resultTypes.add(type, n);
    mxs.add(mx, n);
    pairs.add(`${mx}\u0000${type}`, n);
    ips[i] = d.sendingMtaIp ?? NOT_REPORTED;
    ipCounts[i] = n;
  }
  return {
    details: details.length,
    failed,
    resultTypes: resultTypes.keys,
    resultTypeCounts: resultTypes.counts,
    mxs: mxs.keys,
    mxCounts: mxs.counts,
    ips,
    ipCounts,
    pairs: pairs.keys,
    pairCounts: pairs.counts,
  };
}

/** Keys before a tally switches from a linear scan to a map: result types and MX are few. */
const LINEAR_KEYS = 16;

/** Sums per key in first-appearance order; a scan of a few keys beats hashing every detail's. */
class KeyTally {
  readonly keys: string[] = [];
  readonly counts: number[] = [];
  private index: Map<string, number> | null = null;

  add(key: string, n: number): void {
    const { keys } = this;
    if (this.index === null) {
      for (let i = 0; i < keys.length; i++) {
        if (keys[i] === key) {
          this.counts[i]! += n;
          return;
        }
      }
      keys.push(key);
      this.counts.push(n);
      if (keys.length > LINEAR_KEYS) this.index = new Map(keys.map((k, i) => [k, i]));
      return;
    }
    const i = this.index.get(key);
    if (i !== undefined) {
      this.counts[i]! += n;
      return;
    }
    this.index.set(key, keys.length);
    keys.push(key);
    this.counts.push(n);
  }
}

/** The applied mode of one reported policy (RFC 8460 §4.4 policy-type, RFC 8461 §5 modes). */
export function appliedMode(
  policy: Pick<TlsReportPolicy, 'policyType'>,
  essence: PolicyEssence | null,
): AppliedMode {
  switch (policy.policyType) {
    case 'tlsa':
      // RFC 7672 §2.2: usable TLSA records are always enforced; failures defer the mail.
      return 'enforce';
    case 'no-policy-found':
      return 'none';
    case 'sts':
      return essence?.mode ?? 'unknown';
    default:
      return 'unknown';
  }
}

export function utcDay(ms: number): number {
  return Math.floor(ms / DAY_MS);
}

/** Day strings already made: toISOString costs microseconds, and a window repeats its days. */
const DAY_STRINGS = new Map<number, string>();
/** Cached day strings at most (a window of ten years is 3,650). */
const MAX_DAY_STRINGS = 10_000;

export function dayString(day: number): string {
  let s = DAY_STRINGS.get(day);
  if (s === undefined) {
    s = new Date(day * DAY_MS).toISOString().slice(0, 10);
    if (DAY_STRINGS.size < MAX_DAY_STRINGS) DAY_STRINGS.set(day, s);
  }
  return s;
}

/** The day a report belongs to: the UTC day its range starts on. */
function reportDay(r: Pick<TlsReport, 'startMs'>): number {
  return utcDay(r.startMs);
}

/** Incremental aggregation; see the module comment. Pure: no I/O, no clock. */
export class ReportAggregator {
  /**
   * reportKey of every report added, as organization-name → the rest: two lookups on strings
   * the report holds, instead of a joined key per report (issue 11 item 5).
   */
  private readonly seen = new Map<string, Set<string>>();
  private readonly domains = new Map<string, DomainBucket>();
  /** Per domain and reporting organization, its newest report (dated by finish()). */
  private readonly latest = new Map<string, Map<string, Omit<ReporterLatest, 'date'> & LatestWhen>>();
  private readonly ipBudget = { left: MAX_SENDING_IP_ENTRIES };
  private duplicates = 0;
  private unique = 0;
  private tooOld = 0;
  private future = 0;

  constructor(readonly window: ReportWindow) {}

  /** Adds one report; says whether it was added, a duplicate, too old or future-dated. */
  add(report: TlsReport): AddOutcome {
    return this.addDigest(digestReport(report));
  }

  /** Adds one report whose failure-details are already tallied (e.g. by a worker thread). */
  addDigest(report: ReportDigest): AddOutcome {
    let ofOrganization = this.seen.get(report.organizationName);
    if (ofOrganization === undefined) this.seen.set(report.organizationName, (ofOrganization = new Set()));
    const key = reportKeyWithinOrganization(report);
    if (ofOrganization.has(key)) {
      this.duplicates++;
      return 'duplicate';
    }
    ofOrganization.add(key);
    const placement = placeReport(this.window, report.startMs, report.endMs);
    if (placement === 'future') {
      this.future++;
      return 'future';
    }
    this.unique++;
    if (placement === 'too-old') {
      this.tooOld++;
      return 'too-old';
    }
    // A range that began before the window (or a little after the clock) counts on its edge day.
    const day = Math.min(Math.max(reportDay(report), this.window.firstDay), this.window.lastDay);
    const { policies } = report;
    for (let i = 0; i < policies.length; i++) {
      const policy = policies[i]!;
      const bucket = this.bucket(policy.policyDomain);
      let counts = bucket.days.get(day);
      if (!counts) bucket.days.set(day, (counts = { reports: 0, successful: 0, failed: 0 }));
      // The first policy of its domain in this report (a report lists a few policies at most).
      if (firstOfDomain(policies, i)) {
        bucket.reports++;
        counts.reports++;
        for (const q of report.quirks) bump(bucket.quirks, q.code as QuirkCode, 1);
        const rep = bucket.reporters.get(report.organizationName) ?? { reports: 0, successful: 0, failed: 0 };
        rep.reports++;
        bucket.reporters.set(report.organizationName, rep);
        this.noteLatest(policy.policyDomain, report, day);
      }
      addPolicy(bucket, counts, report, policy, day, this.ipBudget);
    }
    return 'added';
  }

  finish(): AggregateResult {
    const byDomain = new Map<string, DomainReports>();
    for (const [domain, b] of [...this.domains].sort(([a], [b]) => compareText(a, b))) {
      byDomain.set(domain, this.domainResult(domain, b, this.window.firstDay));
    }
    return {
      byDomain,
      unique: this.unique,
      duplicates: this.duplicates,
      outsideWindow: this.tooOld,
      future: this.future,
      window: windowDates(this.window),
    };
  }

  private bucket(domain: string): DomainBucket {
    let b = this.domains.get(domain);
    if (!b) this.domains.set(domain, (b = emptyBucket()));
    return b;
  }

  private noteLatest(domain: string, r: ReportDigest, day: number): void {
    let byOrg = this.latest.get(domain);
    if (!byOrg) this.latest.set(domain, (byOrg = new Map()));
    const current = byOrg.get(r.organizationName);
    if (current && current.endMs >= r.endMs) return;
    byOrg.set(r.organizationName, {
      organization: r.organizationName,
      reportId: r.reportId,
      endMs: r.endMs,
      day,
      policies: appliedPolicies(r.policies, domain),
    });
  }

  private domainResult(domain: string, total: DomainBucket, firstDay: number): DomainReports {
    const { days } = total;
    const byResultType = new Map<string, number>();
    const byMx = new Map<string, number>();
    for (const m of total.modes.values()) {
      mergeMap(byResultType, m.byResultType);
      mergeMap(byMx, m.byMx);
    }
    // From the domain's first report in the window (not the window's first day: a long
    // window over a few reports would list years of empty days) to the newest day.
    const dayList = [];
    for (let d = Math.max(firstDay, Math.min(...days.keys())); d <= this.window.lastDay; d++) {
      const b = days.get(d);
      dayList.push({
        date: dayString(d),
        successful: b?.successful ?? 0,
        failed: b?.failed ?? 0,
        reports: b?.reports ?? 0,
      });
    }
    const policies: AppliedPolicySummary[] = [...total.policies.values()]
      .sort((a, b) => b.successful + b.failed - (a.successful + a.failed))
      .map((p) => ({
        policyType: p.policyType,
        mode: p.mode,
        policy: p.policy,
        policyString: p.policyString,
        mxHost: p.mxHost,
        reports: p.reports,
        successful: p.successful,
        failed: p.failed,
        reporters: [...p.reporters].sort(),
        firstDate: dayString(p.firstDay),
        lastDate: dayString(p.lastDay),
      }));
    const sessionsByMode = {} as DomainReports['sessionsByMode'];
    const failuresByMode = {} as DomainReports['failuresByMode'];
    const failingReportersByMode = {} as DomainReports['failingReportersByMode'];
    for (const mode of MODES) {
      const m = total.modes.get(mode);
      sessionsByMode[mode] = { successful: m?.successful ?? 0, failed: m?.failed ?? 0 };
      failuresByMode[mode] = { byResultType: sorted(m?.byResultType), byMx: sorted(m?.byMx) };
      failingReportersByMode[mode] = [...(m?.failingReporters ?? [])].sort();
    }
    const latest: ReporterLatest[] = [...(this.latest.get(domain)?.values() ?? [])]
      .filter((l) => l.day >= firstDay)
      .map(({ organization, reportId, day, policies: p }) => ({
        organization,
        reportId,
        date: dayString(day),
        policies: p,
      }))
      .sort((a, b) => compareText(a.organization, b.organization));
    const summary: DomainReportSummary = {
      successfulSessions: total.successful,
      failedSessions: total.failed,
      byResultType: sorted(byResultType),
      byMx: sorted(byMx),
      byReporter: sorted(total.byReporter),
      days: dayList,
      reportCount: total.reports,
      window: windowDates(this.window),
      reporters: Object.fromEntries([...total.reporters].sort(([a], [b]) => compareText(a, b))),
      bySendingIp: topWithOther(total.bySendingIp, MAX_LISTED_SENDING_IPS),
      sessionsByMode,
      policies,
      mismatchCount: total.mismatchCount,
      mismatches: total.mismatches.slice(0, MAX_MISMATCH_EXAMPLES),
      quirks: sorted(total.quirks),
    };
    return {
      domain,
      summary,
      sessionsByMode,
      failuresByMode,
      failingReportersByMode,
      latestByReporter: latest,
      failureCells: [...total.cells]
        .sort((a, b) => b.failed - a.failed || compareText(a.mx, b.mx) || compareText(a.reporter, b.reporter))
        .map(failureCell),
    };
  }
}

/** The policy type and essence of each of a report's policies for `domain` (a loop: no closures per report). */
function appliedPolicies(policies: readonly DigestedPolicy[], domain: string): ReporterLatest['policies'] {
  const out: ReporterLatest['policies'] = [];
  for (const p of policies)
    if (p.policyDomain === domain) out.push({ policyType: p.policyType, essence: p.essence });
  return out;
}

/** A cell as the result lists it (field by field: a rest and a spread per cell cost more). */
function failureCell(c: CellBucket): FailureCell {
  return {
    policyType: c.policyType,
    mode: c.mode,
    policy: c.policy,
    mx: c.mx,
    resultType: c.resultType,
    reporter: c.reporter,
    failed: c.failed,
    firstDate: dayString(c.firstDay),
    lastDate: dayString(c.lastDay),
  };
}

/** True when no policy before the i-th names the same domain. */
function firstOfDomain(policies: readonly DigestedPolicy[], i: number): boolean {
  const domain = policies[i]!.policyDomain;
  for (let j = 0; j < i; j++) if (policies[j]!.policyDomain === domain) return false;
  return true;
}

function addPolicy(
  b: DomainBucket,
  counts: DayCounts,
  r: ReportDigest,
  p: DigestedPolicy,
  day: number,
  ipBudget: { left: number },
): void {
  const { essence } = p;
  const mode = appliedMode(p, essence);
  const successful = p.totalSuccessfulSessionCount;
  const failed = p.totalFailureSessionCount;
  b.successful += successful;
  b.failed += failed;
  counts.successful += successful;
  counts.failed += failed;
  const rep = b.reporters.get(r.organizationName)!;
  rep.successful += successful;
  rep.failed += failed;
  let m = b.modes.get(mode);
  if (!m) {
    m = { successful: 0, failed: 0, byResultType: new Map(), byMx: new Map(), failingReporters: new Set() };
    b.modes.set(mode, m);
  }
  m.successful += successful;
  m.failed += failed;
  if (failed > 0) m.failingReporters.add(r.organizationName);
  // Hot loop: the totals by result type and MX are summed from the per-mode maps at the end.
  const t = p.tally;
  for (let i = 0; i < t.resultTypes.length; i++)
    bump(m.byResultType, t.resultTypes[i]!, t.resultTypeCounts[i]!);
  for (let i = 0; i < t.mxs.length; i++) bump(m.byMx, t.mxs[i]!, t.mxCounts[i]!);
  // Once the budget is spent no key is added in this loop, so the overflow can be summed
  // locally and added under OTHER_KEY once (same map, same insertion order).
  let overflow = 0;
  let overflowed = false;
  for (let i = 0; i < t.ips.length; i++) {
    const ip = t.ips[i]!;
    const n = t.ipCounts[i]!;
    const current = b.bySendingIp.get(ip);
    if (current !== undefined) b.bySendingIp.set(ip, current + n);
    else if (ipBudget.left > 0) {
      ipBudget.left--;
      b.bySendingIp.set(detached(ip), n);
    } else {
      overflow += n;
      overflowed = true;
    }
  }
  if (overflowed) b.bySendingIp.set(OTHER_KEY, (b.bySendingIp.get(OTHER_KEY) ?? 0) + overflow);
  const detailsFailed = t.failed;
  bump(b.byReporter, r.organizationName, detailsFailed);
  if (t.details > 0 && detailsFailed !== failed) {
    b.mismatchCount++;
    if (b.mismatches.length < MAX_MISMATCH_EXAMPLES) {
      b.mismatches.push({
        reporter: r.organizationName,
        reportId: r.reportId,
        date: dayString(day),
        summaryFailed: failed,
        detailsFailed,
      });
    }
  }
  const key = p.bucketKey;
  let pb = b.policies.get(key);
  if (!pb) {
    pb = {
      policyType: p.policyType,
      mode,
      policy: p.essenceKey,
      policyString: p.policyString ? p.policyString.map((s) => s.replace(/\r$/, '')) : null,
      mxHost: p.mxHost,
      reports: 0,
      successful: 0,
      failed: 0,
      reporters: new Set(),
      firstDay: day,
      lastDay: day,
      cells: new Map(),
    };
    b.policies.set(key, pb);
  }
  pb.reports++;
  pb.successful += successful;
  pb.failed += failed;
  pb.reporters.add(r.organizationName);
  if (day < pb.firstDay) pb.firstDay = day;
  if (day > pb.lastDay) pb.lastDay = day;
  const pairs = t.pairs ?? [];
  let byPair: Map<string, CellBucket> | undefined;
  for (let i = 0; i < pairs.length; i++) {
    const n = t.pairCounts![i]!;
    if (n <= 0) continue;
    byPair ??= pb.cells.get(r.organizationName);
    const cell = byPair?.get(pairs[i]!);
    if (cell) {
      cell.failed += n;
      if (day < cell.firstDay) cell.firstDay = day;
      if (day > cell.lastDay) cell.lastDay = day;
    } else if (b.cells.length < MAX_BREAKDOWN_KEYS) {
      const [mx, resultType] = pairs[i]!.split('\u0000') as [string, string];
      const made: CellBucket = {
        policyType: p.policyType,
        mode,
        policy: pb.policy,
        mx,
        resultType,
        reporter: r.organizationName,
        failed: n,
        firstDay: day,
        lastDay: day,
      };
      if (byPair === undefined) pb.cells.set(r.organizationName, (byPair = new Map()));
      byPair.set(pairs[i]!, made);
      b.cells.push(made);
    }
  }
}

/**
 * A flat copy of a string kept as a key. A worker's sending IPs arrive as slices of one packed
 * string per report (src/reports/pool.ts), and V8 makes slices of 13 characters and more point
 * into their parent: kept as is, one key would hold a whole report's IPs alive.
 */
function detached(s: string): string {
  return s.length < 13 ? s : (JSON.parse(JSON.stringify(s)) as string);
}

function emptyBucket(): DomainBucket {
  return {
    reports: 0,
    successful: 0,
    failed: 0,
    days: new Map(),
    byReporter: new Map(),
    bySendingIp: new Map(),
    reporters: new Map(),
    modes: new Map(),
    policies: new Map(),
    cells: [],
    mismatches: [],
    mismatchCount: 0,
    quirks: new Map(),
  };
}

function bump(map: Map<string, number>, key: string, n: number): void {
  const current = map.get(key);
  if (current !== undefined) map.set(key, current + n);
  else if (map.size < MAX_BREAKDOWN_KEYS) map.set(key, n);
  else map.set(OTHER_KEY, (map.get(OTHER_KEY) ?? 0) + n);
}

function mergeMap(into: Map<string, number>, from: Map<string, number>): void {
  for (const [k, v] of from) bump(into, k, v);
}

/** Largest first, then by name: the order renderers show. */
function sorted(map: Map<string, number> | undefined): Record<string, number> {
  if (!map) return {};
  return Object.fromEntries([...map].sort(byCountThenName));
}

/** Largest count first, then plain code-unit order of the key: localeCompare is far slower on thousands of sending IPs. */
function byCountThenName([ka, a]: [string, number], [kb, b]: [string, number]): number {
  return b - a || (ka < kb ? -1 : ka > kb ? 1 : 0);
}

/**
 * The `limit` largest entries (in byCountThenName order), the rest summed under OTHER_KEY.
 * A domain of a large mailbox has thousands of sending IPs, of which 100 are listed, and
 * finish() runs once, in code not yet optimized (issue 11 item 5): so the counts are sorted as
 * numbers (natively), which gives the count of the last entry listed; only entries at or above
 * it are compared by name.
 */
export function topWithOther(map: Map<string, number>, limit: number): Record<string, number> {
  // Keys and counts in parallel arrays (forEach: no entry array per key).
  const keys = new Array<string>(map.size);
  const counts = new Float64Array(map.size);
  let n = 0;
  let total = 0;
  let other = 0;
  map.forEach((count, key) => {
    if (key === OTHER_KEY) other = count;
    else {
      keys[n] = key;
      counts[n++] = count;
      total += count;
    }
  });
  // The count of the last entry listed: entries below it are only summed.
  let least = Number.NEGATIVE_INFINITY;
  if (limit <= 0) least = Number.POSITIVE_INFINITY;
  else if (n > limit) least = counts.slice(0, n).sort()[n - limit]!;
  const top: [string, number][] = [];
  for (let i = 0; i < n; i++) if (counts[i]! >= least) top.push([keys[i]!, counts[i]!]);
  top.sort(byCountThenName);
  if (top.length > limit) top.length = Math.max(0, limit);
  const out: Record<string, number> = {};
  let listed = 0;
  for (const [key, count] of top) {
    // As Object.fromEntries would (an own property), for a sender that names "__proto__".
    if (key === '__proto__')
      Object.defineProperty(out, key, { value: count, enumerable: true, writable: true, configurable: true });
    else out[key] = count;
    listed += count;
  }
  const rest = other + total - listed;
  if (rest > 0) out[OTHER_KEY] = rest;
  return out;
}

/** Convenience for tests and small inputs: aggregate a list of reports at once. */
export function aggregateReports(reports: Iterable<TlsReport>, window: ReportWindow): AggregateResult {
  const agg = new ReportAggregator(window);
  for (const r of reports) agg.add(r);
  return agg.finish();
}
