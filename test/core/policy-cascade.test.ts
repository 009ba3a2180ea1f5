/** Issue 14: one cause (a BOM, a CR-only file, a refused line) is one problem, at the cause. */
import { describe, expect, it } from 'vitest';
import { parsePolicy, type PolicyProblem } from '../../src/core/policy.js';
import { foldCascades, keysOnRefusedLine } from '../../src/core/policy-cascade.js';

const GOOD = 'version: STSv1\nmode: enforce\nmx: mx.example.com\nmax_age: 604800\n';

describe('parsePolicy reports a cascade once, at its cause', () => {
  it.each([
    // [why, text, the one problem left (line, column, fragment, what it names as hidden)]
    ['a BOM before "version"', '\ufeff' + GOOD, 1, 1, 'byte order mark', 'so the "version" line is not seen'],
    [
      'a CR-only file is one line holding every key',
      GOOD.replaceAll('\n', '\r'),
      1,
      15,
      'a CR that is not followed by LF',
      'so the "version", "mode" and "max_age" lines are not seen',
    ],
    [
      'a control character on the mx line hides the mx that enforce needs',
      GOOD.replace('mx.example.com', 'mx.example.com\u0001'),
      3,
      19,
      'U+0001',
      'so the "mx" line is not seen',
    ],
    [
      'blanks before "mode"',
      GOOD.replace('mode', '  mode'),
      2,
      1,
      'key "  mode"',
      'so the "mode" line is not seen',
    ],
  ])('%s', (_why, text, line, column, fragment, hidden) => {
    const { errors, policy } = parsePolicy(text);
    expect(policy).toBeNull();
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ line, column });
    expect(errors[0]!.message).toContain(fragment);
    expect(errors[0]!.message.endsWith(hidden)).toBe(true);
  });

  it('keeps a missing key that no refused line explains', () => {
    const { errors } = parsePolicy('\ufeffversion: STSv1\nmx: mx.example.com\nmax_age: 604800\n');
    expect(errors.map((e) => e.message)).toEqual([
      'the policy starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM; so the "version" line is not seen',
      'no "mode" line: it is required exactly once',
    ]);
  });
});

describe('foldCascades', () => {
  const cause: PolicyProblem = { line: 1, column: 1, message: 'refused', hides: ['version'] };
  const missing: PolicyProblem = { line: 5, column: 1, message: 'no "version" line', missingKey: 'version' };
  const other: PolicyProblem = { line: 5, column: 1, message: 'no "mode" line', missingKey: 'mode' };

  it('folds only what a cause hides, and leaves problems without a cause alone', () => {
    expect(foldCascades([cause, missing, other])).toEqual([
      { ...cause, message: 'refused; so the "version" line is not seen' },
      other,
    ]);
    expect(foldCascades([missing, other])).toEqual([missing, other]);
  });

  it('the first line hiding a key is its cause', () => {
    const second: PolicyProblem = { line: 2, column: 1, message: 'also refused', hides: ['version'] };
    expect(foldCascades([cause, second, missing]).map((p) => p.message)).toEqual([
      'refused; so the "version" line is not seen',
      'also refused',
    ]);
  });

  it('keysOnRefusedLine: keys without BOM or blanks, one per CR-separated piece', () => {
    expect(keysOnRefusedLine('\ufeffversion: STSv1')).toEqual(['version']);
    expect(keysOnRefusedLine('version: STSv1\rmode: enforce\r')).toEqual(['version', 'mode']);
    expect(keysOnRefusedLine('no colon here')).toEqual([]);
  });
});
