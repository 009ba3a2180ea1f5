import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import {
  MAX_ANNOTATION_CHARS,
  MAX_LOG_LINE_CHARS,
  oneLineValues,
  safeAnnotation,
  safeJsonText,
  safeLogLine,
  safeText,
} from '../../src/render/untrusted.js';

// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

describe('safeText', () => {
  it.each([
    ['ESC sequence', 'org \u001b[31mred\u001b[0m', 'org \\x1b[31mred\\x1b[0m'],
    ['CR hides what came before', 'ok\rFAKE', 'ok\\x0dFAKE'],
    ['NUL', 'a\u0000b', 'a\\x00b'],
    ['C1 CSI', 'a\u009bb', 'a\\x9bb'],
    ['bidi override', 'moc.elgoog\u202e', 'moc.elgoog\\u202e'],
    ['workflow command at a line start', 'x\n::error::pwned', 'x\n\\x3a:error::pwned'],
    ['after blanks', 'x\n   ::add-mask::y', 'x\n   \\x3a:add-mask::y'],
    ['mid-line is harmless', 'a ::b', 'a ::b'],
  ])('%s', (_why, input, expected) => {
    expect(safeText(input)).toBe(expected);
  });

  it('never leaves a raw control or a :: line start, for any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        const out = safeText(text);
        expect(out).not.toMatch(RAW_CONTROL);
        for (const line of out.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
      }),
    );
  });
});

describe('safeAnnotation', () => {
  it('keeps line breaks (the fix diff), escapes controls and workflow command starts, and cuts', () => {
    expect(safeAnnotation('Edit db line 5:\n-a\u001b[2J\n+::error::b\r')).toBe(
      'Edit db line 5:\n-a\\x1b[2J\n+::error::b\\x0d',
    );
    expect(safeAnnotation('x\n::error::b')).toBe('x\n\\x3a:error::b');
    expect(Array.from(safeAnnotation('y'.repeat(3 * MAX_ANNOTATION_CHARS))).length).toBe(
      MAX_ANNOTATION_CHARS,
    );
  });
});

describe('safeLogLine', () => {
  it('keeps one line, escapes line breaks, and cuts long values', () => {
    expect(safeLogLine('a\n::error::b')).toBe('a\\x0a::error::b');
    expect(safeLogLine('::warning::x')).toBe('\\x3a:warning::x');
    expect(Array.from(safeLogLine('x'.repeat(10 * MAX_LOG_LINE_CHARS))).length).toBe(MAX_LOG_LINE_CHARS);
  });
});

describe('safeJsonText', () => {
  it('escapes C1 and bidi as \\u, reading back as the same value', () => {
    const value = { org: 'a\u009b\u202eb' };
    const text = safeJsonText(JSON.stringify(value));
    expect(text).not.toMatch(RAW_CONTROL);
    expect(JSON.parse(text)).toEqual(value);
  });
});

describe('safeJsonText on pretty JSON', () => {
  it('keeps the layout', () => {
    const value = { a: ['x\u0085', 'y\n'] };
    expect(JSON.parse(safeJsonText(JSON.stringify(value, null, 2)))).toEqual(value);
  });
});

describe('oneLineValues', () => {
  it('puts every string and key on one line, numbers and nesting untouched', () => {
    const result = { a: ['mx\r\n::error::x', 7], ['k\ney']: { b: 'ok\u2028' } } as unknown as CheckResult;
    expect(oneLineValues(result)).toEqual({
      a: ['mx\\x0d\\x0a::error::x', 7],
      'k\\x0aey': { b: 'ok\\u2028' },
    });
  });
});
