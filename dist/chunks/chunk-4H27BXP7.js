import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

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
function finding(rule2, mode, input) {
  const spec = RULES[rule2];
  const result = {
    rule: rule2,
    severity: spec.severity[mode ?? "none"],
    domain: input.domain,
    message: input.message
  };
  if (input.subject !== void 0) result.subject = input.subject;
  if (input.location !== void 0) result.location = input.location;
  if (input.resultType !== void 0) result.resultType = input.resultType;
  result.remediation = input.remediation ?? spec.remediation;
  result.mode = mode;
  return result;
}
function atLeast(severity, threshold) {
  return SEVERITY_ORDER[severity] >= SEVERITY_ORDER[threshold];
}
function isEnforceRisk(f) {
  return f.severity === "error" && f.mode === "enforce";
}
function compareFindings(a, b) {
  return SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity] || (a.domain ?? "").localeCompare(b.domain ?? "") || a.rule.localeCompare(b.rule) || (a.subject ?? "").localeCompare(b.subject ?? "") || (a.location?.file ?? "").localeCompare(b.location?.file ?? "") || (a.location?.line ?? 0) - (b.location?.line ?? 0);
}

export {
  SEVERITY_ORDER,
  RULES,
  RULE_IDS,
  RFC8460_RESULT_TYPES,
  finding,
  atLeast,
  isEnforceRisk,
  compareFindings
};
