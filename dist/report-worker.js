import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/reports/pool.ts
import { parentPort as parentPort2, Worker } from "node:worker_threads";

// src/core/idn.ts
import { domainToASCII, domainToUnicode } from "node:url";
var LABEL_SEPARATORS = /[.\u3002\uff0e\uff61]/;
var ASCII_ONLY = /^[\u0000-\u007f]*$/;
var UNSAFE_ASCII = /[^\u0080-\u{10ffff}A-Za-z0-9_-]/u;
var A_LABEL = /^[a-z0-9-]+$/;
function toALabels(name) {
  if (ASCII_ONLY.test(name)) return { name: name.toLowerCase() };
  const labels = name.split(LABEL_SEPARATORS);
  const out = [];
  for (const label of labels) {
    if (ASCII_ONLY.test(label)) {
      out.push(label.toLowerCase());
      continue;
    }
    const bad = UNSAFE_ASCII.exec(label);
    if (bad) return { problem: `the label "${label}" contains "${bad[0]}"` };
    const ascii = domainToASCII(label);
    if (ascii === "" || !A_LABEL.test(ascii)) {
      return { problem: `the label "${label}" is not a valid internationalized label (UTS #46)` };
    }
    out.push(ascii);
  }
  return { name: out.join(".") };
}

// src/core/policy.ts
var MAX_POLICY_BYTES = 64 * 1024;
function normalizeHost(host) {
  return host.trim().toLowerCase().replace(/\.$/, "");
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
function essenceKey(e) {
  return `mode: ${e.mode ?? "?"}; max_age: ${e.maxAge ?? "?"}; mx: ${e.mx.join(", ") || "-"}`;
}

// src/core/findings.ts
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
    ALWAYS_ERROR,
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
    "The policy host did not answer 200 (or not at all): new senders cannot learn the policy, and cached policies expire without renewal. Also reported for a change that deletes the repository's policy file while the `_mta-sts` record stays (with --base).",
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
    "Policy mixes line endings",
    "The policy mixes CRLF and LF line endings. RFC 8461 \xA73.2 prose says CRLF, its ABNF (and erratum 6253) accepts LF; a mix suggests a file edited on two systems. LF-only files are not reported.",
    "Save the policy with one kind of line ending throughout (LF or CRLF)."
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
    "A report file or message could not be parsed, is not an RFC 8460 report, has a date range that ends before it starts, or is dated more than a day after the run's clock; it was left out of the totals.",
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
    "TLS-RPT is published (or proposed in a zone file) and reports were given, but none of them for this domain falls in the report window counted back from the run's clock: the report collector may be broken.",
    "Check that the `rua` mailbox receives mail and that reports reach this check (reports input)."
  ),
  "enforce-ready": rule(
    "enforce-ready",
    "reports",
    ALWAYS_NOTICE,
    "Ready to switch to enforce",
    "The domain is in `mode: testing`, and the reports of the window (on at least the readiness days, from at least two reporters) show no failed session under the current policy, and every MX probe is clean: senders applying enforce would deliver all the mail they deliver now.",
    "Publish the policy with `mode: enforce` and a `max_age` of at least one week (604800), with a new `id` in the `_mta-sts` record."
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
  ),
  // runner
  "resolver-failed": rule(
    "resolver-failed",
    "runner",
    ALWAYS_ERROR,
    "The run's resolver failed",
    "The resolver this run uses did not answer most lookups (unreachable, timeouts, SERVFAIL or REFUSED for everything): no domain could be observed, so none was judged from DNS and no issue is opened, updated or closed for them. One run-level finding replaces the per-domain ones.",
    "Check that the resolver is reachable from this runner, or pass --resolver / --doh (action: resolver, doh) with one that is, and rerun."
  ),
  "dns-lookup-failed": rule(
    "dns-lookup-failed",
    "runner",
    ALWAYS_WARNING,
    "A DNS lookup failed",
    "One lookup of this domain got no answer (timeout, SERVFAIL, REFUSED) while the resolver answered others: what it would have shown was not judged. This is not a missing or invalid record, though senders meeting the same failure cannot read it either.",
    "Check that the authoritative name servers answer for this name (and that DNSSEC validates); rerun to rule out a transient failure."
  ),
  "host-address-unusable": rule(
    "host-address-unusable",
    "runner",
    BY_MODE,
    "Host resolves to an address no sender can use",
    "An MX or policy host has an A/AAAA record in 0.0.0.0/8, 169.254.0.0/16, multicast, broadcast, 240.0.0.0/4, or IPv6 unspecified, link-local or multicast: no sender can connect there, so the address was reported and never connected to.",
    "Remove the address from the A/AAAA records of the host, or replace it with the address the host really listens on."
  )
};
var RULE_IDS = Object.keys(RULES);
var RFC8460_RESULT_TYPES = /* @__PURE__ */ new Set([
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

// src/core/aggregate.ts
var NOT_REPORTED = "(not reported)";
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

// src/reports/decode.ts
import { isUtf8 } from "node:buffer";
import { constants as constants2, gunzipSync as gunzipSync2 } from "node:zlib";

// src/reports/limits.ts
var MAX_REPORT_JSON_BYTES = 16 * 1024 * 1024;
var MAX_MESSAGE_BYTES = 32 * 1024 * 1024;
var MAX_FILE_BYTES = MAX_REPORT_JSON_BYTES;
var MAX_HEADER_VALUE_CHARS = 16 * 1024;
var MAX_ZIP_TOTAL_BYTES = 1024 * 1024 * 1024;

// src/reports/small-gunzip.ts
import { constants, Gunzip, gunzipSync, gzipSync } from "node:zlib";
var SMALL_OUTPUT_BYTES = 64 * 1024;
var engine = null;
var usable = null;
function gunzipSmall(bytes) {
  const isize = gzipTrailerSize(bytes);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  if (usable === null) usable = selfTest();
  if (!usable) return null;
  return inflateOnce(bytes, isize);
}
function gzipTrailerSize(bytes) {
  if (bytes.length < 18) return null;
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(bytes.length - 4, true);
}
function gunzipSmallInto(bytes, out, offset) {
  const isize = gzipTrailerSize(bytes);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  if (usable === null) usable = selfTest();
  if (!usable) return null;
  return inflateInto(bytes, isize, out, offset) ? isize : null;
}
function inflateOnce(bytes, isize) {
  const out = Buffer.allocUnsafe(isize + 1);
  return inflateInto(bytes, isize, out, 0) ? out.subarray(0, isize) : null;
}
function inflateInto(bytes, isize, out, offset) {
  const e = engine ??= newEngine();
  const handle = e._handle;
  if (handle === null) return false;
  try {
    handle.reset();
    handle.writeSync(constants.Z_FINISH, bytes, 0, bytes.length, out, offset, isize + 1);
  } catch {
    engine = null;
    return false;
  }
  if (e.destroyed || e._handle === null) {
    engine = null;
    return false;
  }
  const outLeft = e._writeState[0];
  const inLeft = e._writeState[1];
  return inLeft === 0 && outLeft === 1;
}
function newEngine() {
  const e = new Gunzip();
  e.on("error", () => void 0);
  return e;
}
function selfTest() {
  try {
    const probe = newEngine();
    if (typeof probe._handle?.writeSync !== "function" || typeof probe._handle.reset !== "function")
      return false;
    if (!(probe._writeState instanceof Uint32Array) || probe._writeState.length !== 2) return false;
    engine = probe;
    const sample = Buffer.from('{"self-test":"mta-sts-guard"}');
    const gz = gzipSync(sample);
    const first = inflateOnce(gz, sample.length);
    const again = inflateOnce(gz, sample.length);
    const truncated = inflateOnce(gz.subarray(0, gz.length - 1), sample.length);
    const afterError = inflateOnce(gz, sample.length);
    return first !== null && first.equals(sample) && again !== null && again.equals(sample) && truncated === null && afterError !== null && afterError.equals(sample) && gunzipSync(gz).equals(sample);
  } catch {
    return false;
  } finally {
    engine = null;
  }
}

// src/reports/decode.ts
function isGzip(bytes) {
  return bytes.length >= 2 && bytes[0] === 31 && bytes[1] === 139;
}
function isZip(bytes) {
  return bytes.length >= 4 && bytes[0] === 80 && bytes[1] === 75 && (bytes[2] === 3 && bytes[3] === 4 || bytes[2] === 5 && bytes[3] === 6);
}
function looksLikeJson(bytes) {
  let i = bytes[0] === 239 && bytes[1] === 187 && bytes[2] === 191 ? 3 : 0;
  while (i < bytes.length && (bytes[i] === 32 || bytes[i] === 9 || bytes[i] === 10 || bytes[i] === 13))
    i++;
  return bytes[i] === 123;
}
function gunzipCapped(bytes, cap = MAX_REPORT_JSON_BYTES) {
  const small = cap >= SMALL_OUTPUT_BYTES ? gunzipSmall(bytes) : null;
  if (small !== null) return { ok: true, bytes: small };
  try {
    return { ok: true, bytes: gunzipSync2(bytes, { maxOutputLength: cap, chunkSize: outputChunk(bytes) }) };
  } catch (error) {
    return gunzipError(error, cap);
  }
}
var MIN_OUTPUT_CHUNK = 1024;
function outputChunk(bytes) {
  const isize = gzipTrailerSize(bytes);
  if (isize === null) return constants2.Z_DEFAULT_CHUNK;
  return Math.min(Math.max(isize + 1, MIN_OUTPUT_CHUNK), constants2.Z_DEFAULT_CHUNK);
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

// src/reports/prefetch.ts
import { closeSync, constants as constants3, fstatSync, openSync, readSync } from "node:fs";
var PREFETCH_BATCH_BYTES = 4 * 1024 * 1024;
var PREFETCH_MAX_BYTES = 1024 * 1024;
function readSmallFile(path) {
  let buffer = null;
  const length = readSmall(path, (size) => buffer = Buffer.allocUnsafe(size));
  return length === null ? { kind: "defer" } : { kind: "bytes", bytes: buffer.subarray(0, length) };
}
function readSmallFileInto(path, scratch2) {
  return readSmall(path, (size) => {
    if (scratch2.buffer.length < size)
      scratch2.buffer = new Uint8Array(Math.max(size, 2 * scratch2.buffer.length));
    return scratch2.buffer;
  });
}
function readSmall(path, into) {
  let fd;
  try {
    fd = openSync(path, constants3.O_RDONLY | constants3.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const info = fstatSync(fd);
    if (!info.isFile() || info.size > PREFETCH_MAX_BYTES) return null;
    return readWhole(fd, info.size, into(info.size + 1));
  } catch {
    return null;
  } finally {
    closeSync(fd);
  }
}
function readWhole(fd, size, buffer) {
  const room = Math.min(buffer.length, size + 1);
  let length = 0;
  for (; ; ) {
    const n = readSync(fd, buffer, length, room - length, null);
    if (n === 0) return length;
    length += n;
    if (length === room) return null;
    if (length === size) return length;
  }
}

// src/reports/kind.ts
function kindFromName(name) {
  const lower = name.toLowerCase();
  if (lower.endsWith(".json")) return "json";
  if (lower.endsWith(".gz") || lower.endsWith(".gzip")) return "gzip";
  if (lower.endsWith(".eml")) return "eml";
  if (lower.endsWith(".mbox") || lower.endsWith(".mbx")) return "mbox";
  if (lower.endsWith(".zip")) return "zip";
  return null;
}
function hasNoExtension(name) {
  const base = name.split(/[\\/]/).pop() ?? name;
  return !/\.[A-Za-z0-9]{1,8}$/.test(base);
}
var HEADER_LINE = /^[A-Za-z][A-Za-z0-9-]*:[ \t]/;
function kindFromBytes(head) {
  if (isGzip(head)) return "gzip";
  if (isZip(head)) return "zip";
  if (looksLikeJson(head)) return "json";
  const text = Buffer.from(head.buffer, head.byteOffset, Math.min(head.byteLength, 256)).toString("latin1");
  if (text.startsWith("From ")) return "mbox";
  if (HEADER_LINE.test(text)) return "eml";
  return null;
}
function decideKind(name, head, explicit) {
  const byBytes = kindFromBytes(head);
  if (byBytes === "gzip" || byBytes === "zip") return byBytes;
  const byName = kindFromName(name);
  if (byName === "gzip" || byName === "zip") return byName;
  if (byName) return byName;
  if (explicit || hasNoExtension(name)) return byBytes ?? (explicit ? "unknown" : "skip");
  return "skip";
}

// src/reports/payload.ts
function readPayload(input, policyDomain) {
  const inflated = inflatePayload(input);
  if (inflated.ok !== true) return inflated;
  return readJsonPayload(inflated.bytes, policyDomain);
}
function inflatePayload(input) {
  let bytes = input;
  if (isGzip(bytes)) {
    const g = gunzipCapped(bytes);
    if (!g.ok) return g;
    bytes = g.bytes;
  }
  if (!looksLikeJson(bytes)) return { ok: "not-json" };
  return { ok: true, bytes };
}
function readJsonPayload(bytes, policyDomain) {
  const decoded = decodeReportBytes(bytes);
  if (!decoded.ok) return decoded;
  const parsed = parseReport(decoded.value, { policyDomain });
  if (!parsed.ok) return parsed;
  const report = parsed.report;
  if (decoded.bom) report.quirks.push({ code: "bom", detail: "UTF-8 byte order mark before the JSON" });
  return { ok: true, digest: digestReport(report) };
}

// src/reports/report-file.ts
var SNIFF_BYTES = 512;
function fileCap(kind) {
  return kind === "eml" || kind === "unknown" ? MAX_MESSAGE_BYTES : MAX_FILE_BYTES;
}
function prepareSmallFile(path, explicit, bytes) {
  const kind = decideKind(path, bytes.subarray(0, SNIFF_BYTES), explicit);
  if (kind === "skip") return { kind: "skip" };
  const cap = fileCap(kind);
  if (bytes.length > cap) {
    return {
      kind: "invalid",
      error: `${bytes.length} bytes, more than the limit of ${cap} for a ${kind} file`
    };
  }
  if (kind !== "json" && kind !== "gzip") return { kind: "other", fileKind: kind };
  const inflated = inflatePayload(bytes);
  if (inflated.ok === true) return { kind: "json", bytes: inflated.bytes };
  return { kind: "invalid", error: inflated.ok === "not-json" ? notJsonReason(bytes) : inflated.error };
}
function finishSmallFile(path, json) {
  const reading = readJsonPayload(json, policyDomainFromFilename(path));
  return reading.ok ? { kind: "report", digest: reading.digest } : { kind: "invalid", error: reading.error };
}
function notJsonReason(bytes) {
  const text = bytes.subarray(0, 16).toString("latin1").trim();
  if (text.startsWith("<")) return "not a TLS-RPT report: XML (a DMARC report?), not JSON";
  if (text.replace(/^\uFEFF|^\u00EF\u00BB\u00BF/, "").startsWith("[")) {
    return "not a TLS-RPT report: a JSON array, where RFC 8460 \xA74.4 has an object";
  }
  return bytes.length === 0 ? "empty" : "not valid JSON: does not start with an object";
}

// src/reports/inflated-files.ts
var MAX_INFLATED_BATCH_BYTES = 8 * 1024 * 1024;
function inflateFiles(files) {
  let bytes = Buffer.allocUnsafeSlow(Math.max(1, files.length) * BYTES_PER_FILE);
  const ends = new Uint32Array(files.length);
  const others = [];
  let total = 0;
  const room = (needed) => {
    if (total + needed <= bytes.length) return;
    const grown = Buffer.allocUnsafeSlow(Math.max(total + needed, 2 * bytes.length));
    grown.set(bytes.subarray(0, total));
    bytes = grown;
  };
  for (let i = 0; i < files.length; i++) {
    if (total >= MAX_INFLATED_BATCH_BYTES) others.push([i, DEFER]);
    else {
      const placed = inflateInPlace(files[i], total, room, () => bytes);
      if (placed !== null) total += placed;
      else {
        const prepared = prepareFileJob(files[i]);
        if (prepared.kind === "json") {
          room(prepared.bytes.length);
          bytes.set(prepared.bytes, total);
          total += prepared.bytes.length;
        } else others.push([i, prepared]);
      }
    }
    ends[i] = total;
  }
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, total), ends, others };
}
var DEFER = { kind: "defer" };
var BYTES_PER_FILE = 1024;
var scratch = { buffer: new Uint8Array(64 * 1024) };
function inflateInPlace(f, at, room, batch) {
  const length = readSmallFileInto(f.path, scratch);
  if (length === null || length > fileCap("gzip")) return null;
  const input = scratch.buffer.subarray(0, length);
  if (!isGzip(input)) return null;
  const isize = gzipTrailerSize(input);
  if (isize === null || isize >= SMALL_OUTPUT_BYTES) return null;
  room(isize + 1);
  const out = batch();
  const inflated = gunzipSmallInto(input, out, at);
  if (inflated === null || !looksLikeJson(out.subarray(at, at + inflated))) return null;
  return inflated;
}
function prepareFileJob(f) {
  try {
    const read = readSmallFile(f.path);
    if (read.kind === "defer") return DEFER;
    const prepared = prepareSmallFile(f.path, f.explicit, read.bytes);
    return prepared.kind === "other" ? DEFER : prepared;
  } catch (error) {
    return thrownOutcome(error);
  }
}
function thrownOutcome(error) {
  return { kind: "throw", error: error instanceof Error ? error.message : String(error) };
}

// src/reports/worker-mark.ts
import { isMainThread, parentPort, workerData } from "node:worker_threads";
var WORKER_MARK = "mta-sts-guard/report-parser";
function isParserThread() {
  return !isMainThread && parentPort !== null && workerData?.[WORKER_MARK] === true;
}

// src/reports/pool.ts
function serve(port) {
  port.on("message", (request) => {
    if ("inflate" in request) {
      const results2 = inflateFiles(request.inflate);
      port.postMessage({ id: request.id, results: results2 }, [results2.bytes.buffer]);
      return;
    }
    let results;
    if ("files" in request) results = readPacked(request.files);
    else results = request.jobs.map((j) => pack(parseJob(j)));
    port.postMessage({ id: request.id, results });
  });
}
function readFileJob(f) {
  const prepared = prepareFileJob(f);
  if (prepared.kind !== "json") return prepared;
  try {
    return finishSmallFile(f.path, prepared.bytes);
  } catch (error) {
    return thrownOutcome(error);
  }
}
function packOutcome(o) {
  if (o.kind === "report") {
    for (const p of o.digest.policies) {
      if (p.tally.details === 0) p.tally = null;
    }
  }
  return JSON.stringify(o);
}
function readPacked(files) {
  return `[${files.map((f) => packOutcome(readFileJob(f))).join(",")}]`;
}
function pack(r) {
  if (r.ok === true) packDigest(r.digest);
  return r;
}
function packDigest(digest) {
  for (const p of digest.policies) {
    const t = p.tally;
    const ips = t.ips;
    if (ips.length < 2) continue;
    const lengths = new Uint32Array(ips.length);
    for (let i = 0; i < ips.length; i++) lengths[i] = ips[i].length;
    t.ips = { text: ips.join(""), lengths };
  }
}
function parseJob(j) {
  try {
    return readPayload(j.bytes, j.hint);
  } catch (error) {
    return { ok: "throw", error: error instanceof Error ? error.message : String(error) };
  }
}
if (isParserThread()) serve(parentPort2);
