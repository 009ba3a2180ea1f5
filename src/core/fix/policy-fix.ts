/**
 * The determined corrections of a policy file (RFC 8461 §3.2), as line edits in the file's own
 * bytes (issue 15): only what has one obvious intent is corrected, anything else is left for a
 * person. Corrected: a key one edit away from a known one (`max-age`, `modes`), a mode in the
 * wrong case (`Enforce`), a max_age above the §3.2 maximum, a repeated single-valued key with the
 * same value, a byte order mark, and mixed or CR-only line endings.
 */
import { MAX_MAX_AGE, parsePolicy } from '../policy.js';
import { editsFromLineMap, splitFileLines, type FileEdit, type FileLine } from './edit.js';

const MODES = ['enforce', 'testing', 'none'];
const SINGLE_VALUED = new Set(['version', 'mode', 'max_age']);
const KEY_VALUE = /^([^:]*):([ \t]*)(.*?)([ \t]*)$/;

/** The line terminator a file is made uniform to: its most common one, CRLF on a tie (§3.2 prose). */
function uniformEnding(lines: FileLine[]): FileLine['ending'] | null {
  const kinds = new Set(lines.map((l) => l.ending).filter((e) => e !== ''));
  if (kinds.size <= 1 && !kinds.has('\r')) return null;
  const crlf = lines.filter((l) => l.ending === '\r\n').length;
  const lf = lines.filter((l) => l.ending === '\n').length;
  return lf > crlf ? '\n' : '\r\n';
}

/** Corrects one `key: value` line's value where the intent is determined, else returns it as is. */
function correctValue(key: string, value: string): string {
  if (key === 'mode' && !MODES.includes(value) && MODES.includes(value.toLowerCase()))
    return value.toLowerCase();
  if (key === 'max_age' && /^[0-9]{1,32}$/.test(value) && Number(value) > MAX_MAX_AGE)
    return String(MAX_MAX_AGE);
  return value;
}

/** Line edits that correct `text` (the file at `file`); none when nothing is determined. */
export function policyFileEdits(file: string, text: string): FileEdit[] {
  const before = splitFileLines(text);
  const parsed = parsePolicy(text);
  // Renaming is determined only when it creates no repeat of a key that must appear once.
  const present = new Set(before.map((l) => KEY_VALUE.exec(l.content.replace(/^\uFEFF/, ''))?.[1]));
  const typos = new Map(
    parsed.typos
      .filter((t) => !(SINGLE_VALUED.has(t.suggestion) && present.has(t.suggestion)))
      .map((t) => [t.line, t]),
  );
  const ending = uniformEnding(before);
  const seen = new Map<string, string>();
  const after = before.map((line, index): FileLine | null => {
    let content = index === 0 ? line.content.replace(/^\uFEFF/, '') : line.content;
    const typo = typos.get(index + 1);
    if (typo && content.startsWith(`${typo.key}:`))
      content = typo.suggestion + content.slice(typo.key.length);
    const kv = KEY_VALUE.exec(content);
    if (kv) {
      const [, key, gap, value, trail] = kv as unknown as [string, string, string, string, string];
      const corrected = correctValue(key, value);
      content = `${key}:${gap}${corrected}${trail}`;
      if (SINGLE_VALUED.has(key)) {
        // §3.2: exactly once. A repeat with the same value is redundant; with another value, which
        // one was meant is not determined, so it stays for a person to decide.
        if (seen.get(key) === corrected) return null;
        if (!seen.has(key)) seen.set(key, corrected);
      }
    }
    return { content, ending: ending !== null && line.ending !== '' ? ending : line.ending };
  });
  const edits = editsFromLineMap(file, before, after);
  if (ending === null || edits.length <= 1) return edits;
  // Uniform line endings touch lines all over the file: one edit from the first change to the
  // last, which every finding of the file then shares.
  const first = edits[0]!.startLine;
  const last = edits[edits.length - 1]!.endLine;
  const merged = after
    .slice(first - 1, last)
    .filter((l): l is FileLine => l !== null)
    .map((l) => l.content + l.ending)
    .join('');
  return [{ file, startLine: first, endLine: last, text: merged }];
}
