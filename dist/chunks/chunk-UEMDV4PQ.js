import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  toALabels
} from "./chunk-QNAOXB7A.js";

// src/config.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
var DEFAULTS = {
  reportWindowDays: 7,
  enforceReadinessDays: 14,
  smtpProbe: "auto",
  smtpPort: 25,
  policyPort: 443,
  timeoutSeconds: 15,
  concurrency: 16,
  certExpiryWarningDays: 14,
  format: "text",
  failOn: "error"
};
function defaultConfig() {
  return {
    domains: [],
    domainsFile: null,
    zones: [],
    unmatchedZonePattern: "error",
    policyFiles: [],
    reports: [],
    reportsArtifact: null,
    reportWindowDays: DEFAULTS.reportWindowDays,
    enforceReadinessDays: DEFAULTS.enforceReadinessDays,
    resolver: null,
    doh: null,
    smtpProbe: DEFAULTS.smtpProbe,
    smtpPort: DEFAULTS.smtpPort,
    policyPort: DEFAULTS.policyPort,
    timeoutSeconds: DEFAULTS.timeoutSeconds,
    concurrency: DEFAULTS.concurrency,
    certExpiryWarningDays: DEFAULTS.certExpiryWarningDays,
    shard: null,
    runId: null,
    offline: false,
    base: null,
    includeRoot: null,
    format: DEFAULTS.format,
    output: null,
    failOn: DEFAULTS.failOn,
    verbose: false
  };
}
function parseInteger(name, raw, min, max) {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) {
    throw new ConfigurationError(`${name}: expected a whole number from ${min} to ${max}, got '${raw}'`);
  }
  const value = Number(text);
  if (value < min || value > max) {
    throw new ConfigurationError(`${name}: expected a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}
function parseChoice(name, raw, choices) {
  const text = raw.trim();
  if (!choices.includes(text)) {
    throw new ConfigurationError(`${name}: expected one of ${choices.join(", ")}, got '${raw}'`);
  }
  return text;
}
function parseShard(name, raw) {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!match) throw new ConfigurationError(`${name}: expected I/N (for example 1/4), got '${raw}'`);
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || index < 1 || index > total) {
    throw new ConfigurationError(`${name}: expected I/N with 1 \u2264 I \u2264 N, got '${raw}'`);
  }
  return { index, total };
}
var MAX_RUN_ID_LENGTH = 100;
function parseRunId(name, raw) {
  const id = raw.trim();
  if (!/^[\x21-\x7e]+$/.test(id) || id.length > MAX_RUN_ID_LENGTH) {
    throw new ConfigurationError(
      `${name}: expected a printable id of at most ${MAX_RUN_ID_LENGTH} characters, got '${raw}'`
    );
  }
  return { id, attempt: null };
}
function runIdentityFromEnv(env) {
  const id = env["GITHUB_RUN_ID"]?.trim();
  if (!id) return null;
  const attempt = Number(env["GITHUB_RUN_ATTEMPT"]);
  return { id, attempt: Number.isSafeInteger(attempt) && attempt > 0 ? attempt : null };
}
function parseResolver(name, raw) {
  const text = raw.trim();
  let host = text;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1];
    if (bracketed[2] !== void 0) port = parseInteger(name, bracketed[2], 1, 65535);
  } else if ((text.match(/:/g) ?? []).length === 1) {
    const [h, p] = text.split(":");
    host = h;
    port = parseInteger(name, p, 1, 65535);
  }
  if (!isIpLiteral(host)) {
    throw new ConfigurationError(`${name}: expected an IP address with an optional :PORT, got '${raw}'`);
  }
  return { host, port };
}
function isIpLiteral(text) {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text)) {
    return text.split(".").every((octet) => Number(octet) <= 255);
  }
  return /^[0-9a-fA-F:.]+$/.test(text) && text.includes(":");
}
function parseDohUrl(name, raw) {
  let url;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigurationError(`${name}: expected an https:// URL, got '${raw}'`);
  }
  if (url.protocol !== "https:") {
    throw new ConfigurationError(`${name}: expected an https:// URL, got '${raw}'`);
  }
  return url.toString();
}
function parsePolicyFileSpec(name, raw) {
  const eq = raw.indexOf("=");
  if (eq <= 0 || eq === raw.length - 1) {
    throw new ConfigurationError(`${name}: expected DOMAIN=PATH, got '${raw}'`);
  }
  const domain = normalizeDomain(name, raw.slice(0, eq));
  return { domain, path: raw.slice(eq + 1).trim() };
}
var LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;
function normalizeDomain(name, raw) {
  const checked = checkDomain(raw);
  if ("problem" in checked) throw new ConfigurationError(`${name}: '${raw}' ${checked.problem}`);
  return checked.domain;
}
function checkDomain(raw) {
  const converted = toALabels(raw.trim());
  if ("problem" in converted) return { problem: `is not a domain name: ${converted.problem}` };
  const domain = converted.name.replace(/\.$/, "");
  const labels = domain.split(".");
  if (domain.length === 0 || domain.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
    return { problem: "is not a domain name" };
  }
  return { domain };
}
function parseDomainList(name, text) {
  const domains = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.replace(/#.*/, "").trim();
    if (content === "") return;
    for (const word of content.split(/[\s,]+/)) {
      if (word === "") continue;
      const checked = checkDomain(word);
      if ("problem" in checked)
        throw new ConfigurationError(`${name}: line ${index + 1}: '${word}' ${checked.problem}`);
      domains.push(checked.domain);
    }
  });
  return domains;
}
function uniqueSorted(values) {
  return [...new Set(values)].sort();
}

export {
  ConfigurationError,
  defaultConfig,
  parseInteger,
  parseChoice,
  parseShard,
  parseRunId,
  runIdentityFromEnv,
  parseResolver,
  parseDohUrl,
  parsePolicyFileSpec,
  normalizeDomain,
  parseDomainList,
  uniqueSorted
};
