/**
 * A finding's `fix` (issue 15) rendered ready to paste: the records to publish as zone lines
 * (`name TXT "value"`), the policy body to serve as is, and file edits as the lines that replace
 * a range. One function for plain text, one for Markdown; text.ts and markdown.ts call them.
 * Everything here comes from untrusted input (records, policies, zone files): text output
 * escapes controls, Markdown puts values in code, whose fence no backtick run can close.
 */
import type { Finding, Fix } from '../core/findings.js';
import { splitFileLines } from '../core/fix/edit.js';
import { code, escapeMarkdown, truncate } from './escape.js';
import { safeText } from './untrusted.js';

/** Characters of one fix block; a policy body is at most 64 KiB, a summary needs far less. */
export const MAX_FIX_BLOCK_CHARS = 8_000;

/** A TXT value as a zone file writes it: quoted, `"` and `\` escaped (RFC 1035 §5.1). */
function quoted(value: string): string {
  return `"${value.replace(/[\\"]/g, '\\$&')}"`;
}

/** The paste-ready lines of a fix, without markup. */
function fixLines(fix: Fix): { lines: string[]; bodies: { title: string; text: string }[] } {
  const lines: string[] = [];
  const bodies: { title: string; text: string }[] = [];
  for (const p of fix.publish ?? []) {
    if (p.type === 'policy') bodies.push({ title: `serve at ${p.name}:`, text: p.value });
    else lines.push(`${p.name}. IN ${p.type} ${p.type === 'TXT' ? quoted(p.value) : p.value}`);
  }
  for (const e of fix.edits ?? []) {
    const range =
      e.startLine > e.endLine
        ? `insert before line ${e.startLine}`
        : e.startLine === e.endLine
          ? `line ${e.startLine}`
          : `lines ${e.startLine}-${e.endLine}`;
    const added = splitFileLines(e.text).map((l) => `+${l.content}`);
    bodies.push({
      title: `${e.file} ${range}, replaced by:`,
      text: (added.length > 0 ? added : ['(removed)']).join('\n'),
    });
  }
  return { lines, bodies };
}

/**
 * The fix of `f` for terminals and logs, indented under the finding; '' without a fix. With
 * `shown`, a fix already printed (findings on the same lines share one) is named, not repeated.
 */
export function fixBlockText(f: Finding, indent = '           ', shown?: Set<string>): string {
  if (!f.fix) return '';
  const summary = `${indent}to do: ${safeText(f.fix.summary).replace(/\n/g, ' ')}`;
  const id = JSON.stringify(f.fix);
  if (shown?.has(id)) return `${summary} (written out above)`;
  shown?.add(id);
  const { lines, bodies } = fixLines(f.fix);
  const out = [summary];
  for (const l of lines) out.push(`${indent}  ${safeText(l).replace(/\n/g, ' ')}`);
  for (const b of bodies) {
    out.push(`${indent}  ${safeText(b.title)}`);
    for (const l of splitFileLines(truncate(b.text, MAX_FIX_BLOCK_CHARS)))
      out.push(`${indent}    ${safeText(l.content)}`);
  }
  return out.join('\n');
}

/** A fenced code block no backtick run inside `text` can close (CommonMark §4.5), indented for a list item. */
function fenced(text: string, indent: string): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const body = splitFileLines(text).map((l) => `${indent}${safeText(l.content)}`);
  return [`${indent}${fence}`, ...body, `${indent}${fence}`].join('\n');
}

/** The fix of `f` as Markdown under a list item; '' without a fix. */
export function fixBlockMarkdown(f: Finding, indent = '  '): string {
  if (!f.fix) return '';
  const { lines, bodies } = fixLines(f.fix);
  const out = [`${indent}Fix: ${escapeMarkdown(f.fix.summary)}`];
  if (lines.length > 0) out.push('', fenced(truncate(lines.join('\n'), MAX_FIX_BLOCK_CHARS), indent));
  for (const b of bodies) {
    out.push('', `${indent}${code(b.title)}`, '', fenced(truncate(b.text, MAX_FIX_BLOCK_CHARS), indent));
  }
  return out.join('\n');
}
