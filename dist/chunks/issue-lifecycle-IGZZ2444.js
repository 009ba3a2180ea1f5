import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  GitHubApiError
} from "./chunk-NXBR4MLO.js";
import {
  readableTimestamps
} from "./chunk-MQW6HBKM.js";
import {
  code,
  escapeMarkdown,
  inlineMarkdown,
  markerValue,
  oneLine
} from "./chunk-64CDEVP6.js";
import {
  RULES
} from "./chunk-4H27BXP7.js";
import "./chunk-FDGYIFXX.js";

// src/github/issue-body.ts
import { createHash } from "node:crypto";

// src/github/unobserved.ts
var LIVE_PARTS = [
  "sts-record",
  "tlsrpt-record",
  "policy",
  "mx-dns",
  "mx-probe"
];
var MODE_DEPENDENT = ["policy", "mx-dns", "mx-probe"];
var MX_DNS_RULES = /* @__PURE__ */ new Set(["mx-missing", "mx-null", "mx-not-in-policy", "policy-mx-unmatched"]);
function riskPart(f) {
  if (f.location !== void 0) return "files";
  if (f.rule.startsWith("sts-record-")) return "sts-record";
  if (f.rule.startsWith("tlsrpt-record-")) return "tlsrpt-record";
  if (MX_DNS_RULES.has(f.rule)) return "mx-dns";
  if (f.rule === "host-address-unusable") return f.subject?.startsWith("mta-sts.") ? "policy" : "mx-probe";
  if (f.rule.startsWith("mx-")) return "mx-probe";
  if (f.rule.startsWith("policy-")) return "policy";
  return "files";
}
function unobservedParts(result, domain, options) {
  const parts = /* @__PURE__ */ new Map();
  const mark = (list, why) => {
    for (const part of list) if (!parts.has(part)) parts.set(part, why);
  };
  const runLevel = result.findings.filter((f) => f.domain === null);
  if (runLevel.some((f) => f.rule === "resolver-failed")) mark(LIVE_PARTS, "the run's resolver failed");
  for (const f of result.findings) {
    if (f.domain !== domain || f.rule !== "dns-lookup-failed") continue;
    const name = f.subject ?? "";
    const why = name.startsWith("_") ? "a TXT lookup failed" : "a DNS lookup failed";
    if (name === `_mta-sts.${domain}`) mark(["sts-record", ...MODE_DEPENDENT], why);
    else if (name === `_smtp._tls.${domain}`) mark(["tlsrpt-record"], why);
    else if (name === `mta-sts.${domain}`) mark(MODE_DEPENDENT, why);
    else if (name === domain) mark(["mx-dns", "mx-probe"], why);
    else mark(["mx-probe"], why);
  }
  if (runLevel.some((f) => f.rule === "smtp-port-blocked"))
    mark(["mx-probe"], "the SMTP port is blocked on this runner");
  if (!options.smtpProbeRan) mark(["mx-probe"], "the SMTP probe is off");
  return parts;
}
function whollyUnobserved(parts) {
  return LIVE_PARTS.every((p) => parts.has(p));
}

// src/github/issue-body.ts
var MAX_ISSUE_BODY_CHARS = 65536;
var ISSUE_BODY_BUDGET = 6e4;
var MAX_MARKER_KEYS = 1e3;
var MARKER = "mta-sts-guard";
function domainMarker(domain) {
  return `<!-- ${MARKER}:domain=${markerValue(domain)} -->`;
}
function parseIssueMarker(body) {
  if (!body) return null;
  const domain = /<!-- mta-sts-guard:domain=([^\s]+) -->/.exec(body);
  if (!domain) return null;
  let name;
  try {
    name = decodeURIComponent(domain[1]);
  } catch {
    return null;
  }
  const keys = /<!-- mta-sts-guard:risks=([0-9a-f,]*) -->/.exec(body);
  return { domain: name, keys: keys?.[1] ? keys[1].split(",") : [] };
}
function riskKey(f) {
  const parts = [
    f.rule,
    f.domain ?? "",
    f.subject ?? "",
    f.location ? `${f.location.file}:${f.location.line}` : "",
    f.message.replace(/\d+/g, "#")
  ];
  return createHash("sha256").update(parts.join("\n")).digest("hex").slice(0, 12);
}
function issueTitle(domain) {
  return `MTA-STS risk: ${oneLine(domain, 200)}`;
}
function riskItem(f, checkbox = true) {
  const spec = RULES[f.rule];
  const lines = [`- ${checkbox ? "[ ] " : ""}**${spec.title}** (\`${f.rule}\`)${where(f)}`];
  if (f.remediation) lines.push(`  Fix: ${inlineMarkdown(f.remediation)}`);
  lines.push(`  Evidence: ${escapeMarkdown(readableTimestamps(f.message))}`);
  return lines.join("\n");
}
function where(f) {
  if (f.location) return ` \u2014 ${code(`${f.location.file}:${f.location.line}`)}`;
  return f.subject ? ` \u2014 ${code(f.subject)}` : "";
}
var MAX_RISKS_IN_LEAD = 5;
function atRiskLine(risks) {
  const byRule = /* @__PURE__ */ new Map();
  for (const f of risks) byRule.set(f.rule, [...byRule.get(f.rule) ?? [], f]);
  const named = [...byRule].slice(0, MAX_RISKS_IN_LEAD).map(([rule, fs]) => {
    const places = [...new Set(fs.map((f) => where(f).slice(3)).filter((p) => p !== ""))];
    const at = places.length === 1 ? ` (${places[0]})` : places.length > 1 ? ` (${places.length} places)` : "";
    return `${escapeMarkdown(RULES[rule].title)}${at}`;
  });
  if (byRule.size > MAX_RISKS_IN_LEAD) named.push(`${byRule.size - MAX_RISKS_IN_LEAD} more`);
  return `**At risk:** ${named.join("; ")}.`;
}
var NOTE_RESERVE_CHARS = 300;
function boundedItems(items, budget, what) {
  const out = [];
  let used = 0;
  const total = items.reduce((n, item) => n + item.length + 1, 0);
  const room = total <= budget ? budget : budget - NOTE_RESERVE_CHARS;
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (used + item.length + 1 > room) {
      out.push(
        `- _\u2026 and ${items.length - i} more ${what} not listed: GitHub limits a body to ${MAX_ISSUE_BODY_CHARS.toLocaleString("en-US")} characters. The workflow run's summary lists them all._`
      );
      break;
    }
    out.push(item);
    used += item.length + 1;
  }
  return out;
}
var PART_NAMES = {
  "sts-record": "the MTA-STS record",
  "tlsrpt-record": "the TLS-RPT record",
  policy: "the policy",
  "mx-dns": "the MX records",
  "mx-probe": "the MX TLS sessions and certificates",
  files: "the repository files"
};
function itemMarker(f) {
  return `<!-- ${MARKER}:risk=${riskKey(f)}:${riskPart(f)} -->`;
}
var ITEM_MARKER = /<!-- mta-sts-guard:risk=([0-9a-f]+):([a-z-]+) -->/;
function parseIssueItems(body) {
  const lines = body.replace(/\r\n/g, "\n").split("\n");
  const items = [];
  for (let i = 0; i < lines.length; i++) {
    const match = ITEM_MARKER.exec(lines[i]);
    if (!lines[i].startsWith("- ") || !match || !(match[2] in PART_NAMES)) continue;
    const block = [lines[i]];
    while (i + 1 < lines.length && lines[i + 1].startsWith("  ")) block.push(lines[++i]);
    items.push({ key: match[1], part: match[2], text: block.join("\n") });
  }
  return items.length === 0 && /:risks=[0-9a-f]/.test(body) ? null : items;
}
function unobservedNote(unobserved) {
  const byReason = /* @__PURE__ */ new Map();
  for (const [part, why] of unobserved) {
    if (part === "files") continue;
    byReason.set(why, [...byReason.get(why) ?? [], PART_NAMES[part]]);
  }
  return [...byReason].map(
    ([why, names]) => `> Not re-checked in this run (${escapeMarkdown(why)}): ${names.join(", ")}.`
  );
}
function renderIssueBody(domain, risks, context) {
  const carried = context.carried ?? [];
  const keys = [.../* @__PURE__ */ new Set([...risks.map(riskKey), ...carried.map((c) => c.key)])].slice(0, MAX_MARKER_KEYS);
  const count = `${risks.length} ${risks.length === 1 ? "error" : "errors"}`;
  const mode = context.mode ? ` (policy mode ${code(context.mode)})` : "";
  const found = risks.length > 0 ? `mta-sts-guard found **${count}**${mode}: compliant senders may refuse or delay mail to this domain, or cannot use its policy at all.` : `mta-sts-guard found no error in what this run checked${mode}; the earlier risks below were not re-checked.`;
  const note = context.unobserved ? unobservedNote(context.unobserved) : [];
  const head = [
    domainMarker(domain),
    `<!-- ${MARKER}:risks=${keys.join(",")} -->`,
    `### MTA-STS and TLS-RPT risks for ${code(domain)}`,
    "",
    found,
    "",
    ...risks.length > 0 ? [atRiskLine(risks), ""] : [],
    ...note.length > 0 ? [...note, ""] : [],
    ...risks.length > 0 ? ["Each item says what is at risk, then the fix, then the evidence this run saw.", ""] : []
  ].join("\n");
  const carriedPart = carried.length > 0 ? ["", "#### Not re-checked in this run", "", ...carried.map((c) => c.text)].join("\n") + "\n" : "";
  const foot = [
    "",
    "---",
    "<sub>Kept up to date by mta-sts-guard: this list is rewritten when the risks change, and the issue is closed when none remain. Ticking a box changes nothing: fix the cause and the next run removes the item.</sub>",
    ""
  ].join("\n");
  const budget = ISSUE_BODY_BUDGET - head.length - foot.length - carriedPart.length;
  return head + boundedItems(
    risks.map((f) => `${riskItem(f)}`.replace(/\n|$/, (end) => ` ${itemMarker(f)}${end}`)),
    budget,
    "risks"
  ).join("\n") + "\n" + carriedPart + foot;
}
function sameBody(a, b) {
  const normal = (s) => s.replace(/\r\n/g, "\n").replace(/^- \[[xX]\] /gm, "- [ ] ").trimEnd();
  return normal(a) === normal(b);
}
function runLink(runUrl) {
  return runUrl ? ` ([workflow run](${runUrl}))` : "";
}
function renderNewRisksComment(domain, newRisks, runUrl, reopened) {
  const headline = reopened ? `Risks are back for ${code(domain)}, so this issue is open again${runLink(runUrl)}.` : `New risks for ${code(domain)}${runLink(runUrl)}:`;
  const budget = ISSUE_BODY_BUDGET - headline.length - 2;
  const items = boundedItems(
    newRisks.map((f) => riskItem(f, false)),
    budget,
    "new risks"
  );
  return [headline, "", ...items, ""].join("\n");
}
function renderResolvedComment(domain, runUrl) {
  return `No risk remains for ${code(domain)}${runLink(runUrl)}: closing this issue. It is reopened if one comes back.
`;
}

// src/github/issue-lifecycle.ts
function risksByDomain(result) {
  const risks = new Map(result.domains.map((d) => [d.domain, []]));
  for (const f of result.findings) {
    if (f.severity === "error" && f.domain !== null) risks.get(f.domain)?.push(f);
  }
  return risks;
}
function pickIssue(current, candidate) {
  if (!current) return candidate;
  if (current.state !== candidate.state) return current.state === "open" ? current : candidate;
  return current.number < candidate.number ? current : candidate;
}
async function syncIssues(result, tracker, options, logger) {
  const outcomes = [];
  const [findLabel] = options.labels;
  if (findLabel === void 0) throw new Error("internal: issue handling needs at least one label");
  const risks = risksByDomain(result);
  const modes = new Map(result.domains.map((d) => [d.domain, d.mtaSts.policy?.mode ?? null]));
  let labelsReady = false;
  try {
    const existing = /* @__PURE__ */ new Map();
    for (const issue of await tracker.listIssues(findLabel)) {
      const marker = parseIssueMarker(issue.body);
      if (marker && risks.has(marker.domain)) {
        existing.set(marker.domain, pickIssue(existing.get(marker.domain), issue));
      }
    }
    for (const [domain, domainRisks] of [...risks].sort(([a], [b]) => a.localeCompare(b))) {
      const issue = existing.get(domain);
      const unobserved = unobservedParts(result, domain, { smtpProbeRan: options.smtpProbeRan ?? true });
      let carried = [];
      if (unobserved.size > 0 && issue?.state === "open") {
        const items = parseIssueItems(issue.body ?? "");
        const leaveAlone = domainRisks.length === 0 && (whollyUnobserved(unobserved) || items === null);
        if (leaveAlone) {
          logger.info(`issue #${issue.number} left as it is: ${domain} was not observed in this run`);
          outcomes.push({ domain, number: issue.number, url: issue.url, action: "unchanged", newRisks: 0 });
          continue;
        }
        const observed = new Set(domainRisks.map(riskKey));
        carried = (items ?? []).filter((i) => unobserved.has(i.part) && !observed.has(i.key));
      }
      if (domainRisks.length === 0 && carried.length === 0) {
        if (issue?.state === "open" && options.closeResolved) {
          await tracker.addComment(issue.number, renderResolvedComment(domain, options.runUrl));
          await tracker.updateIssue(issue.number, { state: "closed" });
          logger.info(`issue #${issue.number} closed: ${domain} has no risk left`);
          outcomes.push({ domain, number: issue.number, url: issue.url, action: "closed", newRisks: 0 });
        }
        continue;
      }
      if (domainRisks.length === 0 && issue?.state !== "open") continue;
      const body = renderIssueBody(domain, domainRisks, {
        mode: modes.get(domain) ?? null,
        unobserved,
        carried
      });
      if (!issue) {
        if (!labelsReady) {
          await tracker.ensureLabels(options.labels);
          labelsReady = true;
        }
        const created = await tracker.createIssue({
          title: issueTitle(domain),
          body,
          labels: options.labels
        });
        logger.info(`issue #${created.number} opened for ${domain}`);
        outcomes.push({
          domain,
          number: created.number,
          url: created.url,
          action: "opened",
          newRisks: domainRisks.length
        });
        continue;
      }
      const known = new Set(parseIssueMarker(issue.body)?.keys ?? []);
      const added = domainRisks.filter((f) => !known.has(riskKey(f)));
      if (issue.state === "closed") {
        await tracker.updateIssue(issue.number, { body, state: "open" });
        await tracker.addComment(
          issue.number,
          renderNewRisksComment(domain, added.length > 0 ? added : domainRisks, options.runUrl, true)
        );
        logger.info(`issue #${issue.number} reopened for ${domain}`);
        outcomes.push({
          domain,
          number: issue.number,
          url: issue.url,
          action: "reopened",
          newRisks: added.length
        });
      } else if (!sameBody(issue.body, body)) {
        await tracker.updateIssue(issue.number, { body });
        if (added.length > 0) {
          await tracker.addComment(issue.number, renderNewRisksComment(domain, added, options.runUrl, false));
        }
        logger.info(`issue #${issue.number} updated for ${domain} (${added.length} new)`);
        outcomes.push({
          domain,
          number: issue.number,
          url: issue.url,
          action: "updated",
          newRisks: added.length
        });
      } else {
        outcomes.push({ domain, number: issue.number, url: issue.url, action: "unchanged", newRisks: 0 });
      }
    }
    return { outcomes, warning: null };
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    return { outcomes, warning: describeFailure(error) };
  }
}
function describeFailure(error) {
  switch (error.failure) {
    case "forbidden":
      return `issues were not updated: the token may not write issues (${error.message}). Grant \`permissions: issues: write\` to the job, or set open-issues: false.`;
    case "rate-limited":
      return `issues were not all updated: GitHub's rate limit outlasted the retries (${error.message}); the next run continues.`;
    default:
      return `issues were not all updated: ${error.message}`;
  }
}
export {
  describeFailure,
  risksByDomain,
  syncIssues
};
