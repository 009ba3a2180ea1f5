#!/usr/bin/env node
import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/cli.ts
import { writeFile } from "node:fs/promises";

// src/check.ts
import { readFile } from "node:fs/promises";

// src/concurrency.ts
async function mapLimit(items, limit, fn) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return results;
}

// src/config.ts
var ConfigurationError = class extends Error {
  name = "ConfigurationError";
};
var DEFAULTS = {
  reportWindowDays: 7,
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
    policyFiles: [],
    reports: [],
    reportsArtifact: null,
    reportWindowDays: DEFAULTS.reportWindowDays,
    resolver: null,
    doh: null,
    smtpProbe: DEFAULTS.smtpProbe,
    smtpPort: DEFAULTS.smtpPort,
    policyPort: DEFAULTS.policyPort,
    timeoutSeconds: DEFAULTS.timeoutSeconds,
    concurrency: DEFAULTS.concurrency,
    certExpiryWarningDays: DEFAULTS.certExpiryWarningDays,
    shard: null,
    offline: false,
    base: null,
    format: DEFAULTS.format,
    output: null,
    failOn: DEFAULTS.failOn
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
  const domain = raw.trim().toLowerCase().replace(/\.$/, "");
  const labels = domain.split(".");
  if (domain.length === 0 || domain.length > 253 || labels.length < 2 || !labels.every((l) => LABEL.test(l))) {
    throw new ConfigurationError(`${name}: '${raw}' is not a domain name`);
  }
  return domain;
}
function parseDomainList(name, text) {
  const domains = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.replace(/#.*/, "").trim();
    if (content === "") return;
    for (const word of content.split(/[\s,]+/)) {
      if (word === "") continue;
      try {
        domains.push(normalizeDomain(name, word));
      } catch {
        throw new ConfigurationError(`${name}: line ${index + 1}: '${word}' is not a domain name`);
      }
    }
  });
  return domains;
}
function shardDomains(domains, shard) {
  if (!shard) return domains;
  return [...domains].sort().filter((_, i) => i % shard.total === shard.index - 1);
}
function uniqueSorted(values) {
  return [...new Set(values)].sort();
}

// src/core/findings.ts
var SEVERITY_ORDER = { notice: 0, warning: 1, error: 2 };
var BY_MODE = { enforce: "error", testing: "warning", none: "notice" };
var ALWAYS_ERROR = { enforce: "error", testing: "error", none: "error" };
var ALWAYS_WARNING = { enforce: "warning", testing: "warning", none: "warning" };
var ALWAYS_NOTICE = { enforce: "notice", testing: "notice", none: "notice" };
var WARN_UNLESS_NONE = { enforce: "warning", testing: "warning", none: "notice" };
function rule(id, family, severity, title, description, remediation) {
  return { id, family, severity, title, description, remediation };
}
var RULES = {
  // records
  "sts-record-missing": rule(
    "sts-record-missing",
    "records",
    ALWAYS_NOTICE,
    "No MTA-STS record",
    "No `_mta-sts` TXT record starting with `v=STSv1`: senders do not apply MTA-STS, so TLS to this domain can be downgraded.",
    'Publish `_mta-sts.<domain> TXT "v=STSv1; id=<new id>"` and serve a policy at https://mta-sts.<domain>/.well-known/mta-sts.txt.'
  ),
  "sts-record-invalid": rule(
    "sts-record-invalid",
    "records",
    ALWAYS_ERROR,
    "MTA-STS record is invalid",
    "The `_mta-sts` record starts with `v=STSv1` but does not follow RFC 8461 \xA73.1: senders ignore it, and a policy change can never be signalled.",
    "Fix the record to `v=STSv1; id=<1-32 letters or digits>` (fields separated by `;`)."
  ),
  "sts-record-multiple": rule(
    "sts-record-multiple",
    "records",
    ALWAYS_ERROR,
    "More than one MTA-STS record",
    "RFC 8461 \xA73.1: with more than one `v=STSv1` record senders must treat the domain as having no MTA-STS policy.",
    "Keep exactly one `v=STSv1` TXT record at `_mta-sts.<domain>`."
  ),
  "tlsrpt-record-missing": rule(
    "tlsrpt-record-missing",
    "records",
    WARN_UNLESS_NONE,
    "No TLS-RPT record",
    "No `_smtp._tls` TXT record: senders send no TLS reports, so failed deliveries stay invisible.",
    'Publish `_smtp._tls.<domain> TXT "v=TLSRPTv1; rua=mailto:tlsrpt@<domain>"`.'
  ),
  "tlsrpt-record-invalid": rule(
    "tlsrpt-record-invalid",
    "records",
    WARN_UNLESS_NONE,
    "TLS-RPT record is invalid",
    "The `_smtp._tls` record starts with `v=TLSRPTv1` but does not follow RFC 8460 \xA73 (for example no valid `rua`): senders send no reports.",
    "Fix the record to `v=TLSRPTv1; rua=mailto:<address>` (or an https: URL); separate several URIs with commas."
  ),
  "tlsrpt-record-multiple": rule(
    "tlsrpt-record-multiple",
    "records",
    WARN_UNLESS_NONE,
    "More than one TLS-RPT record",
    "RFC 8460 \xA73: with more than one `v=TLSRPTv1` record senders must not send reports.",
    "Merge them into one `v=TLSRPTv1` record; list several `rua` URIs separated by commas."
  ),
  // policy
  "policy-fetch-failed": rule(
    "policy-fetch-failed",
    "policy",
    ALWAYS_ERROR,
    "Policy could not be fetched",
    "The policy host did not answer 200 (or not at all): new senders cannot learn the policy, and cached policies expire without renewal.",
    "Serve the policy at https://mta-sts.<domain>/.well-known/mta-sts.txt with status 200 from every address of the policy host."
  ),
  "policy-redirect": rule(
    "policy-redirect",
    "policy",
    ALWAYS_ERROR,
    "Policy host redirects",
    "RFC 8461 \xA73.3: senders must not follow redirects when fetching the policy, so a 3xx is a failed fetch.",
    "Serve the policy directly with status 200; remove the redirect for /.well-known/mta-sts.txt."
  ),
  "policy-content-type": rule(
    "policy-content-type",
    "policy",
    ALWAYS_ERROR,
    "Policy is not served as text/plain",
    "RFC 8461 \xA73.3: the policy must be served with media type text/plain; senders such as Google reject anything else.",
    "Serve /.well-known/mta-sts.txt with `Content-Type: text/plain`."
  ),
  "policy-too-large": rule(
    "policy-too-large",
    "policy",
    ALWAYS_ERROR,
    "Policy is larger than 64 KiB",
    "RFC 8461 \xA73.3: senders stop reading a policy body after 64 KiB and discard it.",
    "Keep the policy file under 64 KiB."
  ),
  "policy-tls-invalid": rule(
    "policy-tls-invalid",
    "policy",
    ALWAYS_ERROR,
    "Policy host certificate is not valid",
    "RFC 8461 \xA73.3: the policy host must present a certificate valid for `mta-sts.<domain>` chaining to a trusted root; otherwise senders discard the policy.",
    "Install a certificate for mta-sts.<domain> from a public CA, with its full chain."
  ),
  "policy-invalid": rule(
    "policy-invalid",
    "policy",
    ALWAYS_ERROR,
    "Policy does not follow RFC 8461 \xA73.2",
    "Senders discard a policy that does not parse: the domain is then unprotected, and a cached valid policy is never renewed.",
    "Fix the policy at the line and column named: `version: STSv1`, `mode`, `max_age` once each, and one `mx` line per MX pattern."
  ),
  "policy-key-typo": rule(
    "policy-key-typo",
    "policy",
    WARN_UNLESS_NONE,
    "Policy key looks like a typo",
    "A key one edit away from a known one (`nmx`, `max-age`, `modes`) is an extension to senders and is silently ignored, so what was meant never applies.",
    "Spell the key exactly: `version`, `mode`, `max_age` or `mx`."
  ),
  "policy-max-age-short": rule(
    "policy-max-age-short",
    "policy",
    { enforce: "warning", testing: "notice", none: "notice" },
    "Policy max_age is short",
    "RFC 8461 \xA73.2 recommends a max_age of weeks or more; a short one lets a downgrade attacker wait out the cached policy.",
    "Set `max_age` to at least 604800 (one week); 86400 \xD7 7 to 31557600 is common."
  ),
  "policy-mode-testing": rule(
    "policy-mode-testing",
    "policy",
    ALWAYS_NOTICE,
    "Policy is in testing mode",
    "In testing mode senders deliver even when TLS fails and only report it: no protection yet.",
    "When the TLS-RPT reports show no failures for a few weeks, switch to `mode: enforce` and publish a new `id`."
  ),
  "policy-mode-none": rule(
    "policy-mode-none",
    "policy",
    ALWAYS_NOTICE,
    "Policy mode is none",
    "Mode none withdraws MTA-STS: senders apply no policy.",
    "If this is not a planned withdrawal, set `mode: testing` or `enforce` and publish a new `id`."
  ),
  "policy-host-cert-expiring": rule(
    "policy-host-cert-expiring",
    "policy",
    WARN_UNLESS_NONE,
    "Policy host certificate expires soon",
    "When the certificate of mta-sts.<domain> expires, senders can no longer fetch or renew the policy.",
    "Renew the certificate of the policy host (and check the automation that should have done it)."
  ),
  "policy-line-endings": rule(
    "policy-line-endings",
    "policy",
    ALWAYS_NOTICE,
    "Policy uses LF line endings",
    "The RFC 8461 \xA73.2 prose says CRLF, but its ABNF (and erratum 6253) accepts LF and every major sender does: informational only.",
    "Nothing is required; CRLF line endings follow the prose of RFC 8461 \xA73.2 exactly."
  ),
  // mx
  "mx-missing": rule(
    "mx-missing",
    "mx",
    BY_MODE,
    "No MX records",
    "The domain publishes MTA-STS but has no MX records; senders fall back to the address of the domain itself, which the policy must then list.",
    "Publish MX records for the hosts that receive mail, or a null MX (`MX 0 .`) if the domain receives none."
  ),
  "mx-null": rule(
    "mx-null",
    "mx",
    ALWAYS_NOTICE,
    "Null MX (RFC 7505)",
    "The domain declares that it receives no mail: MTA-STS and TLS-RPT have nothing to protect.",
    "Nothing to do if the domain really receives no mail; the MTA-STS records can then be removed."
  ),
  "mx-not-in-policy": rule(
    "mx-not-in-policy",
    "mx",
    BY_MODE,
    "MX not covered by the policy",
    "RFC 8461 \xA74.1: a sender applying the policy refuses to deliver to an MX that matches no `mx` pattern.",
    "Add an `mx:` line for this host to the policy (and publish a new `id`), or remove the MX."
  ),
  "policy-mx-unmatched": rule(
    "policy-mx-unmatched",
    "mx",
    ALWAYS_NOTICE,
    "Policy mx pattern matches no MX",
    "A policy `mx` pattern that matches none of the MX records is stale or a typo of the host that was meant.",
    "Remove the stale `mx:` line, or correct it to the MX host it was meant for (and publish a new `id`)."
  ),
  "mx-unreachable": rule(
    "mx-unreachable",
    "mx",
    BY_MODE,
    "MX does not accept SMTP connections",
    "No SMTP session could be opened with this MX (refused, timed out, or no greeting): senders cannot deliver through it.",
    "Make the MX listen on port 25 on every address its name resolves to, or remove the address from DNS."
  ),
  "mx-starttls-unsupported": rule(
    "mx-starttls-unsupported",
    "mx",
    BY_MODE,
    "MX does not offer STARTTLS",
    "RFC 8461 \xA75: in enforce mode senders refuse to deliver without TLS (RFC 8460 result type starttls-not-supported).",
    "Enable STARTTLS on the MX with a certificate valid for its name."
  ),
  "mx-tls-version": rule(
    "mx-tls-version",
    "mx",
    BY_MODE,
    "MX negotiates TLS older than 1.2",
    "Senders applying MTA-STS (Google among them) require TLS 1.2 or newer and refuse older versions.",
    "Enable TLS 1.2 and 1.3 on the MX and disable TLS 1.0/1.1."
  ),
  "mx-tls-cipher-weak": rule(
    "mx-tls-cipher-weak",
    "mx",
    WARN_UNLESS_NONE,
    "MX negotiates a weak cipher suite",
    "The negotiated suite has no forward secrecy or uses RC4, 3DES, NULL or EXPORT ciphers.",
    "Prefer ECDHE suites with AES-GCM or ChaCha20-Poly1305 and disable the weak ones."
  ),
  "mx-cert-expired": rule(
    "mx-cert-expired",
    "mx",
    BY_MODE,
    "MX certificate has expired",
    "RFC 8461 \xA74.2: senders applying the policy refuse an expired certificate (result type certificate-expired).",
    "Renew the MX certificate and reload the mail server."
  ),
  "mx-cert-not-yet-valid": rule(
    "mx-cert-not-yet-valid",
    "mx",
    BY_MODE,
    "MX certificate is not yet valid",
    "The certificate validity starts in the future: senders refuse it (result type certificate-expired in RFC 8460 terms).",
    "Install a certificate that is valid now, or fix the clock of the machine that issued it."
  ),
  "mx-cert-expiring": rule(
    "mx-cert-expiring",
    "mx",
    WARN_UNLESS_NONE,
    "MX certificate expires soon",
    "When it expires, senders applying an enforce policy refuse to deliver.",
    "Renew the MX certificate before it expires (and check the renewal automation)."
  ),
  "mx-cert-untrusted": rule(
    "mx-cert-untrusted",
    "mx",
    BY_MODE,
    "MX certificate does not chain to a trusted root",
    "RFC 8461 \xA74.2: the chain must lead to a root trusted by senders; self-signed or incomplete chains are refused (result type certificate-not-trusted).",
    "Install a certificate from a public CA and serve the full chain (leaf and intermediates)."
  ),
  "mx-cert-hostname-mismatch": rule(
    "mx-cert-hostname-mismatch",
    "mx",
    BY_MODE,
    "MX certificate does not cover the MX name",
    "RFC 8461 \xA74.2: the certificate must be valid for the MX host name as published in DNS (result type certificate-host-mismatch).",
    "Issue a certificate whose subjectAltName covers the MX host name (a wildcard covers exactly one label)."
  ),
  "mx-cert-weak": rule(
    "mx-cert-weak",
    "mx",
    BY_MODE,
    "MX certificate uses a weak key or signature",
    "RSA keys under 2048 bits, EC keys under 256 bits, and SHA-1 or MD5 signatures are refused by modern OpenSSL-based senders.",
    "Reissue the certificate with an RSA 2048+ or EC P-256+ key and a SHA-256 signature."
  ),
  "mx-cert-revoked": rule(
    "mx-cert-revoked",
    "mx",
    BY_MODE,
    "MX certificate is revoked",
    "The CA says the certificate is revoked (stapled OCSP, the OCSP responder, or the CRL): senders that check revocation refuse it.",
    "Install a newly issued certificate on the MX."
  ),
  "smtp-port-blocked": rule(
    "smtp-port-blocked",
    "mx",
    ALWAYS_NOTICE,
    "SMTP port unreachable from this runner",
    "No MX of any domain accepted a TCP connection on the SMTP port: the runner most likely blocks outbound port 25 (GitHub-hosted runners do), so no MX was judged.",
    "Run on a self-hosted runner that may connect to port 25, or pass `smtp-probe: off` to skip MX probing explicitly."
  ),
  // reports
  "report-invalid": rule(
    "report-invalid",
    "reports",
    ALWAYS_WARNING,
    "TLS-RPT report could not be read",
    "A report file or message could not be parsed or is not an RFC 8460 report; it was left out of the totals.",
    "Check the named file; if a reporter sends it, the report is malformed at the source."
  ),
  "reports-failures-enforce": rule(
    "reports-failures-enforce",
    "reports",
    ALWAYS_ERROR,
    "Senders report failed TLS sessions under enforce",
    "Senders applied an enforce policy and failed to establish TLS: that mail was refused or delayed.",
    "Fix the failing MX named by the top result types, or return to `mode: testing` until it is fixed."
  ),
  "reports-failures-testing": rule(
    "reports-failures-testing",
    "reports",
    ALWAYS_WARNING,
    "Senders report failed TLS sessions under testing",
    "Mail was delivered, but switching to enforce would have failed these sessions.",
    "Fix the failures named by the top result types before switching to `mode: enforce`."
  ),
  "reports-stale-policy": rule(
    "reports-stale-policy",
    "reports",
    ALWAYS_WARNING,
    "Senders still apply an older policy",
    "Reporters applied a policy whose text differs from the live (or proposed) one: the `id` was not changed, or their cache has not expired yet.",
    "Publish a new `id` in the `_mta-sts` record whenever the policy changes."
  ),
  "reports-missing": rule(
    "reports-missing",
    "reports",
    ALWAYS_NOTICE,
    "No TLS-RPT report in the window",
    "TLS-RPT is published, but no report for this domain arrived within the report window.",
    "Check that the `rua` mailbox receives mail and that reports reach this check (reports input)."
  ),
  // DNS-as-code
  "zone-parse-error": rule(
    "zone-parse-error",
    "zones",
    ALWAYS_ERROR,
    "Zone file could not be read",
    "A DNS-as-code file is malformed at the named line, so its records were not judged.",
    "Fix the syntax at the named line."
  ),
  "policy-id-not-bumped": rule(
    "policy-id-not-bumped",
    "zones",
    BY_MODE,
    "Policy changed without a new id",
    "RFC 8461 \xA73.1: senders refetch the policy only when the `_mta-sts` id changes; without a new id they keep the cached old policy until max_age ends.",
    "Change the `id` of the `_mta-sts` record in the same change (a timestamp such as 20261122T120000 is common)."
  ),
  "enforce-switch-risky": rule(
    "enforce-switch-risky",
    "zones",
    ALWAYS_ERROR,
    "Switch to enforce while failures are seen",
    "The change proposes `mode: enforce` while reports or probes show TLS failures: those deliveries would be refused.",
    "Fix the failures first and keep `mode: testing` until reports are clean."
  )
};
var RULE_IDS = Object.keys(RULES);
function atLeast(severity, threshold) {
  return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[threshold];
}
function isEnforceRisk(f) {
  return f.severity === "error" && f.mode === "enforce";
}
function compareFindings(a, b) {
  return SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || (a.domain ?? "").localeCompare(b.domain ?? "") || a.rule.localeCompare(b.rule) || (a.subject ?? "").localeCompare(b.subject ?? "") || (a.location?.file ?? "").localeCompare(b.location?.file ?? "") || (a.location?.line ?? 0) - (b.location?.line ?? 0);
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

// src/core/rules/records.ts
function judgeRecords(_e, _s, _v, _out) {
  return [];
}

// src/core/rules/policy.ts
function judgePolicy(_e, _s, _out) {
  return {
    findings: [],
    verdict: { policy: null, mode: null, livePolicy: null, livePolicyText: null, filePolicy: null }
  };
}

// src/core/rules/mx.ts
function judgeMx(_e, _s, _v, _out) {
  return [];
}

// src/core/rules/reports.ts
function judgeReports(_e, _s, _v, _out) {
  return [];
}

// src/core/rules/zones.ts
function judgeZones(_e, _s, _v, _out) {
  return [];
}

// src/core/evaluate.ts
function evaluateDomain(evidence, settings) {
  const result = emptyDomainResult(evidence.domain);
  const { findings: policyFindings, verdict } = judgePolicy(evidence, settings, result);
  const findings = [
    ...judgeRecords(evidence, settings, verdict, result),
    ...policyFindings,
    ...judgeMx(evidence, settings, verdict, result),
    ...judgeReports(evidence, settings, verdict, result),
    ...judgeZones(evidence, settings, verdict, result)
  ];
  return { result, findings: findings.sort(compareFindings) };
}

// src/core/rules/port-blocked.ts
function applySmtpPortBlocked(findings, _observations, _settings) {
  return findings;
}

// src/net/observe.ts
async function observeDomain(domain, _deps) {
  return {
    domain,
    stsTxt: { kind: "error", error: "not implemented" },
    tlsRptTxt: { kind: "error", error: "not implemented" },
    mx: { kind: "error", error: "not implemented" },
    mxAddresses: {},
    policyHostAddresses: null,
    policyFetches: [],
    smtp: []
  };
}

// src/reports/load.ts
async function loadReports(_source, _windowDays, _logger) {
  return { byDomain: /* @__PURE__ */ new Map(), summary: { files: 0, parsed: 0, invalid: [] }, findings: [] };
}

// src/zones/load.ts
async function loadZones(_zoneGlobs, _policyFiles, _base, _logger) {
  return { byDomain: /* @__PURE__ */ new Map(), baseByDomain: /* @__PURE__ */ new Map(), basePolicyFiles: /* @__PURE__ */ new Map(), findings: [] };
}

// src/version.ts
var TOOL_NAME = "mta-sts-guard";
var TOOL_VERSION = "0.1.0";

// src/check.ts
var PROGRESS_THRESHOLD = 5;
async function check(config, deps) {
  const { logger } = deps;
  const now = deps.clock.now();
  const settings = {
    now,
    certExpiryWarningDays: config.certExpiryWarningDays,
    smtpProbe: config.smtpProbe,
    offline: config.offline
  };
  const policyFiles = await readPolicyFiles(config);
  const zones = await loadZones(config.zones, config.policyFiles, config.base, logger);
  const reports = await loadReports(
    { paths: config.reports, archives: deps.reportArchives },
    config.reportWindowDays,
    logger
  );
  const listed = [...config.domains];
  if (config.domainsFile) {
    listed.push(
      ...parseDomainList("--domains-file", await readConfigFile("--domains-file", config.domainsFile))
    );
  }
  const candidates = uniqueSorted([
    ...listed,
    ...policyFiles.keys(),
    ...zones.byDomain.keys(),
    // Offline, the reports name the domains to judge; live, only listed domains are probed.
    ...config.offline || listed.length === 0 ? reports.byDomain.keys() : []
  ]);
  const domains = shardDomains(candidates, config.shard);
  if (config.shard) {
    logger.info(
      `shard ${config.shard.index}/${config.shard.total}: ${domains.length} of ${candidates.length} domains`
    );
  }
  if (!config.offline && domains.length > 0 && !deps.network) {
    throw new Error("internal: a live check needs network adapters");
  }
  let done = 0;
  const observations = [];
  const judgements = await mapLimit(domains, config.concurrency, async (domain) => {
    const observation = config.offline ? null : await observeDomain(domain, deps.network);
    if (observation) observations.push(observation);
    const evidence = {
      domain,
      observation,
      policyFile: policyFiles.get(domain) ?? null,
      basePolicyFile: zones.basePolicyFiles.get(domain) ?? null,
      proposed: zones.byDomain.get(domain) ?? null,
      baseProposed: zones.baseByDomain.get(domain) ?? null,
      reports: reports.byDomain.get(domain) ?? null
    };
    const judgement = evaluateDomain(evidence, settings);
    done++;
    if (domains.length > PROGRESS_THRESHOLD) logger.progress(`checked ${done}/${domains.length}: ${domain}`);
    return judgement;
  });
  let findings = [
    ...zones.findings,
    ...reports.findings,
    ...judgements.flatMap((j) => j.findings)
  ];
  if (!config.offline) findings = applySmtpPortBlocked(findings, observations, settings);
  findings.sort(compareFindings);
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
    reports: reports.summary
  };
}
async function readPolicyFiles(config) {
  const files = /* @__PURE__ */ new Map();
  for (const spec of config.policyFiles) {
    if (files.has(spec.domain)) {
      throw new ConfigurationError(`--policy-file: ${spec.domain} is given more than once`);
    }
    files.set(spec.domain, { path: spec.path, text: await readConfigFile("--policy-file", spec.path) });
  }
  return files;
}
async function readConfigFile(flag, path) {
  try {
    return await readFile(path, "utf8");
  } catch (error) {
    const code = error.code;
    const reason = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "is a folder" : String(error);
    throw new ConfigurationError(`${flag}: cannot read ${path}: ${reason}`, { cause: error });
  }
}

// src/cli-args.ts
import { parseArgs } from "node:util";
var USAGE = `Usage: mta-sts-guard check [DOMAIN...] [options]

Checks MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) for the given domains, DNS-as-code files,
policy files and TLS-RPT reports.

Options:
  --domains-file FILE          one domain a line, # comments
  --zone GLOB                  DNS-as-code files (BIND, octoDNS YAML, DNSControl IR JSON); repeatable
  --policy-file DOMAIN=PATH    an mta-sts.txt kept in the repo; repeatable
  --reports GLOB               TLS-RPT reports: .json .json.gz .eml .mbox .zip or folders; repeatable
  --report-window-days N       default 7
  --resolver IP[:PORT]         DNS server; default: the system's first nameserver
  --doh URL                    DNS over HTTPS instead of --resolver
  --smtp-probe auto|on|off     default auto
  --smtp-port N                default 25
  --policy-port N              default 443 (test rigs and the demo only)
  --timeout-seconds N          per network operation, default 15
  --concurrency N              domains checked at once, default 16
  --cert-expiry-warning-days N default 14
  --shard I/N                  check only the I-th of N slices of the domain list
  --offline                    no network: only zone, policy and report files are judged
  --base REV                   git revision to compare zone and policy files against
  --format text|json|markdown|sarif   default text
  --output FILE                write the rendering there instead of stdout
  --fail-on error|warning|never       default error
  -h, --help                   this text
  -V, --version                the version

Exit: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.`;
var OPTIONS = {
  "domains-file": { type: "string" },
  zone: { type: "string", multiple: true },
  "policy-file": { type: "string", multiple: true },
  reports: { type: "string", multiple: true },
  "report-window-days": { type: "string" },
  resolver: { type: "string" },
  doh: { type: "string" },
  "smtp-probe": { type: "string" },
  "smtp-port": { type: "string" },
  "policy-port": { type: "string" },
  "timeout-seconds": { type: "string" },
  concurrency: { type: "string" },
  "cert-expiry-warning-days": { type: "string" },
  shard: { type: "string" },
  offline: { type: "boolean" },
  base: { type: "string" },
  format: { type: "string" },
  output: { type: "string" },
  "fail-on": { type: "string" },
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
  const [command, ...domains] = positionals;
  if (command === void 0) throw new ConfigurationError("missing command: expected `check` (see --help)");
  if (command !== "check") throw new ConfigurationError(`unknown command '${command}': expected \`check\``);
  const config = defaultConfig();
  config.domains = domains.map((d) => normalizeDomain("DOMAIN", d));
  config.domainsFile = values["domains-file"] ?? null;
  config.zones = values.zone ?? [];
  config.policyFiles = (values["policy-file"] ?? []).map((v) => parsePolicyFileSpec("--policy-file", v));
  config.reports = values.reports ?? [];
  const int = (flag, min, max, fallback) => {
    const raw = values[flag];
    return typeof raw === "string" ? parseInteger(`--${flag}`, raw, min, max) : fallback;
  };
  config.reportWindowDays = int("report-window-days", 1, 3650, config.reportWindowDays);
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
  config.offline = values.offline ?? false;
  config.base = values.base ?? null;
  if (values.format !== void 0) {
    config.format = parseChoice("--format", values.format, ["text", "json", "markdown", "sarif"]);
  }
  config.output = values.output ?? null;
  if (values["fail-on"] !== void 0) {
    config.failOn = parseChoice("--fail-on", values["fail-on"], ["error", "warning", "never"]);
  }
  return { kind: "check", config };
}

// src/core/fail-policy.ts
function failingFindings(findings, failOn) {
  if (failOn === "never") return [];
  return findings.filter((f) => f.status !== "existing" && atLeast(f.severity, failOn));
}

// src/net/network.ts
async function createNetwork(_config, _logger) {
  throw new Error("live network checks are not implemented yet");
}

// src/ports.ts
var systemClock = { now: () => /* @__PURE__ */ new Date() };

// src/render/json.ts
function renderJson(result) {
  return JSON.stringify(result, null, 2) + "\n";
}

// src/render/markdown.ts
function renderMarkdown(result) {
  const lines = [`# mta-sts-guard: ${result.summary.errors} errors, ${result.summary.warnings} warnings`, ""];
  for (const f of result.findings)
    lines.push(`- **${f.severity}** \`${f.rule}\` ${f.domain ?? ""}: ${f.message}`);
  return lines.join("\n") + "\n";
}

// src/render/sarif.ts
function renderSarif(result) {
  return JSON.stringify(
    { version: "2.1.0", runs: [{ tool: { driver: { name: result.tool.name } }, results: [] }] },
    null,
    2
  ) + "\n";
}

// src/render/text-reports.ts
function renderReportsText(summary) {
  return [`  reports: ${summary.successfulSessions} successful, ${summary.failedSessions} failed sessions`];
}

// src/render/text.ts
var MARK = { error: "ERROR  ", warning: "WARNING", notice: "notice " };
function renderText(result) {
  const { summary } = result;
  const out = [];
  const verdict = summary.errors > 0 ? summary.enforceRisk ? "FAIL: enforce-mode risk, compliant senders will refuse mail" : "FAIL" : summary.warnings > 0 ? "PASS with warnings" : "PASS";
  out.push(
    `mta-sts-guard ${result.tool.version}: ${verdict}`,
    `${summary.domains} domain(s), ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.notices} notice(s)`
  );
  if (result.reports.files > 0) {
    out.push(
      `reports: ${result.reports.files} file(s), ${result.reports.parsed} report(s) parsed, ${result.reports.invalid.length} invalid`
    );
  }
  const byDomain = /* @__PURE__ */ new Map();
  for (const f of result.findings) {
    const list = byDomain.get(f.domain) ?? [];
    list.push(f);
    byDomain.set(f.domain, list);
  }
  const general = byDomain.get(null) ?? [];
  if (general.length > 0) {
    out.push("", "Files");
    out.push(...general.map(formatFinding));
  }
  for (const domain of result.domains) {
    out.push("", ...renderDomain(domain, byDomain.get(domain.domain) ?? []));
  }
  return out.join("\n") + "\n";
}
function renderDomain(d, findings) {
  const policy = d.mtaSts.policy;
  const head = [
    policy ? `mode ${policy.mode}` : "no policy",
    d.mtaSts.record ? `id ${d.mtaSts.record.id}` : null,
    d.tlsRpt.record ? `TLS-RPT ${d.tlsRpt.record.rua.join(", ")}` : null
  ].filter((x) => x !== null);
  const lines = [`${d.domain}  (${head.join(" \xB7 ")})`];
  for (const mx of d.mx) {
    const tls = mx.tls;
    const facts = [
      mx.matchesPolicy === false ? "NOT IN POLICY" : null,
      tls ? tls.starttls ? `${tls.version ?? "?"} ${tls.cipher ?? ""}`.trim() : "no STARTTLS" : null,
      tls?.certificate ? `cert ${tls.certificate.daysLeft} days left` : null,
      mx.error
    ].filter((x) => x !== null && x !== "");
    lines.push(`  MX ${mx.preference} ${mx.host}${facts.length ? `: ${facts.join(", ")}` : ""}`);
  }
  if (d.reports) lines.push(...renderReportsText(d.reports));
  if (findings.length === 0) lines.push("  no findings");
  lines.push(...findings.map(formatFinding));
  return lines;
}
function formatFinding(f) {
  const where = f.location ? ` (${f.location.file}:${f.location.line})` : f.subject ? ` [${f.subject}]` : "";
  const status = f.status === "existing" ? " (existing)" : "";
  const lines = [`  ${MARK[f.severity]} ${f.rule}${where}${status}: ${f.message}`];
  if (f.remediation) lines.push(`           fix: ${f.remediation}`);
  return lines.join("\n");
}

// src/render/index.ts
function render(result, format) {
  switch (format) {
    case "json":
      return renderJson(result);
    case "markdown":
      return renderMarkdown(result);
    case "sarif":
      return renderSarif(result);
    case "text":
      return renderText(result);
  }
}

// src/cli.ts
var stderrLogger = {
  debug: (m) => {
    if (process.env["MTA_STS_GUARD_DEBUG"]) process.stderr.write(`debug: ${m}
`);
  },
  info: (m) => process.stderr.write(`${m}
`),
  warning: (m) => process.stderr.write(`warning: ${m}
`),
  progress: (m) => process.stderr.write(`${m}
`)
};
async function runCli(argv) {
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    return usageError(error);
  }
  if (command.kind === "help") {
    process.stdout.write(USAGE + "\n");
    return 0;
  }
  if (command.kind === "version") {
    process.stdout.write(TOOL_VERSION + "\n");
    return 0;
  }
  const { config } = command;
  const network = config.offline ? void 0 : await createNetwork(config, stderrLogger);
  try {
    const result = await check(config, { clock: systemClock, logger: stderrLogger, network });
    const text = render(result, config.format);
    if (config.output) await writeFile(config.output, text);
    else process.stdout.write(text);
    return failingFindings(result.findings, config.failOn).length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigurationError) return usageError(error);
    throw error;
  } finally {
    await network?.close();
  }
}
function usageError(error) {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mta-sts-guard: ${message}
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
