import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  compareText
} from "./chunk-WDZ34UMO.js";
import {
  RFC8460_RESULT_TYPES
} from "./chunk-4H27BXP7.js";
import {
  normalizeHost
} from "./chunk-NHRCP74O.js";
import {
  toALabels
} from "./chunk-QNAOXB7A.js";

// src/core/report.ts
var MAX_COUNT = Number.MAX_SAFE_INTEGER;
var MAX_EXTENSION_DEPTH = 16;
var RESULT_TYPES = RFC8460_RESULT_TYPES;
var POLICY_TYPES = /* @__PURE__ */ new Set(["sts", "tlsa", "no-policy-found"]);
var REPORT_KEYS = /* @__PURE__ */ new Set(["organization-name", "date-range", "contact-info", "report-id", "policies"]);
var POLICY_ITEM_KEYS = /* @__PURE__ */ new Set(["policy", "summary", "failure-details"]);
var POLICY_KEYS = /* @__PURE__ */ new Set(["policy-type", "policy-string", "policy-domain", "mx-host", "mx-host-pattern"]);
var ReportError = class extends Error {
};
function parseReport(value, hints = {}) {
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
var noted = [];
function note(code, detail) {
  for (const q of noted) if (q.code === code) return;
  noted.push({ code, detail });
}
function convertReport(value, hints, note2) {
  const root = object(value, "the report");
  checkExtensions(root, REPORT_KEYS, "");
  const organizationName = requiredString(root, "organization-name", "");
  const range = object(root["date-range"], "date-range");
  const startMs = dateTime(range["start-datetime"], "date-range.start-datetime", note2);
  const endMs = dateTime(range["end-datetime"], "date-range.end-datetime", note2);
  if (startMs > endMs) {
    throw new ReportError(`date-range: end ${iso(endMs)} is before start ${iso(startMs)}`);
  }
  const contactInfo = optionalString(root, "contact-info", "");
  if (contactInfo === null) note2("contact-info-missing", "no contact-info");
  const reportId = optionalString(root, "report-id", "");
  if (reportId === null) note2("report-id-missing", "no report-id; duplicates are recognised by dates");
  if (!("policies" in root)) throw new ReportError("policies: missing (RFC 8460 \xA74.4 requires it)");
  const list = root["policies"];
  if (!Array.isArray(list)) throw new ReportError(`policies: expected an array, got ${typeName(list)}`);
  if (list.length === 0) throw new ReportError("policies: empty, the report describes no policy");
  const policies = new Array(list.length);
  for (let i = 0; i < list.length; i++) policies[i] = convertPolicy(list[i], policyPaths(i), hints, note2);
  return { organizationName, startMs, endMs, contactInfo, reportId, policies, quirks: [] };
}
var POLICY_PATHS = [];
var CACHED_POLICY_PATHS = 16;
function policyPaths(i) {
  const cached = POLICY_PATHS[i];
  if (cached !== void 0) return cached;
  const at = `policies[${i}]`;
  const paths = { at, policy: `${at}.policy`, summary: `${at}.summary` };
  if (i < CACHED_POLICY_PATHS) POLICY_PATHS[i] = paths;
  return paths;
}
function convertPolicy(value, paths, hints, note2) {
  const at = paths.at;
  const item = object(value, at);
  checkExtensions(item, POLICY_ITEM_KEYS, at);
  const policy = object(item["policy"], paths.policy);
  checkExtensions(policy, POLICY_KEYS, paths.policy);
  const rawPolicyType = requiredString(policy, "policy-type", paths.policy);
  let policyType = "other";
  if (POLICY_TYPES.has(rawPolicyType)) policyType = rawPolicyType;
  else note2("unknown-policy-type", `policy-type "${rawPolicyType}"`);
  let policyString = null;
  if (policy["policy-string"] !== void 0) {
    policyString = stringArray(policy["policy-string"], `${at}.policy.policy-string`);
    if (anyEndsInCr(policyString)) {
      note2("policy-string-cr", "policy-string items end in CR (the policy is served with CRLF)");
    }
  } else if (policyType !== "no-policy-found") {
    note2("policy-string-missing", `${at}: ${rawPolicyType} policy without policy-string`);
  }
  let policyDomain = optionalString(policy, "policy-domain", paths.policy);
  if (policyDomain === null || policyDomain.trim() === "") {
    if (!hints.policyDomain) {
      throw new ReportError(
        `${at}.policy.policy-domain: missing, and no TLS-Report-Domain or file name names one`
      );
    }
    note2(
      "policy-domain-from-hint",
      `policy-domain taken from the message or file name: ${hints.policyDomain}`
    );
    policyDomain = hints.policyDomain;
  }
  const aLabels = toALabels(policyDomain.trim());
  if ("name" in aLabels && aLabels.name !== policyDomain.trim().toLowerCase()) {
    note2("policy-domain-u-label", `policy-domain ${policyDomain} is written with U-labels`);
    policyDomain = aLabels.name;
  }
  let mxHost = [];
  const mxKey = policy["mx-host"] !== void 0 ? "mx-host" : "mx-host-pattern";
  const mxValue = policy[mxKey];
  if (mxKey === "mx-host-pattern" && mxValue !== void 0)
    note2("mx-host-pattern-key", "mx-host-pattern used");
  if (typeof mxValue === "string") {
    if (mxKey === "mx-host") note2("mx-host-string", "mx-host is a string, not an array");
    mxHost = [mxValue];
  } else if (mxValue !== void 0) {
    mxHost = stringArray(mxValue, `${at}.policy.${mxKey}`);
  }
  const summary = object(item["summary"], paths.summary);
  const successful = summary["total-successful-session-count"];
  const totalSuccessfulSessionCount = isCount(successful) ? successful : count(summary, "total-successful-session-count", paths.summary, note2);
  const failed = summary["total-failure-session-count"];
  const totalFailureSessionCount = isCount(failed) ? failed : count(summary, "total-failure-session-count", paths.summary, note2);
  let failureDetails = [];
  if (item["failure-details"] !== void 0) {
    const details = item["failure-details"];
    if (!Array.isArray(details)) {
      throw new ReportError(`${at}.failure-details: expected an array, got ${typeName(details)}`);
    }
    failureDetails = details.map((d, i) => convertDetail(d, at, i, note2));
  }
  const detailSum = failureDetails.reduce((sum, d) => sum + d.failedSessionCount, 0);
  if (failureDetails.length > 0 && detailSum !== totalFailureSessionCount) {
    note2(
      "summary-details-mismatch",
      `${at}: summary says ${totalFailureSessionCount} failed sessions, failure-details sum to ${detailSum}`
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
    failureDetails
  };
}
function convertDetail(value, parent, i, note2) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ReportError(`${detailPath(parent, i)}: expected an object, got ${typeName(value)}`);
  }
  const d = value;
  for (const key in d) {
    const v = d[key];
    if (v !== null && typeof v === "object") checkDepth(v, `${detailPath(parent, i)}.${key}`);
  }
  const rawResultType = d["result-type"];
  if (typeof rawResultType !== "string") {
    const why = rawResultType === void 0 ? "missing" : `expected a string, got ${typeName(rawResultType)}`;
    throw new ReportError(`${detailPath(parent, i)}.result-type: ${why}`);
  }
  let resultType = "other";
  if (RESULT_TYPES.has(rawResultType)) resultType = rawResultType;
  else note2("unknown-result-type", `result-type "${rawResultType}" kept as other`);
  let receivingMxHostname = dstr(d["receiving-mx-hostname"], "receiving-mx-hostname", parent, i);
  if (receivingMxHostname === null && d["receiving-mx-host-name"] !== void 0) {
    note2("receiving-mx-host-name", "receiving-mx-host-name used for receiving-mx-hostname");
    receivingMxHostname = dstr(d["receiving-mx-host-name"], "receiving-mx-host-name", parent, i);
  }
  let failureReasonCode = dstr(d["failure-reason-code"], "failure-reason-code", parent, i);
  if (failureReasonCode === null && d["failure-error-code"] !== void 0) {
    note2("failure-error-code", "failure-error-code used for failure-reason-code");
    failureReasonCode = dstr(d["failure-error-code"], "failure-error-code", parent, i);
  }
  let sendingMtaIp = dstr(d["sending-mta-ip"], "sending-mta-ip", parent, i);
  if (sendingMtaIp !== null && (sendingMtaIp.length === 0 || sendingMtaIp.trim() === "")) {
    note2("empty-sending-mta-ip", "sending-mta-ip is empty");
    sendingMtaIp = null;
  }
  const raw = d["failed-session-count"];
  const failedSessionCount = isCount(raw) ? raw : count(d, "failed-session-count", detailPath(parent, i), note2);
  return {
    resultType,
    rawResultType,
    sendingMtaIp,
    receivingMxHostname: receivingMxHostname === null ? null : hostName(receivingMxHostname),
    receivingMxHelo: dstr(d["receiving-mx-helo"], "receiving-mx-helo", parent, i),
    receivingIp: dstr(d["receiving-ip"], "receiving-ip", parent, i),
    failedSessionCount,
    additionalInformation: dstr(d["additional-information"], "additional-information", parent, i),
    failureReasonCode
  };
}
function detailPath(parent, i) {
  return `${parent}.failure-details[${i}]`;
}
function dstr(value, key, parent, i) {
  if (typeof value === "string") return value;
  if (value === void 0 || value === null) return null;
  throw new ReportError(`${detailPath(parent, i)}.${key}: expected a string, got ${typeName(value)}`);
}
function hostName(host) {
  const h = host.trim().toLowerCase();
  return h.endsWith(".") ? h.slice(0, -1) : h;
}
var DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(\.\d+)?([Zz]|[+-]\d{2}:\d{2})?$/;
var PLAIN_UTC_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
var PLAIN_DATES = /* @__PURE__ */ new Map();
var MAX_PLAIN_DATES = 4096;
function dateTime(value, at, note2) {
  if (typeof value === "string") {
    const known = PLAIN_DATES.get(value);
    if (known !== void 0) return known;
    if (PLAIN_UTC_DATE_TIME.test(value)) {
      const ms2 = Date.parse(value);
      if (!Number.isNaN(ms2)) {
        if (PLAIN_DATES.size >= MAX_PLAIN_DATES) PLAIN_DATES.clear();
        PLAIN_DATES.set(value, ms2);
        return ms2;
      }
    }
  }
  if (typeof value !== "string")
    throw new ReportError(`${at}: expected a date-time string, got ${typeName(value)}`);
  const m = DATE_TIME.exec(value.trim());
  if (!m) throw new ReportError(`${at}: "${value}" is not an RFC 3339 date-time`);
  const zone = m[8];
  if (zone === void 0) note2("date-without-zone", `${at} "${value}" has no zone; read as UTC`);
  const ms = Date.parse(
    `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ""}${(zone ?? "Z").toUpperCase()}`
  );
  if (Number.isNaN(ms)) throw new ReportError(`${at}: "${value}" is not a valid date`);
  return ms;
}
function isCount(value) {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= MAX_COUNT;
}
function count(obj, key, at, note2) {
  const where = at ? `${at}.${key}` : key;
  const value = obj[key];
  if (value === void 0) throw new ReportError(`${where}: missing`);
  let n;
  if (typeof value === "number") {
    n = value;
  } else if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) {
    note2("count-as-string", `${where} sent as the string "${value}"`);
    n = Number(value);
  } else {
    throw new ReportError(`${where}: expected a non-negative integer, got ${typeName(value)}`);
  }
  if (!Number.isInteger(n)) throw new ReportError(`${where}: ${n} is not a whole number`);
  if (n < 0) throw new ReportError(`${where}: negative count ${n}`);
  if (n > MAX_COUNT) throw new ReportError(`${where}: ${n} is too large to be a session count`);
  return n;
}
function object(value, at) {
  if (value === void 0) throw new ReportError(`${at}: missing`);
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new ReportError(`${at}: expected an object, got ${typeName(value)}`);
  }
  return value;
}
function requiredString(obj, key, at) {
  const value = optionalString(obj, key, at);
  if (value === null) throw new ReportError(`${at ? `${at}.` : ""}${key}: missing`);
  return value;
}
function optionalString(obj, key, at) {
  const value = obj[key];
  if (value === void 0 || value === null) return null;
  if (typeof value !== "string") {
    throw new ReportError(`${at ? `${at}.` : ""}${key}: expected a string, got ${typeName(value)}`);
  }
  return value;
}
function stringArray(value, at) {
  if (!Array.isArray(value))
    throw new ReportError(`${at}: expected an array of strings, got ${typeName(value)}`);
  for (let i = 0; i < value.length; i++) {
    const item = value[i];
    if (typeof item !== "string")
      throw new ReportError(`${at}[${i}]: expected a string, got ${typeName(item)}`);
  }
  return value;
}
function anyEndsInCr(lines) {
  for (const line of lines) if (line.endsWith("\r")) return true;
  return false;
}
function checkExtensions(obj, known, at) {
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (!known.has(key) && value !== null && typeof value === "object") {
      checkDepth(value, at ? `${at}.${key}` : key);
    }
  }
}
function checkDepth(value, at) {
  const stack = [[value, 1]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop();
    if (depth > MAX_EXTENSION_DEPTH) {
      throw new ReportError(`${at}: nested deeper than ${MAX_EXTENSION_DEPTH} levels`);
    }
    if (v !== null && typeof v === "object") {
      for (const child of Object.values(v)) {
        if (child !== null && typeof child === "object") stack.push([child, depth + 1]);
      }
    }
  }
}
function typeName(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string")
    return `the string ${JSON.stringify(value.length > 40 ? value.slice(0, 40) + "\u2026" : value)}`;
  return `${typeof value} ${String(value)}`;
}
function iso(ms) {
  return new Date(ms).toISOString();
}
function policyDomainFromFilename(name) {
  if (!name.includes("!")) return null;
  const base = name.split(/[\\/]/).pop() ?? name;
  const fields = base.replace(/\.gz$/i, "").replace(/\.json$/i, "").split("!");
  if (fields.length < 4 || fields.length > 5) return null;
  const domain = fields[1].trim();
  return /^[A-Za-z0-9._-]+$/.test(domain) && domain.includes(".") ? hostName(domain) : null;
}
function reportKeyWithinOrganization(r) {
  if (r.reportId !== null) return r.reportId;
  const domains = [...new Set(r.policies.map((p) => p.policyDomain))].sort().join(",");
  return `${r.startMs}\0${r.endMs}\0${domains}`;
}

// src/core/report-window.ts
var DAY_MS = 864e5;
var FUTURE_TOLERANCE_MS = DAY_MS;
var DEFAULT_REPORT_WINDOW_DAYS = 7;
function reportWindow(now, days) {
  const lastDay = Math.floor(now.getTime() / DAY_MS);
  return { days, nowMs: now.getTime(), firstDay: lastDay - days + 1, lastDay };
}
function placeReport(window, startMs, endMs) {
  if (startMs > window.nowMs + FUTURE_TOLERANCE_MS) return "future";
  const endDay = Math.max(Math.floor(startMs / DAY_MS), Math.floor((endMs - 1e3) / DAY_MS));
  return endDay < window.firstDay ? "too-old" : "in-window";
}
function windowDates(window) {
  const day = (d) => new Date(d * DAY_MS).toISOString().slice(0, 10);
  return { start: day(window.firstDay), end: day(window.lastDay) };
}

// src/core/applied-policy.ts
function essenceFromLines(lines) {
  let mode = null;
  let maxAge = null;
  const mx = /* @__PURE__ */ new Set();
  for (const raw of lines) {
    const line = raw.trim();
    const colon = line.indexOf(":");
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === "mode") {
      const m = value.toLowerCase();
      if (m === "enforce" || m === "testing" || m === "none") mode = m;
    } else if (key === "max_age" && /^\d+$/.test(value)) {
      maxAge = Number(value);
    } else if (key === "mx" && value !== "") {
      mx.add(normalizeHost(value));
    }
  }
  return { mode, maxAge, mx: [...mx].sort() };
}
function essenceFromText(text) {
  return essenceFromLines(text.split(/\r?\n|\r/));
}
function essenceFromPolicy(policy) {
  const mx = [...new Set(policy.mx.map((p) => normalizeHost(p.raw)))].sort();
  return { mode: policy.mode, maxAge: policy.maxAge, mx };
}
function essenceKey(e) {
  return `mode: ${e.mode ?? "?"}; max_age: ${e.maxAge ?? "?"}; mx: ${e.mx.join(", ") || "-"}`;
}
function essenceDifferences(applied, reference) {
  const out = [];
  if (applied.mode !== reference.mode)
    out.push(`mode ${applied.mode ?? "?"} instead of ${reference.mode ?? "?"}`);
  if (applied.maxAge !== reference.maxAge) {
    out.push(`max_age ${applied.maxAge ?? "?"} instead of ${reference.maxAge ?? "?"}`);
  }
  const extra = applied.mx.filter((m) => !reference.mx.includes(m));
  const missing = reference.mx.filter((m) => !applied.mx.includes(m));
  if (extra.length > 0) out.push(`mx ${extra.join(", ")} no longer listed`);
  if (missing.length > 0) out.push(`mx ${missing.join(", ")} not yet applied`);
  return out;
}

// src/core/aggregate.ts
var DAY_MS2 = 864e5;
var MODES = ["enforce", "testing", "none", "unknown"];
var MAX_BREAKDOWN_KEYS = 5e3;
var OTHER_KEY = "(other)";
var NOT_REPORTED = "(not reported)";
var MAX_SENDING_IP_ENTRIES = 1e5;
var MAX_LISTED_SENDING_IPS = 100;
var MAX_MISMATCH_EXAMPLES = 20;
var EMPTY_TALLY = Object.freeze({
  details: 0,
  failed: 0,
  resultTypes: Object.freeze([]),
  resultTypeCounts: Object.freeze([]),
  mxs: Object.freeze([]),
  mxCounts: Object.freeze([]),
  ips: Object.freeze([]),
  ipCounts: Object.freeze([]),
  pairs: Object.freeze([]),
  pairCounts: Object.freeze([])
});
function digestReport(report) {
  const source = report.policies;
  const policies = new Array(source.length);
  for (let i = 0; i < source.length; i++) {
    const p = source[i];
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
      bucketKey: read ? read.bucketKey(p.policyType) : policyBucketKey(p.policyType, null)
    };
  }
  return {
    organizationName: report.organizationName,
    startMs: report.startMs,
    endMs: report.endMs,
    contactInfo: report.contactInfo,
    reportId: report.reportId,
    policies,
    quirks: report.quirks
  };
}
function policyBucketKey(type, key) {
  return `${type}\0${key ?? ""}`;
}
function bucketKeys(key) {
  const made = /* @__PURE__ */ new Map();
  return (type) => {
    let k = made.get(type);
    if (k === void 0) made.set(type, k = policyBucketKey(type, key));
    return k;
  };
}
var POLICY_STRINGS = /* @__PURE__ */ new Map();
var MAX_POLICY_STRINGS = 1e3;
function readPolicyString(lines) {
  const text = lines.join("\n");
  const cached = POLICY_STRINGS.get(text);
  if (cached !== void 0 && sameLines(cached.lines, lines)) return cached;
  const essence = essenceFromLines(lines);
  Object.freeze(essence.mx);
  const key = essenceKey(essence);
  const read = { lines: [...lines], essence: Object.freeze(essence), key, bucketKey: bucketKeys(key) };
  if (cached !== void 0) return read;
  if (POLICY_STRINGS.size >= MAX_POLICY_STRINGS) POLICY_STRINGS.clear();
  POLICY_STRINGS.set(text, read);
  return read;
}
function sameLines(a, b) {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
function tallyDetails(details) {
  const resultTypes = new KeyTally();
  const mxs = new KeyTally();
  const pairs = new KeyTally();
  const ips = new Array(details.length);
  const ipCounts = new Array(details.length);
  let failed = 0;
  for (let i = 0; i < details.length; i++) {
    const d = details[i];
    const n = d.failedSessionCount;
    failed += n;
    const type = d.resultType === "other" ? d.rawResultType : d.resultType;
    const mx = d.receivingMxHostname ?? NOT_REPORTED;
    resultTypes.add(type, n);
    mxs.add(mx, n);
    pairs.add(`${mx}\0${type}`, n);
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
    pairCounts: pairs.counts
  };
}
var LINEAR_KEYS = 16;
var KeyTally = class {
  keys = [];
  counts = [];
  index = null;
  add(key, n) {
    const { keys } = this;
    if (this.index === null) {
      for (let i2 = 0; i2 < keys.length; i2++) {
        if (keys[i2] === key) {
          this.counts[i2] += n;
          return;
        }
      }
      keys.push(key);
      this.counts.push(n);
      if (keys.length > LINEAR_KEYS) this.index = new Map(keys.map((k, i2) => [k, i2]));
      return;
    }
    const i = this.index.get(key);
    if (i !== void 0) {
      this.counts[i] += n;
      return;
    }
    this.index.set(key, keys.length);
    keys.push(key);
    this.counts.push(n);
  }
};
function appliedMode(policy, essence) {
  switch (policy.policyType) {
    case "tlsa":
      return "enforce";
    case "no-policy-found":
      return "none";
    case "sts":
      return essence?.mode ?? "unknown";
    default:
      return "unknown";
  }
}
function utcDay(ms) {
  return Math.floor(ms / DAY_MS2);
}
var DAY_STRINGS = /* @__PURE__ */ new Map();
var MAX_DAY_STRINGS = 1e4;
function dayString(day) {
  let s = DAY_STRINGS.get(day);
  if (s === void 0) {
    s = new Date(day * DAY_MS2).toISOString().slice(0, 10);
    if (DAY_STRINGS.size < MAX_DAY_STRINGS) DAY_STRINGS.set(day, s);
  }
  return s;
}
function reportDay(r) {
  return utcDay(r.startMs);
}
var ReportAggregator = class {
  constructor(window) {
    this.window = window;
  }
  window;
  /**
   * reportKey of every report added, as organization-name → the rest: two lookups on strings
   * the report holds, instead of a joined key per report (issue 11 item 5).
   */
  seen = /* @__PURE__ */ new Map();
  domains = /* @__PURE__ */ new Map();
  /** Per domain and reporting organization, its newest report (dated by finish()). */
  latest = /* @__PURE__ */ new Map();
  ipBudget = { left: MAX_SENDING_IP_ENTRIES };
  duplicates = 0;
  unique = 0;
  tooOld = 0;
  future = 0;
  /** Adds one report; says whether it was added, a duplicate, too old or future-dated. */
  add(report) {
    return this.addDigest(digestReport(report));
  }
  /** Adds one report whose failure-details are already tallied (e.g. by a worker thread). */
  addDigest(report) {
    let ofOrganization = this.seen.get(report.organizationName);
    if (ofOrganization === void 0) this.seen.set(report.organizationName, ofOrganization = /* @__PURE__ */ new Set());
    const key = reportKeyWithinOrganization(report);
    if (ofOrganization.has(key)) {
      this.duplicates++;
      return "duplicate";
    }
    ofOrganization.add(key);
    const placement = placeReport(this.window, report.startMs, report.endMs);
    if (placement === "future") {
      this.future++;
      return "future";
    }
    this.unique++;
    if (placement === "too-old") {
      this.tooOld++;
      return "too-old";
    }
    const day = Math.min(Math.max(reportDay(report), this.window.firstDay), this.window.lastDay);
    const { policies } = report;
    for (let i = 0; i < policies.length; i++) {
      const policy = policies[i];
      const bucket = this.bucket(policy.policyDomain);
      let counts = bucket.days.get(day);
      if (!counts) bucket.days.set(day, counts = { reports: 0, successful: 0, failed: 0 });
      if (firstOfDomain(policies, i)) {
        bucket.reports++;
        counts.reports++;
        for (const q of report.quirks) bump(bucket.quirks, q.code, 1);
        const rep = bucket.reporters.get(report.organizationName) ?? { reports: 0, successful: 0, failed: 0 };
        rep.reports++;
        bucket.reporters.set(report.organizationName, rep);
        this.noteLatest(policy.policyDomain, report, day);
      }
      addPolicy(bucket, counts, report, policy, day, this.ipBudget);
    }
    return "added";
  }
  finish() {
    const byDomain = /* @__PURE__ */ new Map();
    for (const [domain, b] of [...this.domains].sort(([a], [b2]) => compareText(a, b2))) {
      byDomain.set(domain, this.domainResult(domain, b, this.window.firstDay));
    }
    return {
      byDomain,
      unique: this.unique,
      duplicates: this.duplicates,
      outsideWindow: this.tooOld,
      future: this.future,
      window: windowDates(this.window)
    };
  }
  bucket(domain) {
    let b = this.domains.get(domain);
    if (!b) this.domains.set(domain, b = emptyBucket());
    return b;
  }
  noteLatest(domain, r, day) {
    let byOrg = this.latest.get(domain);
    if (!byOrg) this.latest.set(domain, byOrg = /* @__PURE__ */ new Map());
    const current = byOrg.get(r.organizationName);
    if (current && current.endMs >= r.endMs) return;
    byOrg.set(r.organizationName, {
      organization: r.organizationName,
      reportId: r.reportId,
      endMs: r.endMs,
      day,
      policies: appliedPolicies(r.policies, domain)
    });
  }
  domainResult(domain, total, firstDay) {
    const { days } = total;
    const byResultType = /* @__PURE__ */ new Map();
    const byMx = /* @__PURE__ */ new Map();
    for (const m of total.modes.values()) {
      mergeMap(byResultType, m.byResultType);
      mergeMap(byMx, m.byMx);
    }
    const dayList = [];
    for (let d = Math.max(firstDay, Math.min(...days.keys())); d <= this.window.lastDay; d++) {
      const b = days.get(d);
      dayList.push({
        date: dayString(d),
        successful: b?.successful ?? 0,
        failed: b?.failed ?? 0,
        reports: b?.reports ?? 0
      });
    }
    const policies = [...total.policies.values()].sort((a, b) => b.successful + b.failed - (a.successful + a.failed)).map((p) => ({
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
      lastDate: dayString(p.lastDay)
    }));
    const sessionsByMode = {};
    const failuresByMode = {};
    const failingReportersByMode = {};
    for (const mode of MODES) {
      const m = total.modes.get(mode);
      sessionsByMode[mode] = { successful: m?.successful ?? 0, failed: m?.failed ?? 0 };
      failuresByMode[mode] = { byResultType: sorted(m?.byResultType), byMx: sorted(m?.byMx) };
      failingReportersByMode[mode] = [...m?.failingReporters ?? []].sort();
    }
    const latest = [...this.latest.get(domain)?.values() ?? []].filter((l) => l.day >= firstDay).map(({ organization, reportId, day, policies: p }) => ({
      organization,
      reportId,
      date: dayString(day),
      policies: p
    })).sort((a, b) => compareText(a.organization, b.organization));
    const summary = {
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
      quirks: sorted(total.quirks)
    };
    return {
      domain,
      summary,
      sessionsByMode,
      failuresByMode,
      failingReportersByMode,
      latestByReporter: latest,
      failureCells: [...total.cells].sort((a, b) => b.failed - a.failed || compareText(a.mx, b.mx) || compareText(a.reporter, b.reporter)).map(failureCell)
    };
  }
};
function appliedPolicies(policies, domain) {
  const out = [];
  for (const p of policies)
    if (p.policyDomain === domain) out.push({ policyType: p.policyType, essence: p.essence });
  return out;
}
function failureCell(c) {
  return {
    policyType: c.policyType,
    mode: c.mode,
    policy: c.policy,
    mx: c.mx,
    resultType: c.resultType,
    reporter: c.reporter,
    failed: c.failed,
    firstDate: dayString(c.firstDay),
    lastDate: dayString(c.lastDay)
  };
}
function firstOfDomain(policies, i) {
  const domain = policies[i].policyDomain;
  for (let j = 0; j < i; j++) if (policies[j].policyDomain === domain) return false;
  return true;
}
function addPolicy(b, counts, r, p, day, ipBudget) {
  const { essence } = p;
  const mode = appliedMode(p, essence);
  const successful = p.totalSuccessfulSessionCount;
  const failed = p.totalFailureSessionCount;
  b.successful += successful;
  b.failed += failed;
  counts.successful += successful;
  counts.failed += failed;
  const rep = b.reporters.get(r.organizationName);
  rep.successful += successful;
  rep.failed += failed;
  let m = b.modes.get(mode);
  if (!m) {
    m = { successful: 0, failed: 0, byResultType: /* @__PURE__ */ new Map(), byMx: /* @__PURE__ */ new Map(), failingReporters: /* @__PURE__ */ new Set() };
    b.modes.set(mode, m);
  }
  m.successful += successful;
  m.failed += failed;
  if (failed > 0) m.failingReporters.add(r.organizationName);
  const t = p.tally;
  for (let i = 0; i < t.resultTypes.length; i++)
    bump(m.byResultType, t.resultTypes[i], t.resultTypeCounts[i]);
  for (let i = 0; i < t.mxs.length; i++) bump(m.byMx, t.mxs[i], t.mxCounts[i]);
  let overflow = 0;
  let overflowed = false;
  for (let i = 0; i < t.ips.length; i++) {
    const ip = t.ips[i];
    const n = t.ipCounts[i];
    const current = b.bySendingIp.get(ip);
    if (current !== void 0) b.bySendingIp.set(ip, current + n);
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
        detailsFailed
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
      policyString: p.policyString ? p.policyString.map((s) => s.replace(/\r$/, "")) : null,
      mxHost: p.mxHost,
      reports: 0,
      successful: 0,
      failed: 0,
      reporters: /* @__PURE__ */ new Set(),
      firstDay: day,
      lastDay: day,
      cells: /* @__PURE__ */ new Map()
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
  let byPair;
  for (let i = 0; i < pairs.length; i++) {
    const n = t.pairCounts[i];
    if (n <= 0) continue;
    byPair ??= pb.cells.get(r.organizationName);
    const cell = byPair?.get(pairs[i]);
    if (cell) {
      cell.failed += n;
      if (day < cell.firstDay) cell.firstDay = day;
      if (day > cell.lastDay) cell.lastDay = day;
    } else if (b.cells.length < MAX_BREAKDOWN_KEYS) {
      const [mx, resultType] = pairs[i].split("\0");
      const made = {
        policyType: p.policyType,
        mode,
        policy: pb.policy,
        mx,
        resultType,
        reporter: r.organizationName,
        failed: n,
        firstDay: day,
        lastDay: day
      };
      if (byPair === void 0) pb.cells.set(r.organizationName, byPair = /* @__PURE__ */ new Map());
      byPair.set(pairs[i], made);
      b.cells.push(made);
    }
  }
}
function detached(s) {
  return s.length < 13 ? s : JSON.parse(JSON.stringify(s));
}
function emptyBucket() {
  return {
    reports: 0,
    successful: 0,
    failed: 0,
    days: /* @__PURE__ */ new Map(),
    byReporter: /* @__PURE__ */ new Map(),
    bySendingIp: /* @__PURE__ */ new Map(),
    reporters: /* @__PURE__ */ new Map(),
    modes: /* @__PURE__ */ new Map(),
    policies: /* @__PURE__ */ new Map(),
    cells: [],
    mismatches: [],
    mismatchCount: 0,
    quirks: /* @__PURE__ */ new Map()
  };
}
function bump(map, key, n) {
  const current = map.get(key);
  if (current !== void 0) map.set(key, current + n);
  else if (map.size < MAX_BREAKDOWN_KEYS) map.set(key, n);
  else map.set(OTHER_KEY, (map.get(OTHER_KEY) ?? 0) + n);
}
function mergeMap(into, from) {
  for (const [k, v] of from) bump(into, k, v);
}
function sorted(map) {
  if (!map) return {};
  return Object.fromEntries([...map].sort(byCountThenName));
}
function byCountThenName([ka, a], [kb, b]) {
  return b - a || (ka < kb ? -1 : ka > kb ? 1 : 0);
}
function topWithOther(map, limit) {
  const keys = new Array(map.size);
  const counts = new Float64Array(map.size);
  let n = 0;
  let total = 0;
  let other = 0;
  map.forEach((count2, key) => {
    if (key === OTHER_KEY) other = count2;
    else {
      keys[n] = key;
      counts[n++] = count2;
      total += count2;
    }
  });
  let least = Number.NEGATIVE_INFINITY;
  if (limit <= 0) least = Number.POSITIVE_INFINITY;
  else if (n > limit) least = counts.slice(0, n).sort()[n - limit];
  const top = [];
  for (let i = 0; i < n; i++) if (counts[i] >= least) top.push([keys[i], counts[i]]);
  top.sort(byCountThenName);
  if (top.length > limit) top.length = Math.max(0, limit);
  const out = {};
  let listed = 0;
  for (const [key, count2] of top) {
    if (key === "__proto__")
      Object.defineProperty(out, key, { value: count2, enumerable: true, writable: true, configurable: true });
    else out[key] = count2;
    listed += count2;
  }
  const rest = other + total - listed;
  if (rest > 0) out[OTHER_KEY] = rest;
  return out;
}

export {
  essenceFromText,
  essenceFromPolicy,
  essenceKey,
  essenceDifferences,
  parseReport,
  policyDomainFromFilename,
  DEFAULT_REPORT_WINDOW_DAYS,
  reportWindow,
  windowDates,
  EMPTY_TALLY,
  digestReport,
  ReportAggregator
};
