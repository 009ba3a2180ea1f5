#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  renderSarif
} from "./chunks/chunk-4JHX6ZYV.js";
import {
  mergeResultsFiles
} from "./chunks/chunk-RW6I5JLU.js";
import {
  boundResult,
  boundValue,
  capHeapGrowth,
  chartDays,
  check,
  createNetwork,
  describeExpiry,
  domainLabel,
  expiryDistance,
  failingFindings,
  failureRate,
  fixBlockText,
  formatCount,
  noWorkflowCommands,
  oneLineValues,
  plural,
  renderJson,
  renderJsonPieces,
  renderMarkdown,
  reportFacts,
  reportWindowLine,
  safeInline,
  safeJsonText,
  safeLogLine,
  safeText,
  stderrProgress,
  systemClock,
  windowLabel
} from "./chunks/chunk-HTQU2OHX.js";
import "./chunks/chunk-IPJNBDBX.js";
import "./chunks/chunk-EDC3MA54.js";
import "./chunks/chunk-MQW6HBKM.js";
import {
  applyEdits
} from "./chunks/chunk-4P7QQLAG.js";
import "./chunks/chunk-64CDEVP6.js";
import "./chunks/chunk-ZE3T6ODX.js";
import "./chunks/chunk-UBQU3XIK.js";
import "./chunks/chunk-WDZ34UMO.js";
import "./chunks/chunk-KWZRHUKW.js";
import {
  describeInputProblem,
  readInputFile
} from "./chunks/chunk-VDO6YHCU.js";
import "./chunks/chunk-VTOUCKGS.js";
import {
  RULES,
  isEnforceRisk
} from "./chunks/chunk-4H27BXP7.js";
import {
  ConfigurationError,
  defaultConfig,
  normalizeDomain,
  parseChoice,
  parseDohUrl,
  parseInteger,
  parsePolicyFileSpec,
  parseResolver,
  parseRunId,
  parseShard,
  runIdentityFromEnv
} from "./chunks/chunk-UEMDV4PQ.js";
import {
  TOOL_VERSION
} from "./chunks/chunk-ABG7CS52.js";
import "./chunks/chunk-G6YZZX3V.js";
import "./chunks/chunk-NHRCP74O.js";
import "./chunks/chunk-QNAOXB7A.js";
import "./chunks/chunk-FDGYIFXX.js";

// src/cli.ts
import { writeFile as writeFile3 } from "node:fs/promises";

// src/cli-args.ts
import { parseArgs } from "node:util";
var USAGE = `Usage: mta-sts-guard check [DOMAIN...] [options]
       mta-sts-guard fix [RESULTS.json | DOMAIN... options] [--dry-run]
       mta-sts-guard merge RESULTS.json... [options]   (see merge --help)

Checks MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) for the given domains, DNS-as-code files,
policy files and TLS-RPT reports.

Options:
  --domains-file FILE          one domain a line, # comments
  --zone GLOB                  DNS-as-code files (BIND, octoDNS YAML, DNSControl IR JSON); repeatable
  --policy-file DOMAIN=PATH    an mta-sts.txt kept in the repo; repeatable
  --reports GLOB               TLS-RPT reports: .json .json.gz .eml .mbox .zip or folders; repeatable
  --report-window-days N       default 7
  --enforce-readiness-days N   default 14: days of clean reports before a testing domain is
                               enforce-ready (the report window must reach that far)
  --resolver IP[:PORT]         DNS server; default: the system's first nameserver
  --doh URL                    DNS over HTTPS instead of --resolver
  --smtp-probe auto|on|off     default auto
  --smtp-port N                default 25
  --policy-port N              default 443 (test rigs and the demo only)
  --timeout-seconds N          per network operation, default 15
  --concurrency N              domains checked at once, default 16
  --cert-expiry-warning-days N default 14
  --shard I/N                  check only the I-th of N slices of the domain list
  --run-id ID                  the run shards belong to (default: GITHUB_RUN_ID); merge checks it
  --offline                    no network: only zone, policy and report files are judged
  --base REV                   git revision to compare zone and policy files against
  --include-root DIR           how far BIND $INCLUDE may reach (default: the zone file's git
                               repository, else its own folder)
  --format text|json|markdown|sarif   default text
  --output FILE                write the rendering there instead of stdout
  --fail-on error|warning|never       default error
  --verbose                    text: also list clean domains, notices, MX and report details
  --dry-run                    fix: print the edits as a unified diff instead of applying them
  -h, --help                   this text
  -V, --version                the version

Exit: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.`;
var OPTIONS = {
  "domains-file": { type: "string" },
  zone: { type: "string", multiple: true },
  "policy-file": { type: "string", multiple: true },
  reports: { type: "string", multiple: true },
  "report-window-days": { type: "string" },
  "enforce-readiness-days": { type: "string" },
  resolver: { type: "string" },
  doh: { type: "string" },
  "smtp-probe": { type: "string" },
  "smtp-port": { type: "string" },
  "policy-port": { type: "string" },
  "timeout-seconds": { type: "string" },
  concurrency: { type: "string" },
  "cert-expiry-warning-days": { type: "string" },
  shard: { type: "string" },
  "run-id": { type: "string" },
  offline: { type: "boolean" },
  base: { type: "string" },
  "include-root": { type: "string" },
  format: { type: "string" },
  output: { type: "string" },
  "fail-on": { type: "string" },
  "dry-run": { type: "boolean" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" },
  version: { type: "boolean", short: "V" }
};
function parseCliArgs(argv) {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError(message.replace(/\. To specify a positional argument.*$/s, ""));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: "help" };
  if (values.version) return { kind: "version" };
  const [command, ...rest] = positionals;
  if (command === void 0) throw new ConfigurationError("missing command: expected `check` (see --help)");
  if (command === "fix") {
    const resultsFile = rest.length === 1 && rest[0].endsWith(".json") ? rest[0] : null;
    const config = buildConfig(values, resultsFile ? [] : rest);
    return { kind: "fix", resultsFile, config, dryRun: values["dry-run"] ?? false };
  }
  if (command !== "check")
    throw new ConfigurationError(`unknown command '${command}': expected \`check\` or \`fix\``);
  if (values["dry-run"]) throw new ConfigurationError("--dry-run goes with `fix`, not `check`");
  return { kind: "check", config: buildConfig(values, rest) };
}
function buildConfig(values, domains) {
  const config = defaultConfig();
  config.domains = domains.map((d) => normalizeDomain("DOMAIN", d));
  config.domainsFile = values["domains-file"] ?? null;
  config.zones = values.zone ?? [];
  config.policyFiles = (values["policy-file"] ?? []).map((v2) => parsePolicyFileSpec("--policy-file", v2));
  config.reports = values.reports ?? [];
  const int = (flag, min, max, fallback) => {
    const raw = values[flag];
    return typeof raw === "string" ? parseInteger(`--${flag}`, raw, min, max) : fallback;
  };
  config.reportWindowDays = int("report-window-days", 1, 3650, config.reportWindowDays);
  config.enforceReadinessDays = int("enforce-readiness-days", 1, 3650, config.enforceReadinessDays);
  if (values.resolver !== void 0) config.resolver = parseResolver("--resolver", values.resolver);
  if (values.doh !== void 0) config.doh = parseDohUrl("--doh", values.doh);
  if (config.resolver && config.doh) throw new ConfigurationError("--resolver and --doh exclude each other");
  if (values["smtp-probe"] !== void 0) {
    config.smtpProbe = parseChoice("--smtp-probe", values["smtp-probe"], ["auto", "on", "off"]);
  }
  config.smtpPort = int("smtp-port", 1, 65535, config.smtpPort);
  config.policyPort = int("policy-port", 1, 65535, config.policyPort);
  config.timeoutSeconds = int("timeout-seconds", 1, 600, config.timeoutSeconds);
  config.concurrency = int("concurrency", 1, 256, config.concurrency);
  config.certExpiryWarningDays = int("cert-expiry-warning-days", 0, 3650, config.certExpiryWarningDays);
  if (values.shard !== void 0) config.shard = parseShard("--shard", values.shard);
  if (values["run-id"] !== void 0) config.runId = parseRunId("--run-id", values["run-id"]);
  config.offline = values.offline ?? false;
  config.base = values.base ?? null;
  config.includeRoot = values["include-root"] ?? null;
  if (values.format !== void 0) {
    config.format = parseChoice("--format", values.format, ["text", "json", "markdown", "sarif"]);
  }
  config.output = values.output ?? null;
  if (values["fail-on"] !== void 0) {
    config.failOn = parseChoice("--fail-on", values["fail-on"], ["error", "warning", "never"]);
  }
  config.verbose = values.verbose ?? false;
  return config;
}

// src/fix-command.ts
import { createHash } from "node:crypto";
import { realpath, rename, writeFile } from "node:fs/promises";
import { isAbsolute, relative, resolve } from "node:path";

// src/core/fix/unified-diff.ts
var CONTEXT = 3;
function gitLines(text) {
  const lines = text.split("\n").map((l, i, all) => i < all.length - 1 ? `${l}
` : l);
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
function diffLines(a, b) {
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const offset = max + 1;
  const v2 = new Int32Array(2 * max + 3);
  const trace = [];
  let found = false;
  for (let d = 0; d <= max && !found; d++) {
    trace.push(v2.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || k !== d && v2[offset + k - 1] < v2[offset + k + 1];
      let x2 = down ? v2[offset + k + 1] : v2[offset + k - 1] + 1;
      let y2 = x2 - k;
      while (x2 < n && y2 < m && a[x2] === b[y2]) {
        x2++;
        y2++;
      }
      v2[offset + k] = x2;
      if (x2 >= n && y2 >= m) {
        found = true;
        break;
      }
    }
  }
  const ops = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d];
    const k = x - y;
    const down = k === -d || k !== d && vd[offset + k - 1] < vd[offset + k + 1];
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[offset + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push({ kind: " ", line: a[x] });
    }
    if (d > 0) {
      if (down) ops.push({ kind: "+", line: b[--y] });
      else ops.push({ kind: "-", line: a[--x] });
    }
  }
  return ops.reverse();
}
function render(op) {
  return op.line.endsWith("\n") ? `${op.kind}${op.line}` : `${op.kind}${op.line}
\\ No newline at end of file
`;
}
function unifiedDiff(path, before, after) {
  if (before === after) return "";
  const ops = diffLines(gitLines(before), gitLines(after));
  const changed = ops.map((op, i) => op.kind !== " " ? i : -1).filter((i) => i >= 0);
  const hunks = [];
  for (const i of changed) {
    const last = hunks[hunks.length - 1];
    if (last && i - last[1] <= 2 * CONTEXT + 1) last[1] = i;
    else hunks.push([i, i]);
  }
  let out = `--- a/${path}
+++ b/${path}
`;
  for (const [first, lastChange] of hunks) {
    const start = Math.max(0, first - CONTEXT);
    const end = Math.min(ops.length - 1, lastChange + CONTEXT);
    let oldLine = 1;
    let newLine = 1;
    for (let i = 0; i < start; i++) {
      if (ops[i].kind !== "+") oldLine++;
      if (ops[i].kind !== "-") newLine++;
    }
    const slice = ops.slice(start, end + 1);
    const oldCount = slice.filter((op) => op.kind !== "+").length;
    const newCount = slice.filter((op) => op.kind !== "-").length;
    const range = (line, count) => `${count === 0 ? line - 1 : line},${count}`;
    out += `@@ -${range(oldLine, oldCount)} +${range(newLine, newCount)} @@
`;
    out += slice.map(render).join("");
  }
  return out;
}

// src/fix-command.ts
var MAX_FIX_FILE_BYTES = 64 * 1024 * 1024;
function editsByFile(findings) {
  const byFile = /* @__PURE__ */ new Map();
  for (const edit of findings.flatMap((f) => f.fix?.edits ?? [])) {
    const key = JSON.stringify([edit.startLine, edit.endLine, edit.text]);
    const edits = byFile.get(edit.file) ?? /* @__PURE__ */ new Map();
    edits.set(key, edit);
    byFile.set(edit.file, edits);
  }
  return new Map([...byFile].map(([file, edits]) => [file, [...edits.values()]]));
}
async function applyFixes(findings, options) {
  const outcome = { diff: "", changed: [], refused: [] };
  const root = await realpath(options.cwd);
  for (const [file, edits] of [...editsByFile(findings)].sort(([a], [b]) => a.localeCompare(b))) {
    const problem = await applyToFile(root, file, edits, options.dryRun, outcome);
    if (problem) outcome.refused.push(`${file}: ${problem}`);
  }
  return outcome;
}
async function applyToFile(root, file, edits, dryRun, outcome) {
  const path = resolve(root, file);
  let real;
  try {
    real = await realpath(path);
  } catch {
    return "no such file";
  }
  const inside = relative(root, real);
  if (inside.startsWith("..") || isAbsolute(inside)) return "is outside the working directory: not touched";
  const read = await readInputFile(real, MAX_FIX_FILE_BYTES);
  if (read.kind !== "ok") return describeInputProblem(read, MAX_FIX_FILE_BYTES);
  const text = read.bytes.toString("utf8");
  if (!Buffer.from(text, "utf8").equals(read.bytes)) return "is not UTF-8: not edited, so no byte is lost";
  const sha256 = createHash("sha256").update(read.bytes).digest("hex");
  const expected = new Set(edits.map((e) => e.sha256).filter((s) => s !== void 0));
  if ([...expected].some((s) => s !== sha256))
    return "changed since the run (sha256 differs): run the check again";
  let after;
  try {
    after = applyEdits(text, edits);
  } catch (error) {
    return `the edits do not fit the file (${error instanceof Error ? error.message : String(error)})`;
  }
  if (after === text) return null;
  outcome.changed.push(file);
  if (dryRun) {
    outcome.diff += unifiedDiff(file, text, after);
    return null;
  }
  const temporary = `${real}.mta-sts-guard-fix`;
  await writeFile(temporary, after);
  await rename(temporary, real);
  return null;
}
var MAX_RESULTS_FILE_BYTES = 256 * 1024 * 1024;
async function readResultsFindings(path) {
  const read = await readInputFile(path, MAX_RESULTS_FILE_BYTES);
  if (read.kind !== "ok") throw new Error(`${path} ${describeInputProblem(read, MAX_RESULTS_FILE_BYTES)}`);
  let parsed;
  try {
    parsed = JSON.parse(read.bytes.toString("utf8"));
  } catch (error) {
    throw new Error(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = parsed;
  if (result.schemaVersion !== 1 || !Array.isArray(result.findings)) {
    throw new Error(`${path} is not an mta-sts-guard results file (schemaVersion 1 with findings)`);
  }
  return result.findings.filter((f) => validEdits(f.fix?.edits));
}
function validEdits(edits) {
  if (edits === void 0) return true;
  return Array.isArray(edits) && edits.every(
    (e) => typeof e.file === "string" && Number.isInteger(e.startLine) && Number.isInteger(e.endLine) && typeof e.text === "string"
  );
}

// src/merge-cli.ts
import { writeFile as writeFile2 } from "node:fs/promises";
import { parseArgs as parseArgs2 } from "node:util";

// src/core/verdict.ts
function judgeVerdict(findings, domains, failOn = "error") {
  const failing = failingFindings(findings, failOn);
  const existing = findings.filter((f) => f.status === "existing");
  const introduced = findings.filter((f) => f.status !== "existing");
  const problemsFound = findings.filter((f) => f.severity !== "notice");
  const problemDomains = new Set(problemsFound.filter((f) => f.domain !== null).map((f) => f.domain));
  return {
    failed: failing.length > 0,
    enforceRisk: failing.some(isEnforceRisk),
    compared: findings.some((f) => f.status !== void 0),
    all: countBySeverity(findings),
    introduced: countBySeverity(introduced),
    existing: countBySeverity(existing),
    domainsWithProblems: problemDomains.size,
    elsewhere: problemsFound.filter((f) => f.domain === null).length,
    domains
  };
}
function countBySeverity(findings) {
  const counts2 = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts2[f.severity]++;
  return counts2;
}

// src/render/text-reports.ts
var TOP = 3;
var MAX_SPARK_DAYS = 62;
var BARS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";
var NO_REPORT = "\xB7";
function reportsBlock(summary) {
  const f = reportFacts(summary);
  const reports = f.reportCount !== null ? `${plural(f.reportCount, "report")} from ` : "";
  const period = windowLabel(f);
  const head = `TLS-RPT: ${reports}${plural(f.reporters.length, "organization")}${period ? `, ${period}` : ""}`;
  const rows = [
    [
      "sessions",
      `${formatCount(f.total)} (${formatCount(f.total - f.failed)} successful, ${formatCount(f.failed)} failed = ${failureRate(f.failed, f.total)})`
    ]
  ];
  if (f.resultTypes.length > 0) rows.push(["result types", list(f.resultTypes)]);
  if (f.mx.length > 0) rows.push(["failing MX", list(f.mx)]);
  rows.push([
    "reporters",
    list(
      f.reporters.map(([org, t]) => [org, t.successful + t.failed]),
      (org, n) => {
        const failed = f.reporters.find(([o]) => o === org)?.[1].failed ?? 0;
        return `${org} ${formatCount(n)}${failed > 0 ? ` (${formatCount(failed)} failed)` : ""}`;
      }
    )
  ]);
  if (f.mismatchCount > 0) {
    rows.push([
      "note",
      `${plural(f.mismatchCount, "report")} whose failure-details do not add up to their summary`
    ]);
  }
  rows.push(...sparklines(f));
  return { head, rows };
}
function list(entries, show = (k, n) => `${k} ${formatCount(n)}`) {
  const shown = entries.slice(0, TOP).map(([k, n]) => show(k, n));
  if (entries.length > TOP) shown.push(`+${entries.length - TOP} more`);
  return shown.join(", ");
}
function sparkline(values) {
  const max = Math.max(0, ...values.map((v2) => v2 ?? 0));
  return values.map((v2) => {
    if (v2 === null) return NO_REPORT;
    if (v2 === 0 || max === 0) return BARS[0];
    return BARS[Math.max(1, Math.round(v2 / max * (BARS.length - 1)))];
  }).join("");
}
function sparklines(f) {
  const days = chartDays(f.days, MAX_SPARK_DAYS);
  const noReport = (d) => d.reports === 0;
  if (days.filter((d) => !noReport(d)).length < 2) return [];
  const sessions = sparkline(days.map((d) => noReport(d) ? null : d.successful + d.failed));
  const failed = sparkline(days.map((d) => noReport(d) ? null : d.failed));
  const range = `${days[0].date} \u2026 ${days[days.length - 1].date}`;
  return [
    ["per day", `${range}${days.some(noReport) ? ` (${NO_REPORT} = no report)` : ""}`],
    ["  sessions", sessions],
    ["  failed", failed]
  ];
}

// src/render/text-occurrence.ts
var SOURCE_WORDS = /^(?:Policy file |Policy at )?/;
var AFTER_NAME = /^( \(from [^)]*\))?(?:, line (\d+)(?:, column (\d+))?)?(?::\s+|,\s+|\s+|$)/;
function occurrence(f) {
  const file = f.location?.file;
  let where = f.location ? `${f.location.file}:${f.location.line}` : null;
  let fact = f.message;
  const names = [...new Set([file, f.subject].filter((n) => !!n))].sort(
    (a, b) => b.length - a.length
  );
  for (const name of names) {
    const lead = SOURCE_WORDS.exec(fact)[0];
    if (!fact.startsWith(name, lead.length)) continue;
    const after = AFTER_NAME.exec(fact.slice(lead.length + name.length));
    if (after === null) continue;
    const [all, from, line, column] = after;
    fact = fact.slice(lead.length + name.length + all.length);
    if (where === null) where = name;
    if (column !== void 0 && f.location && line === String(f.location.line)) where += `:${column}`;
    else if (line !== void 0 && !f.location)
      fact = `line ${line}${column ? `, column ${column}` : ""}: ${fact}`;
    if (from) fact = `${fact}${from}`;
    break;
  }
  if (where === null && f.subject && !f.message.includes(f.subject)) where = f.subject;
  if (file && where !== null && where.startsWith(file) && fact.includes(file)) {
    fact = fact.split(file).join("this file");
  }
  return { where, fact: fact === "" ? f.message : fact };
}

// src/render/text-style.ts
var SGR = {
  error: "1;31",
  warning: "1;33",
  notice: "36",
  pass: "1;32",
  strong: "1",
  dim: "2",
  fix: "32"
};
function colorWanted({ isTTY, env }) {
  if (!isTTY) return false;
  if ((env["NO_COLOR"] ?? "") !== "") return false;
  return env["TERM"] !== "dumb";
}
function paint(text, style, color) {
  return color && style && text !== "" ? `\x1B[${SGR[style]}m${text}\x1B[0m` : text;
}

// src/render/text-wrap.ts
function wrapWords(text, firstWidth, restWidth) {
  const words = text.split(" ").filter((w) => w !== "");
  const lines = [];
  let line = "";
  for (const word of words) {
    const width = lines.length === 0 ? firstWidth : restWidth;
    if (line === "") line = word;
    else if (length(line) + 1 + length(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}
function length(text) {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

// src/render/text.ts
var TEXT_WIDTH = 100;
var LABEL = { error: "ERROR", warning: "WARNING", notice: "notice" };
var RANK = { error: 0, warning: 1, notice: 2 };
var v = (text) => safeInline(text);
function renderText(result, options = {}) {
  const verbose = options.verbose ?? false;
  const verdict = judgeVerdict(result.findings, result.summary.domains, options.failOn ?? "error");
  const lines = [headline(verdict)];
  if (result.reports.files > 0) lines.push(reportsLine(result));
  const now = new Date(result.generatedAt);
  const entries = buildEntries(result, verbose);
  for (const entry of entries) lines.push(blank(), ...renderEntry(entry, verbose, now));
  const shown = new Set(entries.flatMap((e) => e.domain ? [e.domain.domain] : []));
  const clean = result.domains.filter((d) => !shown.has(d.domain));
  const footer = [];
  const notices = result.findings.filter((f) => f.severity === "notice").length;
  const fixable = result.findings.filter((f) => hasEdits(f) && (verbose || f.severity !== "notice")).length;
  const summary = [
    clean.length > 0 ? `${plural(clean.length, "domain")} clean${verbose ? ":" : ""}` : null,
    !verbose && notices > 0 ? `${plural(notices, "notice")} not shown (--verbose lists them)` : null,
    fixable > 0 ? `${fixable} fixable by \`mta-sts-guard fix\`` : null
  ].filter((x) => x !== null);
  if (summary.length > 0)
    footer.push({
      head: [],
      body: summary.join("; "),
      bodyStyle: clean.length > 0 ? "pass" : "dim",
      hang: 2
    });
  if (verbose)
    for (const d of clean)
      footer.push(
        domainLine(d, [], "  "),
        ...mxLines(d, now, "    "),
        ...d.reports ? reportLines(d.reports, "  ") : []
      );
  if (verbose) {
    footer.push({
      head: [
        {
          text: `mta-sts-guard ${v(result.tool.version)}, run of ${v(utcMinute(result.generatedAt))}`,
          style: "dim"
        }
      ]
    });
  }
  if (footer.length === 0) return layout(lines, options.color ?? false);
  lines.push(blank(), ...footer);
  return layout(lines, options.color ?? false);
}
function headline(verdict) {
  const { failed, enforceRisk, compared } = verdict;
  const counted = compared ? verdict.introduced : verdict.all;
  const word = failed ? "FAIL" : counted.warning > 0 && counted.error === 0 ? "PASS with warnings" : "PASS";
  const style = failed ? "error" : word === "PASS" && counted.error === 0 ? "pass" : "warning";
  let text;
  if (compared) {
    const existing = problems(verdict.existing);
    const remain = existing === 0 ? "no existing problem remains" : `${plural(existing, "existing problem")} remain${existing === 1 ? "s" : ""} from the base (${counts(verdict.existing)})`;
    const introduced = problems(counted) === 0 ? "this change introduces no new problem" : `this change introduces ${counts(counted)}`;
    text = `${introduced}; ${remain}`;
  } else if (problems(counted) === 0) {
    text = `${plural(verdict.domains, "domain")}, no errors or warnings`;
  } else {
    text = verdict.domainsWithProblems === 0 ? `${counts(counted)} about files or the run, none in the ${plural(verdict.domains, "domain")}` : `${counts(counted)} in ${verdict.domainsWithProblems.toLocaleString("en-US")} of ${plural(verdict.domains, "domain")}`;
    if (verdict.elsewhere > 0 && verdict.domainsWithProblems > 0)
      text += ` (${verdict.elsewhere.toLocaleString("en-US")} about files or the run)`;
  }
  if (enforceRisk) text += "; enforce-mode risk: senders will refuse mail";
  if (!failed && counted.error > 0) text += " (--fail-on never)";
  return { head: [{ text: word, style }, { text: ": " }], body: text, hang: 2 };
}
function problems(c) {
  return c.error + c.warning;
}
function counts(c) {
  const parts = [
    c.error > 0 ? plural(c.error, "error") : null,
    c.warning > 0 ? plural(c.warning, "warning") : null
  ];
  const said = parts.filter((p) => p !== null);
  return said.length > 0 ? said.join(", ") : "no errors or warnings";
}
function reportsLine(result) {
  const r = result.reports;
  const window = reportWindowLine(r);
  return {
    head: [{ text: "reports: ", style: "dim" }],
    body: `${plural(r.files, "file")}, ${r.parsed.toLocaleString("en-US")} parsed, ${r.invalid.length.toLocaleString("en-US")} invalid${window ? `; ${v(window)}` : ""}`,
    hang: 2
  };
}
function buildEntries(result, verbose) {
  const byDomain = /* @__PURE__ */ new Map();
  for (const f of result.findings) byDomain.set(f.domain, [...byDomain.get(f.domain) ?? [], f]);
  const visible = (list2) => verbose ? list2 : list2.filter((f) => f.severity !== "notice");
  const entries = [];
  const general = byDomain.get(null) ?? [];
  const add = (title, domain, list2, order) => {
    const shown = visible(list2);
    if (shown.length === 0) return;
    entries.push({
      title,
      domain,
      findings: shown,
      rank: Math.min(...shown.map((f) => RANK[f.severity])),
      order
    });
  };
  add("This run (the runner, not the domains)", null, general.filter(isRunLevel), 0);
  add(
    "Files",
    null,
    general.filter((f) => !isRunLevel(f)),
    1
  );
  for (const d of result.domains) add(d.domain, d, byDomain.get(d.domain) ?? [], 2);
  return entries.sort(
    (a, b) => (a.order === 0 ? -1 : 0) - (b.order === 0 ? -1 : 0) || a.rank - b.rank || a.order - b.order || a.title.localeCompare(b.title)
  );
}
function isRunLevel(f) {
  return f.rule === "smtp-port-blocked" || RULES[f.rule].family === "runner";
}
function renderEntry(entry, verbose, now) {
  const lines = [
    entry.domain ? domainLine(entry.domain, entry.findings, "") : { head: [{ text: entry.title, style: "strong" }] }
  ];
  if (entry.domain && verbose) lines.push(...mxLines(entry.domain, now));
  const groups = /* @__PURE__ */ new Map();
  for (const f of [...entry.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
    groups.set(f.rule, [...groups.get(f.rule) ?? [], f]);
  }
  const shown = /* @__PURE__ */ new Set();
  for (const [rule, findings] of groups)
    lines.push(...ruleGroup(rule, findings, verbose, shown));
  const reports = entry.domain?.reports;
  if (reports && (verbose || entry.findings.some((f) => RULES[f.rule].family === "reports"))) {
    lines.push(...reportLines(reports));
  }
  return lines;
}
function domainLine(d, findings, indent) {
  const facts = [
    d.mtaSts.policy ? `mode ${v(d.mtaSts.policy.mode)}` : findings.some((f) => f.rule === "sts-record-missing") ? "no MTA-STS record" : d.mtaSts.fetch ? "policy not fetched" : null,
    d.mtaSts.record ? `id ${v(d.mtaSts.record.id)}` : null,
    d.tlsRpt.record ? `TLS-RPT ${d.tlsRpt.record.rua.map(v).join(", ")}` : null
  ].filter((x) => x !== null);
  return {
    head: [
      { text: `${indent}${v(domainLabel(d.domain))}`, style: "strong" },
      ...facts.length > 0 ? [{ text: "  " }] : []
    ],
    body: facts.join(" \xB7 "),
    bodyStyle: "dim",
    hang: indent.length + 4
  };
}
function mxLines(d, now, indent = "  ") {
  return d.mx.map((mx) => {
    const tls = mx.tls;
    const cert = tls?.certificate;
    const facts = [
      mx.matchesPolicy === false ? "NOT IN POLICY" : null,
      tls ? tls.starttls ? `${v(tls.version ?? "?")} ${v(tls.cipher ?? "")}`.trim() : "no STARTTLS" : null,
      cert ? certificateWords(cert.validTo, cert.daysLeft, now) : null,
      mx.error ? v(mx.error) : null
    ].filter((x) => x !== null && x !== "");
    return {
      head: [
        { text: `${indent}MX ${mx.preference} ${v(domainLabel(mx.host))}` },
        { text: facts.length ? ": " : "" }
      ],
      body: facts.join(", "),
      hang: 6
    };
  });
}
function certificateWords(validTo, daysLeft, now) {
  if (Number.isNaN(Date.parse(validTo)) || Number.isNaN(now.getTime())) {
    return daysLeft >= 0 ? `cert ${plural(daysLeft, "day")} left` : "cert expired";
  }
  const distance = expiryDistance(validTo, now);
  return distance.expired ? `cert expired ${describeExpiry(distance)}` : `cert ${plural(distance.daysLeft, "day")} left`;
}
function ruleGroup(rule, findings, verbose = false, shown = /* @__PURE__ */ new Set()) {
  const spec = RULES[rule];
  const severity = findings[0].severity;
  const lines = [
    {
      head: [
        { text: "  " },
        { text: LABEL[severity], style: severity },
        { text: " " },
        { text: rule, style: "strong" },
        { text: "  " }
      ],
      body: `${spec.title}${findings.length > 1 ? ` (${findings.length})` : ""}${fixableTag(findings)}`,
      hang: 4
    }
  ];
  const fix = commonest(findings.map((f) => f.remediation ?? spec.remediation));
  const occurrences = findings.map(occurrence);
  const shared = sharedEnding(occurrences.map((o) => o.fact));
  findings.forEach((f, i) => {
    const o = occurrences[i];
    if (shared) o.fact = o.fact.slice(0, o.fact.length - shared.length).trimEnd();
    const tags = [
      f.severity !== severity ? LABEL[f.severity] : null,
      f.status === "existing" ? "existing" : null
    ].filter((t) => t !== null);
    const where = o.where === null ? "" : v(o.where);
    const head = [{ text: "    " }];
    if (where) head.push({ text: where, style: "strong" });
    if (tags.length) head.push({ text: `${where ? " " : ""}(${tags.join(", ")})`, style: "dim" });
    if (head.length > 1) head.push({ text: "  " });
    lines.push({ head, body: v(o.fact), hang: 6 });
    const own = f.remediation ?? spec.remediation;
    if (own !== fix) lines.push(fixLine(own, "      "));
  });
  if (shared)
    lines.push({
      head: [{ text: "    " }, { text: "each:", style: "dim" }, { text: " " }],
      body: v(shared.trim()),
      hang: 10
    });
  lines.push(fixLine(fix, "    "));
  lines.push(...fixBlocks(findings, verbose, shown));
  return lines;
}
function fixBlocks(findings, verbose, shown) {
  const lines = [];
  for (const f of findings) {
    if (!f.fix) continue;
    const fix = verbose ? f.fix : { ...f.fix, edits: void 0 };
    if (!fix.publish?.length && !fix.edits?.length) continue;
    const key = JSON.stringify(fix);
    if (shown.has(key)) continue;
    shown.add(key);
    for (const text of fixBlockText({ ...f, fix }, "      ").split("\n")) lines.push({ head: [{ text }] });
  }
  return lines;
}
function fixableTag(findings) {
  const editable = findings.filter(hasEdits).length;
  if (editable === 0) return "";
  return editable === findings.length ? " \xB7 fixable" : ` \xB7 ${editable} fixable`;
}
function hasEdits(f) {
  return (f.fix?.edits?.length ?? 0) > 0;
}
var MIN_SHARED_CHARS = 24;
function sharedEnding(facts) {
  if (facts.length < 2) return null;
  let end = facts[0];
  for (const fact of facts.slice(1)) {
    let n = 0;
    while (n < end.length && n < fact.length && end[end.length - 1 - n] === fact[fact.length - 1 - n]) n++;
    end = end.slice(end.length - n);
  }
  const space = end.indexOf(" ");
  if (space < 0) return null;
  const ending = end.slice(space);
  if (ending.trim().length < MIN_SHARED_CHARS || facts.some((f) => f.length - ending.length < 1)) return null;
  return facts.every((f) => f.slice(0, f.length - ending.length).trim() !== "") ? ending : null;
}
function fixLine(remediation, indent) {
  return {
    head: [{ text: indent }, { text: "fix:", style: "fix" }, { text: " " }],
    body: v(remediation),
    hang: indent.length + 5
  };
}
function commonest(values) {
  const tally = /* @__PURE__ */ new Map();
  for (const x of values) tally.set(x, (tally.get(x) ?? 0) + 1);
  return [...tally].reduce((best, next) => next[1] > best[1] ? next : best)[0];
}
function reportLines(reports, indent = "") {
  const block = reportsBlock(reports);
  const width = Math.max(...block.rows.map(([k]) => k.length));
  return [
    { head: [{ text: `${indent}  ` }], body: v(block.head), hang: indent.length + 4 },
    ...block.rows.map(([k, value]) => ({
      head: [{ text: `${indent}    ${k.padEnd(width)}  `, style: "dim" }],
      body: v(value),
      hang: indent.length + 6 + width
    }))
  ];
}
function blank() {
  return { head: [] };
}
function utcMinute(iso) {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}
function layout(lines, color) {
  const out = [];
  for (const line of lines) {
    const headText = line.head.map((p) => p.text).join("");
    const head = line.head.map((p) => paint(p.text, p.style, color)).join("");
    if (line.body === void 0 || line.body === "") {
      out.push(head.trimEnd());
      continue;
    }
    const hang = line.hang ?? 2;
    const wrapped = wrapWords(line.body, TEXT_WIDTH - length(headText), TEXT_WIDTH - hang);
    const first = length(headText) + length(wrapped[0]) > TEXT_WIDTH && length(headText) > hang ? null : wrapped.shift();
    out.push(first === null ? head.trimEnd() : head + paint(first, line.bodyStyle, color));
    for (const rest of first === null ? wrapWords(line.body, TEXT_WIDTH - hang, TEXT_WIDTH - hang) : wrapped) {
      out.push(" ".repeat(hang) + paint(rest, line.bodyStyle, color));
    }
  }
  return noWorkflowCommands(out.join("\n")) + "\n";
}

// src/render/index.ts
function render2(result, format, options = {}) {
  const anchorFile = options.anchorFile ?? null;
  const bounded = boundResult(result);
  switch (format) {
    case "json":
      return safeJsonText(renderJson(bounded));
    case "markdown":
      return safeText(renderMarkdown(bounded));
    case "sarif":
      return safeJsonText(renderSarif(bounded, { anchorFile }));
    case "text": {
      const text = renderText(oneLineValues(bounded), options);
      return options.color ? text : safeText(text);
    }
  }
}
function* renderPieces(result, format, options = {}) {
  if (format !== "json") {
    yield render2(result, format, options);
    return;
  }
  const pieces = renderJsonPieces(result, boundResult, (d) => boundValue(d));
  for (const piece of pieces) yield safeJsonText(piece);
}

// src/merge-cli.ts
var MERGE_USAGE = `Usage: mta-sts-guard merge RESULTS.json... [options]

Combines the results files of \`check --shard I/N --format json\` (every shard of one run) into
one result: every domain once, the summary recomputed.

Options:
  --allow-missing-shards       merge what is there and list the domains no file covers
  --reports GLOB               judge TLS-RPT reports here, once, against the shards' observations
  --report-window-days N       default 7
  --format text|json|markdown|sarif   default text
  --output FILE                write the rendering there instead of stdout
  --fail-on error|warning|never       default error
  --verbose                    text: also list clean domains, notices, MX and report details

Exit: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error
(a missing, repeated or foreign shard file among them).`;
var OPTIONS2 = {
  "allow-missing-shards": { type: "boolean" },
  reports: { type: "string", multiple: true },
  "report-window-days": { type: "string" },
  format: { type: "string" },
  output: { type: "string" },
  "fail-on": { type: "string" },
  verbose: { type: "boolean" },
  help: { type: "boolean", short: "h" }
};
async function runMerge(argv, logger) {
  let parsed;
  try {
    parsed = parseArgs2({ args: argv, options: OPTIONS2, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return usageError(new ConfigurationError(message.replace(/\. To specify a positional argument.*$/s, "")));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(MERGE_USAGE + "\n");
    return 0;
  }
  capHeapGrowth();
  try {
    const format = values.format === void 0 ? "text" : parseChoice("--format", values.format, ["text", "json", "markdown", "sarif"]);
    const failOn = values["fail-on"] === void 0 ? "error" : parseChoice("--fail-on", values["fail-on"], ["error", "warning", "never"]);
    const windowDays = values["report-window-days"] === void 0 ? 7 : parseInteger("--report-window-days", values["report-window-days"], 1, 3650);
    const { result } = await mergeResultsFiles(
      {
        flag: "merge",
        paths: positionals,
        allowMissingShards: values["allow-missing-shards"] ?? false,
        reports: values.reports ? { paths: values.reports, windowDays } : null
      },
      { clock: systemClock, logger }
    );
    const text = render2(result, format, {
      verbose: values.verbose ?? false,
      failOn,
      color: !values.output && colorWanted({ isTTY: process.stdout.isTTY === true, env: process.env })
    });
    if (values.output) await writeFile2(values.output, text);
    else process.stdout.write(text);
    return failingFindings(result.findings, failOn).length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigurationError) return usageError(error);
    throw error;
  }
}
function usageError(error) {
  process.stderr.write(`mta-sts-guard: ${error.message}
`);
  return 2;
}

// src/cli.ts
var stderrLogger = {
  debug: (m) => {
    if (process.env["MTA_STS_GUARD_DEBUG"]) process.stderr.write(`debug: ${safeLogLine(m)}
`);
  },
  info: (m) => process.stderr.write(`${safeLogLine(m)}
`),
  warning: (m) => process.stderr.write(`warning: ${safeLogLine(m)}
`),
  progress: (m) => process.stderr.write(`${safeLogLine(m)}
`)
};
async function runCli(argv) {
  if (argv[0] === "merge") return runMerge(argv.slice(1), stderrLogger);
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    return usageError2(error);
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (command.kind === "version") {
    process.stdout.write(TOOL_VERSION + "\n");
    return 0;
  }
  if (command.kind === "fix") return runFix(command);
  const { config } = command;
  config.runId ??= runIdentityFromEnv(process.env);
  capHeapGrowth();
  const network = config.offline ? void 0 : await createNetwork(config, stderrLogger);
  const progress = stderrProgress();
  try {
    const result = await check(config, { clock: systemClock, logger: stderrLogger, network, progress });
    progress.finish();
    const pieces = renderPieces(result, config.format, {
      anchorFile: config.domainsFile,
      verbose: config.verbose,
      failOn: config.failOn,
      color: config.output === null && colorWanted({ isTTY: process.stdout.isTTY === true, env: process.env })
    });
    if (config.output) await writeOutput(config.output, pieces);
    else for (const piece of pieces) process.stdout.write(piece);
    return failingFindings(result.findings, config.failOn).length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigurationError) return usageError2(error);
    throw error;
  } finally {
    progress.finish();
    await network?.close();
  }
}
async function writeOutput(path, text) {
  try {
    await writeFile3(path, text);
  } catch (error) {
    const e = error;
    const reason = e.code === "ENOENT" ? "its folder does not exist" : e.code === "ENOSPC" ? "the disk is full" : e.code === "EISDIR" ? "it is a folder" : e.code === "EACCES" || e.code === "EPERM" || e.code === "EROFS" ? "permission denied" : e.code ?? e.message;
    throw new ConfigurationError(`--output: cannot write ${path}: ${reason}`, { cause: error });
  }
}
async function runFix(command) {
  let findings;
  try {
    if (command.resultsFile) findings = await readResultsFindings(command.resultsFile);
    else {
      const { config } = command;
      capHeapGrowth();
      const network = config.offline ? void 0 : await createNetwork(config, stderrLogger);
      try {
        findings = (await check(config, { clock: systemClock, logger: stderrLogger, network })).findings;
      } finally {
        await network?.close();
      }
    }
  } catch (error) {
    return usageError2(error);
  }
  const outcome = await applyFixes(findings, { cwd: process.cwd(), dryRun: command.dryRun });
  if (command.dryRun) process.stdout.write(outcome.diff);
  for (const line of outcome.refused) process.stderr.write(`mta-sts-guard: fix: ${line}
`);
  const verb = command.dryRun ? "would change" : "changed";
  process.stderr.write(
    `fix: ${verb} ${outcome.changed.length} file(s)${outcome.refused.length ? `, refused ${outcome.refused.length}` : ""}
`
  );
  return outcome.refused.length > 0 ? 1 : 0;
}
function usageError2(error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mta-sts-guard: ${safeLogLine(message)}
`);
  return 2;
}
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(
      `mta-sts-guard: ${error instanceof Error ? error.stack ?? error.message : String(error)}
`
    );
    process.exitCode = 2;
  }
);
export {
  runCli
};
