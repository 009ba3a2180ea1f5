import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  GitHubApiError
} from "./chunk-NXBR4MLO.js";
import {
  splitFileLines
} from "./chunk-4P7QQLAG.js";
import {
  escapeMarkdown,
  markerValue
} from "./chunk-64CDEVP6.js";
import {
  RULES
} from "./chunk-4H27BXP7.js";
import "./chunk-FDGYIFXX.js";

// src/github/review-suggestions.ts
import { isAbsolute, relative, resolve } from "node:path";

// src/core/suggest/diff-hunks.ts
var HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;
function rightSideRanges(patch) {
  const ranges = [];
  for (const line of patch.split("\n")) {
    const match = HUNK_HEADER.exec(line);
    if (!match) continue;
    const start = Number(match[1]);
    const count = match[2] === void 0 ? 1 : Number(match[2]);
    if (count > 0) ranges.push({ start, end: start + count - 1 });
  }
  return ranges;
}
function hunkHolding(ranges, start, end) {
  return ranges.find((r) => r.start <= start && end <= r.end) ?? null;
}

// src/core/suggest/suggestions.ts
var INVISIBLE = (
  // eslint-disable-next-line no-control-regex -- this pattern exists to find control characters
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/
);
function collectEdits(findings, pathOf) {
  const byIdentity = /* @__PURE__ */ new Map();
  for (const f of findings) {
    for (const edit of f.fix?.edits ?? []) {
      const path = pathOf(edit.file);
      if (path === null) continue;
      const identity = JSON.stringify([path, edit.startLine, edit.endLine, edit.text]);
      const entry = byIdentity.get(identity) ?? { path, edit, rules: [], summaries: [] };
      byIdentity.set(identity, entry);
      if (!entry.rules.includes(f.rule)) {
        entry.rules.push(f.rule);
        entry.summaries.push(f.fix.summary);
      }
    }
  }
  return [...byIdentity.values()];
}
function suggestionKey(item) {
  const { startLine, endLine } = item.edit;
  return `${item.path}:${startLine}-${endLine}:${[...item.rules].sort().join("+")}`;
}
function textLines(text) {
  return splitFileLines(text).map((l) => l.content);
}
function place(item, lines) {
  const { startLine, endLine, text } = item.edit;
  const added = textLines(text);
  if (endLine >= startLine) return { startLine, line: endLine, replacement: added };
  if (endLine >= 1)
    return { startLine: endLine, line: endLine, replacement: [lines[endLine - 1], ...added] };
  if (lines.length === 0) return "no-line";
  return { startLine: 1, line: 1, replacement: [...added, lines[0]] };
}
function placeSuggestions(items, files, working) {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const out = { suggestions: [], skipped: [] };
  const skip = (item, reason) => out.skipped.push({ item, reason });
  for (const item of items) {
    const pullFile = byPath.get(item.path);
    if (!pullFile?.patch || pullFile.blobSha === null) {
      skip(item, "outside-diff");
      continue;
    }
    const file = working.get(item.path);
    if (!file || file.blobSha !== pullFile.blobSha) {
      skip(item, "not-head-version");
      continue;
    }
    if (/\r(?!\n)/.test(file.text)) {
      skip(item, "lone-carriage-return");
      continue;
    }
    const lines = splitFileLines(file.text).map((l) => l.content);
    const placed = place(item, lines);
    if (typeof placed === "string") {
      skip(item, placed);
      continue;
    }
    if (placed.line > lines.length || !hunkHolding(rightSideRanges(pullFile.patch), placed.startLine, placed.line)) {
      skip(item, "outside-diff");
      continue;
    }
    const current = lines.slice(placed.startLine - 1, placed.line);
    if (placed.replacement.length === current.length && placed.replacement.every((l, i) => l === current[i])) {
      skip(item, "line-endings-only");
      continue;
    }
    if (placed.replacement.some((l) => INVISIBLE.test(l))) {
      skip(item, "invisible-characters");
      continue;
    }
    out.suggestions.push({
      key: suggestionKey(item),
      path: item.path,
      ...placed,
      rules: item.rules,
      summaries: item.summaries
    });
  }
  return out;
}

// src/core/suggest/sync-plan.ts
var RUN_CLOCK_ID = /(?<![0-9])\d{14}(?![0-9])/g;
function sameSuggestionBody(a, b) {
  return a === b || a.replace(RUN_CLOCK_ID, "<id>") === b.replace(RUN_CLOCK_ID, "<id>");
}
function onLines(comment, wanted) {
  return comment.path === wanted.path && comment.line === wanted.line && (comment.startLine ?? comment.line) === wanted.startLine;
}
function planSync(desired, existing, resolvedBody) {
  const plan = { create: [], update: [], resolve: [], unchanged: 0 };
  const wanted = new Map(desired.map((d) => [d.key, d]));
  const kept = /* @__PURE__ */ new Map();
  for (const comment of [...existing].sort((a, b) => a.id - b.id)) {
    const want = wanted.get(comment.key);
    if (want && !kept.has(comment.key) && onLines(comment, want)) kept.set(comment.key, comment);
  }
  for (const want of wanted.values()) {
    const comment = kept.get(want.key);
    if (!comment) plan.create.push(want);
    else if (sameSuggestionBody(comment.body, want.body)) plan.unchanged++;
    else plan.update.push({ id: comment.id, body: want.body });
  }
  for (const comment of existing) {
    if (kept.get(comment.key) === comment) continue;
    const body = resolvedBody(comment.key);
    if (comment.body === body) plan.unchanged++;
    else plan.resolve.push({ id: comment.id, body });
  }
  return plan;
}

// src/render/suggestion-body.ts
var MAX_COMMENT_BODY_CHARS = 65536;
var MARKER = /<!-- mta-sts-guard:suggestion:([A-Za-z0-9%._~-]+) -->/;
function suggestionMarker(key) {
  return `<!-- mta-sts-guard:suggestion:${markerValue(key)} -->`;
}
function parseSuggestionMarker(body) {
  const match = MARKER.exec(body);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
function fenceFor(lines) {
  const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  return "`".repeat(Math.max(3, longest + 1));
}
function renderSuggestionBody(s) {
  const reasons = s.rules.map(
    (rule, i) => `- \`${rule}\` (${RULES[rule].title}): ${escapeMarkdown(s.summaries[i] ?? "")}`
  );
  const fence = fenceFor(s.replacement);
  return [
    suggestionMarker(s.key),
    "**mta-sts-guard** suggests this change, which resolves:",
    ...reasons,
    "",
    `${fence}suggestion`,
    ...s.replacement,
    fence,
    ""
  ].join("\n");
}
function renderResolvedBody(key) {
  return [
    suggestionMarker(key),
    "**mta-sts-guard**: resolved. This suggestion no longer applies to the pull request (the finding is gone, or the lines changed); a current one, if any, is in its own comment.",
    ""
  ].join("\n");
}

// src/github/review-suggestions.ts
var MAX_SUGGESTION_WRITES = 50;
var FORBIDDEN = "suggest-fixes: no review suggestions: the token cannot write pull request review comments (grant `pull-requests: write`; pull requests from forks always get a read-only token). The edits are shown in the annotations and the job summary.";
function repositoryPath(file, options) {
  const path = relative(options.workspace, resolve(options.cwd, file));
  if (path === "" || path.startsWith("..") || isAbsolute(path)) return null;
  return path.replace(/\\/g, "/");
}
async function syncSuggestions(result, reviews, options, logger) {
  const report = {
    created: 0,
    updated: 0,
    resolved: 0,
    unchanged: 0,
    notSuggested: [],
    warning: null
  };
  const items = collectEdits(result.findings, (file) => repositoryPath(file, options));
  const note = (path, startLine, endLine, reason) => report.notSuggested.push({ path, startLine, endLine, reason });
  try {
    const working = new Map(items.map((i) => [i.path, options.files.get(i.edit.file) ?? null]));
    const files = items.length > 0 ? await reviews.listFiles() : [];
    const placement = placeSuggestions(items, files, working);
    for (const s of placement.skipped)
      note(s.item.path, s.item.edit.startLine, s.item.edit.endLine, s.reason);
    const desired = [];
    for (const s of placement.suggestions) {
      const body = renderSuggestionBody(s);
      if (body.length > MAX_COMMENT_BODY_CHARS) note(s.path, s.startLine, s.line, "too-long");
      else desired.push({ key: s.key, path: s.path, startLine: s.startLine, line: s.line, body });
    }
    const existing = [];
    for (const c of await reviews.listComments()) {
      const key = parseSuggestionMarker(c.body);
      if (key !== null) existing.push({ ...c, key });
    }
    const plan = planSync(desired, existing, renderResolvedBody);
    report.unchanged = plan.unchanged;
    let writes = 0;
    let limited = false;
    let refused = 0;
    const budget = () => writes < MAX_SUGGESTION_WRITES ? (writes++, true) : (limited = true, false);
    for (const r of plan.resolve) {
      if (!budget()) break;
      await reviews.updateComment(r.id, r.body);
      report.resolved++;
    }
    for (const u of plan.update) {
      if (!budget()) break;
      await reviews.updateComment(u.id, u.body);
      report.updated++;
    }
    for (const c of plan.create) {
      if (!budget()) {
        note(c.path, c.startLine, c.line, "write-limit");
        continue;
      }
      try {
        await reviews.createComment(c);
        report.created++;
      } catch (error) {
        if (!(error instanceof GitHubApiError && error.status === 422)) throw error;
        refused++;
        note(c.path, c.startLine, c.line, "refused");
        logger.info(`review suggestion on ${c.path} line ${c.line} refused: ${error.message}`);
      }
    }
    if (limited)
      report.warning = `suggest-fixes: stopped after ${MAX_SUGGESTION_WRITES} writes; the next run continues.`;
    else if (refused > 0)
      report.warning = `suggest-fixes: GitHub refused ${refused} review suggestion${refused === 1 ? "" : "s"} (422); the edits are shown in the job summary.`;
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    report.warning = error.failure === "forbidden" ? FORBIDDEN : error.failure === "rate-limited" ? "suggest-fixes: stopped by a GitHub rate limit; the next run continues where this one stopped." : `suggest-fixes: review suggestions stopped: ${error.message}`;
  }
  return report;
}
var REASON_TEXT = {
  "outside-diff": "outside the diff",
  "not-head-version": "checkout differs from the head commit",
  "line-endings-only": "line endings only",
  "invisible-characters": "invisible characters",
  "no-line": "no line to comment on",
  "lone-carriage-return": "lone CR line endings",
  "too-long": "too long for a comment",
  "write-limit": "write limit reached",
  refused: "refused by GitHub"
};
function describeSuggestions(report) {
  const done = `PR suggestions: ${report.created} posted, ${report.updated} updated, ${report.resolved} resolved, ${report.unchanged} unchanged.`;
  if (report.notSuggested.length === 0) return done;
  const counts = /* @__PURE__ */ new Map();
  for (const n of report.notSuggested) counts.set(n.reason, (counts.get(n.reason) ?? 0) + 1);
  const why = [...counts].map(([reason, n]) => `${n} ${REASON_TEXT[reason]}`).join(", ");
  const edits = report.notSuggested.length === 1 ? "1 edit is" : `${report.notSuggested.length} edits are`;
  return `${done} ${edits} not a suggestion (${why}): see each finding's fix.`;
}
export {
  MAX_SUGGESTION_WRITES,
  describeSuggestions,
  repositoryPath,
  syncSuggestions
};
