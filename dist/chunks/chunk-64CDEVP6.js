import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/render/escape.ts
var MAX_VALUE_CHARS = 500;
var MARKDOWN_SPECIAL = /[\\`*_[\]{}()!|~#+\-.<>&"]/g;
var HTML_ENTITY = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;"
};
var UNSAFE_WHITESPACE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
function truncate(text, max = MAX_VALUE_CHARS) {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join("") + "\u2026";
}
function oneLine(text, max = MAX_VALUE_CHARS) {
  return truncate(text.replace(UNSAFE_WHITESPACE, " "), max);
}
var AUTOLINK_TRIGGER = /@[A-Za-z0-9_-]|#\d|\bGH-\d|:\/\/|\bwww\./i;
function hasAutolinkTrigger(text) {
  return AUTOLINK_TRIGGER.test(text);
}
function escapeMarkdown(text, max = MAX_VALUE_CHARS) {
  const line = oneLine(text, max);
  if (hasAutolinkTrigger(line)) return code(line, { table: true, max });
  return line.replace(MARKDOWN_SPECIAL, (c) => HTML_ENTITY[c] ?? `\\${c}`);
}
function code(text, options = {}) {
  let value = oneLine(text, options.max ?? MAX_VALUE_CHARS);
  if (options.table) value = value.replace(/(\\*)\|/g, (_, run) => `${run}${run}\\|`);
  if (value.trim() === "") return value === "" ? "" : "` `";
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longestRun + 1);
  const pad = value.startsWith("`") || value.endsWith("`") ? " " : "";
  return `${fence}${pad}${value}${pad}${fence}`;
}
function markerValue(text) {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`
  );
}
function escapeHtml(text, max = MAX_VALUE_CHARS) {
  const line = oneLine(text, max);
  const escaped = line.replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? "&#39;");
  return hasAutolinkTrigger(line) ? `<code>${escaped}</code>` : escaped;
}
function inlineMarkdown(text, max = MAX_VALUE_CHARS) {
  const line = oneLine(text, max);
  const out = [];
  const span = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  let last = 0;
  for (let match = span.exec(line); match; match = span.exec(line)) {
    out.push(escapeMarkdown(line.slice(last, match.index), max), match[0]);
    last = match.index + match[0].length;
  }
  out.push(escapeMarkdown(line.slice(last), max));
  return out.join("");
}

export {
  truncate,
  oneLine,
  escapeMarkdown,
  code,
  markerValue,
  escapeHtml,
  inlineMarkdown
};
