/**
 * Escaping for text that reaches GitHub-flavoured Markdown (job summary, issue bodies, comments)
 * from untrusted sources: DNS records, policy files, certificates and TLS-RPT reports can carry
 * any characters an attacker chooses. Nothing from them may become HTML, a link, an image, a
 * table cell break, a task list, an @-mention (which notifies people) or an issue reference.
 *
 * GitHub renders Markdown to HTML first and then scans the *text* of that HTML for @-mentions,
 * `#123` references and bare URLs; backslash escapes and HTML entities are undone before that
 * scan, so they cannot stop it. A zero-width space (U+200B) after the trigger character does.
 */

/** Longest value kept from untrusted data in one place; longer ones are cut with an ellipsis. */
export const MAX_VALUE_CHARS = 500;

const ZWSP = '\u200B';

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

/**
 * Breaks the patterns GitHub turns into mentions, references and links after rendering:
 * `@name`, `#123`, `GH-123`, `scheme://` and `www.`.
 */
function defuse(text: string): string {
  return text
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZWSP}`)
    .replace(/#(?=\d)/g, `#${ZWSP}`)
    .replace(/\b(GH)-(?=\d)/gi, `$1${ZWSP}-`)
    .replace(/:(?=\/\/)/g, `:${ZWSP}`)
    .replace(/\b(www)\./gi, `$1${ZWSP}.`);
}

/**
 * Untrusted text as inline Markdown that renders as exactly that text: one line, HTML special
 * characters as entities, Markdown punctuation backslash-escaped (so `|` cannot end a table cell
 * and `[x](y)` cannot become a link), and mentions, references and URLs defused.
 */
export function escapeMarkdown(text: string, max: number = MAX_VALUE_CHARS): string {
  // Defuse first: the escapes below would hide `www.` and `GH-1` from the patterns.
  return defuse(oneLine(text, max)).replace(MARKDOWN_SPECIAL, (c) => HTML_ENTITY[c] ?? `\\${c}`);
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
 * only HTML special characters are replaced, and mentions, references and URLs defused.
 */
export function escapeHtml(text: string, max: number = MAX_VALUE_CHARS): string {
  // Defuse first: `&#39;` must not become `&#\u200B39;`.
  return defuse(oneLine(text, max)).replace(/[&<>"']/g, (c) => HTML_ENTITY[c] ?? '&#39;');
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
