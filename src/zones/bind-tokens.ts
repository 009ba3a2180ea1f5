/**
 * Lexer for RFC 1035 §5.1 master files: splits the text into entries (one record or directive
 * each), following parentheses across lines, dropping `;` comments, and decoding quoted
 * strings with their `\X` and `\DDD` escapes. Every token keeps the line it starts on.
 */

export interface BindToken {
  /** As written (escapes kept): what names are made of. */
  raw: string;
  /** Escapes decoded (`\"` → `"`, `\059` → `;`): what TXT character-strings are made of. */
  value: string;
  quoted: boolean;
  line: number;
}

export interface BindEntry {
  tokens: BindToken[];
  /** Line of the first token. */
  line: number;
  /** RFC 1035 §5.1: a line starting with a blank inherits the previous owner name. */
  indented: boolean;
}

export class BindLexError extends Error {
  override name = 'BindLexError';
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

/** RFC 1035 §5.1: `\DDD` is a decimal octet value. */
const MAX_OCTET = 255;

const DELIMITERS = new Set([' ', '\t', '\n', '\r', ';', '(', ')', '"']);

/** Splits a (short) master-file text into entries; throws BindLexError on unbalanced parentheses or quotes. */
export function lexBind(text: string): BindEntry[] {
  return [...bindEntries(text)];
}

/**
 * The entries of a master file one at a time, so that a reader holds the tokens of one entry,
 * not of the whole file: an 8 MiB zone of 230,000 records lexed at once peaked at 443 MiB RSS
 * (issue 9 class 8). Throws BindLexError, when the iteration reaches it, on unbalanced
 * parentheses or quotes.
 */
export function* bindEntries(text: string): Generator<BindEntry, void, undefined> {
  let tokens: BindToken[] = [];
  let entryLine = 0;
  let indented = false;
  let lineIndented = false;
  let atLineStart = true;
  let depth = 0;
  let parenLine = 0;
  let line = 1;
  let i = 0;

  const startEntry = () => {
    if (tokens.length === 0 && entryLine === 0) {
      entryLine = line;
      indented = lineIndented;
    }
  };
  const take = (): BindEntry | null => {
    const entry = tokens.length > 0 ? { tokens, line: entryLine, indented } : null;
    tokens = [];
    entryLine = 0;
    return entry;
  };

  while (i < text.length) {
    const c = text[i]!;
    if (atLineStart) {
      atLineStart = false;
      if (depth === 0) lineIndented = c === ' ' || c === '\t';
    }
    if (c === '\n') {
      line++;
      atLineStart = true;
      i++;
      if (depth === 0) {
        const entry = take();
        if (entry) yield entry;
      }
    } else if (c === ' ' || c === '\t' || c === '\r') {
      i++;
    } else if (c === ';') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (c === '(') {
      startEntry();
      if (depth === 0) parenLine = line;
      depth++;
      i++;
    } else if (c === ')') {
      if (depth === 0) throw new BindLexError("')' without a matching '('", line);
      depth--;
      i++;
    } else if (c === '"') {
      startEntry();
      const start = line;
      const { value, end } = readEscaped(text, i + 1, line, true);
      tokens.push({ raw: text.slice(i, end + 1), value, quoted: true, line: start });
      i = end + 1;
    } else {
      startEntry();
      const { value, end } = readEscaped(text, i, line, false);
      tokens.push({ raw: text.slice(i, end), value, quoted: false, line });
      i = end;
    }
  }
  if (depth > 0) throw new BindLexError("'(' is never closed", parenLine);
  const last = take();
  if (last) yield last;
}

/**
 * Reads a quoted string (from after the opening quote to the closing one) or a bare word,
 * decoding escapes. Returns the decoded text and the index of the closing quote (quoted) or
 * of the first delimiter (bare).
 */
function readEscaped(
  text: string,
  from: number,
  line: number,
  quoted: boolean,
): { value: string; end: number } {
  const bytes: number[] = [];
  let i = from;
  for (;;) {
    if (i >= text.length) {
      if (quoted) throw new BindLexError('quoted string is never closed', line);
      break;
    }
    const c = text[i]!;
    if (quoted && c === '"') break;
    if (c === '\n') {
      // RFC 1035 §5.1: a character-string lies on one line (only parentheses continue an entry).
      if (quoted) throw new BindLexError('quoted string is never closed on its line', line);
      break;
    }
    if (!quoted && DELIMITERS.has(c)) break;
    if (c === '\\') {
      const digits = /^\d{3}/.exec(text.slice(i + 1, i + 4));
      if (digits) {
        const octet = Number(digits[0]);
        if (octet > MAX_OCTET) throw new BindLexError(`escape \\${digits[0]} is not an octet (0-255)`, line);
        bytes.push(octet);
        i += 4;
        continue;
      }
      const next = text[i + 1];
      if (next === undefined || next === '\n' || next === '\r') {
        throw new BindLexError('backslash at the end of a line', line);
      }
      bytes.push(...Buffer.from(next, 'utf8'));
      i += 2;
      continue;
    }
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    bytes.push(...Buffer.from(char, 'utf8'));
    i += char.length;
  }
  return { value: Buffer.from(bytes).toString('utf8'), end: i };
}
