/** Hunk headers of GitHub's `patch` field → the head-side lines a review comment may sit on. */
import { describe, expect, it } from 'vitest';
import { hunkHolding, rightSideRanges } from '../../../src/core/suggest/diff-hunks.js';

describe('rightSideRanges', () => {
  it.each([
    // one hunk: 3 context lines, 1 removed, 1 added -> right side 4..7
    ['@@ -4,4 +4,4 @@ $TTL\n a\n b\n c\n-d\n+e', [{ start: 4, end: 7 }]],
    // counts omitted mean 1
    ['@@ -1 +1 @@\n-a\n+b', [{ start: 1, end: 1 }]],
    // a new file
    ['@@ -0,0 +1,3 @@\n+a\n+b\n+c', [{ start: 1, end: 3 }]],
    // a hunk that only deletes has no right-side line
    ['@@ -5,2 +4,0 @@\n-a\n-b', []],
    // two hunks, in order; a body line that merely contains "@@" is not a header
    [
      '@@ -1,3 +1,3 @@\n a\n-b @@ -9,9 +9,9 @@\n+b\n c\n@@ -20,3 +20,4 @@ x\n d\n+e\n f\n g',
      [
        { start: 1, end: 3 },
        { start: 20, end: 23 },
      ],
    ],
    // no hunk at all (GitHub leaves the patch out for binaries; an empty string is the same)
    ['', []],
  ])('%j', (patch, ranges) => {
    expect(rightSideRanges(patch)).toEqual(ranges);
  });
});

describe('hunkHolding', () => {
  const ranges = [
    { start: 1, end: 3 },
    { start: 10, end: 14 },
  ];
  it('finds the hunk holding the whole range', () => {
    expect(hunkHolding(ranges, 11, 14)).toEqual({ start: 10, end: 14 });
    expect(hunkHolding(ranges, 1, 1)).toEqual({ start: 1, end: 3 });
  });
  it('refuses a range that leaves its hunk or spans two', () => {
    // 14..15: line 15 is not in the diff
    expect(hunkHolding(ranges, 14, 15)).toBeNull();
    // 3..10: starts in one hunk, ends in the next
    expect(hunkHolding(ranges, 3, 10)).toBeNull();
    // 5..5: between hunks
    expect(hunkHolding(ranges, 5, 5)).toBeNull();
  });
});
