/** unifiedDiff: what `git apply --check` accepts, on LF, CRLF, CR-only and unterminated files. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { unifiedDiff } from '../../../src/core/fix/unified-diff.js';

/** Writes `before`, applies the diff with git, and returns the file afterwards. */
function gitApply(before: string, diff: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'mta-sts-guard-diff-'));
  try {
    execFileSync('git', ['init', '-q'], { cwd: dir });
    writeFileSync(join(dir, 'f.txt'), before);
    writeFileSync(join(dir, 'fix.patch'), diff);
    execFileSync('git', ['apply', '--check', 'fix.patch'], { cwd: dir });
    execFileSync('git', ['apply', 'fix.patch'], { cwd: dir });
    return execFileSync('cat', ['f.txt'], { cwd: dir, encoding: 'latin1' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('unifiedDiff', () => {
  it('is empty for equal texts', () => {
    expect(unifiedDiff('f.txt', 'a\n', 'a\n')).toBe('');
  });

  it.each([
    [
      'one changed line',
      'version: STSv1\nmode: Enforce\nmx: a\nmax_age: 1\n',
      'version: STSv1\nmode: enforce\nmx: a\nmax_age: 1\n',
    ],
    ['CRLF kept', 'a\r\nb\r\nc\r\n', 'a\r\nB\r\nc\r\n'],
    ['CR-only to CRLF', 'a\rb\rc\r', 'a\r\nb\r\nc\r\n'],
    ['no newline at the end', 'a\nb', 'a\nc'],
    ['a newline added at the end', 'a\nb', 'a\nb\n'],
    [
      'far-apart changes give two hunks',
      Array.from({ length: 30 }, (_, i) => `l${i}\n`).join(''),
      Array.from({ length: 30 }, (_, i) => (i === 2 || i === 25 ? `L${i}\n` : `l${i}\n`)).join(''),
    ],
    ['a deleted line', 'a\nb\nc\n', 'a\nc\n'],
  ])('%s: git apply --check accepts it and gives the new text', (_name, before, after) => {
    const diff = unifiedDiff('f.txt', before, after);
    expect(gitApply(before, diff)).toBe(after);
  });

  it('property: git applies the diff of any two small texts to give the second', () => {
    const text = fc
      .array(fc.tuple(fc.constantFrom('a', 'b', 'c', 'mode: x', ''), fc.constantFrom('\n', '\r\n')), {
        maxLength: 12,
      })
      .map((lines) => lines.map(([l, e]) => l + e).join(''));
    fc.assert(
      fc.property(text, text, (before, after) => {
        if (before === after) return;
        expect(gitApply(before, unifiedDiff('f.txt', before, after))).toBe(after);
      }),
      { numRuns: 40 },
    );
  });
});
