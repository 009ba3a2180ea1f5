/**
 * Escaping for text that reaches GitHub-flavoured Markdown (job summary, issue bodies, comments)
 * from untrusted sources: DNS records, policy files, certificates and TLS-RPT reports can carry
 * any characters an attacker chooses. Nothing from them may become HTML, a link, an image, a
 * table cell break, a task list, an @-mention (which notifies people) or an issue reference.
 *
 * GitHub renders Markdown to HTML first and then scans the *text* of that HTML for @-mentions,
 * `#123` references and bare URLs; backslash escapes and HTML entities are undone before that
 * scan, so they cannot stop it. Text inside `<code>` is never scanned, so a value carrying such a
 * trigger is shown as code. (An invisible zero-width space would also stop the scan, but it ends
 * up in every copied URL: issue 14.)
 */

/** Longest value kept from untrusted data in one place; longer ones are cut with an ellipsis. */
export const MAX_VALUE_CHARS = 500;

/** Characters with Markdown meaning inline (CommonMark "ASCII punctuation" that matters here). */
const MARKDOWN_SPECIAL = /[\\`*_[\]{}()!|~#+\-.<>&"]/g;

const HTML_ENTITY: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Control characters, line breaks and Unicode bidirectional overrides (which can make text read
 * differently from what it is) become a space: untrusted values stay on one line.
 */
// eslint-disable-next-line no-control-regex
const UNSAFE_WHITESPACE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;

/** Cuts `text` to `max` characters with an ellipsis, without splitting a surrogate pair. */
export function truncate(text: string, max: number = MAX_VALUE_CHARS): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : chars.slice(0, Math.max(0, max - 1)).join('') + '…';
}

/** One line of plain text: unsafe characters replaced, cut to `max`. */
export function oneLine(text: string, max: number = MAX_VALUE_CHARS): string {
  return truncate(text.replace(UNSAFE_WHITESPACE, ' '), max);
}

/** The patterns GitHub turns into mentions, references and links after rendering. */
const AUTOLINK_TRIGGER = /@[A-Za-z0-9_-]|#\d|\bGH-\d|:\/\/|\bwww\./i;

/** Whether GitHub would turn part of `text` into a mention, a reference or a link. */
export function hasAutolinkTrigger(text: string): boolean {
  return AUTOLINK_TRIGGER.test(text);
}

/**
 * Untrusted text as inline Markdown that renders as exactly that text: one line, HTML special
 * characters as entities, Markdown punctuation backslash-escaped (so `|` cannot end a table cell
 * and `[x](y)` cannot become a link). Text with a mention, reference or URL becomes a code span
 * (pipes escaped, so it is safe in a table cell too), which GitHub shows verbatim and unlinked.
 */
export function escapeMarkdown(text: string, max: number = MAX_VALUE_CHARS): string {
  const line = oneLine(text, max);
  if (hasAutolinkTrigger(line)) return code(line, { table: true, max });
  return line.replace(MARKDOWN_SPECIAL, (c) => HTML_ENTITY[c] ?? `\\${c}`);
}

export interface CodeOptions {
  /** Inside a table cell, `|` must be escaped even within code (GFM tables split first). */
  table?: boolean;
  max?: number;
}

/**
 * Untrusted text as an inline code span: GitHub neither links, mentions nor renders HTML inside
 * code, so values such as records and host names stay copyable and exact. The fence is longer
 * than any run of backticks in the value (CommonMark §6.1).
 */
export function code(text: string, options: CodeOptions = {}): string {
  let value = oneLine(text, options.max ?? MAX_VALUE_CHARS);
  // A GFM table row is split before inline parsing: `\|` keeps a pipe in its cell, and a
  // backslash run right before a pipe is doubled so the pipe's own escape is not consumed.
  if (options.table) value = value.replace(/(\\*)\|/g, (_, run: string) => `${run}${run}\\|`);
  if (value.trim() === '') return value === '' ? '' : '` `';
  const longestRun = Math.max(0, ...(value.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  const pad = value.startsWith('`') || value.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${value}${pad}${fence}`;
}

/**
 * Text for an HTML comment marker (`<!-- … -->`): percent-encoded, so no `-->` or `--!>` can end
 * the comment early.
 */
export function markerValue(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * Untrusted text inside raw HTML (a `<summary>` line): GitHub does not parse Markdown there, so
 * HTML special characters are replaced, and text with a mention, reference or URL is wrapped in
 * `<code>`, which GitHub does not scan.
 */
export function escapeHtml(text: string, max: number = MAX_VALUE_CHARS): string {
  const line = oneLine(text, max);
  const escaped = line.replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? '&#39;');
  return hasAutolinkTrigger(line) ? `<code>${escaped}</code>` : escaped;
}

/**
 * Text with `code spans` kept as code and everything between them escaped: how remediation
 * texts (ours, or a rule's more specific one quoting DNS data) are shown. Code spans cannot make
 * links, mentions or HTML; the text around them goes through escapeMarkdown.
 */
export function inlineMarkdown(text: string, max: number = MAX_VALUE_CHARS): string {
  const line = oneLine(text, max);
  const out: string[] = [];
  const span = /(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g;
  let last = 0;
  for (let match = span.exec(line); match; match = span.exec(line)) {
    out.push(escapeMarkdown(line.slice(last, match.index), max), match[0]);
    last = match.index + match[0].length;
  }
  out.push(escapeMarkdown(line.slice(last), max));
  return out.join('');
}
