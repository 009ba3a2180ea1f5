import { describe, expect, it } from 'vitest';
import {
  mxPatternMatches,
  normalizeHost,
  parseMxPattern,
  policyCoversMx,
  type MxPattern,
} from '../../src/core/policy.js';
import { readVectors } from './vectors.js';

function pattern(raw: string): MxPattern {
  const parsed = parseMxPattern(raw);
  if (!('pattern' in parsed)) throw new Error(`test pattern ${raw}: ${parsed.error}`);
  return parsed.pattern;
}

describe('mxPatternMatches (RFC 8461 §4.1)', () => {
  // [pattern, host, matches]
  const cases: [string, string, boolean][] = [
    ['mail.example.com', 'mail.example.com', true], // exact
    ['mail.example.com', 'MAIL.Example.COM', true], // case-insensitive
    ['Mail.Example.com', 'mail.example.com', true], // pattern case too
    ['mail.example.com', 'mail.example.com.', true], // trailing dot of the MX name ignored
    ['mail.example.com', 'mail2.example.com', false], // different host
    ['mail.example.com', 'x.mail.example.com', false], // no suffix match without a wildcard
    ['*.example.com', 'mx.example.com', true], // one label
    ['*.example.com', 'MX.EXAMPLE.COM.', true], // case and trailing dot
    ['*.example.com', 'example.com', false], // never the bare parent
    ['*.example.com', 'a.b.example.com', false], // exactly one label
    ['*.example.com', '.example.com', false], // an empty label is no label
    ['*.example.com', 'mx.example.net', false], // different parent
    ['*.example.com', 'mxexample.com', false], // not a label boundary
  ];
  it.each(cases)('%s vs %s → %s', (raw, host, matches) => {
    expect(mxPatternMatches(pattern(raw), host)).toBe(matches);
  });
});

describe('MX match vectors (mx-match.tsv)', () => {
  const rows = readVectors('mx-match.tsv');
  it('has every row', () => expect(rows).toHaveLength(13));
  // mimecast's matchMx() returns true for anything in testing mode (the row's note); that is its
  // policy decision, not matching. RFC 8461 §4.1 matching is mode-independent, and the vector is
  // given for enforce, so every row is taken as it stands.
  it.each(rows.map((r) => [r.policy_mx_json as string, r.mx_host as string, r.expected as string]))(
    '%s vs %s → %s',
    (json, host, expected) => {
      const policy = { mx: (JSON.parse(json) as string[]).map(pattern) };
      expect(policyCoversMx(policy, host)).toBe(expected === 'match');
    },
  );
});

describe('normalizeHost', () => {
  it.each([
    ['MX.Example.COM.', 'mx.example.com'],
    [' mx.example.com ', 'mx.example.com'],
    ['mx.example.com', 'mx.example.com'],
  ])('%j → %j', (input, out) => expect(normalizeHost(input)).toBe(out));
});
