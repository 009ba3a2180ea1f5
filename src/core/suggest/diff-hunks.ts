/**
 * The lines of a pull request's head that may carry a review comment, from the `patch` of each
 * changed file (GET /repos/{o}/{r}/pulls/{n}/files): every hunk shows a run of right-side
 * (head) lines, added and context alike, and GitHub accepts a `side: RIGHT` comment on any of
 * them. A multi-line comment must start and end in the same hunk.
 */

/** Right-side lines start..end (1-based, inclusive) of one hunk. */
export interface LineRange {
  start: number;
  end: number;
}

/** `@@ -a[,b] +c[,d] @@`: an omitted count is 1 (GNU diff's unified format). */
const HUNK_HEADER = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/;

/**
 * The right-side range of every hunk in a patch, in order. A hunk with no right-side line (it
 * only deletes) has none. Only header lines are read: the counts they give are what GitHub
 * places comments by, and a hunk body line that looks like a header cannot occur (every body
 * line starts with ' ', '+', '-' or '\').
 */
export function rightSideRanges(patch: string): LineRange[] {
  const ranges: LineRange[] = [];
  for (const line of patch.split('\n')) {
    const match = HUNK_HEADER.exec(line);
    if (!match) continue;
    const start = Number(match[1]);
    const count = match[2] === undefined ? 1 : Number(match[2]);
    if (count > 0) ranges.push({ start, end: start + count - 1 });
  }
  return ranges;
}

/** The hunk holding all of start..end, or null: a comment may not span two hunks. */
export function hunkHolding(ranges: readonly LineRange[], start: number, end: number): LineRange | null {
  return ranges.find((r) => r.start <= start && end <= r.end) ?? null;
}
