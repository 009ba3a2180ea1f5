/**
 * Word wrapping for the text rendering (issue 14: lines fit 100 columns where the data allows).
 * Text breaks only at spaces: a value longer than a line (a URL, a path, a record) stays whole
 * on a line of its own, never cut, so what is shown can be copied.
 */

/** The text as lines of at most `firstWidth` (the first) and `restWidth` (the others) characters. */
export function wrapWords(text: string, firstWidth: number, restWidth: number): string[] {
  const words = text.split(' ').filter((w) => w !== '');
  const lines: string[] = [];
  let line = '';
  for (const word of words) {
    const width = lines.length === 0 ? firstWidth : restWidth;
    if (line === '') line = word;
    else if (length(line) + 1 + length(word) <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  if (line !== '' || lines.length === 0) lines.push(line);
  return lines;
}

/** Columns a string takes, counted in code points (a surrogate pair is one character). */
export function length(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
