/**
 * Line edits of a file (DESIGN.md `Fix.edits`): replace lines startLine..endLine (1-based,
 * inclusive) with `text`; startLine = endLine + 1 inserts before startLine. `text` holds the new
 * lines with their own line terminators, so an edit keeps the file's bytes exactly: CRLF stays
 * CRLF, and every line outside the range is untouched.
 */

export interface FileEdit {
  file: string;
  startLine: number;
  endLine: number;
  text: string;
  /** sha256 (hex) of the whole file the edit was computed on: `fix` refuses a file that changed. */
  sha256?: string;
}

/** One line of a file and the terminator that ended it ('' for the last line without one). */
export interface FileLine {
  content: string;
  ending: '\r\n' | '\n' | '\r' | '';
}

/** Splits on CRLF, LF and lone CR, keeping each terminator. A final empty piece is dropped. */
export function splitFileLines(text: string): FileLine[] {
  const lines: FileLine[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch !== 0x0a && ch !== 0x0d) continue;
    const crlf = ch === 0x0d && text.charCodeAt(i + 1) === 0x0a;
    lines.push({ content: text.slice(start, i), ending: crlf ? '\r\n' : ch === 0x0a ? '\n' : '\r' });
    if (crlf) i++;
    start = i + 1;
  }
  if (start < text.length) lines.push({ content: text.slice(start), ending: '' });
  return lines;
}

export function joinFileLines(lines: FileLine[]): string {
  return lines.map((l) => l.content + l.ending).join('');
}

/**
 * Applies edits of one file. Edits must not overlap (one edit per range: findings on the same
 * lines share it); they are applied bottom-up so earlier line numbers stay valid.
 */
export function applyEdits(text: string, edits: readonly FileEdit[]): string {
  const lines = splitFileLines(text);
  const pieces = lines.map((l) => l.content + l.ending);
  const sorted = [...edits].sort((a, b) => b.startLine - a.startLine);
  let previousStart = Infinity;
  for (const edit of sorted) {
    const { startLine, endLine } = edit;
    const valid =
      startLine >= 1 && endLine >= startLine - 1 && endLine <= pieces.length && endLine < previousStart;
    if (!valid)
      throw new RangeError(`edit of ${edit.file} lines ${startLine}-${endLine} does not fit the file`);
    pieces.splice(startLine - 1, endLine - startLine + 1, edit.text);
    previousStart = startLine;
  }
  return pieces.join('');
}

/**
 * The edits that turn `before` into `after`, when `after` maps each line of `before` to zero or
 * one line at the same position (`replacement[i]` null = line i deleted): one edit per run of
 * changed lines.
 */
export function editsFromLineMap(
  file: string,
  before: FileLine[],
  replacement: (FileLine | null)[],
): FileEdit[] {
  const edits: FileEdit[] = [];
  let i = 0;
  while (i < before.length) {
    if (same(before[i]!, replacement[i])) {
      i++;
      continue;
    }
    const start = i;
    while (i < before.length && !same(before[i]!, replacement[i])) i++;
    const text = replacement
      .slice(start, i)
      .filter((l): l is FileLine => l !== null)
      .map((l) => l.content + l.ending)
      .join('');
    edits.push({ file, startLine: start + 1, endLine: i, text });
  }
  return edits;
}

function same(a: FileLine, b: FileLine | null | undefined): boolean {
  return b !== null && b !== undefined && a.content === b.content && a.ending === b.ending;
}

/**
 * The one edit that turns `before` into `after`: the lines between their common first and last
 * lines (terminators included). Null when they are equal. Used where several corrections of one
 * file meet, so every finding of it shares the one edit.
 */
export function singleEdit(file: string, before: string, after: string): FileEdit | null {
  if (before === after) return null;
  const a = splitFileLines(before).map((l) => l.content + l.ending);
  const b = splitFileLines(after).map((l) => l.content + l.ending);
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (
    tail < a.length - head &&
    tail < b.length - head &&
    a[a.length - 1 - tail] === b[b.length - 1 - tail]
  )
    tail++;
  return {
    file,
    startLine: head + 1,
    endLine: a.length - tail,
    text: b.slice(head, b.length - tail).join(''),
  };
}
