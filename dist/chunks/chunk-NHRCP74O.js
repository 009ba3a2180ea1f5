import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  toALabels
} from "./chunk-QNAOXB7A.js";

// src/core/hostname.ts
var MAX_LABEL_LENGTH = 63;
var MAX_HOSTNAME_LENGTH = 253;
var LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
var ALL_DIGITS = /^[0-9]+$/;
function hostnameProblem(name) {
  if (name === "") return "the host name is empty";
  if (name.length > MAX_HOSTNAME_LENGTH)
    return `the host name is longer than ${MAX_HOSTNAME_LENGTH} characters`;
  if (name.startsWith("[")) return "an address literal is not a host name";
  const labels = name.split(".");
  for (const label of labels) {
    if (label === "") return "the host name has an empty label (a leading, trailing or doubled dot)";
    if (label.length > MAX_LABEL_LENGTH)
      return `the label "${label}" is longer than ${MAX_LABEL_LENGTH} characters`;
    if (!LABEL.test(label)) {
      return `the label "${label}" is not letters, digits and inner hyphens (RFC 5321 Domain; use the A-label form for IDNs)`;
    }
  }
  if (ALL_DIGITS.test(labels[labels.length - 1] ?? "")) return "an IP address is not a host name";
  return null;
}

// src/core/key-typo.ts
var POLICY_KEYS = ["version", "mode", "max_age", "mx"];
function editDistance(a, b) {
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    const row = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const prev = rows[i - 1];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        prev[j] + 1,
        row[j - 1] + 1,
        prev[j - 1] + cost
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, rows[i - 2][j - 2] + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return rows[a.length][b.length];
}
function suggestPolicyKey(key) {
  if (POLICY_KEYS.includes(key)) return null;
  const lower = key.toLowerCase();
  return POLICY_KEYS.find((known) => editDistance(lower, known) <= 1) ?? null;
}

// src/core/tag-record.ts
function startsWithVersion(txt, version) {
  if (!txt.startsWith(version)) return false;
  const next = txt.charAt(version.length);
  return next === "" || next === ";" || next === " " || next === "	";
}
var EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
var EXT_VALUE = /^[\x21-\x3A\x3C\x3E-\x7E]+$/;
var LEADING_WSP = /^[ \t]*/;
var TRAILING_WSP = /[ \t]*$/;
function describeChar(ch) {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 33 && code <= 126 ? `"${ch}"` : `U+${code.toString(16).toUpperCase().padStart(4, "0")}`;
}
function splitTagRecord(txt, version) {
  const segments = txt.slice(version.length).split(";");
  const head = segments[0] ?? "";
  if (/[^ \t]/.test(head)) {
    const at = version.length + (head.match(LEADING_WSP)?.[0].length ?? 0);
    return {
      ok: false,
      error: `expected ";" after ${version} at column ${at + 1}, found ${describeChar(txt.charAt(at))}`
    };
  }
  if (segments.length === 1)
    return { ok: false, error: `no fields: ${version} must be followed by ";" and fields` };
  const fields = [];
  let offset = version.length + head.length + 1;
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] ?? "";
    const last = i === segments.length - 1;
    const lead = segment.match(LEADING_WSP)?.[0].length ?? 0;
    const body = segment.slice(lead);
    const column = offset + lead + 1;
    offset += segment.length + 1;
    if (body === "") {
      if (last && fields.length > 0) break;
      return {
        ok: false,
        error: `empty field at column ${column}: ";" must be followed by a name=value field`
      };
    }
    const trail = body.match(TRAILING_WSP)?.[0].length ?? 0;
    if (last && trail > 0) {
      return {
        ok: false,
        error: `whitespace after the last field at column ${column + body.length - trail}: only ";" may follow a field`
      };
    }
    const text = body.slice(0, body.length - trail);
    const eq = text.indexOf("=");
    if (eq < 0)
      return { ok: false, error: `field "${text}" at column ${column} has no "=" (expected name=value)` };
    fields.push({ name: text.slice(0, eq), value: text.slice(eq + 1), column });
  }
  return { ok: true, fields };
}
function extensionProblem(field) {
  if (!EXT_NAME.test(field.name)) {
    return `field name "${field.name}" at column ${field.column} is not a letter or digit followed by up to 31 letters, digits, "_", "-" or "."`;
  }
  if (field.value === "") return `field "${field.name}" at column ${field.column} has an empty value`;
  if (!EXT_VALUE.test(field.value)) {
    const bad = [...field.value].find((ch) => !EXT_VALUE.test(ch)) ?? "";
    return `field "${field.name}" at column ${field.column} has ${describeChar(bad)} in its value (not allowed: "=", ";", space, controls, non-ASCII)`;
  }
  return null;
}
function selectRecord(txts, parse) {
  const candidates = [];
  for (const raw of txts) {
    const parsed = parse(raw);
    if (parsed !== null) candidates.push({ raw, parsed });
  }
  if (candidates.length > 1) return { kind: "multiple", raws: candidates.map((c) => c.raw) };
  const only = candidates[0];
  if (only === void 0) return { kind: "none", discarded: [...txts] };
  return only.parsed.kind === "valid" ? { kind: "one", record: only.parsed.record } : { kind: "invalid", raw: only.raw, error: only.parsed.error };
}

// src/core/policy-cascade.ts
function foldCascades(problems) {
  const causeOf = /* @__PURE__ */ new Map();
  for (const p of problems) for (const key of p.hides ?? []) if (!causeOf.has(key)) causeOf.set(key, p);
  const folded = /* @__PURE__ */ new Map();
  const kept = problems.filter((p) => {
    const cause = p.missingKey === void 0 ? void 0 : causeOf.get(p.missingKey);
    if (cause === void 0) return true;
    folded.set(cause, [...folded.get(cause) ?? [], p.missingKey]);
    return false;
  });
  return kept.map((p) => {
    const keys = folded.get(p);
    if (keys === void 0) return p;
    const names = keys.map((k) => `"${k}"`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
    return {
      ...p,
      message: `${p.message}; so the ${list} line${keys.length === 1 ? " is" : "s are"} not seen`
    };
  });
}
function keysOnRefusedLine(content) {
  return content.split("\r").map(
    (piece) => piece.slice(0, Math.max(0, piece.indexOf(":"))).replace(/^\uFEFF/, "").trim()
  ).filter((key) => key !== "");
}

// src/core/policy.ts
var MAX_POLICY_BYTES = 64 * 1024;
var MAX_MAX_AGE = 31557600;
var MAX_MAX_AGE_DIGITS = 10;
var EXT_NAME2 = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
var BLANK = /^[ \t]*$/;
var LEADING_WSP2 = /^[ \t]*/;
var TRAILING_WSP2 = /[ \t]+$/;
var MAX_AGE_VALUE = /^[0-9]{1,10}$/;
var MODES = ["enforce", "testing", "none"];
function splitLines(text) {
  const lines = [];
  let crlf = 0;
  let lf = 0;
  let start = 0;
  for (let at = text.indexOf("\n"); at >= 0; at = text.indexOf("\n", start)) {
    const isCrlf = at > start && text.charAt(at - 1) === "\r";
    if (isCrlf) crlf++;
    else lf++;
    lines.push({ number: lines.length + 1, content: text.slice(start, isCrlf ? at - 1 : at) });
    start = at + 1;
  }
  lines.push({ number: lines.length + 1, content: text.slice(start) });
  const lineEndings = crlf > 0 && lf > 0 ? "mixed" : crlf > 0 ? "crlf" : lf > 0 ? "lf" : "none";
  return { lines, lineEndings };
}
function forbiddenCharAt(content) {
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if (code < 32 && code !== 9 || code === 127) return i;
    if (code >= 55296 && code <= 56319) {
      const next = content.charCodeAt(i + 1);
      if (next >= 56320 && next <= 57343) i++;
      else return i;
    } else if (code >= 56320 && code <= 57343) return i;
  }
  return -1;
}
function parseMxPattern(value) {
  const wildcard = value.startsWith("*.");
  const name = wildcard ? value.slice(2) : value;
  if (name.includes("*")) return { error: 'a wildcard is allowed only as the whole leftmost label ("*.")' };
  const converted = toALabels(name);
  if ("problem" in converted) return { error: converted.problem };
  const problem = hostnameProblem(converted.name);
  if (problem !== null) return { error: problem };
  const pattern = { wildcard, domain: converted.name, raw: value };
  return converted.name === name.toLowerCase() ? { pattern } : { pattern, uLabel: true };
}
function parsePolicy(text) {
  const { lines, lineEndings } = splitLines(text);
  const errors = [];
  const typos = [];
  const uLabelMx = [];
  const once = /* @__PURE__ */ new Map();
  let mode = null;
  let maxAge = null;
  let mxLines = 0;
  const mx = [];
  const extensions = [];
  for (const { number: line, content } of lines) {
    const fail = (column2, message) => void errors.push({ line, column: column2, message });
    const refuse = (column2, message) => void errors.push({ line, column: column2, message, hides: keysOnRefusedLine(content) });
    if (BLANK.test(content)) continue;
    const bad = forbiddenCharAt(content);
    if (bad >= 0) {
      const ch = content.charAt(bad);
      refuse(
        bad + 1,
        ch === "\r" ? "a CR that is not followed by LF (lines end in CRLF or LF)" : `${describeChar(ch)} is not allowed in a policy`
      );
      continue;
    }
    const colon = content.indexOf(":");
    if (colon < 0) {
      fail(1, `expected "key: value", but the line has no ":"`);
      continue;
    }
    const key = content.slice(0, colon);
    if (!EXT_NAME2.test(key)) {
      const why = key.startsWith("\uFEFF") ? "the policy starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM" : `the key "${key}" is not a letter or digit followed by up to 31 letters, digits, "_", "-" or "." (no spaces before it)`;
      refuse(1, why);
      continue;
    }
    const rest = content.slice(colon + 1);
    const lead = LEADING_WSP2.exec(rest)?.[0].length ?? 0;
    const value = rest.slice(lead).replace(TRAILING_WSP2, "");
    const column = colon + 2 + lead;
    if (key === "version" || key === "mode" || key === "max_age") {
      const first = once.get(key);
      if (first !== void 0) {
        fail(1, `"${key}" appears again (first on line ${first}): it must appear exactly once`);
        continue;
      }
      once.set(key, line);
    }
    if (key === "mx") mxLines++;
    if (value === "") {
      fail(column, `"${key}" has no value`);
      continue;
    }
    switch (key) {
      case "version":
        if (value !== "STSv1") fail(column, `version "${value}" is not "STSv1"`);
        break;
      case "mode":
        if (MODES.includes(value)) mode = value;
        else fail(column, `mode "${value}" is not enforce, testing or none (values are case-sensitive)`);
        break;
      case "max_age":
        if (!MAX_AGE_VALUE.test(value)) {
          fail(
            column,
            `max_age "${value}" is not a whole number of seconds of 1 to ${MAX_MAX_AGE_DIGITS} digits`
          );
        } else if (Number(value) > MAX_MAX_AGE) {
          fail(
            column,
            `max_age ${value} is more than ${MAX_MAX_AGE} (RFC 8461 \xA73.2 maximum, about one year)`
          );
        } else maxAge = Number(value);
        break;
      case "mx": {
        const parsed = parseMxPattern(value);
        if ("pattern" in parsed) {
          mx.push(parsed.pattern);
          if (parsed.uLabel) {
            const aLabel = `${parsed.pattern.wildcard ? "*." : ""}${parsed.pattern.domain}`;
            uLabelMx.push({
              line,
              column,
              value,
              aLabel,
              message: `mx "${value}" is written with U-labels; RFC 8461 \xA73.2 requires the A-label "${aLabel}": a strict sender discards the policy, one that compares names never matches the MX`
            });
          }
        } else fail(column, `mx "${value}" is not a host name or "*." and a host name: ${parsed.error}`);
        break;
      }
      default: {
        const inner = [...value].findIndex((ch) => ch === "	");
        if (inner >= 0) {
          fail(column + inner, `a tab inside the value of "${key}" (only spaces may separate words)`);
          break;
        }
        extensions.push({ key, value });
        const suggestion = suggestPolicyKey(key);
        if (suggestion !== null) {
          typos.push({
            line,
            column: 1,
            key,
            suggestion,
            message: `key "${key}" looks like a typo of "${suggestion}": senders treat it as an unknown extension and ignore it`
          });
        }
      }
    }
  }
  const last = lines[lines.length - 1];
  const atEnd = (message, missingKey) => void errors.push({ line: last.number, column: last.content.length + 1, message, missingKey });
  const typoHint = (key) => {
    const typo = typos.find((t) => t.suggestion === key);
    return typo === void 0 ? "" : ` (line ${typo.line} has "${typo.key}", which looks like a typo of it)`;
  };
  for (const key of ["version", "mode", "max_age"]) {
    if (!once.has(key)) atEnd(`no "${key}" line: it is required exactly once${typoHint(key)}`, key);
  }
  if ((mode === "enforce" || mode === "testing") && mxLines === 0) {
    errors.push({
      line: once.get("mode"),
      column: 1,
      message: `mode ${mode} needs at least one "mx" line, and there is none${typoHint("mx")}`,
      missingKey: "mx"
    });
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  errors.splice(0, errors.length, ...foldCascades(errors));
  const policy = errors.length === 0 ? { version: "STSv1", mode, maxAge, mx, extensions } : null;
  return { policy, errors, typos, uLabelMx, lineEndings, fieldLines: Object.fromEntries(once) };
}
function renderPolicy(policy, lineEnding = "crlf") {
  const term = lineEnding === "crlf" ? "\r\n" : "\n";
  const lines = [
    `version: ${policy.version}`,
    `mode: ${policy.mode}`,
    ...policy.mx.map((p) => `mx: ${p.raw}`),
    `max_age: ${policy.maxAge}`,
    ...policy.extensions.map((e) => `${e.key}: ${e.value}`)
  ];
  return lines.map((l) => l + term).join("");
}
function normalizeHost(host) {
  return host.trim().toLowerCase().replace(/\.$/, "");
}
function mxPatternMatches(pattern, host) {
  const name = normalizeHost(host);
  const domain = normalizeHost(pattern.domain);
  if (!pattern.wildcard) return name === domain;
  const dot = name.indexOf(".");
  return dot > 0 && name.slice(dot + 1) === domain;
}
function policyCoversMx(policy, host) {
  return policy.mx.some((pattern) => mxPatternMatches(pattern, host));
}

export {
  hostnameProblem,
  startsWithVersion,
  describeChar,
  splitTagRecord,
  extensionProblem,
  selectRecord,
  MAX_POLICY_BYTES,
  MAX_MAX_AGE,
  parseMxPattern,
  parsePolicy,
  renderPolicy,
  normalizeHost,
  mxPatternMatches,
  policyCoversMx
};
