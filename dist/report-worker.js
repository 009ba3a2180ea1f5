import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/reports/pool.ts
import { isMainThread, parentPort, Worker, workerData } from "node:worker_threads";

// src/core/policy.ts
var MAX_POLICY_BYTES = 64 * 1024;

// src/core/report.ts
var MAX_COUNT = Number.MAX_SAFE_INTEGER;
var MAX_EXTENSION_DEPTH = 16;
var RESULT_TYPES = /* @__PURE__ */ new Set([
  "starttls-not-supported",
  "certificate-host-mismatch",
  "certificate-expired",
  "certificate-not-trusted",
  "validation-failure",
  "tlsa-invalid",
  "dnssec-invalid",
  "dane-required",
  "sts-policy-fetch-error",
  "sts-policy-invalid",
  "sts-webpki-invalid"
]);
var POLICY_TYPES = /* @__PURE__ */ new Set(["sts", "tlsa", "no-policy-found"]);
var REPORT_KEYS = /* @__PURE__ */ new Set(["organization-name", "date-range", "contact-info", "report-id", "policies"]);
var POLICY_ITEM_KEYS = /* @__PURE__ */ new Set(["policy", "summary", "failure-details"]);
var POLICY_KEYS = /* @__PURE__ */ new Set(["policy-type", "policy-string", "policy-domain", "mx-host", "mx-host-pattern"]);
var ReportError = class extends Error {
};
function parseReport(value, hints = {}) {
  const quirks = /* @__PURE__ */ new Map();
  const note = (code, detail) => {
    if (!quirks.has(code)) quirks.set(code, detail);
  };
  try {
    const report = convertReport(value, hints, note);
    report.quirks = [...quirks].map(([code, detail]) => ({ code, detail }));
    return { ok: true, report };
  } catch (error) {
    if (error instanceof ReportError) return { ok: false, error: error.message };
    throw error;
  }
}
function convertReport(value, hints, note) {
  const root = object(value, "the report");
  checkExtensions(root, REPORT_KEYS, "");
  const organizationName = requiredString(root, "organization-name", "");
  const range = object(root["date-range"], "date-range");
  let startMs = dateTime(range["start-datetime"], "date-range.start-datetime", note);
  let endMs = dateTime(range["end-datetime"], "date-range.end-datetime", note);
  if (startMs > endMs) {
    note("start-after-end", `start ${iso(startMs)} is after end ${iso(endMs)}; swapped`);
    [startMs, endMs] = [endMs, startMs];
  }
  const contactInfo = optionalString(root, "contact-info", "");
  if (contactInfo === null) note("contact-info-missing", "no contact-info");
  const reportId = optionalString(root, "report-id", "");
  if (reportId === null) note("report-id-missing", "no report-id; duplicates are recognised by dates");
  if (!("policies" in root)) throw new ReportError("policies: missing (RFC 8460 \xA74.4 requires it)");
  const list = root["policies"];
  if (!Array.isArray(list)) throw new ReportError(`policies: expected an array, got ${typeName(list)}`);
  if (list.length === 0) throw new ReportError("policies: empty, the report describes no policy");
  const policies = list.map((item, i) => convertPolicy(item, `policies[${i}]`, hints, note));
  return { organizationName, startMs, endMs, contactInfo, reportId, policies, quirks: [] };
}
function convertPolicy(value, at, hints, note) {
  const item = object(value, at);
  checkExtensions(item, POLICY_ITEM_KEYS, at);
  const policy = object(item["policy"], `${at}.policy`);
  checkExtensions(policy, POLICY_KEYS, `${at}.policy`);
  const rawPolicyType = requiredString(policy, "policy-type", `${at}.policy`);
  let policyType = "other";
  if (POLICY_TYPES.has(rawPolicyType)) policyType = rawPolicyType;
  else note("unknown-policy-type", `policy-type "${rawPolicyType}"`);
  let policyString = null;
  if (policy["policy-string"] !== void 0) {
    policyString = stringArray(policy["policy-string"], `${at}.policy.policy-string`);
    if (policyString.some((line) => line.endsWith("\r"))) {
      note("policy-string-cr", "policy-string items end in CR (the policy is served with CRLF)");
    }
  } else if (policyType !== "no-policy-found") {
    note("policy-string-missing", `${at}: ${rawPolicyType} policy without policy-string`);
  }
  let policyDomain = optionalString(policy, "policy-domain", `${at}.policy`);
  if (policyDomain === null || policyDomain.trim() === "") {
    if (!hints.policyDomain) {
      throw new ReportError(
        `${at}.policy.policy-domain: missing, and no TLS-Report-Domain or file name names one`
      );
    }
    note(
      "policy-domain-from-hint",
      `policy-domain taken from the message or file name: ${hints.policyDomain}`
    );
    policyDomain = hints.policyDomain;
  }
  let mxHost = [];
  const mxKey = policy["mx-host"] !== void 0 ? "mx-host" : "mx-host-pattern";
  const mxValue = policy[mxKey];
  if (mxKey === "mx-host-pattern" && mxValue !== void 0)
    note("mx-host-pattern-key", "mx-host-pattern used");
  if (typeof mxValue === "string") {
    if (mxKey === "mx-host") note("mx-host-string", "mx-host is a string, not an array");
    mxHost = [mxValue];
  } else if (mxValue !== void 0) {
    mxHost = stringArray(mxValue, `${at}.policy.${mxKey}`);
  }
  const summary = object(item["summary"], `${at}.summary`);
  const totalSuccessfulSessionCount = count(summary, "total-successful-session-count", `${at}.summary`, note);
  const totalFailureSessionCount = count(summary, "total-failure-session-count", `${at}.summary`, note);
  let failureDetails = [];
  if (item["failure-details"] !== void 0) {
    const details = item["failure-details"];
    if (!Array.isArray(details)) {
      throw new ReportError(`${at}.failure-details: expected an array, got ${typeName(details)}`);
    }
    failureDetails = details.map((d, i) => convertDetail(d, at, i, note));
  }
  const detailSum = failureDetails.reduce((sum, d) => sum + d.failedSessionCount, 0);
  if (failureDetails.length > 0 && detailSum !== totalFailureSessionCount) {
    note(
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
function convertDetail(value, parent, i, note) {
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
  else note("unknown-result-type", `result-type "${rawResultType}" kept as other`);
  let receivingMxHostname = dstr(d["receiving-mx-hostname"], "receiving-mx-hostname", parent, i);
  if (receivingMxHostname === null && d["receiving-mx-host-name"] !== void 0) {
    note("receiving-mx-host-name", "receiving-mx-host-name used for receiving-mx-hostname");
    receivingMxHostname = dstr(d["receiving-mx-host-name"], "receiving-mx-host-name", parent, i);
  }
  let failureReasonCode = dstr(d["failure-reason-code"], "failure-reason-code", parent, i);
  if (failureReasonCode === null && d["failure-error-code"] !== void 0) {
    note("failure-error-code", "failure-error-code used for failure-reason-code");
    failureReasonCode = dstr(d["failure-error-code"], "failure-error-code", parent, i);
  }
  let sendingMtaIp = dstr(d["sending-mta-ip"], "sending-mta-ip", parent, i);
  if (sendingMtaIp !== null && (sendingMtaIp.length === 0 || sendingMtaIp.trim() === "")) {
    note("empty-sending-mta-ip", "sending-mta-ip is empty");
    sendingMtaIp = null;
  }
  const raw = d["failed-session-count"];
  const failedSessionCount = typeof raw === "number" && Number.isInteger(raw) && raw >= 0 && raw <= MAX_COUNT ? raw : count(d, "failed-session-count", detailPath(parent, i), note);
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
function dateTime(value, at, note) {
  if (typeof value !== "string")
    throw new ReportError(`${at}: expected a date-time string, got ${typeName(value)}`);
  const m = DATE_TIME.exec(value.trim());
  if (!m) throw new ReportError(`${at}: "${value}" is not an RFC 3339 date-time`);
  const zone = m[8];
  if (zone === void 0) note("date-without-zone", `${at} "${value}" has no zone; read as UTC`);
  const ms = Date.parse(
    `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${m[7] ?? ""}${(zone ?? "Z").toUpperCase()}`
  );
  if (Number.isNaN(ms)) throw new ReportError(`${at}: "${value}" is not a valid date`);
  return ms;
}
function count(obj, key, at, note) {
  const where = at ? `${at}.${key}` : key;
  const value = obj[key];
  if (value === void 0) throw new ReportError(`${where}: missing`);
  let n;
  if (typeof value === "number") {
    n = value;
  } else if (typeof value === "string" && /^\s*-?\d+\s*$/.test(value)) {
    note("count-as-string", `${where} sent as the string "${value}"`);
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
  value.forEach((item, i) => {
    if (typeof item !== "string")
      throw new ReportError(`${at}[${i}]: expected a string, got ${typeName(item)}`);
  });
  return value;
}
function checkExtensions(obj, known, at) {
  for (const [key, value] of Object.entries(obj)) {
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

// src/core/aggregate.ts
var NOT_REPORTED = "(not reported)";
function digestReport(report) {
  const { policies, ...rest } = report;
  return {
    ...rest,
    policies: policies.map(({ failureDetails, ...policy }) => ({
      ...policy,
      tally: tallyDetails(failureDetails)
    }))
  };
}
function tallyDetails(details) {
  const resultTypes = new KeyTally();
  const mxs = new KeyTally();
  const ips = new Array(details.length);
  const ipCounts = new Float64Array(details.length);
  let failed = 0;
  for (let i = 0; i < details.length; i++) {
    const d = details[i];
    const n = d.failedSessionCount;
    failed += n;
    resultTypes.add(d.resultType === "other" ? d.rawResultType : d.resultType, n);
    mxs.add(d.receivingMxHostname ?? NOT_REPORTED, n);
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
    ipCounts
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

// src/reports/decode.ts
import { isUtf8 } from "node:buffer";
import { gunzipSync } from "node:zlib";

// src/reports/limits.ts
var MAX_REPORT_JSON_BYTES = 16 * 1024 * 1024;
var MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
var MAX_ZIP_TOTAL_BYTES = 4 * 1024 * 1024 * 1024;

// src/reports/decode.ts
function isGzip(bytes) {
  return bytes.length >= 2 && bytes[0] === 31 && bytes[1] === 139;
}
function looksLikeJson(bytes) {
  let i = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13))
    i++;
  return bytes[i] === 123;
}
function gunzipCapped(bytes, cap = MAX_REPORT_JSON_BYTES) {
  try {
    return { ok: true, bytes: gunzipSync(bytes, { maxOutputLength: cap }) };
  } catch (error) {
    return gunzipError(error, cap);
  }
}
function gunzipError(error, cap) {
  const e = error;
  if (e.code === "ERR_BUFFER_TOO_LARGE") {
    return { ok: false, error: `gzip: decompresses to more than ${mib(cap)} (limit per report)` };
  }
  if (e.code === "Z_BUF_ERROR") return { ok: false, error: "gzip: truncated (unexpected end of data)" };
  return { ok: false, error: `gzip: ${e.message}` };
}
function decodeReportBytes(input) {
  let bytes = input;
  if (isGzip(bytes)) {
    const g = gunzipCapped(bytes);
    if (!g.ok) return g;
    bytes = g.bytes;
  } else if (bytes.length > MAX_REPORT_JSON_BYTES) {
    return { ok: false, error: `JSON: larger than ${mib(MAX_REPORT_JSON_BYTES)} (limit per report)` };
  }
  const bom = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191;
  if (bom) bytes = bytes.subarray(3);
  if (!isUtf8(bytes)) return { ok: false, error: `not UTF-8 (at byte ${firstBadUtf8(bytes)})` };
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8");
  if (text.trim() === "") return { ok: false, error: "empty" };
  try {
    return { ok: true, value: JSON.parse(text), bom };
  } catch (error) {
    return { ok: false, error: `not valid JSON: ${error.message}` };
  }
}
function firstBadUtf8(bytes) {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = lo + hi >> 1;
    try {
      new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}
function mib(bytes) {
  return `${bytes / 1024 / 1024} MiB`;
}

// src/reports/payload.ts
function readPayload(input, policyDomain) {
  let bytes = input;
  if (isGzip(bytes)) {
    const g = gunzipCapped(bytes);
    if (!g.ok) return g;
    bytes = g.bytes;
  }
  if (!looksLikeJson(bytes)) return { ok: "not-json" };
  const decoded = decodeReportBytes(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseReport(decoded.value, { policyDomain });
  if (!parsed.ok) return parsed;
  const report = parsed.report;
  if (decoded.bom) report.quirks.push({ code: "bom", detail: "UTF-8 byte order mark before the JSON" });
  return { ok: true, digest: digestReport(report) };
}

// src/reports/pool.ts
var WORKER_MARK = "mta-sts-guard/report-parser";
function serve(port) {
  port.on("message", ({ id, jobs }) => {
    const results = jobs.map((j) => pack(parseJob(j)));
    port.postMessage({ id, results });
  });
}
function pack(r) {
  if (r.ok !== true) return r;
  for (const p of r.digest.policies) {
    const t = p.tally;
    const ips = t.ips;
    if (ips.length < 2) continue;
    const lengths = new Uint32Array(ips.length);
    for (let i = 0; i < ips.length; i++) lengths[i] = ips[i].length;
    t.ips = { text: ips.join(""), lengths };
  }
  return r;
}
function parseJob(j) {
  try {
    return readPayload(j.bytes, j.hint);
  } catch (error) {
    return { ok: "throw", error: error instanceof Error ? error.message : String(error) };
  }
}
if (!isMainThread && parentPort && workerData?.[WORKER_MARK] === true) {
  serve(parentPort);
  await new Promise(() => {
  });
}
