/** The CLI writes JSON a domain at a time (issue 11 item 4): the pieces are render()'s text, byte for byte. */
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import { emptyDomainResult, type CheckResult } from '../../src/core/result.js';
import { render, renderPieces } from '../../src/render/index.js';
import { MAX_RENDERED_STRING_CHARS } from '../../src/render/untrusted.js';

function checkResult(domains: string[], over: Partial<CheckResult> = {}): CheckResult {
  return {
    schemaVersion: 1,
    tool: { name: 'mta-sts-guard', version: '0.0.0' },
    generatedAt: '2026-12-02T00:00:00.000Z',
    summary: { domains: domains.length, errors: 1, warnings: 0, notices: 0, enforceRisk: false },
    findings: [
      finding('mx-unreachable', null, {
        domain: domains[0] ?? null,
        subject: 'mx.example',
        message: 'no answer \u009b from "domains": []',
      }),
    ],
    domains: domains.map((d) => emptyDomainResult(d)),
    reports: {
      files: 0,
      parsed: 0,
      invalid: [{ path: 'a\u202eb', error: 'x'.repeat(MAX_RENDERED_STRING_CHARS + 9) }],
    },
    ...over,
  };
}

describe('renderPieces', () => {
  it.each([
    ['several domains', checkResult(['a.example', 'b\u202e.example', 'c.example'])],
    ['one domain', checkResult(['a.example'])],
    ['no domain', checkResult([])],
    [
      'a shard block after the domains, with its own (empty) domains list',
      checkResult(['a.example', 'b.example'], {
        shard: {
          index: 1,
          total: 2,
          list: { fingerprint: 'f', count: 0, domains: [] },
          toolVersion: '0.0.0',
          run: null,
          reportsJudged: false,
          evidence: {},
        },
      }),
    ],
  ])('%s: the pieces join to the JSON rendering', (_why, result) => {
    const pieces = [...renderPieces(result, 'json')];
    expect(pieces.join('')).toBe(render(result, 'json'));
    expect(pieces.length).toBe(result.domains.length === 0 ? 1 : result.domains.length + 2);
  });

  it('bounds each domain as the whole rendering does', () => {
    const result = checkResult(['a.example']);
    result.domains[0]!.domain = 'y'.repeat(MAX_RENDERED_STRING_CHARS * 2);
    const text = [...renderPieces(result, 'json')].join('');
    expect(text).toBe(render(result, 'json'));
    expect(text).not.toContain('y'.repeat(MAX_RENDERED_STRING_CHARS + 1));
  });

  it('gives other formats as one piece', () => {
    const result = checkResult(['a.example']);
    expect([...renderPieces(result, 'markdown')]).toEqual([render(result, 'markdown')]);
  });
});
