/**
 * Issue 14 item 5: docs/example-summary.md and docs/example-text.txt are what `npm run docs`
 * generates from the fictional world in test/fixtures/examples at a fixed clock; this fails when
 * either is stale. Only the output can change them: the clock, the inputs and the issue links
 * are fixed (scripts/examples/render-examples.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EXAMPLE_CLOCK, EXAMPLE_FILES, renderExamples } from '../../scripts/examples/render-examples.js';

describe('the generated example outputs', async () => {
  const fresh = await renderExamples();

  it('docs/example-summary.md is fresh (run `npm run docs` when this fails)', () => {
    expect(readFileSync(EXAMPLE_FILES.summary, 'utf8')).toBe(fresh.summary);
  });

  it('docs/example-text.txt is fresh (run `npm run docs` when this fails)', () => {
    expect(readFileSync(EXAMPLE_FILES.text, 'utf8')).toBe(fresh.text);
  });

  it('come from the fixed clock, not the machine clock', async () => {
    expect(fresh.result.generatedAt).toBe(EXAMPLE_CLOCK.toISOString());
    expect((await renderExamples()).summary).toBe(fresh.summary);
  });

  it('show what the docs point at: a domain at risk, its fix, the report window and a chart', () => {
    expect(fresh.summary).toContain('### Domains at risk (2)');
    expect(fresh.summary).toContain('### Fixes');
    expect(fresh.summary).toContain('Report window 2026-11-16 to 2026-11-22');
    expect(fresh.summary).toContain('```mermaid');
    expect(fresh.summary).not.toContain('\u200b');
    expect(fresh.text.split('\n')[0]).toMatch(/FAIL/);
  });
});
