/** Annotations: one per finding at its level, file and line when known, GitHub's caps respected. */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/core/findings.js';
import { ANNOTATIONS_PER_LEVEL, buildAnnotations, workspacePath } from '../../src/github/annotations.js';
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
