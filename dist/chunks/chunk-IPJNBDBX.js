import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  DEFAULT_REPORT_WINDOW_DAYS,
  ReportAggregator,
  essenceDifferences,
  essenceFromPolicy,
  essenceFromText,
  essenceKey,
  reportWindow,
  windowDates
} from "./chunk-UBQU3XIK.js";
import {
  RFC8460_RESULT_TYPES,
  finding
} from "./chunk-4H27BXP7.js";
import {
  parsePolicy
} from "./chunk-NHRCP74O.js";

// src/reports/load.ts
async function loadReports(source, window, logger) {
  const aggregator = new ReportAggregator(window);
  const archives = source.archives ?? [];
  if (source.paths.length === 0 && archives.length === 0) return summarize(aggregator, [], null, logger);
  const [{ expandReportPaths }, { Ingestor }] = await Promise.all([
    import("./expand-IXQPJBJX.js"),
    import("./ingest-4MESYOFS.js")
  ]);
  const ingestor = new Ingestor(aggregator, logger);
  try {
    let found = 0;
    const files = await expandReportPaths(source.paths, {
      listed: (n) => ingestor.expectFiles(found += n),
      folderEstimate: (n) => ingestor.expectFiles(n)
    });
    for (const archive of archives) await ingestor.archive(archive.name, archive.bytes);
    let run = [];
    for (const file of files) {
      if (file.refused === void 0) {
        run.push(file);
        continue;
      }
      await ingestor.files(run);
      run = [];
      ingestor.refuse(file.path, file.refused);
    }
    await ingestor.files(run);
    return summarize(aggregator, files, ingestor, logger);
  } finally {
    await ingestor.close();
  }
}
function summarize(aggregator, files, ingestor, logger) {
  const result = aggregator.finish();
  const { counts, invalid } = ingestor ?? { counts: NO_COUNTS, invalid: [] };
  const summary = {
    files: counts.files,
    parsed: counts.parsed,
    invalid,
    duplicates: counts.duplicates,
    outsideWindow: result.outsideWindow,
    future: result.future,
    skippedMessages: counts.skipped,
    messages: counts.messages,
    window: result.window,
    quirks: Object.fromEntries([...counts.quirks].sort(([a], [b]) => a.localeCompare(b)))
  };
  if (counts.files > 0 || files.length > 0) {
    logger.info(
      `reports: ${counts.files} file(s), ${counts.parsed} report(s) parsed (${counts.duplicates} duplicate, ${result.outsideWindow} before the window, ${result.future} future-dated), ${invalid.length} invalid; window ${result.window.start} to ${result.window.end}`
    );
  }
  const findings = invalid.map(
    (u) => finding("report-invalid", null, {
      domain: null,
      subject: u.path,
      message: u.error
    })
  );
  return { byDomain: result.byDomain, summary, findings };
}
var NO_COUNTS = {
  files: 0,
  parsed: 0,
  duplicates: 0,
  skipped: 0,
  messages: 0,
  quirks: /* @__PURE__ */ new Map()
};

// src/core/rules/reports.ts
var TOP_N = 3;
var KNOWN_RESULT_TYPES = RFC8460_RESULT_TYPES;
function reportEvidence(e, s, v) {
  const txt = e.observation?.tlsRptTxt;
  const tlsRptPublished = txt?.kind === "records" && txt.records.some((r) => TLSRPT_PREFIX.test(r.trim()));
  const tlsRptProposed = e.proposed?.tlsRptTxt.find((p) => TLSRPT_PREFIX.test(p.value.trim()))?.location ?? null;
  let reference = null;
  if (v.livePolicy) reference = { label: "live", policy: v.livePolicy, text: null };
  else if (v.livePolicyText !== null) reference = { label: "live", policy: null, text: v.livePolicyText };
  else if (v.policy) reference = { label: s.offline ? "proposed" : "expected", policy: v.policy, text: null };
  return { mode: v.mode, tlsRptPublished, tlsRptProposed, reference };
}
function judgeReportsFrom(domain, reports, evidence, s, out) {
  out.reports = reports?.summary ?? null;
  if (!reports) return missing(domain, evidence, s);
  return [...failures(domain, reports, evidence.mode), ...stale(domain, reports, evidence)];
}
var TLSRPT_PREFIX = /^v=TLSRPTv1\s*(;|$)/i;
function missing(domain, evidence, s) {
  if (!s.reportsGiven) return [];
  const live = evidence.tlsRptPublished;
  const proposed = evidence.tlsRptProposed ?? null;
  if (!live && proposed === null) return [];
  const days = s.reportWindowDays ?? DEFAULT_REPORT_WINDOW_DAYS;
  const { start, end } = windowDates(reportWindow(s.now, days));
  return [
    finding("reports-missing", null, {
      domain,
      subject: `_smtp._tls.${domain}`,
      ...live || proposed === null ? {} : { location: proposed },
      message: `TLS-RPT is ${live ? "published" : "proposed"}, but none of the reports given is for ${domain} within the report window (${start} to ${end}, ${days} day${days === 1 ? "" : "s"} up to this run's clock).`
    })
  ];
}
function failures(domain, r, mode) {
  const unknownIsEnforce = mode === "enforce";
  const enforceModes = unknownIsEnforce ? ["enforce", "unknown"] : ["enforce"];
  const testingModes = unknownIsEnforce ? ["testing", "none"] : ["testing", "none", "unknown"];
  const out = [];
  const enforce = bucket(r, enforceModes);
  if (enforce.failed > 0) {
    out.push(
      finding("reports-failures-enforce", "enforce", {
        domain,
        ...focus(enforce),
        message: `Senders applying an enforce policy failed ${fmt(enforce.failed)} of ${fmt(enforce.total)} TLS sessions (${pct(enforce.failed, enforce.total)}) reported by ${orgs(enforce.reporters)} in reports of ${period(r)}: that mail was refused or delayed.${details(enforce)}`
      })
    );
  }
  const testing = bucket(r, testingModes);
  if (testing.failed > 0) {
    out.push(
      finding("reports-failures-testing", "testing", {
        domain,
        ...focus(testing),
        message: `Switching to enforce would have failed ${fmt(testing.failed)} sessions (${pct(testing.failed, testing.total)} of the ${fmt(testing.total)} sessions under testing or no policy) reported by ${orgs(testing.reporters)} in reports of ${period(r)}.${details(testing)}`
      })
    );
  }
  return out;
}
function bucket(r, modes) {
  let failed = 0;
  let total = 0;
  const reporters = /* @__PURE__ */ new Set();
  const types = /* @__PURE__ */ new Map();
  const mx = /* @__PURE__ */ new Map();
  for (const mode of modes) {
    const sessions = r.sessionsByMode[mode];
    failed += sessions.failed;
    total += sessions.failed + sessions.successful;
    r.failingReportersByMode[mode].forEach((o) => reporters.add(o));
    for (const [k, n] of Object.entries(r.failuresByMode[mode].byResultType))
      types.set(k, (types.get(k) ?? 0) + n);
    for (const [k, n] of Object.entries(r.failuresByMode[mode].byMx)) mx.set(k, (mx.get(k) ?? 0) + n);
  }
  const top = (m) => [...m].filter(([, n]) => n > 0).sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb));
  return { failed, total, reporters: [...reporters].sort(), byResultType: top(types), byMx: top(mx) };
}
function focus(b) {
  const out = {};
  const mx = b.byMx.find(([host]) => !host.startsWith("("));
  if (mx) out.subject = mx[0];
  const type = b.byResultType[0]?.[0];
  if (type !== void 0) out.resultType = KNOWN_RESULT_TYPES.has(type) ? type : "other";
  return out;
}
function details(b) {
  const list = (entries) => entries.slice(0, TOP_N).map(([k, n]) => `${k} ${fmt(n)}`).join(", ") + (entries.length > TOP_N ? `, and ${entries.length - TOP_N} more` : "");
  const parts = [];
  if (b.byResultType.length > 0) parts.push(` Top result types: ${list(b.byResultType)}.`);
  if (b.byMx.length > 0) parts.push(` MX: ${list(b.byMx)}.`);
  return parts.join("");
}
function stale(domain, r, evidence) {
  const given = evidence.reference;
  if (!given) return [];
  const label = given.label;
  const reference = given.policy ? essenceFromPolicy(given.policy) : given.text !== null ? essenceFromText(given.text) : null;
  if (!reference) return [];
  const stale2 = [];
  for (const latest of r.latestByReporter) {
    const diffs = /* @__PURE__ */ new Set();
    for (const p of latest.policies) {
      if (p.policyType !== "sts" || !p.essence) continue;
      for (const d of essenceDifferences(p.essence, reference)) diffs.add(d);
    }
    if (diffs.size > 0)
      stale2.push(`${latest.organization} (report of ${latest.date}): ${[...diffs].join(", ")}`);
  }
  if (stale2.length === 0) return [];
  return [
    finding("reports-stale-policy", evidence.mode, {
      domain,
      message: `${stale2.length === 1 ? "A reporter" : `${stale2.length} reporters`} still applied a policy other than the ${label} one in their newest report: ${stale2.join("; ")}.`
    })
  ];
}
function period(r) {
  const days = r.summary.days.filter((d) => d.reports !== 0);
  const first = days[0]?.date;
  const last = days[days.length - 1]?.date;
  if (!first || !last) return "the report window";
  return first === last ? first : `${first} to ${last}`;
}
function orgs(list) {
  if (list.length === 0) return "no organization";
  const names = list.slice(0, TOP_N).join(", ") + (list.length > TOP_N ? ` and ${list.length - TOP_N} more` : "");
  return `${list.length} organization${list.length === 1 ? "" : "s"} (${names})`;
}
function fmt(n) {
  return n.toLocaleString("en-US");
}
function pct(part, total) {
  if (total === 0) return "n/a";
  const p = 100 * part / total;
  return `${p >= 10 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`;
}

// src/core/rollout-advisor.ts
var DEFAULT_ENFORCE_READINESS_DAYS = 14;
var MIN_READINESS_REPORTERS = 2;
var MAX_LISTED = 5;
function againstCurrent(reports, policy) {
  const current = essenceKey(essenceFromPolicy(policy));
  return (reports.failureCells ?? []).filter(
    (c) => !(c.policyType === "sts" && c.policy !== null && c.policy !== current)
  );
}
function failedUnderCurrent(reports, policy) {
  const current = essenceKey(essenceFromPolicy(policy));
  const policies = reports.summary.policies ?? [];
  if (policies.length === 0) return reports.summary.failedSessions;
  return policies.filter((p) => !(p.policyType === "sts" && p.policy !== null && p.policy !== current)).reduce((sum, p) => sum + p.failed, 0);
}
function reportDays(reports) {
  return reports.summary.days.filter((d) => d.reports !== 0 && d.successful + d.failed > 0).map((d) => ({ date: d.date, failed: d.failed }));
}
function breakingMx(cells, reports) {
  const days = reportDays(reports);
  const newest = days[days.length - 1]?.date ?? "";
  const byMx = /* @__PURE__ */ new Map();
  for (const c of cells) byMx.set(c.mx, [...byMx.get(c.mx) ?? [], c]);
  return [...byMx].map(([mx, list]) => {
    const since = list.map((c) => c.firstDate).sort()[0];
    const last = list.map((c) => c.lastDate).sort().reverse()[0];
    const failed = list.reduce((n, c) => n + c.failed, 0);
    const span = days.filter((d) => d.date >= since && d.date <= (newest || last)).length || 1;
    const types = /* @__PURE__ */ new Map();
    for (const c of list) {
      const t = types.get(c.resultType) ?? { failed: 0, reporters: /* @__PURE__ */ new Set() };
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
      byResultType: [...types].map(([resultType, t]) => ({ resultType, failed: t.failed, reporters: [...t.reporters].sort() })).sort((a, b) => b.failed - a.failed || a.resultType.localeCompare(b.resultType))
    };
  }).sort((a, b) => b.failed - a.failed || a.mx.localeCompare(b.mx));
}
function adviseTesting(input) {
  const { policy, reports, readinessDays, windowDays } = input;
  const reasons = [];
  let breaking = [];
  const days = reports ? reportDays(reports) : [];
  const reporters = reports ? [...new Set(reports.latestByReporter.map((r) => r.organization))].sort() : [];
  if (days.length < readinessDays)
    reasons.push(
      `reports on ${days.length} day${days.length === 1 ? "" : "s"}, ${readinessDays} needed ` + (windowDays !== void 0 && windowDays < readinessDays ? `(the report window is ${windowDays} days: run with --report-window-days ${readinessDays})` : "(the report window must reach that far back)")
    );
  if (reporters.length < MIN_READINESS_REPORTERS)
    reasons.push(
      `${reporters.length} reporter${reporters.length === 1 ? "" : "s"}, ${MIN_READINESS_REPORTERS} needed`
    );
  if (reports) {
    const failed = failedUnderCurrent(reports, policy);
    breaking = breakingMx(againstCurrent(reports, policy), reports);
    if (failed > 0)
      reasons.push(`${fmt2(failed)} failed session${failed === 1 ? "" : "s"} under the current policy`);
  }
  if (input.probes === null) reasons.push("the MX were not probed");
  else
    for (const p of input.probes.filter((p2) => p2.problem !== null))
      reasons.push(`MX ${p.host} probe: ${p.problem}`);
  if (reasons.length > 0) return { kind: "not-ready", reasons, breaking };
  const sessions = reports.summary.successfulSessions + reports.summary.failedSessions;
  return {
    kind: "ready",
    days: days.length,
    first: days[0].date,
    last: days[days.length - 1].date,
    reporters,
    sessions
  };
}
function describeBreaking(breaking) {
  const list = breaking.slice(0, MAX_LISTED).map((b) => {
    const types = b.byResultType.slice(0, MAX_LISTED).map((t) => `${t.resultType} ${fmt2(t.failed)} (seen by ${t.reporters.join(", ")})`).join(", ");
    return `${b.mx} since ${b.since}, about ${perDay(b.perDay)} sessions a day: ${types}`;
  });
  const more = breaking.length > MAX_LISTED ? `; and ${breaking.length - MAX_LISTED} more MX` : "";
  return list.join("; ") + more;
}
function notReadyText(advice) {
  const wouldBreak = advice.breaking.length > 0 ? ` Enforce would break: ${describeBreaking(advice.breaking)}.` : "";
  return ` Not ready for enforce: ${advice.reasons.join("; ")}.${wouldBreak}`;
}
function enforceLossText(reports) {
  const cells = (reports.failureCells ?? []).filter((c) => c.mode === "enforce" || c.mode === "unknown");
  const breaking = breakingMx(cells, reports);
  return breaking.length > 0 ? ` Lost under enforce: ${describeBreaking(breaking)}.` : "";
}
function perDay(n) {
  return n >= 10 ? fmt2(Math.round(n)) : String(Math.round(n * 10) / 10);
}
function fmt2(n) {
  return n.toLocaleString("en-US");
}

// src/core/rules/rollout.ts
function probeStates(e, s, out) {
  if (s.offline || s.smtpProbe === "off" || !e.observation || out.mx.length === 0) return null;
  return mxProblems(out);
}
function mxProblems(out) {
  return out.mx.map((m) => ({
    host: m.host,
    problem: m.matchesPolicy === false ? "matches no mx pattern of the policy" : m.error ?? (m.tls === null ? "not probed" : m.tls.resultType)
  }));
}
function sentence(message) {
  return /[.!?]$/.test(message) ? message : `${message}.`;
}
function judgeRollout(e, s, v, out, findings) {
  const file = v.filePolicy && e.policyFile ? e.policyFile : null;
  const line = file ? parsePolicy(file.text).fieldLines.mode ?? 1 : null;
  return judgeRolloutFrom(
    { domain: e.domain, policy: v.policy, reports: e.reports, probes: probeStates(e, s, out) },
    s,
    findings,
    file && line !== null ? { file: file.path, line } : null
  );
}
function probeStatesOf(out) {
  if (out.mx.length === 0 || out.mx.every((m) => m.tls === null && !m.error)) return null;
  return mxProblems(out);
}
function judgeRolloutFrom(r, s, findings, location) {
  const policy = r.policy;
  if (!s.reportsGiven || !policy) return findings;
  if (policy.mode === "enforce") {
    const loss = r.reports ? enforceLossText(r.reports) : "";
    if (loss === "") return findings;
    return findings.map(
      (f) => f.rule === "reports-failures-enforce" ? { ...f, message: sentence(f.message) + loss } : f
    );
  }
  if (policy.mode !== "testing") return findings;
  const advice = adviseTesting({
    policy,
    reports: r.reports,
    readinessDays: s.enforceReadinessDays ?? DEFAULT_ENFORCE_READINESS_DAYS,
    ...s.reportWindowDays !== void 0 ? { windowDays: s.reportWindowDays } : {},
    probes: r.probes
  });
  if (advice.kind === "not-ready") {
    const text = notReadyText(advice);
    return findings.map(
      (f) => f.rule === "policy-mode-testing" ? { ...f, message: sentence(f.message) + text } : f
    );
  }
  const ready = finding("enforce-ready", "testing", {
    domain: r.domain,
    subject: `_mta-sts.${r.domain}`,
    ...location ? { location } : {},
    message: `${r.domain} is ready for mode enforce: reports on ${advice.days} days (${advice.first} to ${advice.last}) from ${advice.reporters.length} reporters (${advice.reporters.join(", ")}) show no failed session under the current policy in ${advice.sessions.toLocaleString("en-US")} sessions, and every MX probe is clean.`
  });
  return [...findings, ready];
}

// src/core/shard.ts
var FNV32_OFFSET = 2166136261;
var FNV32_PRIME = 16777619;
function nameHash(name) {
  let hash = FNV32_OFFSET;
  for (let i = 0; i < name.length; i++) {
    hash ^= name.charCodeAt(i);
    hash = Math.imul(hash, FNV32_PRIME);
  }
  return hash >>> 0;
}
function shardOrder(domains) {
  const keyed = [...new Set(domains)].map((domain) => ({ domain, hash: nameHash(domain) }));
  keyed.sort((a, b) => a.hash - b.hash || (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  return keyed.map((k) => k.domain);
}
function rangeStart(index, total, count) {
  return Math.floor((index - 1) * count / total);
}
function shardDomains(domains, shard) {
  if (!shard) return [...domains];
  const order = shardOrder(domains);
  const start = rangeStart(shard.index, shard.total, order.length);
  const end = rangeStart(shard.index + 1, shard.total, order.length);
  return order.slice(start, end).sort();
}
function allShards(domains, total) {
  const order = shardOrder(domains);
  return Array.from(
    { length: total },
    (_, i) => order.slice(rangeStart(i + 1, total, order.length), rangeStart(i + 2, total, order.length)).sort()
  );
}
var TWO_32 = 4294967296;
function fnv1a64(text) {
  let hi = 3421674724;
  let lo = 2216829733;
  for (let i = 0; i < text.length; i++) {
    lo = (lo ^ text.charCodeAt(i)) >>> 0;
    const low = lo * 435;
    hi = Math.imul(hi, 435) + Math.floor(low / TWO_32) + (lo << 8) >>> 0;
    lo = low >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}
function listFingerprint(domains) {
  const distinct = [...new Set(domains)].sort();
  return `fnv1a64:${fnv1a64(distinct.join("\n"))}:${distinct.length}`;
}

export {
  reportEvidence,
  judgeReportsFrom,
  judgeRollout,
  probeStatesOf,
  judgeRolloutFrom,
  shardDomains,
  allShards,
  listFingerprint,
  loadReports
};
