import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  allShards,
  judgeReportsFrom,
  judgeRolloutFrom,
  listFingerprint,
  loadReports,
  probeStatesOf
} from "./chunk-IPJNBDBX.js";
import {
  reportWindow
} from "./chunk-UBQU3XIK.js";
import {
  describeInputProblem,
  readInputFile
} from "./chunk-VDO6YHCU.js";
import {
  glob,
  isDynamicPattern
} from "./chunk-VTOUCKGS.js";
import {
  RULES,
  compareFindings,
  isEnforceRisk
} from "./chunk-4H27BXP7.js";
import {
  ConfigurationError
} from "./chunk-UEMDV4PQ.js";

// src/core/merge.ts
var refused = (message) => ({ kind: "refused", message });
function mergeShards(files, options) {
  const first = files[0];
  if (!first) return refused("no results file given");
  const byIndex = /* @__PURE__ */ new Map();
  for (const file of files) {
    const problem = shardProblem(file, first);
    if (problem) return refused(`${file.name}: ${problem}`);
    const shard = file.result.shard;
    const earlier = byIndex.get(shard.index);
    if (earlier) {
      return refused(
        `${file.name}: shard ${shard.index}/${shard.total} is given twice (also ${earlier.name})`
      );
    }
    byIndex.set(shard.index, file);
  }
  const reference = first.result.shard;
  const expected = allShards(reference.list.domains, reference.total);
  for (const [index, file] of byIndex) {
    const domains = file.result.domains.map((d) => d.domain).sort();
    const want = expected[index - 1];
    if (domains.length !== want.length || domains.some((d, i) => d !== want[i])) {
      return refused(
        `${file.name}: holds ${domains.length} domains, not the ${want.length} of shard ${index}/${reference.total} of its list`
      );
    }
  }
  const missingShards = expected.map((_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missingShards.length > 0 && !options.allowMissingShards) {
    return refused(
      `shard${missingShards.length === 1 ? "" : "s"} ${missingShards.join(", ")} of ${reference.total} missing: no file given holds ${missingShards.length === 1 ? "it" : "them"} (--allow-missing-shards merges the rest)`
    );
  }
  const uncheckedDomains = missingShards.flatMap((index) => expected[index - 1]);
  const present = [...byIndex.keys()].sort((a, b) => a - b).map((index) => byIndex.get(index));
  const result = combine(present, reference, missingShards, uncheckedDomains, options.reports);
  return { kind: "merged", result, missingShards, uncheckedDomains };
}
function shardProblem(file, first) {
  const result = file.result;
  if (!result || typeof result !== "object" || result.schemaVersion !== 1) {
    return "not an mta-sts-guard results file (schemaVersion 1)";
  }
  const shard = result.shard;
  if (!isShardBlock(shard) || !Array.isArray(result.domains) || !Array.isArray(result.findings)) {
    return "has no shard block: it was not written by `check --shard I/N --format json`";
  }
  if (shard.index < 1 || shard.index > shard.total)
    return `shard ${shard.index}/${shard.total} is impossible`;
  if (shard.merged) return "is already a merged result";
  if (listFingerprint(shard.list.domains) !== shard.list.fingerprint) {
    return "its domain list does not match its list fingerprint (the file was edited or truncated)";
  }
  const ref = first.result.shard;
  if (shard === ref) return null;
  if (shard.total !== ref.total)
    return `is shard ${shard.index}/${shard.total}, not of ${ref.total} like ${first.name}`;
  if (shard.list.fingerprint !== ref.list.fingerprint) {
    return `was cut from another domain list (${shard.list.fingerprint}, ${first.name} has ${ref.list.fingerprint})`;
  }
  if ((shard.run?.id ?? null) !== (ref.run?.id ?? null)) {
    return `comes from another run (${shard.run?.id ?? "no run id"}, ${first.name} has ${ref.run?.id ?? "no run id"})`;
  }
  if (shard.toolVersion !== ref.toolVersion) {
    return `was written by mta-sts-guard ${shard.toolVersion}, ${first.name} by ${ref.toolVersion}`;
  }
  return null;
}
function isShardBlock(value) {
  const s = value;
  return typeof s === "object" && s !== null && Number.isSafeInteger(s.index) && Number.isSafeInteger(s.total) && typeof s.list === "object" && s.list !== null && typeof s.list.fingerprint === "string" && Array.isArray(s.list.domains) && s.list.domains.every((d) => typeof d === "string") && typeof s.toolVersion === "string" && typeof s.evidence === "object" && s.evidence !== null;
}
var isReportRule = (f) => RULES[f.rule]?.family === "reports";
function combine(shards, reference, missingShards, uncheckedDomains, reports) {
  const domains = shards.flatMap((s) => s.result.domains).sort((a, b) => a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0);
  const evidence = /* @__PURE__ */ new Map();
  for (const s of shards) {
    for (const [domain, e] of Object.entries(s.result.shard.evidence)) evidence.set(domain, e);
  }
  let findings = dedupe(shards.flatMap((s) => s.result.findings));
  if (reports) {
    findings = findings.filter((f) => !isReportRule(f));
    findings.push(...reports.findings);
    const advised = new Set(
      shards.filter((s) => s.result.shard.reportsJudged).flatMap((s) => s.result.domains.map((d) => d.domain))
    );
    const byDomain = /* @__PURE__ */ new Map();
    for (const f of findings) {
      const list = byDomain.get(f.domain);
      if (list) list.push(f);
      else byDomain.set(f.domain, [f]);
    }
    findings = byDomain.get(null) ?? [];
    byDomain.delete(null);
    for (const domain of domains) {
      const own = byDomain.get(domain.domain) ?? [];
      byDomain.delete(domain.domain);
      const e = evidence.get(domain.domain);
      if (!e) {
        findings.push(...own);
        continue;
      }
      const domainReports = reports.byDomain.get(domain.domain) ?? null;
      own.push(...judgeReportsFrom(domain.domain, domainReports, e, reports.settings, domain));
      if (advised.has(domain.domain)) {
        findings.push(...own);
        continue;
      }
      const rollout = { domain: domain.domain, policy: e.reference?.policy ?? null, reports: domainReports };
      findings.push(
        ...judgeRolloutFrom({ ...rollout, probes: probeStatesOf(domain) }, reports.settings, own, null)
      );
    }
    for (const rest of byDomain.values()) findings.push(...rest);
  }
  findings.sort(compareFindings);
  const generatedAt = shards.map((s) => s.result.generatedAt).sort().at(-1);
  return {
    schemaVersion: 1,
    tool: shards[0].result.tool,
    generatedAt,
    summary: {
      domains: domains.length,
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
      notices: findings.filter((f) => f.severity === "notice").length,
      enforceRisk: findings.some(isEnforceRisk)
    },
    findings,
    domains,
    reports: reports ? reports.summary : shards[0].result.reports,
    shard: {
      index: 0,
      total: reference.total,
      list: reference.list,
      toolVersion: reference.toolVersion,
      run: reference.run,
      reportsJudged: reports !== null || shards.some((s) => s.result.shard.reportsJudged),
      evidence: Object.fromEntries(evidence),
      merged: {
        shards: shards.map((s) => s.result.shard.index),
        missingShards,
        uncheckedDomains
      }
    }
  };
}
function dedupe(findings) {
  const seen = /* @__PURE__ */ new Set();
  const out = [];
  for (const f of findings) {
    const key = f.domain === null && !f.location ? `runner ${f.rule} ${f.subject ?? ""}` : JSON.stringify(f);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}

// src/merge-files.ts
import { stat } from "node:fs/promises";
var MAX_RESULTS_FILE_BYTES = 64 * 1024 * 1024;
async function mergeResultsFiles(request, deps) {
  if (request.paths.length === 0) throw new ConfigurationError(`${request.flag}: no results file given`);
  const files = [];
  for (const path of request.paths) files.push({ name: path, result: await readResults(request.flag, path) });
  let reports = null;
  if (request.reports) {
    const window = reportWindow(deps.clock.now(), request.reports.windowDays);
    const loaded = await loadReports(request.reports, window, deps.logger);
    reports = {
      ...loaded,
      settings: {
        now: deps.clock.now(),
        // Only the report rules run here; these two are never read by them.
        certExpiryWarningDays: 0,
        smtpProbe: "auto",
        offline: false,
        reportsGiven: true,
        reportWindowDays: request.reports.windowDays
      }
    };
  }
  const outcome = mergeShards(files, { allowMissingShards: request.allowMissingShards, reports });
  if (outcome.kind === "refused") throw new ConfigurationError(`${request.flag}: ${outcome.message}`);
  const { result, missingShards, uncheckedDomains } = outcome;
  deps.logger.info(
    `merge: ${result.shard.merged.shards.length} of ${result.shard.total} shards, ${result.summary.domains} of ${result.shard.list.count} domains checked`
  );
  if (missingShards.length > 0) {
    deps.logger.warning(
      `shard${missingShards.length === 1 ? "" : "s"} ${missingShards.join(", ")} missing: ${uncheckedDomains.length} domain(s) not checked: ${uncheckedDomains.join(", ")}`
    );
  }
  return outcome;
}
async function readResults(flag, path) {
  const read = await readInputFile(path, MAX_RESULTS_FILE_BYTES);
  if (read.kind !== "ok") {
    const problem = describeInputProblem(read, MAX_RESULTS_FILE_BYTES);
    throw new ConfigurationError(
      read.kind === "error" ? `${flag}: cannot read ${path}: ${problem}` : `${flag}: ${path} ${problem}`
    );
  }
  try {
    return JSON.parse(read.bytes.toString("utf8"));
  } catch (error) {
    throw new ConfigurationError(
      `${flag}: ${path}: not JSON (${error instanceof Error ? error.message : String(error)})`
    );
  }
}
async function expandResultsPaths(flag, values) {
  const out = /* @__PURE__ */ new Set();
  for (const value of values) {
    const info = await stat(value).catch(() => null);
    if (info?.isFile()) {
      out.add(value);
    } else if (isDynamicPattern(value)) {
      const matches = await glob(value, { onlyFiles: true, dot: false, followSymbolicLinks: false });
      if (matches.length === 0) throw new ConfigurationError(`${flag}: '${value}' matches no file`);
      for (const file of matches.sort()) out.add(file);
    } else {
      throw new ConfigurationError(`${flag}: no such file: ${value}`);
    }
  }
  return [...out];
}

export {
  MAX_RESULTS_FILE_BYTES,
  mergeResultsFiles,
  expandResultsPaths
};
