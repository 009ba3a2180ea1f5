/**
 * TLS-RPT report JSON (RFC 8460 §4) → typed report. One converting parser turns the kebab-case
 * wire shape (`TlsReportJson`, as received) into the camelCase `TlsReport`, tolerating the
 * reporter quirks recorded in corpus/QUIRKS.md and noting each one it tolerated.
 *
 * Tolerant where we read others' output (STYLE.md): numeric strings, zone-less dates, `mx-host`
 * as string, array or `mx-host-pattern`, unknown result types kept as `other`. Strict where a
 * value would change the totals: negative or fractional counts, wrong JSON types and missing
 * required members make the whole report unusable, so one bad report never skews a domain.
 */
import { RFC8460_RESULT_TYPES, type ResultType } from './findings.js';
import { toALabels } from './idn.js';

/** RFC 8460 §4.4 wire shape, as received (values not yet trusted). */
export interface TlsReportJson {
  'organization-name': string;
  'date-range': { 'start-datetime': string; 'end-datetime': string };
  'contact-info'?: string;
  'report-id': string;
  policies: TlsReportPolicyJson[];
}

export interface TlsReportPolicyJson {
  policy: {
    'policy-type': string;
    'policy-string'?: string[];
    'policy-domain'?: string;
    /** RFC 8460 §4.4 example: a string; erratum 6241 and Google: an array. */
    'mx-host'?: string | string[];
    /** The RFC's field list spells it this way. */
    'mx-host-pattern'?: string | string[];
  };
  summary: {
    /** Numbers; some reporters send numeric strings. */
    'total-successful-session-count': number | string;
    'total-failure-session-count': number | string;
  };
  'failure-details'?: FailureDetailJson[];
}

export interface FailureDetailJson {
  'result-type': string;
  'sending-mta-ip'?: string;
  'receiving-mx-hostname'?: string;
  'receiving-mx-helo'?: string;
  'receiving-ip'?: string;
  'failed-session-count': number | string;
  'additional-information'?: string;
  'failure-reason-code'?: string;
}

/** RFC 8460 §4.4 policy-type values, plus `other` for anything else. */
export type PolicyType = 'sts' | 'tlsa' | 'no-policy-found' | 'other';

export interface FailureDetail {
  resultType: ResultType;
  /** As sent (differs from resultType only when resultType is `other`). */
  rawResultType: string;
  sendingMtaIp: string | null;
  receivingMxHostname: string | null;
  receivingMxHelo: string | null;
  receivingIp: string | null;
  failedSessionCount: number;
  additionalInformation: string | null;
  failureReasonCode: string | null;
}

export interface TlsReportPolicy {
  policyType: PolicyType;
  rawPolicyType: string;
  /** The policy text as the sender applied it, one item per line; null when not sent. */
  policyString: string[] | null;
  /** Lower case, no trailing dot. */
  policyDomain: string;
  mxHost: string[];
  totalSuccessfulSessionCount: number;
  totalFailureSessionCount: number;
  failureDetails: FailureDetail[];
}

export interface TlsReport {
  organizationName: string;
  /** Milliseconds since the epoch, UTC. */
  startMs: number;
  endMs: number;
  contactInfo: string | null;
  reportId: string | null;
  policies: TlsReportPolicy[];
  /** Deviations from RFC 8460 that were tolerated (QUIRKS.md), one entry per kind. */
  quirks: ReportQuirk[];
}

export type QuirkCode =
  | 'bom'
  | 'count-as-string'
  | 'date-without-zone'
  | 'contact-info-missing'
  | 'report-id-missing'
  | 'mx-host-string'
  | 'mx-host-pattern-key'
  | 'policy-string-missing'
  | 'policy-string-cr'
  | 'policy-domain-from-hint'
  | 'policy-domain-u-label'
  | 'unknown-policy-type'
  | 'unknown-result-type'
  | 'failure-error-code'
  | 'receiving-mx-host-name'
  | 'empty-sending-mta-ip'
  | 'summary-details-mismatch';

export interface ReportQuirk {
  code: QuirkCode;
  detail: string;
}

/** What the container knew, used when the JSON itself is silent. */
export interface ReportHints {
  /** TLS-Report-Domain header (RFC 8460 §5.3) or the policy-domain part of the file name (§5.1). */
  policyDomain?: string | null;
}

export type ReportParseResult = { ok: true; report: TlsReport } | { ok: false; error: string };

/**
 * I-JSON (RFC 7493, which RFC 8460 §4 requires) numbers are exact up to 2^53; anything larger
 * cannot be a real session count.
 */
const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * Nesting allowed below unknown (extension) members. The RFC 8460 §4.4 schema is at most five
 * levels deep; extensions deeper than this are not reports, and bounding the depth keeps any
 * later walk of the value (rendering, debugging) from exhausting the stack.
 */
export const MAX_EXTENSION_DEPTH = 16;

const RESULT_TYPES = RFC8460_RESULT_TYPES;

const POLICY_TYPES: ReadonlySet<string> = new Set(['sts', 'tlsa', 'no-policy-found']);

const REPORT_KEYS = new Set(['organization-name', 'date-range', 'contact-info', 'report-id', 'policies']);
const POLICY_ITEM_KEYS = new Set(['policy', 'summary', 'failure-details']);
const POLICY_KEYS = new Set(['policy-type', 'policy-string', 'policy-domain', 'mx-host', 'mx-host-pattern']);

class ReportError extends Error {}

type Json = Record<string, unknown>;

/** Converts one parsed JSON value into a TlsReport, or says why it is not a usable report. */
export function parseReport(value: unknown, hints: ReportHints = {}): ReportParseResult {
  // Conversion is synchronous and never nested, so one list serves every report in turn.
  noted.length = 0;
  try {
    const report = convertReport(value, hints, note);
    report.quirks = noted.length === 0 ? [] : noted.splice(0);
    return { ok: true, report };
  } catch (error) {
    if (error instanceof ReportError) return { ok: false, error: error.message };
    throw error;
  } finally {
    noted.length = 0;
  }
}

type Note = (code: QuirkCode, detail: string) => void;

/** The quirks of the report being converted, the first of each kind (see parseReport). */
const noted: ReportQuirk[] = [];

/** Notes a tolerated quirk: a module function, not a closure and a map made for every report. */
function note(code: QuirkCode, detail: string): void {
  for (const q of noted) if (q.code === code) return;
  noted.push({ code, detail });
}

function convertReport(value: unknown, hints: ReportHints, note: Note): TlsReport {
  const root = object(value, 'the report');
  checkExtensions(root, REPORT_KEYS, '');
  const organizationName = requiredString(root, 'organization-name', '');
  const range = object(root['date-range'], 'date-range');
  const startMs = dateTime(range['start-datetime'], 'date-range.start-datetime', note);
  const endMs = dateTime(range['end-datetime'], 'date-range.end-datetime', note);
  // Issue 10 item 5: a range that ends before it starts says nothing about when sessions happened.
  if (startMs > endMs) {
    throw new ReportError(`date-range: end ${iso(endMs)} is before start ${iso(startMs)}`);
  }
  const contactInfo = optionalString(root, 'contact-info', '');
  if (contactInfo === null) note('contact-info-missing', 'no contact-info');
  const reportId = optionalString(root, 'report-id', '');
  if (reportId === null) note('report-id-missing', 'no report-id; duplicates are recognised by dates');
  if (!('policies' in root)) throw new ReportError('policies: missing (RFC 8460 §4.4 requires it)');
  const list = root['policies'];
  if (!Array.isArray(list)) throw new ReportError(`policies: expected an array, got ${typeName(list)}`);
  if (list.length === 0) throw new ReportError('policies: empty, the report describes no policy');
  const policies = new Array<TlsReportPolicy>(list.length);
  for (let i = 0; i < list.length; i++) policies[i] = convertPolicy(list[i], policyPaths(i), hints, note);
  return { organizationName, startMs, endMs, contactInfo, reportId, policies, quirks: [] };
}

/** The paths of the i-th policy's members, as messages name them. */
interface PolicyPaths {
  at: string;
  policy: string;
  summary: string;
}

/** Paths of the first policies, made once: every report would otherwise build them again. */
const POLICY_PATHS: PolicyPaths[] = [];
const CACHED_POLICY_PATHS = 16;

function policyPaths(i: number): PolicyPaths {
  const cached = POLICY_PATHS[i];
  if (cached !== undefined) return cached;
  const at = `policies[${i}]`;
  const paths = { at, policy: `${at}.policy`, summary: `${at}.summary` };
  if (i < CACHED_POLICY_PATHS) POLICY_PATHS[i] = paths;
  return paths;
}

function convertPolicy(value: unknown, paths: PolicyPaths, hints: ReportHints, note: Note): TlsReportPolicy {
  const at = paths.at;
  const item = object(value, at);
  checkExtensions(item, POLICY_ITEM_KEYS, at);
  const policy = object(item['policy'], paths.policy);
  checkExtensions(policy, POLICY_KEYS, paths.policy);
  const rawPolicyType = requiredString(policy, 'policy-type', paths.policy);
  let policyType: PolicyType = 'other';
  if (POLICY_TYPES.has(rawPolicyType)) policyType = rawPolicyType as PolicyType;
  else note('unknown-policy-type', `policy-type "${rawPolicyType}"`);

  let policyString: string[] | null = null;
  if (policy['policy-string'] !== undefined) {
    policyString = stringArray(policy['policy-string'], `${at}.policy.policy-string`);
    if (anyEndsInCr(policyString)) {
      note('policy-string-cr', 'policy-string items end in CR (the policy is served with CRLF)');
    }
  } else if (policyType !== 'no-policy-found') {
    // RFC 8460 §4.4: policy-string is optional only for no-policy-found (Mail.ru omits it).
    note('policy-string-missing', `${at}: ${rawPolicyType} policy without policy-string`);
  }

  let policyDomain = optionalString(policy, 'policy-domain', paths.policy);
  if (policyDomain === null || policyDomain.trim() === '') {
    if (!hints.policyDomain) {
      throw new ReportError(
        `${at}.policy.policy-domain: missing, and no TLS-Report-Domain or file name names one`,
      );
    }
    note(
      'policy-domain-from-hint',
      `policy-domain taken from the message or file name: ${hints.policyDomain}`,
    );
    policyDomain = hints.policyDomain;
  }
  // RFC 8460 §4.4: policy-domain "MUST consist of the Punycode-encoded A-labels"; a reporter that
  // writes the U-labels still means that domain.
  const aLabels = toALabels(policyDomain.trim());
  if ('name' in aLabels && aLabels.name !== policyDomain.trim().toLowerCase()) {
    note('policy-domain-u-label', `policy-domain ${policyDomain} is written with U-labels`);
    policyDomain = aLabels.name;
  }

  let mxHost: string[] = [];
  const mxKey = policy['mx-host'] !== undefined ? 'mx-host' : 'mx-host-pattern';
  const mxValue = policy[mxKey];
  if (mxKey === 'mx-host-pattern' && mxValue !== undefined)
    note('mx-host-pattern-key', 'mx-host-pattern used');
  if (typeof mxValue === 'string') {
    if (mxKey === 'mx-host') note('mx-host-string', 'mx-host is a string, not an array');
    mxHost = [mxValue];
  } else if (mxValue !== undefined) {
    mxHost = stringArray(mxValue, `${at}.policy.${mxKey}`);
  }

  const summary = object(item['summary'], paths.summary);
  const successful = summary['total-successful-session-count'];
  const totalSuccessfulSessionCount = isCount(successful)
    ? successful
    : count(summary, 'total-successful-session-count', paths.summary, note);
  const failed = summary['total-failure-session-count'];
  const totalFailureSessionCount = isCount(failed)
    ? failed
    : count(summary, 'total-failure-session-count', paths.summary, note);

  let failureDetails: FailureDetail[] = [];
  if (item['failure-details'] !== undefined) {
    const details = item['failure-details'];
    if (!Array.isArray(details)) {
      throw new ReportError(`${at}.failure-details: expected an array, got ${typeName(details)}`);
    }
    failureDetails = details.map((d, i) => convertDetail(d, at, i, note));
  }
  const detailSum = failureDetails.reduce((sum, d) => sum + d.failedSessionCount, 0);
  if (failureDetails.length > 0 && detailSum !== totalFailureSessionCount) {
    note(
      'summary-details-mismatch',
      `${at}: summary says ${totalFailureSessionCount} failed sessions, failure-details sum to ${detailSum}`,
    );
  }
  return {
    policyType,
    rawPolicyType,
    policyString,
    policyDomain: hostName(policyDomain),
    mxHost,
    totalSuccessfulSessionCount,
    totalFailureSessionCount,
    failureDetails,
  };
}

// Hot path: a large report has thousands of failure-details, so this avoids per-detail
// allocations (no Object.entries, no path strings unless something is wrong).
function convertDetail(value: unknown, parent: string, i: number, note: Note): FailureDetail {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ReportError(`${detailPath(parent, i)}: expected an object, got ${typeName(value)}`);
  }
  const d = value as Json;
  for (const key in d) {
    const v = d[key];
    if (v !== null && typeof v === 'object') checkDepth(v, `${detailPath(parent, i)}.${key}`);
  }
  const rawResultType = d['result-type'];
  if (typeof rawResultType !== 'string') {
    const why = rawResultType === undefined ? 'missing' : `expected a string, got ${typeName(rawResultType)}`;
    throw new ReportError(`${detailPath(parent, i)}.result-type: ${why}`);
  }
  let resultType: ResultType = 'other';
  if (RESULT_TYPES.has(rawResultType)) resultType = rawResultType as ResultType;
  else note('unknown-result-type', `result-type "${rawResultType}" kept as other`);

  // Each member is read by a literal name (fast property access); dstr only checks the value.
  let receivingMxHostname = dstr(d['receiving-mx-hostname'], 'receiving-mx-hostname', parent, i);
  if (receivingMxHostname === null && d['receiving-mx-host-name'] !== undefined) {
    note('receiving-mx-host-name', 'receiving-mx-host-name used for receiving-mx-hostname');
    receivingMxHostname = dstr(d['receiving-mx-host-name'], 'receiving-mx-host-name', parent, i);
  }
  let failureReasonCode = dstr(d['failure-reason-code'], 'failure-reason-code', parent, i);
  if (failureReasonCode === null && d['failure-error-code'] !== undefined) {
    // The final draft's Appendix B spelling, renamed in RFC 8460.
    note('failure-error-code', 'failure-error-code used for failure-reason-code');
    failureReasonCode = dstr(d['failure-error-code'], 'failure-error-code', parent, i);
  }
  let sendingMtaIp = dstr(d['sending-mta-ip'], 'sending-mta-ip', parent, i);
  if (sendingMtaIp !== null && (sendingMtaIp.length === 0 || sendingMtaIp.trim() === '')) {
    note('empty-sending-mta-ip', 'sending-mta-ip is empty');
    sendingMtaIp = null;
  }
  const raw = d['failed-session-count'];
  const failedSessionCount = isCount(raw)
    ? raw
    : count(d, 'failed-session-count', detailPath(parent, i), note);
  return {
    resultType,
    rawResultType,
    sendingMtaIp,
    receivingMxHostname: receivingMxHostname === null ? null : hostName(receivingMxHostname),
    receivingMxHelo: dstr(d['receiving-mx-helo'], 'receiving-mx-helo', parent, i),
    receivingIp: dstr(d['receiving-ip'], 'receiving-ip', parent, i),
    failedSessionCount,
    additionalInformation: dstr(d['additional-information'], 'additional-information', parent, i),
    failureReasonCode,
  };
}

function detailPath(parent: string, i: number): string {
  return `${parent}.failure-details[${i}]`;
}

/** optionalString of a failure-detail member's value, with the path built only on error. */
function dstr(value: unknown, key: string, parent: string, i: number): string | null {
  if (typeof value === 'string') return value;
  if (value === undefined || value === null) return null;
  throw new ReportError(`${detailPath(parent, i)}.${key}: expected a string, got ${typeName(value)}`);
}

/** Lower case, no trailing dot (RFC 8461 §4.1 comparison form), without a regex per call. */
function hostName(host: string): string {
  const h = host.trim().toLowerCase();
  return h.endsWith('.') ? h.slice(0, -1) : h;
}

/**
 * RFC 3339 date-time. A value without a zone (Microsoft 2023 and 2024, QUIRKS.md "Dates") is
 * read as UTC: every reporter works in UTC days.
 */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/;

/** The shape nearly every reporter sends: read by Date.parse as it is, without the rebuild below. */
const PLAIN_UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

/**
 * Plain UTC date-times already read: a day's reports share their two, and a lookup costs a
 * fraction of the regular expression and Date.parse (issue 11 item 5). Cleared when full, so a
 * hostile input cannot grow it.
 */
const PLAIN_DATES = new Map<string, number>();
const MAX_PLAIN_DATES = 4_096;

function dateTime(value: unknown, at: string, note: Note): number {
  if (typeof value === 'string') {
    const known = PLAIN_DATES.get(value);
    if (known !== undefined) return known;
    if (PLAIN_UTC_DATE_TIME.test(value)) {
      // The same text the general path would rebuild from DATE_TIME's groups.
      const ms = Date.parse(value);
      if (!Number.isNaN(ms)) {
        if (PLAIN_DATES.size >= MAX_PLAIN_DATES) PLAIN_DATES.clear();
        PLAIN_DATES.set(value, ms);
        return ms;
      }
    }
  }
  if (typeof value !== 'string')
    throw new ReportError(`${at}: expected a date-time string, got ${typeName(value)}`);
  const m = DATE_TIME.exec(value.trim());
  if (!m) throw new ReportError(`${at}: "${value}" is not an RFC 3339 date-time`);
  const zone = m[8];
  if (zone === undefined) note('date-without-zone', `${at} "${value}" has no zone; read as UTC`);
  const ms = Date.parse(
    `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ''}${(zone ?? 'Z').toUpperCase()}`,
  );
  if (Number.isNaN(ms)) throw new ReportError(`${at}: "${value}" is not a valid date`);
  return ms;
}

/** A count as count() accepts it without a quirk: the common case, with no path string built. */
function isCount(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT;
}

function count(obj: Json, key: string, at: string, note: Note): number {
  const where = at ? `${at}.${key}` : key;
  const value = obj[key];
  if (value === undefined) throw new ReportError(`${where}: missing`);
  let n: number;
  if (typeof value === 'number') {
    n = value;
  } else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) {
    note('count-as-string', `${where} sent as the string "${value}"`);
    n = Number(value);
  } else {
    throw new ReportError(`${where}: expected a non-negative integer, got ${typeName(value)}`);
  }
  if (!Number.isInteger(n)) throw new ReportError(`${where}: ${n} is not a whole number`);
  if (n < 0) throw new ReportError(`${where}: negative count ${n}`);
  if (n > MAX_COUNT) throw new ReportError(`${where}: ${n} is too large to be a session count`);
  return n;
}

function object(value: unknown, at: string): Json {
  if (value === undefined) throw new ReportError(`${at}: missing`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ReportError(`${at}: expected an object, got ${typeName(value)}`);
  }
  return value as Json;
}

function requiredString(obj: Json, key: string, at: string): string {
  const value = optionalString(obj, key, at);
  if (value === null) throw new ReportError(`${at ? `${at}.` : ''}${key}: missing`);
  return value;
}

function optionalString(obj: Json, key: string, at: string): string | null {
  const value = obj[key];
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') {
    throw new ReportError(`${at ? `${at}.` : ''}${key}: expected a string, got ${typeName(value)}`);
  }
  return value;
}

function stringArray(value: unknown, at: string): string[] {
  if (!Array.isArray(value))
    throw new ReportError(`${at}: expected an array of strings, got ${typeName(value)}`);
  for (let i = 0; i < value.length; i++) {
    const item: unknown = value[i];
    if (typeof item !== 'string')
      throw new ReportError(`${at}[${i}]: expected a string, got ${typeName(item)}`);
  }
  return value as string[];
}

function anyEndsInCr(lines: readonly string[]): boolean {
  for (const line of lines) if (line.endsWith('\r')) return true;
  return false;
}

/** Unknown members are allowed (extensions) but their nesting is bounded. */
function checkExtensions(obj: Json, known: ReadonlySet<string>, at: string): void {
  // Object.keys, not entries: no pair array per key of every report object.
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (!known.has(key) && value !== null && typeof value === 'object') {
      checkDepth(value, at ? `${at}.${key}` : key);
    }
  }
}

/** Iterative, so a hostile value cannot exhaust the stack while being measured. */
function checkDepth(value: object, at: string): void {
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (depth > MAX_EXTENSION_DEPTH) {
      throw new ReportError(`${at}: nested deeper than ${MAX_EXTENSION_DEPTH} levels`);
    }
    if (v !== null && typeof v === 'object') {
      for (const child of Object.values(v)) {
        if (child !== null && typeof child === 'object') stack.push([child, depth + 1]);
      }
    }
  }
}

function typeName(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string')
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value)}`;
  return `${typeof value} ${String(value)}`;
}

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/**
 * RFC 8460 §5.1 file name: `sender!policy-domain!begin-timestamp!end-timestamp[!unique-id].json[.gz]`.
 * Returns the policy-domain part, or null when the name does not have that shape.
 */
export function policyDomainFromFilename(name: string): string | null {
  // Most report files are not named this way: no '!' at all means fewer than 4 fields.
  if (!name.includes('!')) return null;
  const base = name.split(/[\\/]/).pop() ?? name;
  const fields = base
    .replace(/\.gz$/i, '')
    .replace(/\.json$/i, '')
    .split('!');
  if (fields.length < 4 || fields.length > 5) return null;
  const domain = fields[1]!.trim();
  return /^[A-Za-z0-9._-]+$/.test(domain) && domain.includes('.') ? hostName(domain) : null;
}

/**
 * The identity used to count a report once (issue 4: the same report may arrive by mail and in
 * an artifact): organization-name and report-id; without a report-id, the dates and domains.
 */
export function reportKey(r: KeyedReport): string {
  return `${r.organizationName}\u0000${reportKeyWithinOrganization(r)}`;
}

type KeyedReport = Pick<TlsReport, 'organizationName' | 'reportId' | 'startMs' | 'endMs'> & {
  policies: readonly { policyDomain: string }[];
};

/** reportKey without the organization-name, for a lookup per organization. */
export function reportKeyWithinOrganization(r: KeyedReport): string {
  if (r.reportId !== null) return r.reportId;
  const domains = [...new Set(r.policies.map((p) => p.policyDomain))].sort().join(',');
  return `${r.startMs}\u0000${r.endMs}\u0000${domains}`;
}
