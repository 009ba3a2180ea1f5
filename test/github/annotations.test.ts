/** Annotations: one per finding at its level, file and line when known, GitHub's caps respected. */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/core/findings.js';
import {
  ANNOTATIONS_PER_LEVEL,
  buildAnnotations,
  editDiff,
  workspacePath,
} from '../../src/github/annotations.js';
import { enforceFindings } from './fixtures.js';

describe('buildAnnotations', () => {
  it('annotates each finding at its severity, with the file and line when there is one', () => {
    const annotations = buildAnnotations(enforceFindings('a.example'), '/ws');
    expect(annotations.map((a) => a.level)).toEqual(['error', 'error', 'warning', 'notice']);
    expect(annotations[3]).toMatchObject({
      file: 'mta-sts/a.txt',
      startLine: 1,
      title: 'Policy mixes line endings (policy-line-endings)',
    });
    expect(annotations[0]!.file).toBeUndefined();
    expect(annotations[0]!.message).toMatch(
      /^a\.example: MX mx2\.a\.example matches no mx pattern.*\nFix: /s,
    );
  });

  it('keeps to the per-level cap, file findings first, and summarises the rest', () => {
    const many: Finding[] = Array.from({ length: 25 }, (_, i) =>
      finding('mx-not-in-policy', 'enforce', {
        domain: `d${i}.example`,
        message: 'm',
        ...(i === 24 ? { location: { file: 'zones/db.example', line: 3 } } : {}),
      }),
    );
    const annotations = buildAnnotations(many, null);
    expect(annotations).toHaveLength(ANNOTATIONS_PER_LEVEL);
    expect(annotations[0]!.file).toBe('zones/db.example');
    expect(annotations.at(-1)!.title).toBe('16 more errors');
  });
});

describe('the fix as a diff (issue 15 item 5: shown even where no review suggestion is posted)', () => {
  const text = 'a\r\nb\r\nc\r\n';
  const sources = new Map([['db.example', { text }]]);
  it('a finding with an edit shows the lines it replaces and the new ones', () => {
    const f: Finding = {
      ...finding('sts-record-invalid', 'enforce', {
        domain: 'x.example',
        message: 'broken',
        location: { file: 'db.example', line: 2 },
      }),
      fix: { summary: 's', edits: [{ file: 'db.example', startLine: 2, endLine: 2, text: 'B\r\n' }] },
    };
    const [annotation] = buildAnnotations([f], null, sources);
    expect(annotation!.message).toMatch(/\nEdit db\.example line 2:\n-b\n\+B$/);
  });
  it.each([
    // several lines replaced
    [{ startLine: 1, endLine: 2, text: 'x\n' }, 'Edit db.example lines 1-2:\n-a\n-b\n+x'],
    // an insertion replaces nothing
    [{ startLine: 2, endLine: 1, text: 'x\n' }, 'Edit db.example insert before line 2:\n+x'],
  ])('%j', (range, expected) => {
    expect(editDiff({ file: 'db.example', ...range }, sources)).toBe(expected);
  });
  it('without the file text shows the new lines, and cuts long edits', () => {
    const long = Array.from({ length: 20 }, (_, i) => `l${i}\n`).join('');
    const diff = editDiff({ file: 'gone', startLine: 1, endLine: 20, text: long }, sources);
    expect(diff.split('\n')).toHaveLength(1 + 12 + 1);
    expect(diff).toMatch(/^Edit gone lines 1-20:\n\+l0\n[\s\S]*\(8 more lines\)$/);
  });
});

describe('workspacePath', () => {
  it.each([
    ['zones/db.example', '/ws', 'zones/db.example'],
    ['./zones/db.example', '/ws', 'zones/db.example'],
    ['/ws/zones/db.example', '/ws', 'zones/db.example'],
    // outside the checkout: GitHub cannot place it on the diff
    ['/etc/db.example', '/ws', null],
    ['/ws/x', null, null],
  ])('%s in %s → %s', (file, workspace, expected) => {
    expect(workspacePath(file, workspace)).toBe(expected);
  });
});
