/**
 * The one sanitiser for what leaves the tool as text (issue 9 class 9): every rendering at its
 * output boundary and every log line. Report fields (organization-name, receiving-mx-hostname…),
 * zone and DNS data and peer replies are chosen by others and reach terminals and CI logs:
 * - C0 and C1 controls (ESC sequences, CR, NUL…) and bidi overrides are shown escaped (`\x1b`,
 *   `\u202e`), so nothing can move the cursor, recolour, hide or reorder what is printed;
 * - no line may start with `::`: GitHub's runner reads such a line on stdout as a workflow
 *   command (`::error::`, `::add-mask::`, `::stop-commands::`), so its first colon is escaped;
 * - long values are cut: a 10 MB report field once gave a 63 MB JSON file.
 * Markdown has its own escaping on top (escape.ts); JSON and SARIF escape C0 themselves.
 */
import type { CheckResult } from '../core/result.js';
import { truncate } from './escape.js';

/**
 * Longest string kept anywhere in a rendered result: the largest legitimate value is a policy
 * body, at most 64 KiB (RFC 8461 §3.3); anything longer came from a hostile input.
 */
export const MAX_RENDERED_STRING_CHARS = 64 * 1024;

/** Longest finding message: ours are a few hundred characters; the rest is an untrusted value. */
export const MAX_MESSAGE_CHARS = 2_000;

/** Longest log line (logs repeat values from every input). */
export const MAX_LOG_LINE_CHARS = 2_000;

/** C0 except tab and line feed, DEL, C1, line/paragraph separators, bidi embeddings/overrides/isolates, BOM. */
/* eslint-disable no-control-regex -- these patterns exist to find control characters */
const UNSAFE_KEEPING_LINES =
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
const UNSAFE_IN_ONE_LINE =
  /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/* eslint-enable no-control-regex */
/** What JSON.stringify leaves raw inside strings (C0 it escapes; raw C0 in its output is layout). */
const UNSAFE_BEYOND_C0 = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/g;
/** A line the runner would read as a workflow command: leading blanks, then `::`. */
const WORKFLOW_COMMAND_LINE = /^([ \t]*):(?=:)/gm;

function visible(char: string): string {
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, '0')}`
    : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** Escapes controls (keeping tab and line feed) and every `::` line start of a multi-line text. */
export function safeText(text: string): string {
  return text.replace(UNSAFE_KEEPING_LINES, visible).replace(WORKFLOW_COMMAND_LINE, '$1\\x3a');
}

/**
 * A value inside one line of text output: every control, line breaks too, escaped visibly, so a
 * value can neither start a line of its own nor carry terminal codes (the text rendering adds
 * its colours after this).
 */
export function safeInline(text: string): string {
  return text.replace(UNSAFE_IN_ONE_LINE, visible);
}

/** The `::` start of each line escaped: the runner reads such a stdout line as a workflow command. */
export function noWorkflowCommands(text: string): string {
  return text.replace(WORKFLOW_COMMAND_LINE, '$1\\x3a');
}

/** One log line: every control, line breaks too, escaped; no `::` start; at most MAX_LOG_LINE_CHARS. */
export function safeLogLine(message: string): string {
  return cut(message, MAX_LOG_LINE_CHARS)
    .replace(UNSAFE_IN_ONE_LINE, visible)
    .replace(WORKFLOW_COMMAND_LINE, '$1\\x3a');
}

/** Longest annotation message: a finding, its remediation and a short diff of its fix. */
export const MAX_ANNOTATION_CHARS = 4_000;

/**
 * An annotation message: may span lines (@actions/core escapes CR and LF in command data, so no
 * line of it can start a workflow command), controls escaped as in safeText, cut to
 * MAX_ANNOTATION_CHARS.
 */
export function safeAnnotation(message: string): string {
  return safeText(cut(message, MAX_ANNOTATION_CHARS));
}

/**
 * JSON text: C0 is already escaped by JSON.stringify; C1 and bidi characters are escaped too
 * (as `\uXXXX`, the same string to any JSON reader), so printing the file is safe. JSON.stringify
 * output never starts a line with `:`, so no workflow command can appear.
 */
export function safeJsonText(json: string): string {
  return json.replace(UNSAFE_BEYOND_C0, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/**
 * The result with every string (keys too) cut to MAX_RENDERED_STRING_CHARS and every finding
 * message to MAX_MESSAGE_CHARS, before any renderer sees it.
 */
export function boundResult(result: CheckResult): CheckResult {
  const bounded = boundValue(result) as CheckResult;
  for (const f of bounded.findings) f.message = cut(f.message, MAX_MESSAGE_CHARS);
  return bounded;
}

/**
 * The result with every string (keys too) on one line: line breaks and every other control shown
 * escaped, for the text rendering. Values are printed inside a line there, so a CR/LF in a report
 * field (or zone, DNS or peer data) would start a line of the attacker's choosing, such as a fake
 * "no findings"; safeText on the whole output keeps the renderer's own line breaks only.
 */
export function oneLineValues(result: CheckResult): CheckResult {
  const out = mapStrings(result, (s) => s.replace(UNSAFE_IN_ONE_LINE, visible)) as CheckResult;
  // A fix's policy bodies and edit texts are lines by design: fix-block.ts splits them and
  // escapes each line, and prints them indented under their finding.
  if (!Array.isArray(out.findings)) return out;
  out.findings.forEach((f, i) => {
    const original = result.findings[i]?.fix;
    f.fix?.publish?.forEach((p, j) => (p.value = original?.publish?.[j]?.value ?? p.value));
    f.fix?.edits?.forEach((e, j) => (e.text = original?.edits?.[j]?.text ?? e.text));
  });
  return out;
}

function mapStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === 'string') return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[map(k)] = mapStrings(v, map);
    return out;
  }
  return value;
}

function cut(text: string, max: number): string {
  return text.length <= max ? text : truncate(text, max);
}

/** Every string (keys too) of `value` cut to MAX_RENDERED_STRING_CHARS; boundResult without the messages' own cap. */
export function boundValue(value: unknown): unknown {
  if (typeof value === 'string') return cut(value, MAX_RENDERED_STRING_CHARS);
  if (Array.isArray(value)) return value.map(boundValue);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[cut(k, MAX_RENDERED_STRING_CHARS)] = boundValue(v);
    return out;
  }
  return value;
}
