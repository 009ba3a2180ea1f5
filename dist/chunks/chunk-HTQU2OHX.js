import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  judgeReportsFrom,
  judgeRollout,
  listFingerprint,
  loadReports,
  reportEvidence,
  shardDomains
} from "./chunk-IPJNBDBX.js";
import {
  partitionAddresses
} from "./chunk-EDC3MA54.js";
import {
  formatUtc,
  readableTimestamps,
  relativeDay
} from "./chunk-MQW6HBKM.js";
import {
  applyEdits,
  editsFromLineMap,
  singleEdit,
  splitFileLines
} from "./chunk-4P7QQLAG.js";
import {
  code,
  escapeHtml,
  escapeMarkdown,
  inlineMarkdown,
  truncate
} from "./chunk-64CDEVP6.js";
import {
  PARSER_ARGV
} from "./chunk-ZE3T6ODX.js";
import {
  essenceFromPolicy,
  essenceKey,
  reportWindow
} from "./chunk-UBQU3XIK.js";
import {
  GIT_FETCH_TIMEOUT_MS,
  GitError,
  atSourceLines,
  fetchCommit,
  isShallowRepository,
  readAtCommit,
  repoRelativePath,
  repoRoot,
  resolveCommit
} from "./chunk-KWZRHUKW.js";
import {
  MAX_DOMAINS_FILE_BYTES,
  MAX_ZONE_FILE_BYTES,
  describeInputProblem,
  readInputFile
} from "./chunk-VDO6YHCU.js";
import {
  RULES,
  SEVERITY_ORDER,
  atLeast,
  compareFindings,
  finding,
  isEnforceRisk
} from "./chunk-4H27BXP7.js";
import {
  ConfigurationError,
  parseDomainList,
  uniqueSorted
} from "./chunk-UEMDV4PQ.js";
import {
  TOOL_NAME,
  TOOL_VERSION,
  policyHost,
  policyUrl
} from "./chunk-ABG7CS52.js";
import {
  clearNetworkTimeout,
  setNetworkTimeout
} from "./chunk-G6YZZX3V.js";
import {
  MAX_MAX_AGE,
  MAX_POLICY_BYTES,
  describeChar,
  extensionProblem,
  hostnameProblem,
  mxPatternMatches,
  normalizeHost,
  parseMxPattern,
  parsePolicy,
  policyCoversMx,
  renderPolicy,
  selectRecord,
  splitTagRecord,
  startsWithVersion
} from "./chunk-NHRCP74O.js";
import {
  toULabels
} from "./chunk-QNAOXB7A.js";

// src/reports/worker-guard.ts
if (process.argv.includes(PARSER_ARGV)) {
  const { isParserThread } = await import("./worker-mark-RECW6CQY.js");
  if (isParserThread()) {
    await import("./pool-G3OWR4GI.js");
    await new Promise(() => {
    });
  }
}

// src/check.ts
import { createHash } from "node:crypto";
import { stat } from "node:fs/promises";

// src/adaptive-concurrency.ts
var MAX_EVENT_LOOP_LAG_MS = 40;
var MIN_IN_FLIGHT = 4;
var LAG_SAMPLE_MS = 10;
async function mapAdaptive(items, limit, fn, options = {}) {
  const maxLag = options.maxLagMs ?? MAX_EVENT_LOOP_LAG_MS;
  const minInFlight = options.minInFlight ?? MIN_IN_FLIGHT;
  const results = new Array(items.length);
  let lag = 0;
  let expected = Date.now() + LAG_SAMPLE_MS;
  const sampler = setInterval(() => {
    const now = Date.now();
    lag = Math.max(0, now - expected);
    expected = now + LAG_SAMPLE_MS;
  }, LAG_SAMPLE_MS);
  sampler.unref();
  let next = 0;
  let inFlight = 0;
  const worker = async () => {
    while (next < items.length) {
      while (lag > maxLag && inFlight >= minInFlight) {
        await new Promise((resolve) => setTimeout(resolve, LAG_SAMPLE_MS));
      }
      if (next >= items.length) return;
      const index = next++;
      inFlight++;
      try {
        results[index] = await fn(items[index], index);
      } finally {
        inFlight--;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  } finally {
    clearInterval(sampler);
  }
  return results;
}

// src/core/mta-sts-record.ts
var STS_VERSION = "v=STSv1";
var MAX_STS_ID_LENGTH = 32;
var STS_ID = /^[A-Za-z0-9]{1,32}$/;
function parseStsRecord(txt2) {
  if (!startsWithVersion(txt2, STS_VERSION)) return { kind: "not-sts" };
  const invalid = (error) => ({ kind: "invalid", raw: txt2, error });
  const split = splitTagRecord(txt2, STS_VERSION);
  if (!split.ok) return invalid(split.error);
  let id = null;
  const extensions = [];
  for (const field of split.fields) {
    if (field.name === "id") {
      if (id !== null)
        return invalid(`a second "id" at column ${field.column}: the record must have exactly one id`);
      if (!STS_ID.test(field.value)) {
        return invalid(
          `id "${field.value}" at column ${field.column} is not 1 to ${MAX_STS_ID_LENGTH} letters or digits`
        );
      }
      id = field.value;
      continue;
    }
    const problem = extensionProblem(field);
    if (problem !== null) return invalid(problem);
    extensions.push({ key: field.name, value: field.value });
  }
  if (id === null) {
    const hint = extensions.some((e) => e.key.toLowerCase() === "id") ? ' ("id" is case-sensitive)' : "";
    return invalid(`no "id=" field: it is required${hint}`);
  }
  return { kind: "valid", record: { raw: txt2, id, extensions } };
}
function selectStsRecord(txts) {
  return selectRecord(txts, (raw) => {
    const parsed = parseStsRecord(raw);
    return parsed.kind === "not-sts" ? null : parsed;
  });
}
function renderStsRecord(record) {
  return [STS_VERSION, `id=${record.id}`, ...record.extensions.map((e) => `${e.key}=${e.value}`)].join("; ");
}

// src/core/fix/policy-id.ts
function newPolicyId(now, avoid) {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  if (stamp !== avoid) return stamp;
  return newPolicyId(new Date(now.getTime() + 1e3));
}

// src/core/fix/policy-fix.ts
var MODES = ["enforce", "testing", "none"];
var SINGLE_VALUED = /* @__PURE__ */ new Set(["version", "mode", "max_age"]);
var KEY_VALUE = /^([^:]*):([ \t]*)(.*?)([ \t]*)$/;
function uniformEnding(lines) {
  const kinds = new Set(lines.map((l) => l.ending).filter((e) => e !== ""));
  if (kinds.size <= 1 && !kinds.has("\r")) return null;
  const crlf = lines.filter((l) => l.ending === "\r\n").length;
  const lf = lines.filter((l) => l.ending === "\n").length;
  return lf > crlf ? "\n" : "\r\n";
}
function correctValue(key, value) {
  if (key === "mode" && !MODES.includes(value) && MODES.includes(value.toLowerCase()))
    return value.toLowerCase();
  if (key === "max_age" && /^[0-9]{1,32}$/.test(value) && Number(value) > MAX_MAX_AGE)
    return String(MAX_MAX_AGE);
  return value;
}
function policyFileEdits(file, text) {
  const before = splitFileLines(text);
  const parsed = parsePolicy(text);
  const present = new Set(before.map((l) => KEY_VALUE.exec(l.content.replace(/^\uFEFF/, ""))?.[1]));
  const typos = new Map(
    parsed.typos.filter((t) => !(SINGLE_VALUED.has(t.suggestion) && present.has(t.suggestion))).map((t) => [t.line, t])
  );
  const ending = uniformEnding(before);
  const seen = /* @__PURE__ */ new Map();
  const after = before.map((line, index) => {
    let content = index === 0 ? line.content.replace(/^\uFEFF/, "") : line.content;
    const typo = typos.get(index + 1);
    if (typo && content.startsWith(`${typo.key}:`))
      content = typo.suggestion + content.slice(typo.key.length);
    const kv = KEY_VALUE.exec(content);
    if (kv) {
      const [, key, gap, value, trail] = kv;
      const corrected = correctValue(key, value);
      content = `${key}:${gap}${corrected}${trail}`;
      if (SINGLE_VALUED.has(key)) {
        if (seen.get(key) === corrected) return null;
        if (!seen.has(key)) seen.set(key, corrected);
      }
    }
    return { content, ending: ending !== null && line.ending !== "" ? ending : line.ending };
  });
  const edits = editsFromLineMap(file, before, after);
  if (ending === null || edits.length <= 1) return edits;
  const first = edits[0].startLine;
  const last = edits[edits.length - 1].endLine;
  const merged = after.slice(first - 1, last).filter((l) => l !== null).map((l) => l.content + l.ending).join("");
  return [{ file, startLine: first, endLine: last, text: merged }];
}

// src/core/rules/policy-text.ts
var MIN_RECOMMENDED_MAX_AGE = 604800;
var MAX_SYNTAX_FINDINGS = 20;
function describeSource(source) {
  if (source.kind === "file") return `Policy file ${source.path}`;
  const from = source.addresses.length > 0 ? ` (from ${source.addresses.join(", ")})` : "";
  return `Policy at ${source.url}${from}`;
}
function placed(source, line) {
  return source.kind === "file" ? { subject: source.path, location: { file: source.path, line } } : { subject: source.url };
}
function judgePolicyText(parsed, source, options) {
  const { domain, mode } = options;
  const where = describeSource(source);
  const findings = [];
  const shown = parsed.errors.slice(0, MAX_SYNTAX_FINDINGS);
  const hidden = parsed.errors.length - shown.length;
  shown.forEach((error, i) => {
    const more = i === shown.length - 1 && hidden > 0 ? ` (and ${hidden} more errors)` : "";
    findings.push(
      finding("policy-invalid", mode, {
        domain,
        message: `${where}, line ${error.line}, column ${error.column}: ${error.message}${more}`,
        resultType: "sts-policy-invalid",
        ...placed(source, error.line)
      })
    );
  });
  for (const mx of parsed.uLabelMx) {
    findings.push(
      finding("policy-invalid", mode, {
        domain,
        message: `${where}, line ${mx.line}, column ${mx.column}: ${mx.message}`,
        resultType: "sts-policy-invalid",
        remediation: `Write the line as "mx: ${mx.aLabel}".`,
        ...placed(source, mx.line)
      })
    );
  }
  for (const typo of parsed.typos) {
    findings.push(
      finding("policy-key-typo", mode, {
        domain,
        message: `${where}, line ${typo.line}: ${typo.message}`,
        remediation: `Rename "${typo.key}" to "${typo.suggestion}" (keys are case-sensitive).`,
        ...placed(source, typo.line)
      })
    );
  }
  const policy = parsed.policy;
  if (policy === null || !options.semantics) return findings;
  if (parsed.lineEndings === "mixed") {
    const how = "a mix of CRLF and LF";
    findings.push(
      finding("policy-line-endings", mode, {
        domain,
        message: `${where} ends its lines with ${how}; RFC 8461 \xA73.2 prose says CRLF (senders accept LF)`,
        ...placed(source, 1)
      })
    );
  }
  const modeLine = placed(source, parsed.fieldLines.mode ?? 1);
  const maxAgeLine = placed(source, parsed.fieldLines.max_age ?? 1);
  if (policy.mode === "testing") {
    findings.push(
      finding("policy-mode-testing", mode, {
        domain,
        message: `${where} is in mode testing: senders report TLS failures but still deliver without TLS`,
        ...modeLine
      })
    );
  } else if (policy.mode === "none") {
    findings.push(
      finding("policy-mode-none", mode, {
        domain,
        message: `${where} is in mode none: senders apply no MTA-STS policy`,
        ...modeLine
      })
    );
  }
  if (policy.maxAge < MIN_RECOMMENDED_MAX_AGE) {
    findings.push(
      finding("policy-max-age-short", mode, {
        domain,
        message: `${where} has max_age ${policy.maxAge} (${describeSeconds(policy.maxAge)}), less than one week (${MIN_RECOMMENDED_MAX_AGE})`,
        ...maxAgeLine
      })
    );
  }
  return findings;
}
function describeSeconds(seconds) {
  if (seconds >= 86400) return plural(Math.floor(seconds / 86400), "day");
  if (seconds >= 3600) return plural(Math.floor(seconds / 3600), "hour");
  return plural(seconds, "second");
}
function plural(n, unit) {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

// src/core/fix/enforce-fix.ts
var MIN_ENFORCE_MAX_AGE = MIN_RECOMMENDED_MAX_AGE;
var FIELD = /^(mode|max_age)(:[ \t]*)(.*?)([ \t]*)$/;
function enforcePolicyEdits(file, text) {
  const parsed = parsePolicy(text);
  if (!parsed.policy) return [];
  const before = splitFileLines(text);
  const after = before.map((line) => {
    const m = FIELD.exec(line.content);
    if (!m) return line;
    const [, key, gap, value, trail] = m;
    const wanted = key === "mode" ? "enforce" : String(Math.max(Number(value), MIN_ENFORCE_MAX_AGE));
    return { content: `${key}${gap}${wanted}${trail}`, ending: line.ending };
  });
  return editsFromLineMap(file, before, after);
}

// src/core/fix/mx-fix.ts
var MX_LINE = /^mx:[ \t]*(.*?)[ \t]*$/;
function mxLines(lines) {
  const out = [];
  lines.forEach((line, index) => {
    const content = index === 0 ? line.content.replace(/^\uFEFF/, "") : line.content;
    const m = MX_LINE.exec(content);
    if (!m) return;
    const parsed = parseMxPattern(m[1]);
    out.push({ index, pattern: "pattern" in parsed ? parsed.pattern : null });
  });
  return out;
}
function commonEnding(lines) {
  const counts2 = /* @__PURE__ */ new Map();
  for (const l of lines) if (l.ending !== "") counts2.set(l.ending, (counts2.get(l.ending) ?? 0) + 1);
  let best = "\n";
  let most = 0;
  for (const [ending, n] of counts2)
    if (n > most) {
      best = ending;
      most = n;
    }
  return best;
}
function policyMxEdit(file, text, hosts) {
  const wanted = [...new Set(hosts.map(normalizeHost).filter((h) => h !== ""))];
  if (wanted.length === 0) return null;
  const lines = splitFileLines(text);
  const existing = mxLines(lines);
  if (existing.some((l) => l.pattern === null)) return null;
  const kept = existing.filter((l) => wanted.some((h) => mxPatternMatches(l.pattern, h)));
  const missing = wanted.filter((h) => !kept.some((l) => mxPatternMatches(l.pattern, h)));
  if (kept.length === existing.length && missing.length === 0) return null;
  const ending = commonEnding(lines);
  const added = missing.map((h) => ({ content: `mx: ${h}`, ending }));
  if (existing.length === 0) {
    const last2 = lines[lines.length - 1];
    if (!last2) return null;
    const text2 = [{ ...last2, ending: last2.ending || ending }, ...added];
    const body = text2.map((l) => l.content + l.ending);
    if (last2.ending === "") body[body.length - 1] = body[body.length - 1].slice(0, -ending.length);
    return { file, startLine: lines.length, endLine: lines.length, text: body.join("") };
  }
  const first = existing[0].index;
  const lastMx = existing[existing.length - 1].index;
  const removed = new Set(existing.filter((l) => !kept.includes(l)).map((l) => l.index));
  const anchor = kept.length > 0 ? kept[kept.length - 1].index : first;
  const out = [];
  for (let i = first; i <= lastMx; i++) {
    const line = lines[i];
    if (!removed.has(i)) out.push(line);
    if (i === anchor) {
      if (line.ending === "" && !removed.has(i)) out[out.length - 1] = { ...line, ending };
      out.push(...added);
    }
  }
  const last = out[out.length - 1];
  if (lines[lastMx].ending === "" && last) out[out.length - 1] = { ...last, ending: "" };
  return {
    file,
    startLine: first + 1,
    endLine: lastMx + 1,
    text: out.map((l) => l.content + l.ending).join("")
  };
}

// src/core/rua-uri.ts
var URI_CHAR = /[A-Za-z0-9\-._~:/?#[\]@$&'()*+;=]/;
var PCT_ENCODED = /^%[0-9A-Fa-f]{2}/;
var SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
var DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
var QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\[\x20-\x7E])*"$/;
function ruaUriProblem(uri) {
  if (uri === "") return "empty URI";
  for (let i = 0; i < uri.length; i++) {
    const ch = uri.charAt(i);
    if (ch === "%") {
      if (!PCT_ENCODED.test(uri.slice(i))) return `"${uri}" has a "%" that does not start a %XX escape`;
      i += 2;
    } else if (!URI_CHAR.test(ch)) {
      const why = ch === "!" || ch === "," ? " (RFC 8460 \xA73: it must be percent-encoded)" : "";
      return `"${uri}" has ${describeChar(ch)}, which is not allowed in a URI${why}`;
    }
  }
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === void 0) return `"${uri}" is not a URI: it has no scheme (expected mailto: or https:)`;
  const rest = uri.slice(scheme.length + 1);
  if (scheme === "mailto") return mailtoProblem(uri, rest);
  if (scheme === "https") return httpsProblem(uri);
  return `"${uri}" uses the scheme "${scheme}:"; RFC 8460 \xA73 defines only mailto: and https:`;
}
function mailtoProblem(uri, rest) {
  const encoded = rest.split("?", 1)[0] ?? "";
  let address;
  try {
    address = decodeURIComponent(encoded);
  } catch {
    return `"${uri}" has a percent-escape that is not UTF-8`;
  }
  const at = address.lastIndexOf("@");
  if (at < 0) return `"${uri}" has no "@": a mailto: rua needs one e-mail address`;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!DOT_ATOM.test(local) && !QUOTED_STRING.test(local)) {
    return `"${uri}": "${local}" is not a valid local part of an address (RFC 5322 addr-spec)`;
  }
  const hostProblem = hostnameProblem(domain);
  return hostProblem === null ? null : `"${uri}": the address domain "${domain}" is invalid: ${hostProblem}`;
}
function httpsProblem(uri) {
  const afterScheme = uri.slice("https:".length);
  if (!afterScheme.startsWith("//") || afterScheme.startsWith("///"))
    return `"${uri}" has no "//host" after https:`;
  let host;
  try {
    host = new URL(uri).hostname;
  } catch {
    return `"${uri}" is not a valid URL`;
  }
  if (host.replace(/\.$/, "").split(".").includes(""))
    return `"${uri}": the host "${host}" has an empty label`;
  return null;
}

// src/core/tlsrpt-record.ts
var TLSRPT_VERSION = "v=TLSRPTv1";
var URI_SEPARATOR = /[ \t]*,[ \t]*/;
function parseTlsRptRecord(txt2) {
  if (!startsWithVersion(txt2, TLSRPT_VERSION)) return { kind: "not-tlsrpt" };
  const invalid = (error) => ({ kind: "invalid", raw: txt2, error });
  const split = splitTagRecord(txt2, TLSRPT_VERSION);
  if (!split.ok) return invalid(split.error);
  let sawRua = false;
  const rua = [];
  const extensions = [];
  for (const field of split.fields) {
    if (field.name === "rua") {
      sawRua = true;
      for (const uri of field.value.split(URI_SEPARATOR)) {
        const problem2 = ruaUriProblem(uri);
        if (problem2 !== null) return invalid(`rua at column ${field.column}: ${problem2}`);
        rua.push(uri);
      }
      continue;
    }
    const problem = extensionProblem(field);
    if (problem !== null) return invalid(problem);
    extensions.push({ key: field.name, value: field.value });
  }
  if (!sawRua) {
    const hint = extensions.some((e) => e.key.toLowerCase() === "rua") ? ' ("rua" is case-sensitive)' : "";
    return invalid(`no "rua=" field: at least one report destination is required${hint}`);
  }
  return { kind: "valid", record: { raw: txt2, rua, extensions } };
}
function selectTlsRptRecord(txts) {
  return selectRecord(txts, (raw) => {
    const parsed = parseTlsRptRecord(raw);
    return parsed.kind === "not-tlsrpt" ? null : parsed;
  });
}

// src/core/fix/record-fix.ts
function fields(value, commas) {
  const boundary = commas ? /[;,]|\s+(?=[A-Za-z][A-Za-z0-9_.-]*=)/ : /;|\s+(?=[A-Za-z][A-Za-z0-9_.-]*=)/;
  return value.replace(/"/g, "").split(boundary).map((f) => f.trim()).filter((f) => f !== "").map((f) => {
    const eq = f.indexOf("=");
    return eq < 0 ? { key: f, value: "" } : { key: f.slice(0, eq).trim(), value: f.slice(eq + 1).trim() };
  });
}
function correctedStsRecord(raw) {
  const parts = fields(raw, true);
  const version = parts.filter((p) => `${p.key}=${p.value}`.toLowerCase() === STS_VERSION.toLowerCase());
  const ids = parts.filter((p) => p.key.toLowerCase() === "id");
  if (version.length !== 1 || ids.length !== 1) return null;
  const id = ids[0].value.replace(/[^A-Za-z0-9]/g, "");
  if (id === "" || id.length > 32) return null;
  const extensions = parts.filter((p) => !version.includes(p) && !ids.includes(p) && p.value !== "");
  const fixed = renderStsRecord({ id, extensions });
  return fixed !== raw && parseStsRecord(fixed).kind === "valid" ? fixed : null;
}
function correctedTlsRptRecord(raw) {
  const parts = fields(raw, false);
  const version = parts.filter((p) => `${p.key}=${p.value}`.toLowerCase() === TLSRPT_VERSION.toLowerCase());
  const rua = parts.filter((p) => p.key.toLowerCase() === "rua");
  if (version.length !== 1 || rua.length !== 1) return null;
  const extensions = parts.filter((p) => !version.includes(p) && !rua.includes(p) && p.value !== "");
  const fixed = [
    TLSRPT_VERSION,
    `rua=${rua[0].value}`,
    ...extensions.map((e) => `${e.key}=${e.value}`)
  ].join("; ");
  return fixed !== raw && parseTlsRptRecord(fixed).kind === "valid" ? fixed : null;
}
function withNewId(raw, oldId, newId) {
  const pattern = new RegExp(`(^|[;\\s])id=${oldId}(?=$|[;\\s])`);
  return pattern.test(raw) ? raw.replace(pattern, `$1id=${newId}`) : null;
}
var SPELLINGS = [
  (v) => v,
  (v) => v.replace(/;/g, "\\;"),
  (v) => v.replace(/[\\"]/g, "\\$&"),
  (v) => JSON.stringify(v).slice(1, -1),
  (v) => v.replace(/'/g, "''")
];
function recordLineEdit(file, text, line, before, after) {
  const lines = splitFileLines(text);
  const target = lines[line - 1];
  if (!target) return null;
  for (const spell of SPELLINGS) {
    const from = spell(before);
    const at = target.content.indexOf(from);
    if (at < 0 || target.content.indexOf(from, at + 1) >= 0) continue;
    const content = target.content.slice(0, at) + spell(after) + target.content.slice(at + from.length);
    return { file, startLine: line, endLine: line, text: content + target.ending };
  }
  return null;
}
function irRecordEdit(file, text, line, before, after) {
  const lines = splitFileLines(text);
  const spellings = [
    [JSON.stringify(before), JSON.stringify(after)],
    [JSON.stringify(zoneQuoted(before)), JSON.stringify(zoneQuoted(after))]
  ];
  let last = -1;
  const replaced = [];
  for (let i = line - 1; i < lines.length; i++) {
    const l = lines[i];
    if (i > line - 1 && /^\s*\{/.test(l.content)) break;
    const spelling = spellings.find(([from]) => l.content.split(from).length - 1 === 1);
    replaced.push(spelling ? { content: l.content.replace(spelling[0], spelling[1]), ending: l.ending } : l);
    if (spelling) last = i;
    if (/^\s*\},?\s*$/.test(l.content)) break;
  }
  if (last < 0) return null;
  const text2 = replaced.slice(0, last - (line - 1) + 1).map((l) => l.content + l.ending).join("");
  return { file, startLine: line, endLine: last + 1, text: text2 };
}
function zoneQuoted(value) {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

// src/core/fix/mx-attach.ts
var MX_RULES = /* @__PURE__ */ new Set(["mx-not-in-policy", "policy-mx-unmatched"]);
function stsIdEdit(domain, context) {
  const record = context.records?.find((r) => r.kind === "sts" && r.domain === domain);
  const file = record && context.zoneFiles?.get(record.location.file);
  if (!record || !file) return null;
  const parsed = parseStsRecord(record.value);
  if (parsed.kind !== "valid") return null;
  const id = newPolicyId(context.now, parsed.record.id);
  const after = withNewId(record.value, parsed.record.id, id);
  if (after === null) return null;
  const at = record.location;
  const edit = at.file.endsWith(".json") ? irRecordEdit(at.file, file.text, at.line, record.value, after) : recordLineEdit(at.file, file.text, at.line, record.value, after);
  return edit ? { edit: { ...edit, sha256: file.sha256 }, id, at } : null;
}
function mxFixes(findings, context, policyFixes) {
  const domains = new Set(
    findings.filter((f) => MX_RULES.has(f.rule) && f.location && f.domain !== null).map((f) => f.domain)
  );
  const fixes = /* @__PURE__ */ new Map();
  for (const domain of domains) {
    const hosts = context.proposedMx?.get(domain);
    const entry = [...context.policyFiles].find(([, f]) => f.domain === domain);
    if (!hosts || hosts.length === 0 || !entry) continue;
    const [path, file] = entry;
    const corrections = policyFixes.get(path);
    const base = corrections ? applyEdits(file.text, corrections.edits) : file.text;
    const mxEdit = policyMxEdit(path, base, hosts);
    if (!mxEdit) continue;
    const fixedText = applyEdits(base, [mxEdit]);
    const after = parsePolicy(fixedText).policy;
    const resolves = after !== null && hosts.every((h) => policyCoversMx(after, h)) && after.mx.every((p) => hosts.some((h) => mxPatternMatches(p, h)));
    if (!resolves) continue;
    const edit = corrections ? singleEdit(path, file.text, fixedText) : mxEdit;
    if (corrections) {
      corrections.edits = [{ ...edit, sha256: file.sha256 }];
      corrections.after = parsePolicy(fixedText);
    }
    const id = stsIdEdit(domain, context);
    const newId = id?.id ?? newPolicyId(context.now);
    const where = edit.startLine > edit.endLine ? `after line ${edit.endLine}` : edit.startLine === edit.endLine ? `line ${edit.startLine}` : `lines ${edit.startLine}-${edit.endLine}`;
    const idPart = id ? `give _mta-sts.${domain} the new id ${newId} (${id.at.file} line ${id.at.line})` : `publish _mta-sts.${domain} with a new id (e.g. id=${newId})`;
    fixes.set(domain, {
      summary: `Make the mx lines of ${path} (${where}) match the proposed MX (${hosts.join(", ")}), then ${idPart}.`,
      edits: [{ ...edit, sha256: file.sha256 }, ...id ? [id.edit] : []]
    });
  }
  return fixes;
}

// src/core/fix/publish-fix.ts
var policyUrl2 = (domain) => `https://mta-sts.${domain}/.well-known/mta-sts.txt`;
function liveSts(live) {
  const valid = live.stsTxt.flatMap((raw) => {
    const parsed = parseStsRecord(raw);
    return parsed.kind === "valid" ? [{ raw, id: parsed.record.id }] : [];
  });
  return valid.length === 1 ? valid[0] : null;
}
function stsWithNewId(domain, live, now) {
  const current = liveSts(live);
  const id = newPolicyId(now, current?.id);
  const value = (current && withNewId(current.raw, current.id, id)) ?? renderStsRecord({ id, extensions: [] });
  return { name: `_mta-sts.${domain}`, type: "TXT", value };
}
function servePolicy(domain, body, live, now, what) {
  const record = stsWithNewId(domain, live, now);
  return {
    summary: `Serve ${what} at ${policyUrl2(domain)}, then publish ${record.name} TXT "${record.value}".`,
    publish: [{ name: policyUrl2(domain), type: "policy", value: body }, record]
  };
}
function edited(text, edits) {
  if (edits.length === 0) return null;
  const after = applyEdits(text, edits);
  return parsePolicy(after).policy ? after : null;
}
function publishFix(f, live, now) {
  const domain = f.domain;
  if (!live || domain === null || f.location) return null;
  const policy = live.policyText;
  switch (f.rule) {
    case "sts-record-invalid": {
      const raw = live.stsTxt.find((t) => parseStsRecord(t).kind === "invalid");
      const value = raw === void 0 ? null : correctedStsRecord(raw);
      return value === null ? null : txt(`_mta-sts.${domain}`, value, "in place of the broken one");
    }
    case "tlsrpt-record-invalid": {
      const values = live.tlsRptTxt.map(correctedTlsRptRecord).filter((v) => v !== null);
      return values.length === 1 ? txt(`_smtp._tls.${domain}`, values[0], "in place of the broken one") : null;
    }
    case "tlsrpt-record-missing":
      return txt(
        `_smtp._tls.${domain}`,
        `v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`,
        "(a mailbox that receives the reports)"
      );
    case "sts-record-missing": {
      if (live.mx.length === 0) return null;
      const hosts = [...new Set(live.mx.map(normalizeHost))];
      const mx = hosts.map((h) => ({ wildcard: false, domain: h, raw: h }));
      const body = renderPolicy({
        version: "STSv1",
        mode: "testing",
        maxAge: MIN_ENFORCE_MAX_AGE,
        extensions: [],
        mx
      });
      return servePolicy(domain, body, live, now, "a first policy in mode testing listing every MX");
    }
    case "mx-not-in-policy":
    case "policy-mx-unmatched": {
      const edit = policy === null ? null : policyMxEdit("policy", policy, live.mx);
      const body = edit && edited(policy, [edit]);
      return body ? servePolicy(domain, body, live, now, "the policy with mx lines for every MX") : null;
    }
    case "policy-invalid":
    case "policy-key-typo":
    case "policy-line-endings": {
      const body = policy === null ? null : edited(policy, policyFileEdits("policy", policy));
      if (body === null) return null;
      const after = parsePolicy(body);
      const clear = after.errors.length === 0 && after.typos.length === 0 && after.lineEndings !== "mixed";
      return clear ? servePolicy(domain, body, live, now, "the corrected policy") : null;
    }
    case "enforce-ready": {
      const body = policy === null ? null : edited(policy, enforcePolicyEdits("policy", policy));
      return body ? servePolicy(domain, body, live, now, "the policy in mode enforce") : null;
    }
    default:
      return null;
  }
}
function txt(name, value, note) {
  return { summary: `Publish ${name} TXT "${value}" ${note}.`, publish: [{ name, type: "TXT", value }] };
}

// src/core/fix/attach.ts
function recordFix(f, context) {
  const at = f.location;
  const file = at && context.zoneFiles?.get(at.file);
  if (!at || !file) return null;
  const kind = f.rule === "tlsrpt-record-invalid" ? "tlsrpt" : "sts";
  const record = context.records?.find(
    (r) => r.kind === kind && r.location.file === at.file && r.location.line === at.line
  );
  if (!record) return null;
  let after = null;
  let summary = "";
  if (f.rule === "sts-record-invalid") {
    after = correctedStsRecord(record.value);
    summary = `Publish _mta-sts.${f.domain} TXT "${after}"`;
  } else if (f.rule === "tlsrpt-record-invalid") {
    after = correctedTlsRptRecord(record.value);
    summary = `Publish _smtp._tls.${f.domain} TXT "${after}"`;
  } else if (f.rule === "policy-id-not-bumped") {
    const parsed = parseStsRecord(record.value);
    if (parsed.kind !== "valid") return null;
    const id = newPolicyId(context.now, parsed.record.id);
    after = withNewId(record.value, parsed.record.id, id);
    summary = `Give _mta-sts.${f.domain} the new id ${id} with the policy change`;
  }
  if (after === null) return null;
  const ir = at.file.endsWith(".json");
  const edit = ir ? irRecordEdit(at.file, file.text, at.line, record.value, after) : recordLineEdit(at.file, file.text, at.line, record.value, after);
  if (!edit) return null;
  const label = kind === "sts" ? "_mta-sts" : "_smtp._tls";
  const source = ir ? `; in dnsconfig.js: TXT(${JSON.stringify(label)}, ${JSON.stringify(after)})` : "";
  return {
    summary: `${summary} (${at.file} line ${at.line})${source}.`,
    edits: [{ ...edit, sha256: file.sha256 }]
  };
}
var RECORD_RULES = /* @__PURE__ */ new Set(["sts-record-invalid", "tlsrpt-record-invalid", "policy-id-not-bumped"]);
function resolved(f, before, after) {
  const line = f.location?.line ?? 0;
  if (f.rule === "policy-line-endings") return after.lineEndings !== "mixed";
  if (f.rule === "policy-key-typo") {
    const typo = before.typos.find((t) => t.line === line && f.message.includes(`"${t.key}"`));
    return typo !== void 0 && !after.typos.some((t) => t.key === typo.key);
  }
  if (f.rule === "policy-invalid") {
    const error = before.errors.find((e) => e.line === line && f.message.endsWith(e.message));
    if (!error) return false;
    return !after.errors.some((e) => shape(e.message) === shape(error.message));
  }
  return false;
}
function shape(message2) {
  return message2.replace(/line \d+/g, "line N");
}
var FIXABLE = /* @__PURE__ */ new Set(["policy-key-typo", "policy-invalid", "policy-line-endings"]);
function touching(edits, line) {
  return edits.filter((e) => e.startLine <= line && line <= Math.max(e.endLine, e.startLine));
}
function attachFixes(findings, context) {
  const perFile = /* @__PURE__ */ new Map();
  for (const [path, file] of context.policyFiles) {
    const edits = policyFileEdits(path, file.text).map((e) => ({ ...e, sha256: file.sha256 }));
    if (edits.length === 0) continue;
    const before = parsePolicy(file.text);
    const after = parsePolicy(applyEdits(file.text, edits));
    const known = new Set(before.errors.map((e) => shape(e.message)));
    const knownTypos = new Set(before.typos.map((t) => t.key));
    if (after.errors.some((e) => !known.has(shape(e.message)))) continue;
    if (after.typos.some((t) => !knownTypos.has(t.key))) continue;
    perFile.set(path, { edits, before, after });
  }
  const id = newPolicyId(context.now);
  const mx = mxFixes(findings, context, perFile);
  for (const [path, file] of perFile) {
    const lines = findings.filter((f) => FIXABLE.has(f.rule) && f.location?.file === path).map((f) => f.location.line);
    file.orphans = file.edits.some((e) => !lines.some((line) => touching([e], line).length > 0));
  }
  return findings.map((f) => {
    const fix = fileFix(f, context, perFile, mx, id) ?? (f.domain !== null ? publishFix(f, context.live?.get(f.domain), context.now) : null);
    return fix ? { ...f, fix } : f;
  });
}
function fileFix(f, context, perFile, mx, id) {
  if (MX_RULES.has(f.rule)) return f.domain !== null && f.location && mx.get(f.domain) || null;
  if (RECORD_RULES.has(f.rule)) return recordFix(f, context);
  if (f.rule === "enforce-ready") return enforceFileFix(f, context, perFile);
  const file = f.location && perFile.get(f.location.file);
  if (!file || !FIXABLE.has(f.rule) || !resolved(f, file.before, file.after)) return null;
  const near = f.rule === "policy-line-endings" ? [] : touching(file.edits, f.location.line);
  const edits = near.length > 0 && !file.orphans ? near : file.edits;
  const where = edits.map(
    (e) => e.startLine === e.endLine ? `line ${e.startLine}` : `lines ${e.startLine}-${e.endLine}`
  );
  return {
    summary: `Edit ${f.location.file} (${where.join(", ")}), then publish the policy with a new id in _mta-sts.${f.domain ?? "<domain>"} (e.g. id=${id}).`,
    edits
  };
}
function enforceFileFix(f, context, perFile) {
  const path = f.location?.file;
  const file = path === void 0 ? void 0 : context.policyFiles.get(path);
  if (!file || path === void 0) return null;
  const edits = enforcePolicyEdits(path, file.text).map((e) => ({ ...e, sha256: file.sha256 }));
  if (edits.length === 0) return null;
  const others = perFile.get(path)?.edits ?? [];
  if (others.some((o) => edits.some((e) => o.startLine <= e.endLine && e.startLine <= o.endLine)))
    return null;
  const record = f.domain === null ? null : stsIdEdit(f.domain, context);
  const idPart = record ? `give _mta-sts.${f.domain} the new id ${record.id} (${record.at.file} line ${record.at.line})` : `publish _mta-sts.${f.domain} with a new id (e.g. id=${newPolicyId(context.now)})`;
  return {
    summary: `Set mode: enforce and max_age >= ${MIN_ENFORCE_MAX_AGE} in ${path}, then ${idPart}.`,
    edits: [...edits, ...record ? [record.edit] : []]
  };
}

// src/core/change-status.ts
function baseEvidence(e) {
  return {
    ...e,
    policyFile: e.basePolicyFile,
    basePolicyFile: null,
    proposed: e.baseProposed,
    baseProposed: null
  };
}
function findingKey(f) {
  const message2 = f.message.replace(/\([^()]*\)/g, "()").replace(/\b(line|column|col)\s+\d+/gi, "$1").replace(/:\d+(:\d+)?\b/g, "");
  return [f.rule, f.domain ?? "", (f.subject ?? "").toLowerCase(), f.location?.file ?? "", message2].join(
    "\0"
  );
}
function markChangeStatus(head, base) {
  const remaining = /* @__PURE__ */ new Map();
  for (const f of base) {
    const key = findingKey(f);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return head.map((f) => {
    const key = findingKey(f);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      return { ...f, status: "existing" };
    }
    return { ...f, status: "new" };
  });
}
function preferLocated(findings) {
  const located = new Set(
    findings.filter((f) => f.location !== void 0 && f.subject !== void 0).map((f) => twinKey(f))
  );
  return findings.filter(
    (f) => f.location !== void 0 || f.subject === void 0 || !located.has(twinKey(f))
  );
}
function twinKey(f) {
  return [f.rule, f.domain ?? "", (f.subject ?? "").toLowerCase().replace(/\.$/, "")].join("\0");
}

// src/core/result.ts
function emptyDomainResult(domain) {
  return {
    domain,
    mtaSts: { record: null, policy: null, fetch: null },
    tlsRpt: { record: null },
    mx: [],
    reports: null
  };
}

// src/core/rules/dns-lookup.ts
function dnsFailureCause(error) {
  if (error.startsWith("timeout")) return "timeout";
  if (error.startsWith("network error") || error.startsWith("http error")) return "unreachable";
  if (error.startsWith("SERVFAIL")) return "servfail";
  if (error.startsWith("REFUSED")) return "refused";
  if (error.startsWith("malformed")) return "malformed";
  if (error.startsWith("CNAME chain")) return "cname";
  if (error.startsWith("internal error")) return "internal";
  return "other";
}
function lookupRemediation(cause) {
  switch (cause) {
    case "timeout":
      return "The name servers of this zone did not answer in time: check that every authoritative server answers over UDP and TCP, then rerun to rule out a transient failure.";
    case "servfail":
      return "The resolver answered SERVFAIL for this name only: this usually means a lame delegation or a DNSSEC validation failure (check with `dig +dnssec` and a DNSSEC debugger); rerun to rule out a transient failure.";
    case "refused":
      return "A server refused the query (REFUSED): check that the zone's authoritative servers serve this name and that the resolver may recurse for this runner.";
    case "cname":
      return "Fix the CNAME chain so that it ends at a record within a few hops and does not loop.";
    case "malformed":
      return "The answer could not be parsed: check the records at this name with `dig`, and rerun.";
    default:
      return "Check that the authoritative name servers answer for this name (and that DNSSEC validates); rerun to rule out a transient failure.";
  }
}
function dnsLookupFailed(domain, name, type, error, consequence, mode) {
  return finding("dns-lookup-failed", mode, {
    domain,
    subject: name,
    message: `${type} ${name} could not be looked up (${error}); ${consequence}. This says nothing about the record itself: senders that meet the same failure cannot read it either`,
    remediation: lookupRemediation(dnsFailureCause(error))
  });
}
var RESOLVER_SIDE_CAUSES = /* @__PURE__ */ new Set([
  "timeout",
  "unreachable",
  "servfail",
  "refused",
  "malformed",
  "other"
]);
var RESOLVER_FAILED_SHARE = 0.5;
function answers(o) {
  return [
    o.stsTxt,
    o.tlsRptTxt,
    o.mx,
    ...Object.values(o.mxAddresses),
    ...o.policyHostAddresses ? [o.policyHostAddresses] : []
  ];
}
function resolverRemediation(causes, resolver) {
  if (causes.every((c) => c === "servfail"))
    return `The resolver ${resolver} answers SERVFAIL for everything: it cannot reach the internet, or its DNSSEC validation fails (a wrong clock does that). Fix it, or pass --resolver / --doh (action: resolver, doh) with one that works, and rerun.`;
  if (causes.every((c) => c === "refused"))
    return `The resolver ${resolver} refuses queries from this runner: allow recursion for it, or pass --resolver / --doh (action: resolver, doh) with one that serves this runner, and rerun.`;
  return `Check that the resolver ${resolver} is reachable from this runner (address, port, firewall), or pass --resolver / --doh (action: resolver, doh) with one that is, and rerun.`;
}
function applyResolverFailed(findings, observations, resolver) {
  const all = observations.flatMap(answers);
  const failed = all.flatMap((a) => a.kind === "error" ? [dnsFailureCause(a.error)] : []);
  const resolverSide = failed.filter((c) => RESOLVER_SIDE_CAUSES.has(c));
  if (all.length === 0 || resolverSide.length <= all.length * RESOLVER_FAILED_SHARE) return findings;
  const causes = [...new Set(resolverSide)].sort();
  return [
    ...findings.filter((f) => f.rule !== "dns-lookup-failed"),
    finding("resolver-failed", null, {
      domain: null,
      subject: resolver,
      message: `the resolver ${resolver} did not answer ${resolverSide.length} of ${all.length} lookups (${causes.join(", ")}) for ${observations.length} domain(s): they were not observed, so no domain was judged from DNS`,
      remediation: resolverRemediation(causes, resolver)
    })
  ];
}

// src/core/rules/records.ts
function judgeRecords(e, _s, v, out) {
  if (e.observation === null) return [];
  return [
    ...judgeSts(e.domain, e.observation.stsTxt, v, out),
    ...judgeTlsRpt(e.domain, e.observation.tlsRptTxt, v.mode, out)
  ];
}
function quoted(txts) {
  return txts.map((t) => JSON.stringify(t)).join(", ");
}
function absence(name, answer) {
  if (answer.kind === "nxdomain") return `${name} does not exist (NXDOMAIN)`;
  if (answer.kind === "nodata" || answer.kind === "records" && answer.records.length === 0) {
    return `${name} has no TXT records`;
  }
  const records = answer.kind === "records" ? answer.records : [];
  return `${name} has ${records.length} TXT record${records.length === 1 ? "" : "s"}, none starting with`;
}
function judgeSts(domain, answer, v, out) {
  const name = `_mta-sts.${domain}`;
  const mode = v.mode;
  if (answer.kind === "error") {
    return [dnsLookupFailed(domain, name, "TXT", answer.error, "the MTA-STS record was not judged", mode)];
  }
  const selection = selectStsRecord(answer.kind === "records" ? answer.records : []);
  switch (selection.kind) {
    case "one":
      out.mtaSts.record = { raw: selection.record.raw, id: selection.record.id };
      return [];
    case "none": {
      const what = absence(name, answer);
      const discarded = answer.kind === "records" && answer.records.length > 0;
      const served = v.livePolicy === null ? "" : `; mta-sts.${domain} serves a policy (mode ${v.livePolicy.mode}), but without the record senders never fetch it`;
      return [
        finding("sts-record-missing", mode, {
          domain,
          subject: name,
          message: `${what}${discarded ? ` v=STSv1: ${quoted(answer.records)}` : ""}${served}`
        })
      ];
    }
    case "invalid":
      return [
        finding("sts-record-invalid", mode, {
          domain,
          subject: name,
          message: `${name} TXT ${JSON.stringify(selection.raw)} is not a valid MTA-STS record: ${selection.error}`
        })
      ];
    case "multiple":
      return [
        finding("sts-record-multiple", mode, {
          domain,
          subject: name,
          message: `${name} has ${selection.raws.length} v=STSv1 records (${quoted(selection.raws)}); senders treat the domain as having no policy`
        })
      ];
  }
}
function judgeTlsRpt(domain, answer, mode, out) {
  const name = `_smtp._tls.${domain}`;
  if (answer.kind === "error") {
    return [dnsLookupFailed(domain, name, "TXT", answer.error, "the TLS-RPT record was not judged", mode)];
  }
  const selection = selectTlsRptRecord(answer.kind === "records" ? answer.records : []);
  switch (selection.kind) {
    case "one":
      out.tlsRpt.record = { raw: selection.record.raw, rua: selection.record.rua };
      return [];
    case "none": {
      const what = absence(name, answer);
      const discarded = answer.kind === "records" && answer.records.length > 0;
      return [
        finding("tlsrpt-record-missing", mode, {
          domain,
          subject: name,
          message: `${what}${discarded ? ` v=TLSRPTv1: ${quoted(answer.records)}` : ""}`
        })
      ];
    }
    case "invalid":
      return [
        finding("tlsrpt-record-invalid", mode, {
          domain,
          subject: name,
          message: `${name} TXT ${JSON.stringify(selection.raw)} is not a valid TLS-RPT record: ${selection.error}`
        })
      ];
    case "multiple":
      return [
        finding("tlsrpt-record-multiple", mode, {
          domain,
          subject: name,
          message: `${name} has ${selection.raws.length} v=TLSRPTv1 records (${quoted(selection.raws)}); senders send no reports`
        })
      ];
  }
}

// src/core/plural.ts
function plural2(n, one, many = `${one}s`) {
  return `${n.toLocaleString("en-US")} ${n === 1 ? one : many}`;
}

// src/core/expiry.ts
var DAY_MS = 864e5;
function expiryDistance(validTo, now) {
  const ms = Date.parse(validTo) - now.getTime();
  return ms >= 0 ? { expired: false, daysLeft: Math.floor(ms / DAY_MS) } : { expired: true, daysAgo: Math.floor(-ms / DAY_MS) };
}
function describeExpiry(distance) {
  if (!distance.expired) {
    return distance.daysLeft === 0 ? "in less than a day" : `in ${plural2(distance.daysLeft, "day")}`;
  }
  return distance.daysAgo === 0 ? "less than a day ago" : `${plural2(distance.daysAgo, "day")} ago`;
}

// src/core/rules/policy-fetch.ts
var POLICY_MEDIA_TYPE = "text/plain";
var MS_PER_DAY = 864e5;
function noAnswerRemediation(error, domain) {
  const host = `mta-sts.${domain}`;
  if (error.code === "timeout")
    return `${host} did not answer in time: check that every address of it accepts HTTPS on port 443 from the internet (firewall, CDN, load balancer) and answers promptly.`;
  if (error.code === "connect" && /ECONNREFUSED/.test(error.message))
    return `Nothing listens on port 443 of ${host}: start the HTTPS server there, or remove the address from DNS.`;
  if (error.code === "connect")
    return `The connection to ${host} failed (${error.message.split(":", 1)[0]}): check the route and firewall to every address of it on port 443.`;
  if (error.code === "http")
    return `${host} does not speak HTTP/1.1 on port 443: serve the policy over HTTPS there.`;
  return void 0;
}
function fetchAddress(fetch, domain) {
  return fetch.address ?? `mta-sts.${domain}`;
}
function tlsIssue(fetch, domain) {
  const tls = fetch.tls;
  const problems = [
    tls?.chainError ? `certificate chain: ${tls.chainError}` : null,
    tls?.hostnameError ? `certificate is not valid for mta-sts.${domain}: ${tls.hostnameError}` : null
  ].filter((p) => p !== null);
  if (fetch.error?.code === "tls" && problems.length === 0)
    problems.push(`TLS handshake failed: ${fetch.error.message}`);
  if (problems.length === 0) return null;
  return { rule: "policy-tls-invalid", what: problems.join("; "), resultType: "sts-webpki-invalid" };
}
function fetchIssues(fetch, domain) {
  const failed = (what) => ({
    rule: "policy-fetch-failed",
    what,
    resultType: "sts-policy-fetch-error"
  });
  const tooLarge = {
    rule: "policy-too-large",
    what: `the body is larger than ${MAX_POLICY_BYTES} bytes (${fetch.bytes} bytes read before stopping)`,
    resultType: "sts-policy-fetch-error"
  };
  const tls = tlsIssue(fetch, domain);
  if (fetch.error !== null) {
    if (fetch.error.code === "too-large" || fetch.truncated) return [tooLarge];
    if (tls !== null) return [tls];
    const remediation = noAnswerRemediation(fetch.error, domain);
    return [
      { ...failed(`${fetch.error.code}: ${fetch.error.message}`), ...remediation ? { remediation } : {} }
    ];
  }
  if (fetch.status === null) return [failed("no HTTP response")];
  const issues = tls === null ? [] : [tls];
  if (fetch.status >= 300 && fetch.status < 400) {
    const to = fetch.location === null ? "without a Location" : `to ${fetch.location}`;
    issues.push({
      rule: "policy-redirect",
      what: `answered HTTP ${fetch.status} redirecting ${to}; senders never follow redirects`,
      resultType: "sts-policy-fetch-error"
    });
    return issues;
  }
  if (fetch.status !== 200) {
    issues.push(failed(`answered HTTP ${fetch.status} (a policy must be served with 200)`));
    return issues;
  }
  const mediaType = fetch.contentType?.split(";", 1)[0]?.trim().toLowerCase() ?? "";
  if (mediaType !== POLICY_MEDIA_TYPE) {
    issues.push({
      rule: "policy-content-type",
      what: fetch.contentType === null ? "served without a Content-Type (must be text/plain)" : `served as "${fetch.contentType}" (must be text/plain)`,
      resultType: "sts-policy-fetch-error"
    });
  }
  if (fetch.truncated || fetch.bytes > MAX_POLICY_BYTES) issues.push(tooLarge);
  if (fetch.body === null && issues.length === 0) issues.push(failed("answered 200 without a body"));
  return issues;
}
function leafDaysLeft(fetch, now) {
  const leaf = fetch.tls?.chain[0];
  if (leaf === void 0) return null;
  const validTo = Date.parse(leaf.validTo);
  return Number.isNaN(validTo) ? null : (validTo - now.getTime()) / MS_PER_DAY;
}

// src/core/runner-network.ts
var RUNNER_NETWORK_CODES = /* @__PURE__ */ new Set(["ENETUNREACH", "EADDRNOTAVAIL", "EAFNOSUPPORT"]);
function isRunnerNetworkError(code2) {
  return RUNNER_NETWORK_CODES.has(code2.split(/[:\s]/, 1)[0] ?? "");
}
var LOCAL_RESOURCE_CODE = /\b(EMFILE|ENFILE)\b/;
function localResourceError(text) {
  return LOCAL_RESOURCE_CODE.exec(text)?.[1] ?? null;
}

// src/core/rules/policy.ts
function judgePolicy(e, s, out) {
  const verdict2 = {
    policy: null,
    mode: null,
    livePolicy: null,
    livePolicyText: null,
    filePolicy: null
  };
  const findings = [];
  const file = e.policyFile === null ? null : { ...e.policyFile, parsed: parsePolicy(e.policyFile.text) };
  verdict2.filePolicy = file?.parsed.policy ?? null;
  if (e.observation !== null) {
    findings.push(...judgeLive(e.domain, e.observation, s, verdict2, out));
    if (file !== null) {
      const source = { kind: "file", path: file.path };
      findings.push(
        ...judgePolicyText(file.parsed, source, { domain: e.domain, mode: verdict2.mode, semantics: false })
      );
    }
  } else if (file !== null) {
    const policy = file.parsed.policy;
    verdict2.policy = policy;
    verdict2.mode = policy?.mode ?? null;
    if (policy !== null) out.mtaSts.policy = policySummary(file.text, policy);
    const source = { kind: "file", path: file.path };
    findings.push(
      ...judgePolicyText(file.parsed, source, { domain: e.domain, mode: verdict2.mode, semantics: true })
    );
  }
  return { findings, verdict: verdict2 };
}
function recordAbsent(observation) {
  const answer = observation.stsTxt;
  if (answer.kind === "nxdomain" || answer.kind === "nodata") return true;
  return answer.kind === "records" && selectStsRecord(answer.records).kind === "none";
}
function judgeLive(domain, observation, s, verdict2, out) {
  const fetches = observation.policyFetches.filter(
    (f) => !(f.error?.code === "connect" && isRunnerNetworkError(f.error.message))
  );
  const issues = fetches.map((f) => fetchIssues(f, domain));
  const clean = [];
  fetches.forEach((fetch, i) => {
    if ((issues[i] ?? []).length === 0 && fetch.body !== null) {
      clean.push({ fetch, body: fetch.body, parsed: parsePolicy(fetch.body) });
    }
  });
  const governing = clean[0] ?? null;
  const summarized = governing?.fetch ?? fetches[0];
  if (summarized !== void 0) out.mtaSts.fetch = fetchSummary(summarized);
  if (governing !== null) {
    verdict2.livePolicyText = governing.body;
    verdict2.livePolicy = governing.parsed.policy;
    if (governing.parsed.policy !== null)
      out.mtaSts.policy = policySummary(governing.body, governing.parsed.policy);
  }
  if (recordAbsent(observation)) return [];
  verdict2.policy = verdict2.livePolicy;
  verdict2.mode = verdict2.livePolicy?.mode ?? null;
  const mode = verdict2.mode;
  const findings = [];
  if (fetches.length === 0) {
    const hostAnswer = observation.policyHostAddresses;
    if (hostAnswer?.kind === "error") {
      const host = `mta-sts.${domain}`;
      findings.push(
        dnsLookupFailed(domain, host, "A/AAAA", hostAnswer.error, "the policy was not fetched", mode)
      );
    } else if (hostAnswer !== null && hostAnswer.kind !== "records") {
      const why = hostAnswer.kind === "nxdomain" ? "does not exist in DNS (NXDOMAIN)" : "has no A or AAAA records";
      findings.push(
        finding("policy-fetch-failed", mode, {
          domain,
          subject: `mta-sts.${domain}`,
          message: `The policy host mta-sts.${domain} ${why}, so no sender can fetch the policy`,
          resultType: "sts-policy-fetch-error"
        })
      );
    }
    return findings;
  }
  findings.push(...groupedIssueFindings(domain, fetches, issues, mode));
  findings.push(...expiringCertificates(domain, fetches, s, mode));
  if (governing !== null) {
    const bodies = /* @__PURE__ */ new Map();
    for (const c of clean) bodies.set(c.body, [...bodies.get(c.body) ?? [], c]);
    for (const [, group] of bodies) {
      const first = group[0];
      const source = {
        kind: "live",
        url: first.fetch.url,
        addresses: bodies.size > 1 ? group.map((c) => fetchAddress(c.fetch, domain)) : []
      };
      findings.push(
        ...judgePolicyText(first.parsed, source, { domain, mode, semantics: first === governing })
      );
    }
    const disagreement = disagreementFinding(domain, clean, fetches.length, mode);
    if (disagreement !== null) findings.push(disagreement);
  }
  return findings;
}
function groupedIssueFindings(domain, fetches, issues, mode) {
  const groups = /* @__PURE__ */ new Map();
  fetches.forEach((fetch, i) => {
    for (const issue of issues[i] ?? []) {
      const key = `${issue.rule}\0${issue.what}`;
      const group = groups.get(key) ?? { issue, url: fetch.url, addresses: [] };
      group.addresses.push(fetchAddress(fetch, domain));
      groups.set(key, group);
    }
  });
  return [...groups.values()].map(
    ({ issue, url, addresses }) => finding(issue.rule, mode, {
      domain,
      subject: url,
      message: `${url} from ${addresses.join(", ")}: ${issue.what}`,
      resultType: issue.resultType,
      ...issue.remediation ? { remediation: issue.remediation } : {}
    })
  );
}
function expiringCertificates(domain, fetches, s, mode) {
  const byCert = /* @__PURE__ */ new Map();
  for (const fetch of fetches) {
    const days = leafDaysLeft(fetch, s.now);
    const leaf = fetch.tls?.chain[0];
    if (days === null || leaf === void 0 || days < 0 || days > s.certExpiryWarningDays) continue;
    const entry = byCert.get(leaf.sha256) ?? { days, validTo: leaf.validTo, addresses: [] };
    entry.addresses.push(fetchAddress(fetch, domain));
    byCert.set(leaf.sha256, entry);
  }
  return [...byCert.values()].map(
    ({ validTo, addresses }) => finding("policy-host-cert-expiring", mode, {
      domain,
      subject: `mta-sts.${domain}`,
      message: `The certificate of mta-sts.${domain} (served from ${addresses.join(", ")}) expires on ${validTo}, ${describeExpiry(expiryDistance(validTo, s.now))} (warning at ${plural2(s.certExpiryWarningDays, "day")})`
    })
  );
}
function disagreementFinding(domain, clean, total, mode) {
  const governing = clean[0];
  const key = (c) => JSON.stringify(c.parsed.policy ?? c.body);
  const differing = clean.filter((c) => key(c) !== key(governing));
  const failing = total - clean.length;
  if (differing.length === 0 && failing === 0) return null;
  const parts = [];
  if (differing.length > 0) {
    parts.push(
      `${differing.map((c) => fetchAddress(c.fetch, domain)).join(", ")} serve${differing.length === 1 ? "s" : ""} a different policy than ${fetchAddress(governing.fetch, domain)}`
    );
  }
  if (failing > 0) parts.push(`${failing} of ${total} addresses fail while ${clean.length} serve a policy`);
  return finding("policy-fetch-failed", mode, {
    domain,
    subject: governing.fetch.url,
    message: `The addresses of mta-sts.${domain} disagree: ${parts.join("; ")}; senders get a different answer depending on the address they reach`,
    resultType: "sts-policy-fetch-error",
    remediation: "Serve the same policy with status 200 from every address of the policy host (check each server or CDN node)."
  });
}
function policySummary(raw, policy) {
  return { raw, mode: policy.mode, mx: policy.mx.map((p) => p.raw), maxAge: policy.maxAge };
}
function fetchSummary(fetch) {
  return {
    url: fetch.url,
    status: fetch.status,
    contentType: fetch.contentType,
    bytes: fetch.bytes,
    ms: fetch.ms,
    error: fetch.error === null ? null : `${fetch.error.code}: ${fetch.error.message}`
  };
}

// src/core/rules/host-address.ts
function judgeHostAddresses(e, s, v) {
  const observation = e.observation;
  if (!observation || s.offline) return [];
  const findings = [];
  const judge = (host, role, answer) => {
    if (answer?.kind !== "records") return;
    const { usable, unusable } = partitionAddresses(answer.records);
    if (unusable.length === 0) return;
    const listed = unusable.map((u) => `${u.address} is ${u.reason}`).join("; ");
    const rest = usable.length === 0 ? "it has no other address, so no sender can connect to it" : `senders that pick one fail; only ${usable.join(", ")} can be used`;
    const which = unusable.length === 1 ? "an address" : "addresses";
    findings.push(
      finding("host-address-unusable", v.mode, {
        domain: e.domain,
        subject: host,
        message: `${role} ${host} resolves to ${which} no sender can use (${listed}), never connected to: ${rest}`
      })
    );
  };
  const sts = observation.stsTxt;
  if (sts.kind === "records" && sts.records.some((r) => r.startsWith("v=STSv1"))) {
    judge(`mta-sts.${e.domain}`, "policy host", observation.policyHostAddresses);
  }
  for (const [host, answer] of Object.entries(observation.mxAddresses)) {
    judge(normalizeHost(host), "MX", answer);
  }
  return findings;
}

// src/core/certificate.ts
var DAY_MS2 = 864e5;
var RESULT_TYPE_ORDER = [
  "starttls-not-supported",
  "certificate-expired",
  "certificate-not-trusted",
  "certificate-host-mismatch",
  "validation-failure"
];
var OLD_VERSIONS = /* @__PURE__ */ new Set(["SSLv2", "SSLv3", "TLSv1", "TLSv1.1"]);
var DATE_CHAIN_ERRORS = /* @__PURE__ */ new Set(["CERT_HAS_EXPIRED", "CERT_NOT_YET_VALID"]);
var MIN_RSA_BITS = 2048;
var MIN_EC_BITS = 256;
function tlsProblems(session, settings) {
  if (session.starttlsOffered === false) {
    return [
      {
        rule: "mx-starttls-unsupported",
        resultType: "starttls-not-supported",
        message: `${session.host} does not offer STARTTLS`
      }
    ];
  }
  const tls = session.tls;
  if (!tls) return [];
  const problems = [];
  const leaf = tls.chain[0];
  if (tls.version && OLD_VERSIONS.has(tls.version)) {
    problems.push({
      rule: "mx-tls-version",
      resultType: "validation-failure",
      message: `${session.host} negotiates ${tls.version} at best; senders require TLS 1.2 or newer`
    });
  }
  if (tls.cipher && isWeakCipher(tls.cipher, tls.version)) {
    problems.push({ rule: "mx-tls-cipher-weak", message: `${session.host} negotiates ${tls.cipher}` });
  }
  if (leaf) problems.push(...dateProblems(session.host, leaf, settings));
  if (tls.chainError && !(DATE_CHAIN_ERRORS.has(tls.chainError) && leafDatesExplain(leaf, settings.now))) {
    problems.push({
      rule: "mx-cert-untrusted",
      resultType: "certificate-not-trusted",
      message: `the certificate of ${session.host} does not chain to a trusted root (${tls.chainError})`
    });
  }
  if (!leaf) return problems;
  if (!certificateCoversHost(leaf, session.host)) {
    const names = leaf.san.length ? `SANs ${leaf.san.join(", ")}` : `CN ${leaf.commonName ?? "(none)"}`;
    problems.push({
      rule: "mx-cert-hostname-mismatch",
      resultType: "certificate-host-mismatch",
      message: `the certificate of ${session.host} does not cover that name (${names})`
    });
  }
  const weak = tls.chain.flatMap((cert, index) => weakness(cert, index === 0));
  if (weak.length) {
    problems.push({
      rule: "mx-cert-weak",
      resultType: "validation-failure",
      message: `the certificate chain of ${session.host} uses ${weak.join("; ")}`
    });
  }
  if (tls.revocation?.status === "revoked") {
    const when = tls.revocation.revokedAt ? ` on ${tls.revocation.revokedAt}` : "";
    problems.push({
      rule: "mx-cert-revoked",
      resultType: "validation-failure",
      message: `the certificate of ${session.host} was revoked${when} (${tls.revocation.source})`
    });
  }
  return problems;
}
function sessionResultType(problems) {
  for (const type of RESULT_TYPE_ORDER) if (problems.some((p) => p.resultType === type)) return type;
  return null;
}
function dateProblems(host, leaf, settings) {
  const now = settings.now.getTime();
  const from = Date.parse(leaf.validFrom);
  const to = Date.parse(leaf.validTo);
  if (from > now) {
    return [
      {
        rule: "mx-cert-not-yet-valid",
        // RFC 8460 §4.3.2.1 has no "not yet valid": certificate-expired covers the validity period.
        resultType: "certificate-expired",
        message: `the certificate of ${host} is valid only from ${leaf.validFrom}`
      }
    ];
  }
  if (to < now) {
    return [
      {
        rule: "mx-cert-expired",
        resultType: "certificate-expired",
        // Only the date: an error's message is part of its issue risk key (digits blanked), and
        // "1 day ago" → "2 days ago" would read as a new risk. The renderings say how long ago.
        message: `the certificate of ${host} expired on ${leaf.validTo}`
      }
    ];
  }
  if (to - now < settings.certExpiryWarningDays * DAY_MS2) {
    return [
      {
        rule: "mx-cert-expiring",
        message: `the certificate of ${host} expires on ${leaf.validTo} (${describeExpiry(expiryDistance(leaf.validTo, settings.now))})`
      }
    ];
  }
  return [];
}
function leafDatesExplain(leaf, now) {
  if (!leaf) return false;
  return Date.parse(leaf.validFrom) > now.getTime() || Date.parse(leaf.validTo) < now.getTime();
}
function daysLeft(validTo, now) {
  return Math.floor((Date.parse(validTo) - now.getTime()) / DAY_MS2);
}
function weakness(cert, isLeaf) {
  const out = [];
  const who = isLeaf ? "leaf" : cert.subject;
  if (cert.keyType === "rsa" && cert.keyBits !== null && cert.keyBits < MIN_RSA_BITS) {
    out.push(`an RSA-${cert.keyBits} key (${who})`);
  }
  if (cert.keyType === "ec" && cert.keyBits !== null && cert.keyBits < MIN_EC_BITS) {
    out.push(`a ${cert.keyBits}-bit EC key (${who})`);
  }
  if (!cert.selfIssued && cert.signatureAlgorithm && /sha1|md5|md2/i.test(cert.signatureAlgorithm)) {
    out.push(`a ${cert.signatureAlgorithm} signature (${who})`);
  }
  return out;
}
function isWeakCipher(cipher, version) {
  const tokens = cipher.toUpperCase().split(/[-_]/);
  const broken = ["RC4", "DES", "CBC3", "3DES", "NULL", "EXP", "EXPORT", "ADH", "AECDH", "ANON"];
  if (tokens.some((t) => broken.includes(t) || t.startsWith("EXP"))) return true;
  if (version === "TLSv1.3") return false;
  if (/^TLS_(AES|CHACHA20)_/i.test(cipher)) return false;
  const kx = tokens[0] === "TLS" ? tokens[1] : tokens[0];
  return !(kx === "ECDHE" || kx === "DHE" || kx === "EDH");
}
function certificateCoversHost(cert, host) {
  const names = cert.san.length > 0 ? cert.san : cert.commonName ? [cert.commonName] : [];
  return names.some((name) => dnsNameMatches(name, host));
}
function dnsNameMatches(presented, host) {
  const name = normalize(presented);
  const target = normalize(host);
  if (!name || !target) return false;
  if (!name.includes("*")) return name === target;
  if (!name.startsWith("*.") || name.indexOf("*", 1) !== -1) return false;
  const parent = name.slice(2);
  if (!parent.includes(".")) return false;
  const dot = target.indexOf(".");
  return dot > 0 && target.slice(dot + 1) === parent;
}
function normalize(name) {
  return name.trim().toLowerCase().replace(/\.$/, "");
}
function certificateSummary(leaf, now) {
  return {
    subject: leaf.subject,
    issuer: leaf.issuer,
    san: leaf.san,
    validFrom: leaf.validFrom,
    validTo: leaf.validTo,
    daysLeft: daysLeft(leaf.validTo, now),
    sha256: leaf.sha256
  };
}

// src/core/rules/mx.ts
var NO_SESSION_STAGES = /* @__PURE__ */ new Set(["dns", "connect", "banner", "ehlo"]);
function judgeMx(e, s, v, out) {
  const observation = e.observation;
  if (!observation) return [];
  const findings = [];
  const add = (rule, subject, message2, resultType, remediation) => {
    findings.push(
      finding(rule, v.mode, {
        domain: e.domain,
        message: message2,
        ...subject !== void 0 ? { subject } : {},
        ...resultType ? { resultType } : {},
        ...remediation ? { remediation } : {}
      })
    );
  };
  const answer = observation.mx;
  if (answer.kind === "nxdomain" || answer.kind === "nodata") {
    if (publishesMtaSts(observation, v)) {
      add("mx-missing", e.domain, `${e.domain} has no MX records (${answer.kind.toUpperCase()})`);
    }
    return findings;
  }
  if (answer.kind === "error") {
    findings.push(dnsLookupFailed(e.domain, e.domain, "MX", answer.error, "no MX was judged", v.mode));
    return findings;
  }
  const { nullMx, hosts } = mxHosts(answer.records);
  if (nullMx) {
    add("mx-null", e.domain, `${e.domain} publishes a null MX (RFC 7505): it receives no mail`);
    if (hosts.length === 0) return findings;
  }
  const policy = v.policy;
  if (policy) {
    for (const pattern of policy.mx) {
      if (!hosts.some((mx) => mxPatternMatches(pattern, mx.exchange))) {
        add(
          "policy-mx-unmatched",
          pattern.raw,
          `policy pattern mx: ${pattern.raw} matches none of the MX records`
        );
      }
    }
  }
  for (const mx of hosts) {
    const host = mx.exchange;
    const matchesPolicy = policy ? policyCoversMx(policy, host) : null;
    if (matchesPolicy === false) {
      add(
        "mx-not-in-policy",
        host,
        `MX ${host} matches no mx pattern of the policy (${policy?.mx.map((p) => p.raw).join(", ")})`
      );
    }
    const addressAnswer = observation.mxAddresses[host];
    const addresses = addressAnswer?.kind === "records" ? addressAnswer.records : [];
    const probes = observation.smtp.filter((p) => normalizeHost(p.host) === host);
    const result = {
      host,
      preference: mx.preference,
      addresses,
      matchesPolicy,
      tls: null,
      error: null
    };
    out.mx.push(result);
    if (s.smtpProbe === "off" || s.offline) continue;
    if (addressAnswer?.kind === "error") {
      result.error = `address lookup failed: ${addressAnswer.error}`;
      findings.push(
        dnsLookupFailed(e.domain, host, "A/AAAA", addressAnswer.error, "this MX was not probed", v.mode)
      );
      continue;
    }
    if (addressAnswer && addressAnswer.kind !== "records") {
      const why = addressAnswer.kind.toUpperCase();
      result.error = `no address: ${why}`;
      add(
        "mx-unreachable",
        host,
        `MX ${host} has no address to connect to (${why})`,
        void 0,
        `Publish an A or AAAA record for ${host}, or point the MX at a host that has one.`
      );
      continue;
    }
    for (const problem of judgeProbes(host, probes, s, result)) {
      const on = problem.addresses.length > 1 || probes.length > 1 ? ` (on ${problem.addresses.join(", ")})` : "";
      add(problem.rule, host, `${problem.message}${on}`, problem.resultType, problem.remediation);
    }
  }
  return findings;
}
function publishesMtaSts(observation, v) {
  if (v.policy) return true;
  const txt2 = observation.stsTxt;
  return txt2.kind === "records" && txt2.records.some((r) => /^v=STSv1(;|\s|$)/.test(r));
}
function mxHosts(records) {
  const seen = /* @__PURE__ */ new Map();
  let nullMx = false;
  for (const record of records) {
    const exchange = normalizeHost(record.exchange);
    if (exchange === "") {
      nullMx = true;
      continue;
    }
    const known = seen.get(exchange);
    if (!known || record.preference < known.preference)
      seen.set(exchange, { exchange, preference: record.preference });
  }
  const hosts = [...seen.values()].sort(
    (a, b) => a.preference - b.preference || a.exchange.localeCompare(b.exchange)
  );
  return { nullMx, hosts };
}
function judgeProbes(host, probes, s, result) {
  const byRule = /* @__PURE__ */ new Map();
  const collect = (address, problem) => {
    const known = byRule.get(problem.rule);
    if (known) known.addresses.push(address);
    else byRule.set(problem.rule, { ...problem, addresses: [address] });
  };
  const unreachable = [];
  const settings = { now: s.now, certExpiryWarningDays: s.certExpiryWarningDays };
  for (const probe of probes) {
    const error = probe.error;
    if (error?.stage === "connect" && isRunnerNetworkError(error.code)) {
      result.error ??= `${probe.address}: not judged, this runner has no route to it (${error.code})`;
      continue;
    }
    if (error && !result.error)
      result.error = `${probe.address}: ${error.stage} ${error.code}: ${error.message}`;
    if (error && (error.stage === "starttls" || probe.starttlsOffered === false)) {
      collect(probe.address, {
        rule: "mx-starttls-unsupported",
        resultType: "starttls-not-supported",
        message: `${host} gives no TLS session (${error.code}: ${error.message})`
      });
      result.tls ??= tlsResult(probe.starttlsOffered === true, s, probe, "starttls-not-supported");
      continue;
    }
    if (error && (NO_SESSION_STAGES.has(error.stage) || error.stage === "tls")) {
      unreachable.push({
        address: probe.address,
        text: `${probe.address} (${error.stage}: ${error.code})`,
        tls: error.stage === "tls",
        stage: error.stage,
        code: error.code
      });
      if (error.stage === "tls") result.tls ??= tlsResult(true, s, probe, "validation-failure");
      continue;
    }
    const problems = tlsProblems({ host, starttlsOffered: probe.starttlsOffered, tls: probe.tls }, settings);
    for (const problem of problems) collect(probe.address, problem);
    if (probe.starttlsOffered !== null && !result.tls?.certificate) {
      result.tls = tlsResult(probe.starttlsOffered, s, probe, sessionResultType(problems));
    }
  }
  if (unreachable.length) {
    byRule.set("mx-unreachable", {
      rule: "mx-unreachable",
      ...unreachable.some((u) => u.tls) ? { resultType: "validation-failure" } : {},
      message: `no SMTP session with ${host}: ${unreachable.map((u) => u.text).join(", ")}`,
      addresses: unreachable.map((u) => u.address),
      remediation: [...new Set(unreachable.map((u) => unreachableRemediation(u.stage, u.code)))].join(" ")
    });
  }
  return [...byRule.values()];
}
function unreachableRemediation(stage, code2) {
  if (stage === "tls")
    return "The TLS handshake after STARTTLS failed: check the certificate, key and TLS versions of the MX (`openssl s_client -starttls smtp -connect <mx>:25`).";
  if (stage === "banner" || stage === "ehlo")
    return "The MX accepted the connection but did not complete the SMTP greeting: check the mail server, and any proxy or load balancer in front of it.";
  if (code2 === "ECONNREFUSED")
    return "Nothing listens on the SMTP port there: make the MX listen on port 25 on every address its name resolves to, or remove the address from DNS.";
  if (/timeout|ETIMEDOUT/i.test(code2))
    return "Connections to port 25 time out: check that no firewall or security group in front of the MX drops inbound TCP port 25, or remove the address from DNS.";
  return "Make the MX accept SMTP connections on port 25 on every address its name resolves to, or remove the address from DNS.";
}
function tlsResult(starttls, s, probe, resultType) {
  const leaf = probe.tls?.chain[0];
  return {
    starttls,
    version: probe.tls?.version ?? null,
    cipher: probe.tls?.cipher ?? null,
    resultType,
    certificate: leaf ? certificateSummary(leaf, s.now) : null
  };
}

// src/core/rules/zones-records.ts
function uniqueTxt(records) {
  const seen = /* @__PURE__ */ new Map();
  for (const record of records) if (!seen.has(record.value)) seen.set(record.value, record);
  return [...seen.values()];
}
function proposedSts(p) {
  return selectStsRecord(uniqueTxt(p.stsTxt).map((r) => r.value));
}
function proposedTlsRpt(p) {
  return selectTlsRptRecord(uniqueTxt(p.tlsRptTxt).map((r) => r.value));
}
function locationOf(records, value) {
  return records.find((r) => r.value === value)?.location;
}
function lookalike(records, version) {
  const wanted = version.toLowerCase();
  return records.find((r) => {
    const text = r.value.replace(/^[\s"']+/, "").toLowerCase();
    return text.startsWith(wanted) && !r.value.startsWith(version);
  });
}
function quoted2(texts) {
  return texts.map((t) => JSON.stringify(t)).join(", ");
}
function judgeProposedRecords(p, mode, hasPolicyFile) {
  const findings = [];
  const domain = p.domain;
  const stsName = `_mta-sts.${domain}`;
  const rptName = `_smtp._tls.${domain}`;
  const sts = proposedSts(p);
  if (sts.kind === "invalid") {
    findings.push(
      finding("sts-record-invalid", mode, {
        domain,
        subject: stsName,
        location: locationOf(p.stsTxt, sts.raw),
        message: `Proposed ${stsName} TXT ${JSON.stringify(sts.raw)} is not a valid MTA-STS record: ${sts.error}`
      })
    );
  } else if (sts.kind === "multiple") {
    findings.push(
      finding("sts-record-multiple", mode, {
        domain,
        subject: stsName,
        // The second record is the one that breaks the set.
        location: locationOf(p.stsTxt, sts.raws[1]),
        message: `Proposed ${stsName} has ${sts.raws.length} v=STSv1 records (${quoted2(sts.raws)}); senders treat the domain as having no policy`
      })
    );
  } else if (sts.kind === "none") {
    const near = lookalike(p.stsTxt, "v=STSv1");
    if (near) {
      findings.push(
        finding("sts-record-invalid", mode, {
          domain,
          subject: stsName,
          location: near.location,
          message: `Proposed ${stsName} TXT ${JSON.stringify(near.value)} does not begin exactly with "v=STSv1" (case-sensitive, nothing before it): RFC 8461 \xA73.1 has senders discard it, so the domain has no MTA-STS`
        })
      );
    } else if (p.stsTxt.length === 0 && (p.tlsRptTxt.length > 0 || hasPolicyFile)) {
      const anchor = p.tlsRptTxt[0]?.location ?? p.mx[0]?.location;
      findings.push(
        finding("sts-record-missing", mode, {
          domain,
          subject: stsName,
          location: anchor,
          message: hasPolicyFile ? `The zone files publish no ${stsName} record although a policy file is kept for ${domain}: senders never fetch the policy` : `The zone files publish ${rptName} but no ${stsName} record: senders apply no MTA-STS policy to ${domain}`
        })
      );
    }
  }
  const rpt = proposedTlsRpt(p);
  if (rpt.kind === "invalid") {
    findings.push(
      finding("tlsrpt-record-invalid", mode, {
        domain,
        subject: rptName,
        location: locationOf(p.tlsRptTxt, rpt.raw),
        message: `Proposed ${rptName} TXT ${JSON.stringify(rpt.raw)} is not a valid TLS-RPT record: ${rpt.error}`
      })
    );
  } else if (rpt.kind === "multiple") {
    findings.push(
      finding("tlsrpt-record-multiple", mode, {
        domain,
        subject: rptName,
        location: locationOf(p.tlsRptTxt, rpt.raws[1]),
        message: `Proposed ${rptName} has ${rpt.raws.length} v=TLSRPTv1 records (${quoted2(rpt.raws)}); senders send no reports`
      })
    );
  } else if (rpt.kind === "none") {
    const near = lookalike(p.tlsRptTxt, "v=TLSRPTv1");
    if (near) {
      findings.push(
        finding("tlsrpt-record-invalid", mode, {
          domain,
          subject: rptName,
          location: near.location,
          message: `Proposed ${rptName} TXT ${JSON.stringify(near.value)} does not begin exactly with "v=TLSRPTv1": RFC 8460 \xA73 has senders discard it`
        })
      );
    } else if (p.tlsRptTxt.length === 0 && sts.kind === "one") {
      findings.push(
        finding("tlsrpt-record-missing", mode, {
          domain,
          subject: rptName,
          location: locationOf(p.stsTxt, sts.record.raw),
          message: `The zone files publish ${stsName} but no ${rptName} record: senders will not report TLS failures for ${domain}`
        })
      );
    }
  }
  return findings;
}

// src/core/rules/zones-mx.ts
function judgeProposedMx(input) {
  const { proposed: p, policy, mode } = input;
  const domain = p.domain;
  const findings = [];
  const sts = proposedSts(p);
  if (p.mx.length === 0) {
    if (!p.mxElsewhere && sts.kind === "one") {
      findings.push(
        finding("mx-missing", mode, {
          domain,
          subject: domain,
          location: locationOf(p.stsTxt, sts.record.raw),
          message: `The zone files publish _mta-sts.${domain} but no MX for ${domain}: senders fall back to its address records, which the policy would have to list`
        })
      );
    }
    return findings;
  }
  const nullMx = p.mx.find((m) => m.value.exchange === "");
  if (nullMx) {
    findings.push(
      finding("mx-null", mode, {
        domain,
        subject: domain,
        location: nullMx.location,
        message: `${domain} publishes a null MX (RFC 7505): it receives no mail, so its MTA-STS and TLS-RPT records protect nothing`
      })
    );
  }
  const hosts = uniqueHosts(p.mx.filter((m) => m.value.exchange !== ""));
  if (policy !== null) {
    const source = input.policyIsFile ? `the policy file ${input.policyFile.path}` : "the live policy";
    const patterns = policy.mx.map((m) => m.raw).join(", ") || "none";
    for (const mx of hosts) {
      const host = normalizeHost(mx.value.exchange);
      if (policyCoversMx(policy, host)) continue;
      findings.push(
        finding("mx-not-in-policy", policy.mode, {
          domain,
          subject: host,
          location: mx.location,
          message: `Proposed MX ${host} (preference ${mx.value.preference}) matches no mx pattern of ${source} (mode ${policy.mode}; mx: ${patterns}): senders applying it will not deliver there`
        })
      );
    }
    if (input.policyIsFile && input.policyFile)
      findings.push(...unmatchedPatterns(domain, policy, hosts, input.policyFile));
  }
  findings.push(...newHostCertificates(input, hosts));
  return findings;
}
function uniqueHosts(records) {
  const seen = /* @__PURE__ */ new Map();
  for (const r of records) {
    const host = normalizeHost(r.value.exchange);
    if (!seen.has(host)) seen.set(host, r);
  }
  return [...seen.values()];
}
function unmatchedPatterns(domain, policy, hosts, file) {
  const lines = file.text.split(/\r\n|\n|\r/);
  return policy.mx.filter((pattern) => !hosts.some((h) => mxPatternMatches(pattern, h.value.exchange))).map((pattern) => {
    const index = lines.findIndex((l) => new RegExp(`^mx:[ \\t]*${escape(pattern.raw)}[ \\t]*$`).test(l));
    return finding("policy-mx-unmatched", policy.mode, {
      domain,
      subject: pattern.raw,
      location: index >= 0 ? { file: file.path, line: index + 1 } : void 0,
      message: `Policy file ${file.path} lists mx ${pattern.raw}, which matches none of the proposed MX (${hosts.map((h) => h.value.exchange).join(", ")})`
    });
  });
}
function newHostCertificates(input, hosts) {
  const observation = input.observation;
  if (observation === null) return [];
  const known = /* @__PURE__ */ new Set();
  if (observation.mx.kind === "records")
    for (const m of observation.mx.records) known.add(normalizeHost(m.exchange));
  for (const m of input.baseProposed?.mx ?? []) known.add(normalizeHost(m.value.exchange));
  const findings = [];
  for (const mx of hosts) {
    const host = normalizeHost(mx.value.exchange);
    if (known.has(host)) continue;
    const mismatch = observation.smtp.find((o) => normalizeHost(o.host) === host && o.tls?.hostnameError);
    if (!mismatch) continue;
    const san = mismatch.tls?.chain[0]?.san.join(", ") || "none";
    findings.push(
      finding("mx-cert-hostname-mismatch", input.mode, {
        domain: input.proposed.domain,
        subject: host,
        location: mx.location,
        resultType: "certificate-host-mismatch",
        message: `New MX ${host} presents a certificate that does not cover its name (${mismatch.tls.hostnameError}; SAN: ${san}): senders applying the policy will refuse it`
      })
    );
  }
  return findings;
}
function escape(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// src/core/rules/zones-policy.ts
var STRICTNESS = { enforce: 3, testing: 2, none: 1 };
function stricterMode(a, b) {
  return (STRICTNESS[a ?? ""] ?? 0) >= (STRICTNESS[b ?? ""] ?? 0) ? a : b;
}
function policiesDiffer(a, b) {
  return essenceKey(essenceFromPolicy(a)) !== essenceKey(essenceFromPolicy(b));
}
function policyIdNotBumped(e, check2) {
  const { proposed, filePolicy } = check2;
  const sts = proposedSts(proposed);
  if (sts.kind !== "one" || filePolicy === null || e.policyFile === null) return [];
  const id = sts.record.id;
  const location = locationOf(proposed.stsTxt, sts.record.raw);
  const basePolicy = e.basePolicyFile ? parsePolicy(e.basePolicyFile.text).policy : null;
  const baseSts = e.baseProposed ? proposedSts(e.baseProposed) : null;
  if (basePolicy && baseSts?.kind === "one" && baseSts.record.id === id && policiesDiffer(basePolicy, filePolicy)) {
    return [notBumped(e, basePolicy, filePolicy, id, location, "at the base revision")];
  }
  const live = check2.livePolicy;
  const liveId = liveStsId(e.observation);
  if (live && liveId === id && policiesDiffer(live, filePolicy)) {
    return [notBumped(e, live, filePolicy, id, location, "live")];
  }
  return [];
}
function notBumped(e, before, after, id, location, where) {
  const changes = changeList(essenceFromPolicy(before), essenceFromPolicy(after));
  return finding("policy-id-not-bumped", stricterMode(before.mode, after.mode), {
    domain: e.domain,
    subject: `_mta-sts.${e.domain}`,
    location,
    message: `Policy file ${e.policyFile.path} differs from the policy ${where} (${changes}) but _mta-sts.${e.domain} keeps id=${id}: senders that cached the old policy keep applying it for up to max_age ${before.maxAge} s`
  });
}
function changeList(before, after) {
  const out = [];
  if (before.mode !== after.mode) out.push(`mode ${before.mode} \u2192 ${after.mode}`);
  if (before.maxAge !== after.maxAge) out.push(`max_age ${before.maxAge} \u2192 ${after.maxAge}`);
  const added = after.mx.filter((m) => !before.mx.includes(m));
  const removed = before.mx.filter((m) => !after.mx.includes(m));
  if (added.length > 0) out.push(`mx + ${added.join(", ")}`);
  if (removed.length > 0) out.push(`mx \u2212 ${removed.join(", ")}`);
  return out.join("; ");
}
function liveStsId(observation) {
  if (observation?.stsTxt.kind !== "records") return null;
  const selection = selectStsRecord(observation.stsTxt.records);
  return selection.kind === "one" ? selection.record.id : null;
}
function probeFailed(o) {
  if (o.starttlsOffered === false) return true;
  if (o.tls?.chainError || o.tls?.hostnameError) return true;
  return o.error !== null && (o.error.stage === "starttls" || o.error.stage === "tls");
}
function enforceSwitchRisky(e, filePolicy, livePolicy) {
  if (filePolicy?.mode !== "enforce" || e.policyFile === null) return [];
  const basePolicy = e.basePolicyFile ? parsePolicy(e.basePolicyFile.text).policy : null;
  const previous = basePolicy?.mode ?? livePolicy?.mode ?? null;
  if (previous === "enforce") return [];
  const evidence = [];
  const failed = e.reports?.summary.failedSessions ?? 0;
  if (failed > 0) {
    const total = failed + (e.reports?.summary.successfulSessions ?? 0);
    const types = Object.entries(e.reports?.summary.byResultType ?? {}).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([type, count2]) => `${type} ${count2}`).join(", ");
    evidence.push(`TLS-RPT reports show ${failed} failed of ${total} sessions${types ? ` (${types})` : ""}`);
  }
  const failing = [...new Set((e.observation?.smtp ?? []).filter(probeFailed).map((o) => o.host))].sort();
  if (failing.length > 0) evidence.push(`STARTTLS probes fail on ${failing.join(", ")}`);
  if (evidence.length === 0) return [];
  const modeLine = parsePolicy(e.policyFile.text).fieldLines.mode;
  return [
    finding("enforce-switch-risky", "enforce", {
      domain: e.domain,
      subject: e.policyFile.path,
      location: modeLine === void 0 ? void 0 : { file: e.policyFile.path, line: modeLine },
      message: `Policy file ${e.policyFile.path} switches ${e.domain} to mode enforce (from ${previous ?? "no known policy"}) while ${evidence.join("; ")}: compliant senders would refuse those deliveries`
    })
  ];
}
function policyFileRemoved(e) {
  if (e.policyFile !== null || e.basePolicyFile === null) return [];
  const removed = e.basePolicyFile;
  const stsName = `_mta-sts.${e.domain}`;
  let where;
  let location;
  if (e.proposed !== null) {
    const sts = proposedSts(e.proposed);
    if (sts.kind !== "one") return [];
    location = locationOf(e.proposed.stsTxt, sts.record.raw);
    where = `${location?.file ?? "the zone files"} still proposes ${stsName}`;
  } else if (liveStsId(e.observation) !== null) {
    where = `${stsName} is still published`;
  } else {
    return [];
  }
  const before = parsePolicy(removed.text).policy;
  return [
    finding("policy-fetch-failed", before?.mode ?? null, {
      domain: e.domain,
      subject: removed.path,
      location,
      message: `This change deletes policy file ${removed.path} while ${where}: once the policy host stops serving it, senders fetching https://mta-sts.${e.domain}/.well-known/mta-sts.txt fail, and cached policies${before ? ` (mode ${before.mode}, max_age ${before.maxAge} s)` : ""} expire without renewal`,
      resultType: "sts-policy-fetch-error",
      remediation: `Keep the policy file; to remove MTA-STS, first publish mode: none with a new ${stsName} id, wait the old max_age, then delete the record and the policy together (RFC 8461 \xA78.3).`
    })
  ];
}

// src/core/rules/zones.ts
function judgeZones(e, _s, v, out) {
  const filePolicy = e.policyFile ? v.filePolicy ?? parsePolicy(e.policyFile.text).policy : null;
  const livePolicy = v.livePolicy;
  const mode = filePolicy?.mode ?? livePolicy?.mode ?? v.mode;
  const findings = [];
  const p = e.proposed;
  if (p !== null) {
    findings.push(...judgeProposedRecords(p, mode, e.policyFile !== null));
    const policy = filePolicy ?? livePolicy;
    findings.push(
      ...judgeProposedMx({
        proposed: p,
        policy,
        policyFile: e.policyFile,
        policyIsFile: filePolicy !== null,
        mode,
        observation: e.observation,
        baseProposed: e.baseProposed
      })
    );
    findings.push(...policyIdNotBumped(e, { proposed: p, filePolicy, livePolicy }));
    if (e.observation === null) describeProposed(p, policy, out);
  }
  findings.push(...enforceSwitchRisky(e, filePolicy, livePolicy));
  findings.push(...policyFileRemoved(e));
  return findings;
}
function describeProposed(p, policy, out) {
  const sts = proposedSts(p);
  if (out.mtaSts.record === null && sts.kind === "one")
    out.mtaSts.record = { raw: sts.record.raw, id: sts.record.id };
  const rpt = proposedTlsRpt(p);
  if (out.tlsRpt.record === null && rpt.kind === "one")
    out.tlsRpt.record = { raw: rpt.record.raw, rua: rpt.record.rua };
  if (out.mx.length === 0) {
    out.mx = p.mx.map((m) => ({
      host: m.value.exchange === "" ? "." : m.value.exchange,
      preference: m.value.preference,
      addresses: [],
      matchesPolicy: policy === null || m.value.exchange === "" ? null : policyCoversMx(policy, m.value.exchange),
      tls: null,
      error: null
    }));
  }
}

// src/core/evaluate.ts
function evaluateDomain(evidence, settings) {
  const result = emptyDomainResult(evidence.domain);
  const { findings: policyFindings, verdict: verdict2 } = judgePolicy(evidence, settings, result);
  const forReports = reportEvidence(evidence, settings, verdict2);
  const judged = [
    ...judgeRecords(evidence, settings, verdict2, result),
    ...policyFindings,
    ...judgeMx(evidence, settings, verdict2, result),
    ...judgeHostAddresses(evidence, settings, verdict2),
    ...judgeReportsFrom(evidence.domain, evidence.reports, forReports, settings, result),
    ...judgeZones(evidence, settings, verdict2, result)
  ];
  const findings = judgeRollout(evidence, settings, verdict2, result, judged);
  return { result, findings: findings.sort(compareFindings), reportEvidence: forReports };
}

// src/core/retained-observation.ts
function retainObservation(o) {
  return {
    domain: o.domain,
    // DNS answers are small, and mostly the very objects of the run's answer cache.
    stsTxt: o.stsTxt,
    tlsRptTxt: o.tlsRptTxt,
    mx: o.mx,
    mxAddresses: o.mxAddresses,
    policyHostAddresses: o.policyHostAddresses,
    // Only a 200's body is ever read again (the policy text a fix corrects).
    policyFetches: o.policyFetches.map((f) => ({
      status: f.status,
      body: f.status === 200 ? f.body : null,
      error: f.error
    })),
    smtp: o.smtp.map((p) => ({ host: p.host, connected: p.connected, error: p.error }))
  };
}

// src/core/rules/port-blocked.ts
function applySmtpPortBlocked(findings, observations, settings) {
  if (settings.smtpProbe !== "auto") return findings;
  const probes = observations.flatMap((o) => o.smtp);
  if (probes.length === 0 || probes.some((p) => p.connected)) return findings;
  const codes = [...new Set(probes.map((p) => p.error?.code ?? "no connection"))].sort();
  const probed = new Set(
    observations.flatMap((o) => o.smtp.map((p) => `${o.domain} ${p.host.toLowerCase()}`))
  );
  const explained = (f) => f.rule === "mx-unreachable" && probed.has(`${f.domain ?? ""} ${(f.subject ?? "").toLowerCase()}`);
  return [
    ...findings.filter((f) => !explained(f)),
    finding("smtp-port-blocked", null, {
      domain: null,
      message: `none of ${probes.length} SMTP connection attempts succeeded (${codes.join(", ")}): outbound SMTP looks blocked here, so no MX was judged`
    })
  ];
}

// src/net/dns-message.ts
var DNS_TYPE = { A: 1, CNAME: 5, MX: 15, TXT: 16, AAAA: 28 };
var CLASS_IN = 1;
var HEADER_BYTES = 12;
var MIN_QUESTION_BYTES = 5;
var MIN_RECORD_BYTES = 11;
var MAX_NAME_BYTES = 255;
var MAX_LABEL_BYTES = 63;
var DnsMessageError = class extends Error {
};
function encodeQuery(id, name, type) {
  const labels = name.replace(/\.$/, "").split(".").filter((label) => label.length > 0).map((label) => Buffer.from(label, "latin1"));
  for (const label of labels) {
    if (label.length > MAX_LABEL_BYTES) throw new DnsMessageError(`label longer than 63 octets in ${name}`);
  }
  const nameBytes = labels.reduce((sum, label) => sum + 1 + label.length, 1);
  if (nameBytes > MAX_NAME_BYTES) throw new DnsMessageError(`name longer than 255 octets: ${name}`);
  const out = Buffer.alloc(HEADER_BYTES + nameBytes + 4);
  out.writeUInt16BE(id, 0);
  out.writeUInt16BE(256, 2);
  out.writeUInt16BE(1, 4);
  let offset = HEADER_BYTES;
  for (const label of labels) {
    out[offset++] = label.length;
    label.copy(out, offset);
    offset += label.length;
  }
  out[offset++] = 0;
  out.writeUInt16BE(DNS_TYPE[type], offset);
  out.writeUInt16BE(CLASS_IN, offset + 2);
  return out;
}
function parseMessage(packet) {
  if (packet.length < HEADER_BYTES)
    throw new DnsMessageError(`${packet.length}-byte message is shorter than a header`);
  const flags = packet.readUInt16BE(2);
  const header = {
    id: packet.readUInt16BE(0),
    qr: flags >>> 15,
    opcode: flags >>> 11 & 15,
    aa: flags >>> 10 & 1,
    tc: flags >>> 9 & 1,
    rd: flags >>> 8 & 1,
    ra: flags >>> 7 & 1,
    rcode: flags & 15,
    qdcount: packet.readUInt16BE(4),
    ancount: packet.readUInt16BE(6),
    nscount: packet.readUInt16BE(8),
    arcount: packet.readUInt16BE(10)
  };
  const claimed = header.qdcount * MIN_QUESTION_BYTES + (header.ancount + header.nscount + header.arcount) * MIN_RECORD_BYTES;
  if (claimed > packet.length - HEADER_BYTES) {
    throw new DnsMessageError(
      `header claims ${header.qdcount}+${header.ancount}+${header.nscount}+${header.arcount} entries, more than ${packet.length} bytes can hold`
    );
  }
  const reader = { offset: HEADER_BYTES };
  const questions = [];
  for (let i = 0; i < header.qdcount; i++) {
    const name = readName(packet, reader);
    need(packet, reader.offset, 4, "question");
    questions.push({
      name,
      type: packet.readUInt16BE(reader.offset),
      class: packet.readUInt16BE(reader.offset + 2)
    });
    reader.offset += 4;
  }
  const answers2 = readRecords(packet, reader, header.ancount);
  const authorities = readRecords(packet, reader, header.nscount);
  const additionals = readRecords(packet, reader, header.arcount);
  if (reader.offset !== packet.length) {
    throw new DnsMessageError(`${packet.length - reader.offset} bytes after the last record`);
  }
  return { header, questions, answers: answers2, authorities, additionals };
}
function readRecords(packet, reader, count2) {
  const records = [];
  for (let i = 0; i < count2; i++) {
    const name = readName(packet, reader);
    need(packet, reader.offset, 10, "record header");
    const type = packet.readUInt16BE(reader.offset);
    const record = {
      name,
      type,
      class: packet.readUInt16BE(reader.offset + 2),
      ttl: packet.readUInt32BE(reader.offset + 4)
    };
    const length = packet.readUInt16BE(reader.offset + 8);
    const start = reader.offset + 10;
    need(packet, start, length, "record data");
    const end = start + length;
    readData(packet, record, start, end);
    reader.offset = end;
    records.push(record);
  }
  return records;
}
function readData(packet, record, start, end) {
  const length = end - start;
  switch (record.type) {
    case DNS_TYPE.A:
      if (length !== 4) throw new DnsMessageError(`A record of ${length} bytes`);
      record.address = `${packet[start]}.${packet[start + 1]}.${packet[start + 2]}.${packet[start + 3]}`;
      return;
    case DNS_TYPE.AAAA:
      if (length !== 16) throw new DnsMessageError(`AAAA record of ${length} bytes`);
      record.address = ipv6Text(packet.subarray(start, end));
      return;
    case DNS_TYPE.MX: {
      if (length < 3) throw new DnsMessageError(`MX record of ${length} bytes`);
      record.priority = packet.readUInt16BE(start);
      const inner = { offset: start + 2 };
      record.exchange = readName(packet, inner);
      if (inner.offset !== end) throw new DnsMessageError("MX record data does not end with its name");
      return;
    }
    case DNS_TYPE.CNAME: {
      const inner = { offset: start };
      record.domain = readName(packet, inner);
      if (inner.offset !== end) throw new DnsMessageError("CNAME record data does not end with its name");
      return;
    }
    case DNS_TYPE.TXT: {
      const strings = [];
      let offset = start;
      while (offset < end) {
        const size = packet[offset];
        if (offset + 1 + size > end) throw new DnsMessageError("TXT character-string overruns its record");
        strings.push(packet.toString("utf8", offset + 1, offset + 1 + size));
        offset += 1 + size;
      }
      record.data = strings;
      return;
    }
    default:
      return;
  }
}
function readName(packet, reader) {
  const labels = [];
  let offset = reader.offset;
  let resumeAt = -1;
  let octets = 1;
  for (; ; ) {
    need(packet, offset, 1, "name");
    const length = packet[offset];
    if (length === 0) {
      offset += 1;
      break;
    }
    const kind = length & 192;
    if (kind === 192) {
      need(packet, offset, 2, "name pointer");
      const target = packet.readUInt16BE(offset) & 16383;
      if (target >= offset) throw new DnsMessageError("name pointer does not point backwards");
      if (resumeAt < 0) resumeAt = offset + 2;
      offset = target;
      continue;
    }
    if (kind !== 0) throw new DnsMessageError(`reserved label type 0x${length.toString(16)}`);
    octets += 1 + length;
    if (octets > MAX_NAME_BYTES) throw new DnsMessageError("name longer than 255 octets");
    need(packet, offset + 1, length, "label");
    labels.push(packet.toString("latin1", offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  reader.offset = resumeAt >= 0 ? resumeAt : offset;
  return labels.join(".");
}
function need(packet, offset, bytes, what) {
  if (offset + bytes > packet.length) throw new DnsMessageError(`${what} runs past the end of the message`);
}
function ipv6Text(bytes) {
  const groups = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i));
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > bestLength) {
      bestStart = i;
      bestLength = j - i;
    }
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (bestStart < 0) return hex.join(":");
  return `${hex.slice(0, bestStart).join(":")}::${hex.slice(bestStart + bestLength).join(":")}`;
}

// src/net/dns-transport.ts
import { randomInt as randomInt2 } from "node:crypto";
import { connect, isIP as isIP2 } from "node:net";

// src/net/dns-socket-pool.ts
import dgram from "node:dgram";
import { randomInt } from "node:crypto";
import { isIP } from "node:net";
var DNS_POOL_SOCKETS = 4;
var MAX_UDP_ANSWER_BYTES = 65535;
var DnsSocketPool = class {
  constructor(host, port, size = DNS_POOL_SOCKETS) {
    this.host = host;
    this.port = port;
    this.size = size;
  }
  host;
  port;
  size;
  sockets = [];
  next = 0;
  /** Sends one question and waits up to timeoutMs (from the send) for its answer. */
  query(name, type, timeoutMs) {
    const pooled = this.pick();
    let id = randomInt(65536);
    for (let i = 0; pooled.pending.has(id) && i < 65536; i++) id = id + 1 & 65535;
    let message2;
    try {
      message2 = encodeQuery(id, name, type);
    } catch (error) {
      return Promise.resolve({ kind: "malformed", error: String(error.message) });
    }
    return new Promise((resolve) => {
      const finish = (outcome) => {
        clearNetworkTimeout(timer);
        pooled.pending.delete(id);
        if (pooled.pending.size === 0) pooled.socket.unref();
        resolve(outcome);
      };
      pooled.pending.set(id, { name: name.replace(/\.$/, "").toLowerCase(), type, finish });
      pooled.socket.ref();
      const timer = setNetworkTimeout(() => finish({ kind: "timeout" }), timeoutMs);
      pooled.socket.send(message2, this.port, this.host, (error) => {
        if (error) finish({ kind: "network", error: error.code ?? error.message });
      });
    });
  }
  /** Closes every socket; questions still waiting end as network failures. */
  close() {
    for (const pooled of this.sockets.splice(0)) {
      for (const pending of [...pooled.pending.values()])
        pending.finish({ kind: "network", error: "resolver closed" });
      pooled.socket.close();
    }
  }
  pick() {
    if (this.sockets.length < this.size) {
      const pooled2 = this.open();
      this.sockets.push(pooled2);
      return pooled2;
    }
    const pooled = this.sockets[this.next++ % this.sockets.length];
    return pooled;
  }
  open() {
    const socket = dgram.createSocket(isIP(this.host) === 6 ? "udp6" : "udp4");
    const pooled = { socket, pending: /* @__PURE__ */ new Map() };
    socket.unref();
    socket.on("message", (packet, from) => this.receive(pooled, packet, from));
    socket.on("error", (error) => {
      const index = this.sockets.indexOf(pooled);
      if (index >= 0) this.sockets.splice(index, 1);
      for (const pending of [...pooled.pending.values()])
        pending.finish({ kind: "network", error: error.code ?? error.message });
      socket.close();
    });
    return pooled;
  }
  receive(pooled, packet, from) {
    if (packet.length < 2 || packet.length > MAX_UDP_ANSWER_BYTES) return;
    if (from.port !== this.port || !sameHost(from.address, this.host)) return;
    const pending = pooled.pending.get(packet.readUInt16BE(0));
    if (!pending) return;
    let message2;
    try {
      message2 = parseMessage(packet);
    } catch (error) {
      const reason2 = error instanceof DnsMessageError ? error.message : String(error);
      pending.finish({ kind: "malformed", error: `unreadable answer: ${reason2}` });
      return;
    }
    const question = message2.questions[0];
    if (question && (question.name.toLowerCase() !== pending.name || question.type !== DNS_TYPE[pending.type]))
      return;
    pending.finish({ kind: "answer", message: message2 });
  }
};
function sameHost(a, b) {
  return a === b || a.replace(/^::ffff:/, "") === b.replace(/^::ffff:/, "");
}

// src/net/dns-transport.ts
var DnsTransportError = class extends Error {
  constructor(code2, message2, options) {
    super(message2, options);
    this.code = code2;
  }
  code;
};
var MAX_DNS_MESSAGE_BYTES = 65535;
function udpTransport(server) {
  const pool = new DnsSocketPool(server.host, server.port);
  return async (name, type, timeoutMs) => {
    const started = Date.now();
    const what = `${type} ${name} over UDP to ${describe(server)}`;
    const outcome = await pool.query(name, type, timeoutMs);
    switch (outcome.kind) {
      case "timeout":
        throw new DnsTransportError("timeout", `${what}: no answer within ${timeoutMs} ms`);
      case "network":
        throw new DnsTransportError("network", `${what}: ${outcome.error}`);
      case "malformed":
        throw new DnsTransportError("malformed", `${what}: ${outcome.error}`);
    }
    if (!outcome.message.header.tc) return outcome.message;
    return tcpQuery(server, name, type, Math.max(1, timeoutMs - (Date.now() - started)));
  };
}
function tcpQuery(server, name, type, timeoutMs) {
  const id = randomInt2(65536);
  const message2 = encodeQuery(id, name, type);
  const framed = Buffer.alloc(2 + message2.length);
  framed.writeUInt16BE(message2.length, 0);
  message2.copy(framed, 2);
  const what = `${type} ${name} over TCP to ${describe(server)}`;
  return new Promise((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    let received = Buffer.alloc(0);
    const finish = (error, packet) => {
      clearNetworkTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(packet);
    };
    const timer = setNetworkTimeout(
      () => finish(new DnsTransportError("timeout", `${what}: no answer within ${timeoutMs} ms`)),
      timeoutMs
    );
    socket.on("connect", () => socket.write(framed));
    socket.on("error", (error) => finish(asTransportError(error, what)));
    socket.on("data", (chunk) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2) return;
      const length = received.readUInt16BE(0);
      if (received.length < 2 + length) return;
      try {
        const packet = parseMessage(received.subarray(2, 2 + length));
        if (packet.header.id !== id) {
          finish(new DnsTransportError("malformed", `${what}: answer has the wrong message id`));
        } else {
          finish(null, packet);
        }
      } catch (error) {
        finish(
          new DnsTransportError("malformed", `${what}: unreadable answer: ${reason(error)}`, {
            cause: error
          })
        );
      }
    });
    socket.on(
      "end",
      () => finish(new DnsTransportError("network", `${what}: connection closed before a full answer`))
    );
  });
}
function dohTransport(url) {
  let https = null;
  return async (name, type, timeoutMs) => {
    const { request } = await (https ??= import("node:https"));
    const query = encodeQuery(0, name, type);
    const target = new URL(url);
    target.searchParams.set("dns", query.toString("base64url"));
    const what = `${type} ${name} over DoH to ${target.origin}`;
    return new Promise((resolve, reject) => {
      const req = request(target, { headers: { accept: "application/dns-message" } });
      const finish = (error, packet) => {
        clearNetworkTimeout(timer);
        req.destroy();
        if (error) reject(error);
        else resolve(packet);
      };
      const timer = setNetworkTimeout(
        () => finish(new DnsTransportError("timeout", `${what}: no answer within ${timeoutMs} ms`)),
        timeoutMs
      );
      req.on("error", (error) => finish(asTransportError(error, what)));
      req.on("response", (res) => {
        const chunks = [];
        let bytes = 0;
        res.on("data", (chunk) => {
          bytes += chunk.length;
          if (bytes > MAX_DNS_MESSAGE_BYTES) {
            finish(
              new DnsTransportError(
                "malformed",
                `${what}: answer larger than ${MAX_DNS_MESSAGE_BYTES} bytes`
              )
            );
          } else {
            chunks.push(chunk);
          }
        });
        res.on("error", (error) => finish(asTransportError(error, what)));
        res.on("end", () => {
          if (res.statusCode !== 200) {
            finish(new DnsTransportError("http", `${what}: HTTP ${res.statusCode}`));
            return;
          }
          try {
            finish(null, parseMessage(Buffer.concat(chunks)));
          } catch (error) {
            finish(
              new DnsTransportError("malformed", `${what}: unreadable answer: ${reason(error)}`, {
                cause: error
              })
            );
          }
        });
      });
      req.end();
    });
  };
}
function reason(error) {
  return error instanceof DnsMessageError ? error.message : String(error);
}
function asTransportError(error, what) {
  if (error instanceof DnsTransportError) return error;
  const code2 = error?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code2 === "ETIMEDOUT") return new DnsTransportError("timeout", `${what}: ${text}`, { cause: error });
  return new DnsTransportError("network", `${what}: ${code2 ?? text}`, { cause: error });
}
function describe(server) {
  return isIP2(server.host) === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

// src/net/dns.ts
var DNS_TRIES = 3;
var MAX_CNAME_CHAIN = 8;
var MIN_TRY_MS = 200;
var RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 };
var NULL_MX_EXCHANGE = ".";
var DnsResolver = class {
  constructor(options) {
    this.options = options;
    this.tries = Math.max(1, options.tries ?? DNS_TRIES);
    this.tryTimeoutMs = Math.max(MIN_TRY_MS, Math.floor(options.timeoutMs / this.tries));
  }
  options;
  cache = /* @__PURE__ */ new Map();
  tries;
  tryTimeoutMs;
  /** TXT records, each record's character-strings joined (RFC 8461 §3.1, RFC 8460 §3). */
  txt(name) {
    return this.ask(name, "TXT");
  }
  /** MX records; a null MX (RFC 7505) comes back with exchange `.`. */
  mx(name) {
    return this.ask(name, "MX");
  }
  /** A and AAAA together, as a sender connecting to the host would try both. */
  async addresses(name) {
    const [a, aaaa] = await Promise.all([this.ask(name, "A"), this.ask(name, "AAAA")]);
    return combineAddresses(a, aaaa);
  }
  /** Asks once per run per name/type; concurrent callers share the same promise. */
  ask(name, type) {
    const key = `${type} ${normalizeName(name)}`;
    let answer = this.cache.get(key);
    if (!answer) {
      answer = this.resolveChain(normalizeName(name), type, normalizeName(name), 0);
      this.cache.set(key, answer);
    }
    return answer;
  }
  async resolveChain(name, type, origin, depth) {
    const outcome = await this.askWithRetries(name, type);
    if (outcome.kind !== "packet") return { kind: "error", error: outcome.error };
    const { packet } = outcome;
    const rcode = packet.header.rcode;
    if (rcode === RCODE.NXDOMAIN) return { kind: "nxdomain" };
    if (rcode !== RCODE.NOERROR) {
      return { kind: "error", error: `${rcodeName(rcode)} from ${this.options.server} for ${type} ${name}` };
    }
    const chain = followCnames(packet, name, MAX_CNAME_CHAIN - depth);
    if (chain === null) {
      return {
        kind: "error",
        error: `CNAME chain from ${origin} is a loop or longer than ${MAX_CNAME_CHAIN}`
      };
    }
    const records = packet.answers.filter((rr) => rr.type === DNS_TYPE[type] && normalizeName(rr.name) === chain.target).map((rr) => toRecord(type, rr));
    if (records.length > 0) {
      return { kind: "records", records: sortRecords(dedupe(records)) };
    }
    if (chain.target !== name) {
      if (depth + chain.hops >= MAX_CNAME_CHAIN) {
        return {
          kind: "error",
          error: `CNAME chain from ${origin} is a loop or longer than ${MAX_CNAME_CHAIN}`
        };
      }
      return this.resolveChain(chain.target, type, origin, depth + chain.hops);
    }
    return { kind: "nodata" };
  }
  async askWithRetries(name, type) {
    let error = "no try made";
    for (let attempt = 1; attempt <= this.tries; attempt++) {
      const outcome = await this.tryOnce(name, type);
      if (outcome.kind !== "transient") return outcome;
      error = outcome.error;
      this.options.logger.debug(`dns: ${type} ${name}: try ${attempt}/${this.tries} failed: ${error}`);
    }
    return { kind: "failed", error: `${error} (after ${this.tries} tries)` };
  }
  async tryOnce(name, type) {
    let packet;
    try {
      packet = await this.options.transport(name, type, this.tryTimeoutMs);
    } catch (error) {
      if (error instanceof DnsTransportError) {
        if (error.code === "malformed")
          return { kind: "failed", error: `malformed answer: ${error.message}` };
        const prefix = error.code === "timeout" ? "timeout" : error.code === "http" ? "http error" : "network error";
        return { kind: "transient", error: `${prefix}: ${error.message}` };
      }
      throw error;
    }
    if (packet.header.rcode === RCODE.SERVFAIL) {
      return { kind: "transient", error: `SERVFAIL from ${this.options.server} for ${type} ${name}` };
    }
    return { kind: "packet", packet };
  }
};
function normalizeName(name) {
  return name.trim().toLowerCase().replace(/\.$/, "");
}
function followCnames(packet, name, maxHops) {
  const aliases = /* @__PURE__ */ new Map();
  for (const rr of packet.answers) {
    if (rr.type === DNS_TYPE.CNAME && rr.domain !== void 0) {
      aliases.set(normalizeName(rr.name), normalizeName(rr.domain));
    }
  }
  let target = name;
  let hops = 0;
  const seen = /* @__PURE__ */ new Set([name]);
  while (aliases.has(target)) {
    target = aliases.get(target);
    hops++;
    if (seen.has(target) || hops > maxHops) return null;
    seen.add(target);
  }
  return { target, hops };
}
function toRecord(type, rr) {
  switch (type) {
    case "TXT": {
      const data = rr.data;
      return Array.isArray(data) ? data.join("") : data ?? "";
    }
    case "MX": {
      const exchange = normalizeName(rr.exchange ?? "");
      return { exchange: exchange === "" ? NULL_MX_EXCHANGE : exchange, preference: rr.priority ?? 0 };
    }
    default:
      return rr.address ?? "";
  }
}
function sortRecords(records) {
  return [...records].sort(
    (a, b) => typeof a === "string" || typeof b === "string" ? compareText(sortKey(String(a)), sortKey(String(b))) : a.preference - b.preference || compareText(a.exchange, b.exchange)
  );
}
function sortKey(text) {
  const octets = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  return octets ? octets.slice(1).map((o) => o.padStart(3, "0")).join(".") : text;
}
function compareText(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}
function dedupe(records) {
  const seen = /* @__PURE__ */ new Set();
  return records.filter((r) => {
    const key = JSON.stringify(r);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
function combineAddresses(a, aaaa) {
  const records = [a, aaaa].flatMap((x) => x.kind === "records" ? x.records : []);
  if (records.length > 0) return { kind: "records", records };
  if (a.kind === "nxdomain" || aaaa.kind === "nxdomain") return { kind: "nxdomain" };
  if (a.kind === "error") return a;
  if (aaaa.kind === "error") return aaaa;
  return { kind: "nodata" };
}
function rcodeName(rcode) {
  const name = Object.entries(RCODE).find(([, value]) => value === rcode)?.[0];
  return name ?? `RCODE ${rcode}`;
}

// src/net/observe.ts
var STS_RECORD_PREFIX = "v=STSv1";
async function observeDomain(domain, deps) {
  const { resolver, logger } = deps;
  const name = normalizeName(domain);
  const deadline = deps.domainBudgetMs === void 0 ? void 0 : Date.now() + deps.domainBudgetMs;
  const stsTxt = safeDns(() => resolver.txt(`_mta-sts.${name}`), `TXT _mta-sts.${name}`, logger);
  const tlsRptTxt = safeDns(() => resolver.txt(`_smtp._tls.${name}`), `TXT _smtp._tls.${name}`, logger);
  const mx = safeDns(() => resolver.mx(name), `MX ${name}`, logger);
  const policyHostAddresses = safeDns(
    () => resolver.addresses(policyHost(name)),
    `addresses of ${policyHost(name)}`,
    logger
  );
  const [policy, mxSide, tlsRpt] = await Promise.all([
    observePolicy(name, stsTxt, policyHostAddresses, deps),
    observeMx(mx, deps, deadline),
    tlsRptTxt
  ]);
  return {
    domain: name,
    stsTxt: policy.stsTxt,
    tlsRptTxt: tlsRpt,
    mx: mxSide.mx,
    mxAddresses: mxSide.mxAddresses,
    policyHostAddresses: policy.addresses,
    policyFetches: policy.fetches,
    smtp: mxSide.smtp
  };
}
function hasStsRecord(answer) {
  return answer.kind === "records" && answer.records.some((r) => r.startsWith(STS_RECORD_PREFIX));
}
async function observePolicy(domain, stsTxtAnswer, addressesAnswer, deps) {
  const [stsTxt, addresses] = await Promise.all([stsTxtAnswer, addressesAnswer]);
  if (!hasStsRecord(stsTxt) || addresses.kind !== "records") return { stsTxt, addresses, fetches: [] };
  const fetches = await Promise.all(
    connectable(addresses.records, policyHost(domain), deps.logger).map(
      (address) => safeFetch(domain, address, deps)
    )
  );
  return { stsTxt, addresses, fetches };
}
async function observeMx(mxAnswer, deps, deadline) {
  const mx = await mxAnswer;
  const hosts = mx.kind === "records" ? [...new Set(mx.records.map((r) => normalizeName(r.exchange)))].filter(
    // RFC 7505: a null MX names no host; there is nothing to resolve or probe.
    (host) => host !== NULL_MX_EXCHANGE && host !== ""
  ) : [];
  const mxAddresses = {};
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      const addresses = await safeDns(
        () => deps.resolver.addresses(host),
        `addresses of ${host}`,
        deps.logger
      );
      mxAddresses[host] = addresses;
      if (!deps.smtpProber || addresses.kind !== "records") return [];
      const prober = deps.smtpProber;
      return Promise.all(
        connectable(addresses.records, host, deps.logger).map(
          (address) => safeProbe(prober, host, address, deadline, deps.logger)
        )
      );
    })
  );
  const ordered = {};
  for (const host of hosts) ordered[host] = mxAddresses[host];
  return { mx, mxAddresses: ordered, smtp: perHost.flat() };
}
function connectable(addresses, host, logger) {
  const { usable, unusable } = partitionAddresses(addresses);
  for (const u of unusable) logger.debug(`net: not connecting to ${host} [${u.address}]: ${u.reason}`);
  return usable;
}
async function safeDns(ask, what, logger) {
  try {
    const answer = await ask();
    logger.debug(
      `dns: ${what}: ${answer.kind === "records" ? answer.records.length + " records" : answer.kind}`
    );
    return answer;
  } catch (error) {
    logger.warning(`dns: ${what} failed unexpectedly: ${String(error)}`);
    return { kind: "error", error: `internal error: ${String(error)}` };
  }
}
async function safeFetch(domain, address, deps) {
  try {
    const fetch = await deps.policyFetcher.fetch(domain, address);
    deps.logger.debug(
      `policy: ${fetch.url} via ${address}: ${fetch.status ?? "-"} ${fetch.error ? fetch.error.code : "ok"} (${fetch.ms} ms)`
    );
    return fetch;
  } catch (error) {
    deps.logger.warning(`policy: fetch for ${domain} from ${address} failed unexpectedly: ${String(error)}`);
    return {
      url: policyUrl(domain, 443),
      address,
      status: null,
      contentType: null,
      location: null,
      body: null,
      bytes: 0,
      truncated: false,
      ms: 0,
      tls: null,
      error: { code: "internal", message: String(error) }
    };
  }
}
async function safeProbe(prober, host, address, deadline, logger) {
  try {
    const probe = await prober.probe(host, address, deadline);
    logger.debug(
      `smtp: ${host} [${address}]: ${probe.error ? `${probe.error.stage} ${probe.error.code}` : probe.tls?.version ?? "no tls"} (${probe.ms} ms)`
    );
    return probe;
  } catch (error) {
    logger.warning(`smtp: probe of ${host} [${address}] failed unexpectedly: ${String(error)}`);
    return {
      host,
      address,
      port: 0,
      connected: false,
      banner: null,
      extensions: [],
      starttlsOffered: null,
      tls: null,
      error: { stage: "connect", code: "internal", message: String(error) },
      ms: 0
    };
  }
}
function failedObservation(domain, error) {
  const message2 = error instanceof Error ? error.message : String(error);
  const failed = { kind: "error", error: `internal error: ${message2}` };
  return {
    domain,
    stsTxt: failed,
    tlsRptTxt: failed,
    mx: failed,
    mxAddresses: {},
    policyHostAddresses: null,
    policyFetches: [],
    smtp: []
  };
}

// src/git/revision.ts
var MAX_REASON_CHARS = 300;
async function openBaseRevision(rev, cwd, options = {}) {
  const root = await repoRoot(cwd);
  if (root === null) throw new ConfigurationError(`--base: ${cwd} is not inside a git repository`);
  let commit = await resolveCommit(rev, root);
  if (commit === null) {
    if (!await isShallowRepository(root))
      throw new ConfigurationError(`--base: '${rev}' is not a commit in the repository at ${root}`);
    try {
      commit = await fetchCommit(rev, root, options.fetchTimeoutMs ?? GIT_FETCH_TIMEOUT_MS);
      options.logger?.info(`--base ${rev}: fetched commit ${commit.slice(0, 12)} into this shallow clone`);
    } catch (error) {
      if (!(error instanceof GitError)) throw error;
      return {
        kind: "unavailable",
        warning: `--base ${rev}: this shallow clone does not have that commit and fetching it from origin failed (${fetchFailureReason(error)}), so zone and policy files are judged without comparison and every finding counts; check out with fetch-depth: 0 (actions/checkout) to compare with the base`
      };
    }
  }
  return { kind: "open", reader: revisionReader(commit, root) };
}
function revisionReader(commit, root) {
  const cache = /* @__PURE__ */ new Map();
  return {
    commit,
    read(abs) {
      let text = cache.get(abs);
      if (!text) {
        text = repoRelativePath(abs, root).then(
          (rel) => rel === null ? null : readAtCommit(commit, rel, root)
        );
        cache.set(abs, text);
      }
      return text;
    }
  };
}
function fetchFailureReason(error) {
  const lines = error.message.replace(/^git \S+ failed: /, "").split("\n").map((l) => l.trim()).filter((l) => l !== "");
  const chosen = lines.find((l) => /^(fatal|error): /.test(l)) ?? lines.at(-1) ?? error.message;
  const last = chosen.replace(/:\/\/[^/@\s]+@/g, "://***@");
  return last.length > MAX_REASON_CHARS ? `${last.slice(0, MAX_REASON_CHARS)}\u2026` : last;
}

// src/check.ts
async function check(config, deps) {
  const { logger } = deps;
  if (nothingToCheck(config, deps)) {
    throw new ConfigurationError(
      "nothing to check: give a domain, domains file, zone, policy file or reports input"
    );
  }
  const now = deps.clock.now();
  const settings = {
    now,
    certExpiryWarningDays: config.certExpiryWarningDays,
    smtpProbe: config.smtpProbe,
    offline: config.offline,
    reportsGiven: config.reports.length > 0 || (deps.reportArchives?.length ?? 0) > 0,
    reportWindowDays: config.reportWindowDays,
    enforceReadinessDays: config.enforceReadinessDays
  };
  const base = await openBase(config, logger);
  const compare = base.reader !== null;
  const zones = await readZones(config, base.reader, logger);
  const { files: policyFiles, findings: policyFileFindings } = await readPolicyFiles(config, {
    atBase: zones.basePolicyFiles,
    baseUnavailable: base.unavailable,
    logger
  });
  const reports = await loadReports(
    { paths: config.reports, archives: deps.reportArchives },
    reportWindow(now, config.reportWindowDays),
    logger
  );
  const listed = [...config.domains];
  if (config.domainsFile) {
    const fromFile = parseDomainList(
      "--domains-file",
      await readConfigFile("--domains-file", config.domainsFile, MAX_DOMAINS_FILE_BYTES) ?? ""
    );
    if (fromFile.length === 0) {
      throw new ConfigurationError(
        `--domains-file: ${config.domainsFile} lists no domain (only comments or blank lines)`
      );
    }
    listed.push(...fromFile);
  }
  const trusted = /* @__PURE__ */ new Set([...listed, ...config.policyFiles.map((p) => p.domain), ...zones.byDomain.keys()]);
  const candidates = uniqueSorted([
    ...trusted,
    // With no listed domain, the reports name further domains to judge (from the reports only).
    ...config.offline || listed.length === 0 ? reports.byDomain.keys() : []
  ]);
  const reportOnly = candidates.filter((d) => !trusted.has(d));
  if (!config.offline && reportOnly.length > 0) {
    logger.info(
      `reports: ${reportOnly.length} domain(s) named only by report files are judged from the reports, not probed live`
    );
  }
  const domains = shardDomains(candidates, config.shard);
  if (config.shard) {
    logger.info(
      `shard ${config.shard.index}/${config.shard.total}: ${domains.length} of ${candidates.length} domains`
    );
  }
  if (!config.offline && domains.some((d) => trusted.has(d)) && !deps.network) {
    throw new Error("internal: a live check needs network adapters");
  }
  let done = 0;
  let errorsSoFar = 0;
  deps.progress?.update({ done, total: domains.length, errors: errorsSoFar });
  const observations = [];
  const judgements = await mapAdaptive(
    domains,
    config.concurrency,
    async (domain) => {
      const live = !config.offline && trusted.has(domain);
      const observation = live ? await observeSafely(domain, deps.network, logger) : null;
      const evidence = {
        domain,
        observation,
        policyFile: policyFiles.get(domain) ?? null,
        basePolicyFile: zones.basePolicyFiles.get(domain) ?? null,
        proposed: zones.byDomain.get(domain) ?? null,
        baseProposed: zones.baseByDomain.get(domain) ?? null,
        reports: reports.byDomain.get(domain) ?? null
      };
      const judgement = judgeAgainstBase(evidence, settings, compare);
      if (observation) observations.push(retainObservation(observation));
      done++;
      errorsSoFar += judgement.findings.filter((f) => f.severity === "error").length;
      deps.progress?.update({ done, total: domains.length, errors: errorsSoFar });
      return judgement;
    }
  );
  failOnLocalResourceErrors(observations, domains.length, config.concurrency);
  let findings = [
    ...compare ? markChangeStatus(zones.findings, zones.baseFindings) : zones.findings,
    ...reports.findings,
    ...policyFileFindings,
    ...judgements.flatMap((j) => j.findings)
  ];
  if (!config.offline) {
    findings = applyResolverFailed(findings, observations, deps.network?.dnsServer ?? "the resolver");
    findings = applySmtpPortBlocked(findings, observations, settings);
  }
  if (compare) findings = findings.map((f) => f.status ? f : { ...f, status: "existing" });
  findings.sort(compareFindings);
  findings = attachFixes(findings, {
    policyFiles: policyTexts(policyFiles),
    zoneFiles: await zoneTexts(findings, zones.byDomain),
    records: [...zones.byDomain.values()].flatMap((p) => [
      ...p.stsTxt.map((r) => ({ kind: "sts", domain: p.domain, ...r })),
      ...p.tlsRptTxt.map((r) => ({ kind: "tlsrpt", domain: p.domain, ...r }))
    ]),
    live: liveDomains(observations),
    proposedMx: new Map(
      [...zones.byDomain.values()].map((p) => [
        p.domain,
        p.mx.map((m) => m.value.exchange).filter((host) => host !== "")
      ])
    ),
    now
  });
  findings = atSourceLines(findings, zones.sources);
  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    generatedAt: now.toISOString(),
    summary: {
      domains: domains.length,
      errors: findings.filter((f) => f.severity === "error").length,
      warnings: findings.filter((f) => f.severity === "warning").length,
      notices: findings.filter((f) => f.severity === "notice").length,
      enforceRisk: findings.some(isEnforceRisk)
    },
    findings,
    domains: judgements.map((j) => j.result),
    reports: reports.summary,
    ...config.shard ? { shard: shardBlock(config, candidates, judgements, settings.reportsGiven === true) } : {}
  };
}
function shardBlock(config, list, judgements, reportsJudged) {
  return {
    index: config.shard.index,
    total: config.shard.total,
    list: { fingerprint: listFingerprint(list), count: list.length, domains: list },
    toolVersion: TOOL_VERSION,
    run: config.runId,
    reportsJudged,
    evidence: Object.fromEntries(judgements.map((j) => [j.result.domain, j.reportEvidence]))
  };
}
function policyTexts(files) {
  return new Map(
    [...files].map(([domain, f]) => [
      f.path,
      { domain, text: f.text, sha256: sha256(Buffer.from(f.text, "utf8")) }
    ])
  );
}
async function zoneTexts(findings, proposed) {
  const wanted = new Set(
    findings.filter((f) => ["sts-record-invalid", "tlsrpt-record-invalid", "policy-id-not-bumped"].includes(f.rule)).flatMap((f) => f.location ? [f.location.file] : [])
  );
  for (const f of findings) {
    if (!NEEDS_NEW_ID.has(f.rule) || f.domain === null) continue;
    for (const r of proposed.get(f.domain)?.stsTxt ?? []) wanted.add(r.location.file);
  }
  const texts = /* @__PURE__ */ new Map();
  for (const file of wanted) {
    const read = await readInputFile(file, MAX_ZONE_FILE_BYTES);
    if (read.kind !== "ok") continue;
    texts.set(file, { text: read.bytes.toString("utf8"), sha256: sha256(read.bytes) });
  }
  return texts;
}
function liveDomains(observations) {
  const records = (a) => a.kind === "records" ? a.records : [];
  return new Map(
    observations.map((o) => [
      o.domain,
      {
        stsTxt: records(o.stsTxt),
        tlsRptTxt: records(o.tlsRptTxt),
        policyText: o.policyFetches.find((p) => p.status === 200 && p.body !== null)?.body ?? null,
        mx: o.mx.kind === "records" ? o.mx.records.map((m) => m.exchange).filter((h) => h !== "" && h !== ".") : []
      }
    ])
  );
}
var NEEDS_NEW_ID = /* @__PURE__ */ new Set(["mx-not-in-policy", "policy-mx-unmatched", "enforce-ready"]);
function sha256(bytes) {
  return createHash("sha256").update(bytes).digest("hex");
}
function nothingToCheck(config, deps) {
  return config.domains.length === 0 && config.domainsFile === null && config.zones.length === 0 && config.policyFiles.length === 0 && config.reports.length === 0 && config.reportsArtifact === null && (deps.reportArchives?.length ?? 0) === 0;
}
function judgeAgainstBase(evidence, settings, compare) {
  const judgement = evaluateDomain(evidence, settings);
  const findings = preferLocated(judgement.findings);
  if (!compare) return { ...judgement, findings };
  const base = preferLocated(evaluateDomain(baseEvidence(evidence), settings).findings);
  return { ...judgement, findings: markChangeStatus(findings, base) };
}
async function openBase(config, logger) {
  if (config.base === null) return { reader: null, unavailable: false };
  if (config.zones.length === 0 && config.policyFiles.length === 0) {
    logger.debug(`--base ${config.base}: no zone or policy file to compare; not used`);
    return { reader: null, unavailable: false };
  }
  const base = await openBaseRevision(config.base, process.cwd(), { logger });
  if (base.kind === "unavailable") {
    logger.warning(base.warning);
    return { reader: null, unavailable: true };
  }
  logger.info(
    `--base ${config.base}: comparing zone and policy files with commit ${base.reader.commit.slice(0, 12)}`
  );
  return { reader: base.reader, unavailable: false };
}
async function readZones(config, base, logger) {
  if (config.zones.length === 0 && base === null) {
    return {
      byDomain: /* @__PURE__ */ new Map(),
      baseByDomain: /* @__PURE__ */ new Map(),
      basePolicyFiles: /* @__PURE__ */ new Map(),
      findings: [],
      baseFindings: [],
      sources: /* @__PURE__ */ new Map()
    };
  }
  const { loadZones } = await import("./load-TQHLMUIT.js");
  return loadZones(config.zones, config.policyFiles, base, logger, {
    includeRoot: config.includeRoot,
    unmatchedPattern: config.unmatchedZonePattern
  });
}
async function readPolicyFiles(config, base) {
  const { atBase } = base;
  const files = /* @__PURE__ */ new Map();
  const findings = [];
  const seen = /* @__PURE__ */ new Set();
  for (const spec of config.policyFiles) {
    if (seen.has(spec.domain)) {
      throw new ConfigurationError(`--policy-file: ${spec.domain} is given more than once`);
    }
    seen.add(spec.domain);
    if (atBase.has(spec.domain) && await isMissing(spec.path)) continue;
    if (base.baseUnavailable && await isMissing(spec.path)) {
      base.logger.warning(
        `--policy-file: ${spec.path} does not exist, and without the base it cannot be told whether this change deletes it; ${spec.domain} is judged without it`
      );
      continue;
    }
    const text = await readConfigFile("--policy-file", spec.path, MAX_POLICY_BYTES);
    if (text === null) {
      findings.push(
        finding("policy-too-large", null, {
          domain: spec.domain,
          subject: spec.path,
          location: { file: spec.path, line: 1 },
          message: `${spec.path} is larger than ${MAX_POLICY_BYTES} bytes (RFC 8461 \xA73.3): senders refuse a policy this large, so it was not judged`,
          resultType: "sts-policy-fetch-error"
        })
      );
      continue;
    }
    files.set(spec.domain, { path: spec.path, text });
  }
  return { files, findings };
}
async function isMissing(path) {
  return stat(path).then(
    () => false,
    (error) => error.code === "ENOENT"
  );
}
async function readConfigFile(flag, path, maxBytes) {
  const read = await readInputFile(path, maxBytes);
  if (read.kind === "ok") return read.bytes.toString("utf8");
  if (read.kind === "too-large" && flag === "--policy-file") return null;
  const problem = describeInputProblem(read, maxBytes);
  throw new ConfigurationError(
    read.kind === "error" ? `${flag}: cannot read ${path}: ${problem}` : `${flag}: ${path} ${problem}`
  );
}
function failOnLocalResourceErrors(observations, total, concurrency) {
  let code2 = null;
  let affected = 0;
  for (const observation of observations) {
    const found = localResourceError(localErrorTexts(observation).join("\n"));
    if (found === null) continue;
    code2 ??= found;
    affected++;
  }
  if (code2 === null) return;
  throw new ConfigurationError(
    `this runner ran out of file descriptors (${code2}) while observing ${affected} of ${total} domains, so their results would describe the runner: raise the limit (ulimit -n) or lower --concurrency (now ${concurrency})`
  );
}
function localErrorTexts(o) {
  const answers2 = [o.stsTxt, o.tlsRptTxt, o.mx, o.policyHostAddresses, ...Object.values(o.mxAddresses)];
  return [
    ...answers2.flatMap((a) => a?.kind === "error" ? [a.error] : []),
    ...o.smtp.flatMap((p) => p.error ? [p.error.code] : []),
    ...o.policyFetches.flatMap((f) => f.error?.code === "connect" ? [f.error.message] : [])
  ];
}
async function observeSafely(domain, network, logger) {
  try {
    return await observeDomain(domain, network);
  } catch (error) {
    logger.warning(`${domain}: observation failed unexpectedly: ${String(error)}`);
    return failedObservation(domain, error);
  }
}

// src/core/fail-policy.ts
function failingFindings(findings, failOn) {
  if (failOn === "never") return [];
  return findings.filter((f) => f.status !== "existing" && atLeast(f.severity, failOn));
}

// src/net/network.ts
import { isIP as isIP4 } from "node:net";

// src/net/load-once.ts
function loadOnce(load) {
  let loaded = null;
  return () => loaded ??= load();
}

// src/net/shared-probes.ts
var SharedSmtpProbes = class {
  constructor(inner) {
    this.inner = inner;
  }
  inner;
  sessions = /* @__PURE__ */ new Map();
  async probe(host, address, deadline) {
    const key = `${host.replace(/\.$/, "").toLowerCase()} ${address}`;
    let session = this.sessions.get(key);
    if (!session) {
      session = this.inner.probe(host, address, deadline).then(deepFreeze);
      this.sessions.set(key, session);
    }
    return { ...await session, host };
  }
};
function deepFreeze(value) {
  if (typeof value === "object" && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

// src/net/system-resolver.ts
import { readFile } from "node:fs/promises";
import { isIP as isIP3 } from "node:net";
var RESOLV_CONF = "/etc/resolv.conf";
var DNS_PORT = 53;
var NO_NAMESERVER_DEFAULT = { host: "127.0.0.1", port: DNS_PORT };
function firstNameserver(text) {
  for (const line of text.split(/\r?\n/)) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    if (!match) continue;
    const host = match[1];
    if (isIP3(host.replace(/%.*$/, "")) !== 0) return { host, port: DNS_PORT };
  }
  return null;
}
async function systemNameserver(path = RESOLV_CONF) {
  let text;
  try {
    text = await readFile(path, "utf8");
  } catch {
    return NO_NAMESERVER_DEFAULT;
  }
  return firstNameserver(text) ?? NO_NAMESERVER_DEFAULT;
}

// src/net/network.ts
var DOMAIN_BUDGET_FACTOR = 2.75;
async function createNetwork(config, logger) {
  const timeoutMs = config.timeoutSeconds * 1e3;
  let dnsServer;
  let transport;
  if (config.doh) {
    dnsServer = config.doh;
    transport = dohTransport(config.doh);
  } else {
    const server = config.resolver ?? await systemNameserver();
    dnsServer = describeServer(server);
    transport = udpTransport(server);
  }
  logger.debug(`dns: asking ${dnsServer}`);
  const resolver = new DnsResolver({ transport, timeoutMs, server: dnsServer, logger });
  const fetcher = loadOnce(async () => {
    const { HttpPolicyFetcher } = await import("./policy-fetch-FMIDCA6I.js");
    return new HttpPolicyFetcher({ port: config.policyPort, timeoutSeconds: config.timeoutSeconds });
  });
  const policyFetcher = {
    fetch: async (domain, address) => (await fetcher()).fetch(domain, address)
  };
  const prober = loadOnce(async () => {
    const [{ NodeSmtpProber }, { createRevocationChecker }] = await Promise.all([
      import("./smtp-probe-O4PSBNEG.js"),
      import("./revocation-WD4H7LZC.js")
    ]);
    return new NodeSmtpProber({
      port: config.smtpPort,
      timeoutSeconds: config.timeoutSeconds,
      revocation: createRevocationChecker({
        timeoutSeconds: config.timeoutSeconds,
        // OCSP responders and CRL hosts are resolved by the run's resolver too.
        lookup: async (host) => {
          const answer = await resolver.addresses(host);
          return answer.kind === "records" ? partitionAddresses(answer.records).usable : [];
        }
      })
    });
  });
  const smtpProber = config.smtpProbe === "off" ? null : new SharedSmtpProbes({
    probe: async (host, address, deadline) => (await prober()).probe(host, address, deadline)
  });
  return {
    resolver,
    policyFetcher,
    smtpProber,
    logger,
    dnsServer,
    domainBudgetMs: DOMAIN_BUDGET_FACTOR * timeoutMs,
    // Every adapter closes its own sockets when each operation ends; the DNS socket pool's idle
    // sockets are unref'd, so they never keep the process alive.
    close: async () => void 0
  };
}
function describeServer(server) {
  return isIP4(server.host.replace(/%.*$/, "")) === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}

// src/ports.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };

// src/progress.ts
var LINE_EVERY_SHARE = 0.1;
var LINE_EVERY_MS = 1e4;
var REDRAW_EVERY_MS = 100;
var MIN_DOMAINS_FOR_LINES = 6;
var ProgressPacer = class {
  constructor(style, now) {
    this.style = style;
    this.now = now;
    this.shownAt = Number.NEGATIVE_INFINITY;
  }
  style;
  now;
  /** The first update: loading files before the first domain is not domain time. */
  startedAt = null;
  last = null;
  shownAt;
  shownStep = 0;
  shownDone = -1;
  /** The line to show for this progress, or null when it is not yet time for one. */
  update(progress) {
    if (this.startedAt === null) {
      this.startedAt = this.now();
      if (this.style === "lines") this.shownAt = this.startedAt;
    }
    this.last = progress;
    return this.due(progress) ? this.show(progress) : null;
  }
  /** Called on a timer: a line when time alone makes one due (time left on a terminal, a stalled log). */
  tick() {
    const progress = this.last;
    if (progress === null || progress.done >= progress.total) return null;
    const elapsed = this.now() - this.shownAt;
    if (this.style === "tty" ? elapsed < 1e3 : elapsed < LINE_EVERY_MS) return null;
    if (this.style === "lines" && progress.total < MIN_DOMAINS_FOR_LINES) return null;
    return this.show(progress);
  }
  due(p) {
    if (p.done === this.shownDone) return false;
    if (this.style === "tty") return p.done >= p.total || this.now() - this.shownAt >= REDRAW_EVERY_MS;
    if (p.total < MIN_DOMAINS_FOR_LINES || p.done === 0) return false;
    return this.step(p) > this.shownStep || this.now() - this.shownAt >= LINE_EVERY_MS;
  }
  step(p) {
    return Math.floor(p.done / p.total * (1 / LINE_EVERY_SHARE) + 1e-9);
  }
  show(p) {
    this.shownAt = this.now();
    this.shownStep = this.step(p);
    this.shownDone = p.done;
    return describeProgress(p, this.shownAt - (this.startedAt ?? this.shownAt));
  }
};
function describeProgress(p, elapsedMs) {
  const share = p.total > 0 ? Math.floor(100 * p.done / p.total) : 100;
  const parts = [
    `checked ${p.done.toLocaleString("en-US")} of ${plural2(p.total, "domain")} (${share} %)`,
    `${plural2(p.errors, "error")} so far`,
    `${duration(elapsedMs)} elapsed`
  ];
  if (p.done > 0 && p.done < p.total && elapsedMs >= 1e3) {
    parts.push(`about ${duration(elapsedMs / p.done * (p.total - p.done))} left`);
  }
  return parts.join(", ");
}
function duration(ms) {
  const s = Math.round(ms / 1e3);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor(s % 3600 / 60)} min`;
}

// src/progress-reporter.ts
var TICK_MS = 1e3;
function pacedProgress(style, sink, now = Date.now) {
  const pacer = new ProgressPacer(style, now);
  let timer;
  let begun = false;
  const show = (line) => {
    if (line !== null) sink.show(line);
  };
  return {
    update(progress) {
      if (!begun) {
        begun = true;
        sink.begin?.(progress.total);
        timer = setInterval(() => show(pacer.tick()), TICK_MS);
        timer.unref();
      }
      show(pacer.update(progress));
    },
    finish() {
      clearInterval(timer);
      if (begun) sink.end?.();
      begun = false;
    }
  };
}
function stderrProgress(stream = process.stderr) {
  const tty = stream.isTTY === true;
  let drawn = false;
  return pacedProgress(tty ? "tty" : "lines", {
    show(line) {
      if (!tty) {
        stream.write(`${line}
`);
        return;
      }
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r${line.slice(0, width)}\x1B[K`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write("\r\x1B[K");
    }
  });
}

// src/render/untrusted.ts
var MAX_RENDERED_STRING_CHARS = 64 * 1024;
var MAX_MESSAGE_CHARS = 2e3;
var MAX_LOG_LINE_CHARS = 2e3;
var UNSAFE_KEEPING_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
var UNSAFE_IN_ONE_LINE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
var UNSAFE_BEYOND_C0 = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
var WORKFLOW_COMMAND_LINE = /^([ \t]*):(?=:)/gm;
function visible(char) {
  const code2 = char.charCodeAt(0);
  return code2 <= 255 ? `\\x${code2.toString(16).padStart(2, "0")}` : `\\u${code2.toString(16).padStart(4, "0")}`;
}
function safeText(text) {
  return text.replace(UNSAFE_KEEPING_LINES, visible).replace(WORKFLOW_COMMAND_LINE, "$1\\x3a");
}
function safeInline(text) {
  return text.replace(UNSAFE_IN_ONE_LINE, visible);
}
function noWorkflowCommands(text) {
  return text.replace(WORKFLOW_COMMAND_LINE, "$1\\x3a");
}
function safeLogLine(message2) {
  return cut(message2, MAX_LOG_LINE_CHARS).replace(UNSAFE_IN_ONE_LINE, visible).replace(WORKFLOW_COMMAND_LINE, "$1\\x3a");
}
var MAX_ANNOTATION_CHARS = 4e3;
function safeAnnotation(message2) {
  return safeText(cut(message2, MAX_ANNOTATION_CHARS));
}
function safeJsonText(json) {
  return json.replace(UNSAFE_BEYOND_C0, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
function boundResult(result) {
  const bounded = boundValue(result);
  for (const f of bounded.findings) f.message = cut(f.message, MAX_MESSAGE_CHARS);
  return bounded;
}
function oneLineValues(result) {
  const out = mapStrings(result, (s) => s.replace(UNSAFE_IN_ONE_LINE, visible));
  if (!Array.isArray(out.findings)) return out;
  out.findings.forEach((f, i) => {
    const original = result.findings[i]?.fix;
    f.fix?.publish?.forEach((p, j) => p.value = original?.publish?.[j]?.value ?? p.value);
    f.fix?.edits?.forEach((e, j) => e.text = original?.edits?.[j]?.text ?? e.text);
  });
  return out;
}
function mapStrings(value, map) {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[map(k)] = mapStrings(v, map);
    return out;
  }
  return value;
}
function cut(text, max) {
  return text.length <= max ? text : truncate(text, max);
}
function boundValue(value) {
  if (typeof value === "string") return cut(value, MAX_RENDERED_STRING_CHARS);
  if (Array.isArray(value)) return value.map(boundValue);
  if (value !== null && typeof value === "object") {
    const out = {};
    for (const [k, v] of Object.entries(value)) out[cut(k, MAX_RENDERED_STRING_CHARS)] = boundValue(v);
    return out;
  }
  return value;
}

// src/heap-growth-cap.ts
import { PerformanceObserver } from "node:perf_hooks";
import { getHeapSpaceStatistics, getHeapStatistics, setFlagsFromString } from "node:v8";
var YOUNG_GENERATION_CAP_BYTES = 32 * 1024 * 1024;
var DEFAULT_GROWTH_FACTOR = 2;
var OLD_GENERATION_GROWING_PERCENT = 50;
var OLD_GENERATION_CAP_FROM_BYTES = 64 * 1024 * 1024;
function capHeapGrowth() {
  const stopOld = capOldGeneration();
  const stopYoung = capYoungGeneration();
  return () => {
    stopYoung();
    stopOld();
  };
}
function capOldGeneration(fromBytes = OLD_GENERATION_CAP_FROM_BYTES, setFlag = setFlagsFromString) {
  let capped = false;
  const adjust = () => {
    if (capped || getHeapStatistics().total_heap_size < fromBytes) return;
    capped = true;
    setFlag(`--heap-growing-percent=${OLD_GENERATION_GROWING_PERCENT}`);
  };
  const stopWatching = afterEveryGc(adjust);
  return () => {
    stopWatching();
    if (capped) setFlag("--heap-growing-percent=0");
    capped = false;
  };
}
function newSpaceBytes() {
  for (const space of getHeapSpaceStatistics()) {
    if (space.space_name === "new_space") return space.space_size;
  }
  return 0;
}
function capYoungGeneration(capBytes = YOUNG_GENERATION_CAP_BYTES) {
  let holding = false;
  const adjust = () => {
    const atCap = newSpaceBytes() >= capBytes;
    if (atCap === holding) return;
    holding = atCap;
    setFlagsFromString(`--semi-space-growth-factor=${atCap ? 1 : DEFAULT_GROWTH_FACTOR}`);
  };
  const stopWatching = afterEveryGc(adjust);
  return () => {
    stopWatching();
    if (holding) setFlagsFromString(`--semi-space-growth-factor=${DEFAULT_GROWTH_FACTOR}`);
    holding = false;
  };
}
function afterEveryGc(adjust) {
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().length > 0) adjust();
  });
  observer.observe({ entryTypes: ["gc"] });
  adjust();
  return () => observer.disconnect();
}

// src/render/json.ts
function renderJson(result) {
  return JSON.stringify(result, null, 2) + "\n";
}
var EMPTY_DOMAINS = '\n  "domains": []';
function* renderJsonPieces(result, prepare, prepareDomain) {
  const head = renderJson(prepare({ ...result, domains: [] }));
  const at = head.indexOf(EMPTY_DOMAINS);
  if (at < 0 || result.domains.length === 0) {
    yield head;
    return;
  }
  const open = at + EMPTY_DOMAINS.length - 2;
  yield head.slice(0, open) + "[\n";
  const last = result.domains.length - 1;
  for (const [i, domain] of result.domains.entries()) {
    const text = JSON.stringify(prepareDomain(domain), null, 2).replaceAll("\n", "\n    ");
    yield `    ${text}${i < last ? "," : ""}
`;
  }
  yield "  ]" + head.slice(open + 2);
}

// src/render/report-facts.ts
function reportFacts(s) {
  const reporters = isRecord(s["reporters"]) ? Object.entries(s["reporters"]) : Object.entries(s.byReporter).map(([org, failed]) => [
    org,
    { reports: 0, successful: 0, failed }
  ]);
  reporters.sort(
    ([a, x], [b, y]) => y.successful + y.failed - (x.successful + x.failed) || a.localeCompare(b)
  );
  const w = s["window"];
  return {
    total: s.successfulSessions + s.failedSessions,
    failed: s.failedSessions,
    reportCount: typeof s["reportCount"] === "number" ? s["reportCount"] : null,
    window: isRecord(w) && typeof w["start"] === "string" && typeof w["end"] === "string" ? w : null,
    reporters,
    resultTypes: top(s.byResultType),
    mx: top(s.byMx),
    days: s.days,
    mismatchCount: typeof s["mismatchCount"] === "number" ? s["mismatchCount"] : 0
  };
}
function top(record) {
  return Object.entries(record).filter(([, n]) => n > 0).sort(([ka, a], [kb, b]) => b - a || ka.localeCompare(kb));
}
function isRecord(v) {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}
function formatCount(n) {
  return n.toLocaleString("en-US");
}
function failureRate(failed, total) {
  if (total === 0) return "n/a";
  const p = 100 * failed / total;
  return `${p === 0 || p >= 10 ? p.toFixed(0) : p.toFixed(1)} %`;
}
function windowLabel(f) {
  const days = f.days.filter((d) => d.reports !== 0);
  const first = days[0]?.date ?? f.window?.start;
  const last = days[days.length - 1]?.date ?? f.window?.end;
  if (!first || !last) return "";
  return first === last ? first : `${first} to ${last}`;
}
function chartDays(days, max, options = {}) {
  let end = days.length;
  if (options.throughLastReport) while (end > 0 && days[end - 1].reports === 0) end--;
  const recent = days.slice(0, end).slice(-max);
  const first = recent.findIndex((d) => d.reports !== 0);
  return first < 0 ? [] : recent.slice(first);
}

// src/render/markdown-reports.ts
var TOP = 5;
var MAX_CHART_DAYS = 62;
function renderReportsMarkdown(domain, summary) {
  const f = reportFacts(summary);
  const cell = (entries, asCode) => {
    if (entries.length === 0) return "\u2014";
    const shown = entries.slice(0, TOP).map(
      ([k, n]) => `${asCode ? code(k, { table: true, max: 120 }) : escapeMarkdown(k, 120)} ${formatCount(n)}`
    );
    if (entries.length > TOP) shown.push(`+${entries.length - TOP} more`);
    return shown.join("<br>");
  };
  const reporters = f.reporters.map(([org, t]) => [org, t.successful + t.failed]);
  const rows = [
    `**TLS-RPT reports**${windowLabel(f) ? ` (${windowLabel(f)})` : ""}`,
    "",
    "| Reports | Sessions | Failed | Top result types | Failing MX | Reporters (sessions) |",
    "|---|---|---|---|---|---|",
    `| ${f.reportCount !== null ? formatCount(f.reportCount) : "\u2014"} | ${formatCount(f.total)} | ${formatCount(f.failed)} (${failureRate(f.failed, f.total)}) | ${cell(f.resultTypes, true)} | ${cell(f.mx, true)} | ${cell(reporters, false)} |`
  ];
  if (f.mismatchCount > 0) {
    rows.push(
      "",
      `${f.mismatchCount} report(s) list failure-details that do not add up to their summary; both are kept as sent.`
    );
  }
  const chart = mermaidChart(domain, chartDays(f.days, MAX_CHART_DAYS, { throughLastReport: true }));
  if (chart) rows.push("", chart);
  return rows.join("\n") + "\n";
}
var SESSIONS_COLOUR = "#55acee";
var FAILED_COLOUR = "#dd2e44";
var CHART_LEGEND = "\u{1F7E6} bars: all TLS sessions reported that day \xB7 \u{1F7E5} line: failed sessions";
function mermaidChart(domain, days) {
  if (days.filter((d) => d.reports !== 0).length < 2) return null;
  const title = `TLS sessions per day: ${domain}`.replace(/["\n\r`]/g, "");
  const labels = days.map((d) => `"${d.date.slice(5)}"`).join(", ");
  const max = Math.max(1, ...days.map((d) => d.successful + d.failed));
  const theme = { themeVariables: { xyChart: { plotColorPalette: `${SESSIONS_COLOUR}, ${FAILED_COLOUR}` } } };
  return [
    "```mermaid",
    `%%{init: ${JSON.stringify(theme)}}%%`,
    "xychart-beta",
    `  title "${title}"`,
    `  x-axis "day (UTC, month-day)" [${labels}]`,
    `  y-axis "TLS sessions" 0 --> ${max}`,
    `  bar [${days.map((d) => d.successful + d.failed).join(", ")}]`,
    `  line [${days.map((d) => d.failed).join(", ")}]`,
    "```",
    "",
    CHART_LEGEND
  ].join("\n");
}

// src/render/policy-state.ts
function policyState(d, findings = []) {
  const { record, policy, fetch } = d.mtaSts;
  if (policy) return { mode: policy.mode, words: fetch === null ? "policy file" : "" };
  const fileJudged = findings.some(
    (f) => f.domain === d.domain && f.location !== void 0 && RULES[f.rule].family === "policy"
  );
  if (fetch === null && fileJudged) return { mode: null, words: "policy file invalid" };
  if (!record) return { mode: null, words: "no policy (no STS record)" };
  if (!fetch) return { mode: null, words: "policy not fetched (offline)" };
  if (fetch.status !== null && fetch.status >= 300 && fetch.status < 400)
    return { mode: null, words: `policy fetch failed: HTTP ${fetch.status} redirect` };
  if (fetch.error) return { mode: null, words: `policy fetch failed: ${errorCode(fetch.error)}` };
  if (fetch.status !== 200) return { mode: null, words: `policy fetch failed: HTTP ${fetch.status ?? "?"}` };
  return { mode: null, words: "policy invalid" };
}
function errorCode(error) {
  const colon = error.indexOf(":");
  return colon > 0 && colon <= 40 ? error.slice(0, colon) : error.slice(0, 80);
}

// src/render/domain-label.ts
function domainLabel(name) {
  const unicode = toULabels(name);
  return unicode === null ? name : `${name} (${unicode})`;
}

// src/render/markdown-domains.ts
var OPEN_TABLE_ROWS = 20;
var ICON = { error: "\u274C", warning: "\u26A0\uFE0F", notice: "\u2139\uFE0F" };
function plural3(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function modeCell(d, findings = []) {
  const s = policyState(d, findings);
  if (!s.mode) return escapeMarkdown(s.words, 120);
  return s.words ? `${code(s.mode, { table: true })} (${escapeMarkdown(s.words)})` : code(s.mode, { table: true });
}
function sameHost2(a, b) {
  const norm = (h) => h.toLowerCase().replace(/\.$/, "");
  return norm(a) === norm(b);
}
function mxFindings(d, mx, findings) {
  return findings.filter((f) => f.domain === d.domain && f.subject !== void 0 && sameHost2(f.subject, mx.host)).sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
}
function certificateCell(mx) {
  const cert = mx.tls?.certificate;
  if (!cert) return "\u2014";
  const until = escapeMarkdown(formatUtc(cert.validTo));
  if (cert.daysLeft >= 0) return `${plural3(cert.daysLeft, "day")} left (until ${until})`;
  const ago = -cert.daysLeft - 1;
  return ago === 0 ? `**expired today** (${until})` : `**expired ${plural3(ago, "day")} ago** (${until})`;
}
function tlsCell(mx) {
  if (mx.error && !mx.tls) return `not reached: ${escapeMarkdown(mx.error, 120)}`;
  if (!mx.tls) return "not probed";
  if (!mx.tls.starttls) return "**no STARTTLS**";
  return mx.tls.version ? code(mx.tls.version, { table: true }) : "?";
}
function problemsCell(list) {
  if (list.length === 0) return "\u2014";
  const titles = [...new Map(list.map((f) => [f.rule, f])).values()];
  return titles.map((f) => `${ICON[f.severity]} ${escapeMarkdown(RULES[f.rule].title)}`).join("<br>");
}
function sessions(reports) {
  const total = reports.successfulSessions + reports.failedSessions;
  return `${reports.failedSessions} failed of ${total}`;
}
function counts(findings, domain) {
  const mine = findings.filter((f) => f.domain === domain);
  return {
    errors: mine.filter((f) => f.severity === "error").length,
    warnings: mine.filter((f) => f.severity === "warning").length,
    notices: mine.filter((f) => f.severity === "notice").length
  };
}
function domainFacts(d, findings) {
  const policy = d.mtaSts.policy;
  const reports = d.reports;
  const rows = [
    "| Mode | Policy id | max_age | TLS-RPT reports to | Reported sessions |",
    "|---|---|---|---|---|",
    [
      "",
      modeCell(d, findings),
      d.mtaSts.record ? code(d.mtaSts.record.id, { table: true }) : "\u2014",
      policy ? String(policy.maxAge) : "\u2014",
      d.tlsRpt.record ? d.tlsRpt.record.rua.map((r) => code(r, { table: true, max: 120 })).join("<br>") : "\u2014",
      reports ? sessions(reports) : "\u2014",
      ""
    ].join(" | ").trim()
  ];
  if (d.mx.length > 0) {
    rows.push("", "| MX | Pref | In policy | TLS | Certificate | Problems |", "|---|---|---|---|---|---|");
    for (const mx of d.mx) {
      const inPolicy = mx.matchesPolicy === null ? "\u2014" : mx.matchesPolicy ? "\u2705" : "\u274C not listed";
      rows.push(
        `| ${code(mx.host, { table: true, max: 120 })} | ${mx.preference} | ${inPolicy} | ${tlsCell(mx)} | ${certificateCell(mx)} | ${problemsCell(mxFindings(d, mx, findings))} |`
      );
    }
  }
  if (reports) rows.push("", renderReportsMarkdown(d.domain, reports).trimEnd());
  return rows.join("\n") + "\n";
}
function domainTitle(d, findings, escape2) {
  const c = counts(findings, d.domain);
  const s = policyState(d, findings);
  const mode = s.mode ? `mode ${s.mode}` : s.words;
  return `${escape2(domainLabel(d.domain))} \xB7 ${escape2(mode)} \xB7 ${plural3(c.errors, "error")}, ${plural3(c.warnings, "warning")}`;
}
function overviewTable(domains, findings) {
  const rows = domains.map((d) => ({ d, c: counts(findings, d.domain) })).sort(
    (a, b) => b.c.errors - a.c.errors || b.c.warnings - a.c.warnings || a.d.domain.localeCompare(b.d.domain)
  );
  const lines = [
    "| Domain | Mode | Policy id | MX | Reported sessions | Errors | Warnings |",
    "|---|---|---|---|---|---|---|"
  ];
  for (const { d, c } of rows) {
    lines.push(
      `| ${code(domainLabel(d.domain), { table: true, max: 120 })} | ${modeCell(d, findings)} | ${d.mtaSts.record ? code(d.mtaSts.record.id, { table: true }) : "\u2014"} | ${d.mx.length} | ${d.reports ? sessions(d.reports) : "\u2014"} | ${c.errors} | ${c.warnings} |`
    );
  }
  const table = lines.join("\n") + "\n";
  if (rows.length <= OPEN_TABLE_ROWS) return table;
  return `<details><summary>All ${rows.length} domains</summary>

${table}
</details>
`;
}

// src/render/markdown-risk.ts
var MAX_RISK_ROWS = 50;
var MAX_PROBLEMS_PER_ROW = 4;
var MAX_PLACES_PER_FIX = 5;
var MAX_FIXES = 60;
function worstFirst(a, b) {
  return SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity];
}
function whatBreaks(list) {
  const byRule = /* @__PURE__ */ new Map();
  for (const f of [...list].sort(worstFirst)) byRule.set(f.rule, [...byRule.get(f.rule) ?? [], f]);
  const parts = [...byRule].slice(0, MAX_PROBLEMS_PER_ROW).map(([rule, fs]) => {
    const subjects = [...new Set(fs.map((f) => f.subject).filter((s) => s !== void 0))];
    const where = subjects.length === 1 && fs[0].domain !== null && RULES[rule].family === "mx" ? ` ${code(subjects[0], { table: true, max: 120 })}` : subjects.length > 1 && RULES[rule].family === "mx" ? ` (${plural3(subjects.length, "MX", "MX")})` : "";
    return `${ICON[fs[0].severity]} ${escapeMarkdown(RULES[rule].title)}${where}`;
  });
  if (byRule.size > MAX_PROBLEMS_PER_ROW) parts.push(`+${byRule.size - MAX_PROBLEMS_PER_ROW} more`);
  return parts.join("<br>");
}
function sinceWhen(d, list, now) {
  const candidates = [];
  const firstFailed = d.reports?.days.find((day) => day.failed > 0);
  if (firstFailed)
    candidates.push({ at: `${firstFailed.date}T00:00:00Z`, label: "first failed report", day: true });
  for (const mx of d.mx) {
    const cert = mx.tls?.certificate;
    const expired = list.some(
      (f) => f.rule === "mx-cert-expired" && f.subject?.toLowerCase() === mx.host.toLowerCase()
    );
    if (cert && expired && !Number.isNaN(Date.parse(cert.validTo)))
      candidates.push({ at: cert.validTo, label: "certificate expired", day: false });
  }
  if (candidates.length === 0) return "\u2014";
  const first = candidates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0];
  const when = first.day ? first.at.slice(0, 10) : formatUtc(first.at);
  const ago = relativeDay(first.at, now);
  return `${escapeMarkdown(when)} (${first.label}${ago ? `, ${ago}` : ""})`;
}
function atRiskTable(domains, findings, now, issues) {
  const risky = (f) => f.severity !== "notice" && f.status !== "existing";
  const rows = domains.map((d) => ({ d, list: findings.filter((f) => f.domain === d.domain && risky(f)) })).filter((r) => r.list.length > 0).map((r) => ({ ...r, c: counts(r.list, r.d.domain) })).sort(
    (a, b) => b.c.errors - a.c.errors || b.c.warnings - a.c.warnings || a.d.domain.localeCompare(b.d.domain)
  );
  if (rows.length === 0) return "";
  const issueOf = new Map(issues.map((i) => [i.domain, i]));
  const withIssues = rows.some((r) => issueOf.has(r.d.domain));
  const head = withIssues ? ["| Domain | Mode | What breaks | Since | Issue |", "|---|---|---|---|---|"] : ["| Domain | Mode | What breaks | Since |", "|---|---|---|---|"];
  const lines = rows.slice(0, MAX_RISK_ROWS).map(({ d, list }) => {
    const cells = [
      code(domainLabel(d.domain), { table: true, max: 120 }),
      modeCell(d, findings),
      whatBreaks(list),
      sinceWhen(d, list, now)
    ];
    if (withIssues) {
      const issue = issueOf.get(d.domain);
      cells.push(issue ? `[#${issue.number}](${issue.url})` : "\u2014");
    }
    return `| ${cells.join(" | ")} |`;
  });
  const more = rows.length > MAX_RISK_ROWS ? `
_\u2026 and ${rows.length - MAX_RISK_ROWS} more domains at risk: see the domains below._
` : "";
  const title = `### Domains at risk (${rows.length})`;
  return [title, "", ...head, ...lines].join("\n") + "\n" + more;
}
function place(f) {
  const where = f.location ? code(`${f.location.file}:${f.location.line}`) : f.subject ? code(f.subject) : "";
  const domain = f.domain ? escapeMarkdown(domainLabel(f.domain)) : "";
  if (!where) return domain || "the run";
  return domain && f.subject?.toLowerCase() !== f.domain?.toLowerCase() ? `${where} (${domain})` : where;
}
function fixesSection(findings, title) {
  const relevant = findings.filter((f) => f.severity !== "notice" && f.remediation);
  if (relevant.length === 0) return "";
  const groups = /* @__PURE__ */ new Map();
  for (const f of [...relevant].sort(worstFirst)) {
    const key = `${f.rule}\0${f.remediation}`;
    groups.set(key, [...groups.get(key) ?? [], f]);
  }
  const lines = [...groups.values()].slice(0, MAX_FIXES).map((fs) => {
    const f = fs[0];
    const places = [...new Set(fs.map(place))];
    const shown = places.slice(0, MAX_PLACES_PER_FIX).join(", ");
    const more = places.length > MAX_PLACES_PER_FIX ? ` and ${places.length - MAX_PLACES_PER_FIX} more` : "";
    return `- ${ICON[f.severity]} **${escapeMarkdown(RULES[f.rule].title)}** \xB7 ${shown}${more}: ${inlineMarkdown(f.remediation)}`;
  });
  if (groups.size > MAX_FIXES)
    lines.push(`- _\u2026 and ${groups.size - MAX_FIXES} more fixes: see the detail below._`);
  return [`### ${title}`, "", ...lines].join("\n") + "\n";
}

// src/render/report-window-line.ts
var DAY_MS3 = 864e5;
function reportWindowLine(reports) {
  const window = reports.window;
  if (!window) return null;
  const days = Math.round((Date.parse(window.end) - Date.parse(window.start)) / DAY_MS3) + 1;
  const outside = [
    reports.duplicates ? `${reports.duplicates} duplicate` : null,
    reports.outsideWindow ? `${reports.outsideWindow} too old` : null,
    reports.future ? `${reports.future} future-dated` : null
  ].filter((x) => x !== null);
  return `window ${window.start} to ${window.end} (${days} day${days === 1 ? "" : "s"} up to this run's clock); left out: ${outside.length > 0 ? outside.join(", ") : "none"}`;
}

// src/render/verdict.ts
function plural4(n, one, many = `${one}s`) {
  return `${n} ${n === 1 ? one : many}`;
}
function comparedWithBase(findings) {
  return findings.some((f) => f.status !== void 0);
}
function count(findings, severity, status) {
  return findings.filter((f) => f.severity === severity && (f.status ?? "new") === status).length;
}
function verdictOf(result) {
  const { summary, findings } = result;
  if (!comparedWithBase(findings)) {
    if (summary.errors > 0) {
      const text = summary.enforceRisk ? "FAIL: enforce-mode risk, compliant senders will refuse mail" : "FAIL: errors found";
      return { kind: "fail", text, compared: false };
    }
    return summary.warnings > 0 ? { kind: "warn", text: "PASS with warnings", compared: false } : { kind: "pass", text: "PASS", compared: false };
  }
  const newErrors = count(findings, "error", "new");
  const newWarnings = count(findings, "warning", "new");
  const existing = count(findings, "error", "existing") + count(findings, "warning", "existing");
  const remain = existing > 0 ? `; ${plural4(existing, "existing problem")} ${existing === 1 ? "remains" : "remain"} from the base` : "";
  if (newErrors > 0) {
    const risk = findings.some(
      (f) => f.status !== "existing" && f.severity === "error" && f.mode === "enforce"
    ) ? ", an enforce-mode risk" : "";
    return {
      kind: "fail",
      text: `FAIL: this change introduces ${plural4(newErrors, "error")}${risk}${remain}`,
      compared: true
    };
  }
  if (newWarnings > 0) {
    return {
      kind: "warn",
      text: `PASS with warnings: this change introduces ${plural4(newWarnings, "warning")} and no error${remain}`,
      compared: true
    };
  }
  return { kind: "pass", text: `PASS: this change introduces no new problem${remain}`, compared: true };
}

// src/render/fix-block.ts
var MAX_FIX_BLOCK_CHARS = 8e3;
function quoted3(value) {
  return `"${value.replace(/[\\"]/g, "\\$&")}"`;
}
function fixLines(fix) {
  const lines = [];
  const bodies = [];
  for (const p of fix.publish ?? []) {
    if (p.type === "policy") bodies.push({ title: `serve at ${p.name}:`, text: p.value });
    else lines.push(`${p.name}. IN ${p.type} ${p.type === "TXT" ? quoted3(p.value) : p.value}`);
  }
  for (const e of fix.edits ?? []) {
    const range = e.startLine > e.endLine ? `insert before line ${e.startLine}` : e.startLine === e.endLine ? `line ${e.startLine}` : `lines ${e.startLine}-${e.endLine}`;
    const added = splitFileLines(e.text).map((l) => `+${l.content}`);
    bodies.push({
      title: `${e.file} ${range}, replaced by:`,
      text: (added.length > 0 ? added : ["(removed)"]).join("\n")
    });
  }
  return { lines, bodies };
}
function fixBlockText(f, indent = "           ", shown) {
  if (!f.fix) return "";
  const summary = `${indent}to do: ${safeText(f.fix.summary).replace(/\n/g, " ")}`;
  const id = JSON.stringify(f.fix);
  if (shown?.has(id)) return `${summary} (written out above)`;
  shown?.add(id);
  const { lines, bodies } = fixLines(f.fix);
  const out = [summary];
  for (const l of lines) out.push(`${indent}  ${safeText(l).replace(/\n/g, " ")}`);
  for (const b of bodies) {
    out.push(`${indent}  ${safeText(b.title)}`);
    for (const l of splitFileLines(truncate(b.text, MAX_FIX_BLOCK_CHARS)))
      out.push(`${indent}    ${safeText(l.content)}`);
  }
  return out.join("\n");
}
function fenced(text, indent) {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = "`".repeat(longest + 1);
  const body = splitFileLines(text).map((l) => `${indent}${safeText(l.content)}`);
  return [`${indent}${fence}`, ...body, `${indent}${fence}`].join("\n");
}
function fixBlockMarkdown(f, indent = "  ") {
  if (!f.fix) return "";
  const { lines, bodies } = fixLines(f.fix);
  const out = [`${indent}Fix: ${escapeMarkdown(f.fix.summary)}`];
  if (lines.length > 0) out.push("", fenced(truncate(lines.join("\n"), MAX_FIX_BLOCK_CHARS), indent));
  for (const b of bodies) {
    out.push("", `${indent}${code(b.title)}`, "", fenced(truncate(b.text, MAX_FIX_BLOCK_CHARS), indent));
  }
  return out.join("\n");
}

// src/render/markdown.ts
var STEP_SUMMARY_MAX_BYTES = 1024 * 1024;
var SUMMARY_BUDGET_BYTES = 900 * 1024;
var FEW_DOMAINS = 10;
var MAX_ITEMS_PER_RULE = 100;
var OPEN_GROUP_ITEMS = 20;
var OPEN_LINKS = 20;
var HEADING = { error: "Errors", warning: "Warnings", notice: "Notices" };
var VERDICT_ICON = { fail: "\u274C", warn: "\u26A0\uFE0F", pass: "\u2705" };
function verdict(result) {
  const v = verdictOf(result);
  return `${VERDICT_ICON[v.kind]} ${v.text}`;
}
function headline(result) {
  const { summary, reports, findings } = result;
  const compared = comparedWithBase(findings);
  const fresh = findings.filter((f) => f.status === "new").length;
  const lines = [
    `## mta-sts-guard: ${verdict(result)}`,
    "",
    `**${plural3(summary.domains, "domain")}** \xB7 **${plural3(summary.errors, "error")}** \xB7 ${plural3(summary.warnings, "warning")} \xB7 ${plural3(summary.notices, "notice")}` + (compared ? ` \xB7 against the base: ${fresh} new, ${findings.length - fresh} existing` : "")
  ];
  if (reports.files > 0) {
    lines.push(
      "",
      `TLS-RPT reports: ${plural3(reports.files, "file")}, ${plural3(reports.parsed, "report")} parsed, ${reports.invalid.length} invalid.`
    );
    const window = reportWindowLine(reports);
    if (window) lines.push("", `Report ${window}.`);
  }
  return lines.join("\n") + "\n";
}
function issuesSection(issues, warnings, notes) {
  if (issues.length === 0 && warnings.length === 0 && notes.length === 0) return "";
  const lines = ["### Issues", ""];
  for (const note of notes) lines.push(`- ${inlineMarkdown(note, 2e3)}`);
  for (const warning of warnings) lines.push(`- \u26A0\uFE0F ${inlineMarkdown(warning, 2e3)}`);
  const links = issues.map((i) => `- [#${i.number}](${i.url}) ${code(i.domain)}: ${i.action}`);
  if (links.length <= OPEN_LINKS) lines.push(...links);
  else lines.push(`<details><summary>${links.length} issues</summary>`, "", ...links, "", "</details>");
  return lines.join("\n") + "\n";
}
function message(f) {
  return escapeMarkdown(readableTimestamps(f.message));
}
function occurrence(f, showFix) {
  const parts = [f.domain ? `**${escapeMarkdown(domainLabel(f.domain))}**` : null];
  if (f.location) parts.push(code(`${f.location.file}:${f.location.line}`));
  else if (f.subject) parts.push(code(f.subject));
  const head = parts.filter((p) => p !== null).join(" \xB7 ");
  const line = `- ${head ? `${head}: ` : ""}${message(f)}`;
  return (showFix && f.remediation ? `${line}
  Fix: ${inlineMarkdown(f.remediation)}` : line) + (f.fix ? `
${fixBlockMarkdown(f)}` : "");
}
function ruleGroup(rule, findings, open, fixesAbove) {
  const spec = RULES[rule];
  const catalogueFix = findings.every((f) => !f.remediation || f.remediation === spec.remediation);
  const shown = findings.slice(0, MAX_ITEMS_PER_RULE).map((f) => occurrence(f, !fixesAbove && !catalogueFix));
  if (findings.length > shown.length) {
    shown.push(`- _\u2026 and ${findings.length - shown.length} more: see the JSON result (results-file)._`);
  }
  return [
    `<details${open ? " open" : ""}><summary><b>${escapeHtml(spec.title)}</b> <code>${rule}</code> \xB7 ${findings.length}</summary>`,
    "",
    ...catalogueFix && !fixesAbove ? [`Fix: ${inlineMarkdown(spec.remediation)}`, ""] : [],
    ...shown,
    "",
    "</details>",
    ""
  ].join("\n");
}
function severitySection(severity, findings, manyFindings, options) {
  const matching = findings.filter((f) => f.severity === severity);
  if (matching.length === 0) return [];
  const byRule = /* @__PURE__ */ new Map();
  for (const f of matching) byRule.set(f.rule, [...byRule.get(f.rule) ?? [], f]);
  const open = severity === "error" || severity === "warning" && !manyFindings;
  const heading = options.prefix ? `${options.prefix} ${HEADING[severity].toLowerCase()}` : HEADING[severity];
  const fixesAbove = options.fixesAbove && severity !== "notice";
  return [
    `### ${ICON[severity]} ${heading} (${matching.length})
`,
    // A long list stays folded: its summary line already says what and how many.
    ...[...byRule].map(
      ([rule, list]) => ruleGroup(rule, list, open && list.length <= OPEN_GROUP_ITEMS, fixesAbove)
    )
  ];
}
function existingSection(existing) {
  if (existing.length === 0) return "";
  const byRule = /* @__PURE__ */ new Map();
  for (const f of existing) byRule.set(f.rule, [...byRule.get(f.rule) ?? [], f]);
  return [
    `### Already at the base (${existing.length})`,
    "",
    `These ${existing.length === 1 ? "finding was" : "findings were"} there before this change: ${existing.length === 1 ? "it does" : "they do"} not fail this check.`,
    "",
    ...[...byRule].map(([rule, list]) => ruleGroup(rule, list, false, false))
  ].join("\n");
}
var Budget = class {
  constructor(max) {
    this.max = max;
  }
  max;
  parts = [];
  used = 0;
  skipped = 0;
  add(text) {
    const size = Buffer.byteLength(text, "utf8") + 1;
    if (this.skipped > 0 || this.used + size > this.max) {
      this.skipped++;
      return false;
    }
    this.parts.push(text);
    this.used += size;
    return true;
  }
  toString() {
    const note = this.skipped > 0 ? `
> [!NOTE]
> ${this.skipped} more sections are not shown: GitHub limits a job summary to 1 MiB. The JSON result (results-file output) has everything.
` : "";
    return this.parts.join("\n") + note;
  }
};
var NOTE_RESERVE_BYTES = 512;
function renderMarkdown(result, options = {}) {
  const budget = new Budget((options.maxBytes ?? SUMMARY_BUDGET_BYTES) - NOTE_RESERVE_BYTES);
  const { findings, domains } = result;
  const compared = comparedWithBase(findings);
  const current = findings.filter((f) => f.status !== "existing");
  budget.add(headline(result));
  const atRisk = atRiskTable(domains, findings, result.generatedAt, options.issues ?? []);
  if (atRisk) budget.add(atRisk);
  const fixes = fixesSection(current, compared ? "Fixes for what this change introduces" : "Fixes");
  if (fixes) budget.add(fixes);
  const issues = issuesSection(options.issues ?? [], options.warnings ?? [], options.notes ?? []);
  if (issues) budget.add(issues);
  const manyFindings = findings.length > 50;
  for (const severity of ["error", "warning", "notice"]) {
    const parts = severitySection(severity, current, manyFindings, {
      prefix: compared ? "New" : "",
      fixesAbove: fixes !== ""
    });
    for (const part of parts) budget.add(part);
  }
  if (compared) {
    const existing = existingSection(findings.filter((f) => f.status === "existing"));
    if (existing) budget.add(existing);
  }
  if (findings.length === 0) budget.add("No findings.\n");
  if (domains.length > 0) {
    budget.add("### Domains\n");
    const few = domains.length <= FEW_DOMAINS;
    if (!few) budget.add(overviewTable(domains, findings));
    for (const d of domains) {
      budget.add(
        few ? `#### ${domainTitle(d, findings, (t) => escapeMarkdown(t))}

${domainFacts(d, findings)}` : `<details><summary>${domainTitle(d, findings, (t) => escapeHtml(t))}</summary>

${domainFacts(d, findings)}
</details>
`
      );
    }
  }
  if (result.reports.invalid.length > 0) {
    const items = result.reports.invalid.slice(0, MAX_ITEMS_PER_RULE).map((r) => `- ${code(r.path)}: ${escapeMarkdown(r.error)}`);
    budget.add(
      `<details><summary>${plural3(result.reports.invalid.length, "report file")} could not be read</summary>

${items.join("\n")}

</details>
`
    );
  }
  budget.add(
    `<sub>${escapeMarkdown(result.tool.name)} ${escapeMarkdown(result.tool.version)} \xB7 ${escapeMarkdown(formatUtc(result.generatedAt))}</sub>
`
  );
  return budget.toString();
}

export {
  plural2 as plural,
  expiryDistance,
  describeExpiry,
  check,
  failingFindings,
  createNetwork,
  systemClock,
  MIN_DOMAINS_FOR_LINES,
  pacedProgress,
  stderrProgress,
  renderJson,
  renderJsonPieces,
  reportFacts,
  formatCount,
  failureRate,
  windowLabel,
  chartDays,
  domainLabel,
  reportWindowLine,
  safeText,
  safeInline,
  noWorkflowCommands,
  safeLogLine,
  safeAnnotation,
  safeJsonText,
  boundResult,
  oneLineValues,
  boundValue,
  fixBlockText,
  renderMarkdown,
  capHeapGrowth
};
