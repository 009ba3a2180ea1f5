/**
 * The `mx:` lines of a policy file made to match a proposed MX set (RFC 8461 §3.2, §4.1), as one
 * line edit in the file's own bytes (issue 15): a pattern that matches some MX stays where it is
 * (a wildcard that already covers a host is kept, not spelled out), a pattern that matches none
 * is removed, and each MX no kept pattern covers gets an `mx:` line after the last kept one.
 * Every line outside the first-to-last `mx:` range, comments and terminators included, stays.
 */
import { mxPatternMatches, normalizeHost, parseMxPattern, type MxPattern } from '../policy.js';
import { splitFileLines, type FileEdit, type FileLine } from './edit.js';

const MX_LINE = /^mx:[ \t]*(.*?)[ \t]*$/;

interface MxLine {
  index: number;
  pattern: MxPattern | null;
}

/** The file's `mx:` lines with their parsed patterns (null: not a valid pattern, left alone). */
function mxLines(lines: FileLine[]): MxLine[] {
  const out: MxLine[] = [];
  lines.forEach((line, index) => {
    const content = index === 0 ? line.content.replace(/^\uFEFF/, '') : line.content;
    const m = MX_LINE.exec(content);
    if (!m) return;
    const parsed = parseMxPattern(m[1]!);
    out.push({ index, pattern: 'pattern' in parsed ? parsed.pattern : null });
  });
  return out;
}

/** The terminator new lines get: the one most lines of the file end with (LF when none does). */
function commonEnding(lines: FileLine[]): '\r\n' | '\n' | '\r' {
  const counts = new Map<string, number>();
  for (const l of lines) if (l.ending !== '') counts.set(l.ending, (counts.get(l.ending) ?? 0) + 1);
  let best: '\r\n' | '\n' | '\r' = '\n';
  let most = 0;
  for (const [ending, n] of counts)
    if (n > most) {
      best = ending as '\r\n' | '\n' | '\r';
      most = n;
    }
  return best;
}

/**
 * The edit that makes the `mx:` lines of `text` match `hosts` exactly, or null when they already
 * do (or when a line that is not a valid pattern makes the intent unclear).
 */
export function policyMxEdit(file: string, text: string, hosts: readonly string[]): FileEdit | null {
  const wanted = [...new Set(hosts.map(normalizeHost).filter((h) => h !== ''))];
  if (wanted.length === 0) return null;
  const lines = splitFileLines(text);
  const existing = mxLines(lines);
  if (existing.some((l) => l.pattern === null)) return null;
  const kept = existing.filter((l) => wanted.some((h) => mxPatternMatches(l.pattern!, h)));
  const missing = wanted.filter((h) => !kept.some((l) => mxPatternMatches(l.pattern!, h)));
  if (kept.length === existing.length && missing.length === 0) return null;

  const ending = commonEnding(lines);
  const added: FileLine[] = missing.map((h) => ({ content: `mx: ${h}`, ending }));
  if (existing.length === 0) {
    // No mx line at all: the new ones go at the end (the last line gains a terminator if it had none).
    const last = lines[lines.length - 1];
    if (!last) return null;
    const text2 = [{ ...last, ending: last.ending || ending }, ...added];
    const body = text2.map((l) => l.content + l.ending);
    if (last.ending === '') body[body.length - 1] = body[body.length - 1]!.slice(0, -ending.length);
    return { file, startLine: lines.length, endLine: lines.length, text: body.join('') };
  }
  const first = existing[0]!.index;
  const lastMx = existing[existing.length - 1]!.index;
  const removed = new Set(existing.filter((l) => !kept.includes(l)).map((l) => l.index));
  // New lines follow the last kept mx line, or take the place of the first removed one.
  const anchor = kept.length > 0 ? kept[kept.length - 1]!.index : first;
  const out: FileLine[] = [];
  for (let i = first; i <= lastMx; i++) {
    const line = lines[i]!;
    if (!removed.has(i)) out.push(line);
    if (i === anchor) {
      // The file's last line may have no terminator: the added lines go before the file ends.
      if (line.ending === '' && !removed.has(i)) out[out.length - 1] = { ...line, ending };
      out.push(...added);
    }
  }
  // A file that did not end in a terminator still does not.
  const last = out[out.length - 1];
  if (lines[lastMx]!.ending === '' && last) out[out.length - 1] = { ...last, ending: '' };
  return {
    file,
    startLine: first + 1,
    endLine: lastMx + 1,
    text: out.map((l) => l.content + l.ending).join(''),
  };
}
