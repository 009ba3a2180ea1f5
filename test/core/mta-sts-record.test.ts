import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  parseStsRecord,
  renderStsRecord,
  selectStsRecord,
  type StsRecord,
} from '../../src/core/mta-sts-record.js';
import { readVectors } from './vectors.js';

describe('parseStsRecord: RFC 8461 §3.1 productions', () => {
  // [record, id, extensions]
  const valid: [string, string, [string, string][]][] = [
    ['v=STSv1; id=20160831085700Z;', '20160831085700Z', []], // RFC example, trailing delimiter
    ['v=STSv1;id=a', 'a', []], // sts-field-delim without whitespace
    ['v=STSv1 \t;\t id=a \t; ', 'a', []], // *WSP on both sides of ";" (erratum 6285), trailing delim
    ['v=STSv1; id=' + 'A1'.repeat(16), 'A1'.repeat(16), []], // id of exactly 32
    ['v=STSv1; ext.1_a-b=x!y~; id=b', 'b', [['ext.1_a-b', 'x!y~']]], // extension before id
    ['v=STSv1; id=a; Z=' + '\x21\x3a\x3c\x3e\x7e', 'a', [['Z', '!:<>~']]], // ext-value range edges
    ['v=STSv1; id=a; ' + 'n'.repeat(32) + '=1', 'a', [['n'.repeat(32), '1']]], // ext-name of 32
    ['v=STSv1; id=a; ID=other', 'a', [['ID', 'other']]], // "ID" is an extension, id is case-sensitive
  ];
  it.each(valid)('accepts %j', (txt, id, ext) => {
    const parsed = parseStsRecord(txt);
    expect(parsed).toEqual({
      kind: 'valid',
      record: { raw: txt, id, extensions: ext.map(([key, value]) => ({ key, value })) },
    });
  });

  // [record, a fragment the error must contain]
  const invalid: [string, string][] = [
    ['v=STSv1', 'no fields'], // version alone
    ['v=STSv1 ', 'no fields'], // version and whitespace only
    ['v=STSv1;', 'empty field'], // delimiter with no field
    ['v=STSv1 id=a', 'expected ";" after v=STSv1 at column 9'], // no delimiter after version
    ['v=STSv1; id=a ', 'whitespace after the last field'], // trailing WSP without ";"
    ['v=STSv1; id=a;;', 'empty field at column 15'], // doubled delimiter
    ['v=STSv1; ; id=a', 'empty field'], // empty field between delimiters
    ['v=STSv1; id', 'has no "="'], // field without "="
    ['v=STSv1; id=', 'not 1 to 32 letters or digits'], // empty id
    ['v=STSv1; id=' + 'a'.repeat(33), 'not 1 to 32'], // id too long
    ['v=STSv1; id=a_b', 'not 1 to 32'], // "_" not ALPHA/DIGIT
    ['v=STSv1; id=é', 'not 1 to 32'], // non-ASCII id
    ['v=STSv1; id=a; id=b', 'a second "id"'], // repeated id: no single value (see parser comment)
    ['v=STSv1; ext=1', 'no "id=" field'], // id missing
    ['v=STSv1; ID=1', '"id" is case-sensitive'], // id spelled upper case
    ['v=STSv1; id=a; -x=1', 'field name "-x"'], // ext-name must start with ALPHA/DIGIT
    ['v=STSv1; id=a; ' + 'n'.repeat(33) + '=1', 'field name'], // ext-name longer than 32
    ['v=STSv1; id=a; x=', 'empty value'], // empty ext-value
    ['v=STSv1; id=a; x=a=b', '"="'], // "=" in ext-value
    ['v=STSv1; id=a; x=a b', 'U+0020'], // space in ext-value
    ['v=STSv1; id=a; x=\u00e9', 'U+00E9'], // non-ASCII ext-value
  ];
  it.each(invalid)('rejects %j', (txt, fragment) => {
    const parsed = parseStsRecord(txt);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') {
      expect(parsed.raw).toBe(txt);
      expect(parsed.error).toContain(fragment);
    }
  });

  // Not an STS record at all: RFC 8461 §3.1 has senders discard these.
  const notSts = [
    '', // empty
    'v=spf1 -all', // another record type
    'V=STSv1; id=a', // the version literal is case-sensitive (%s)
    'v=STSv10; id=a', // a different version that merely shares the prefix
    'v=STSv2; id=a', // another version
    ' v=STSv1; id=a', // leading whitespace: does not begin with v=STSv1
    'id=a; v=STSv1', // version not first
  ];
  it.each(notSts)('tells %j is not an STS record', (txt) => {
    expect(parseStsRecord(txt)).toEqual({ kind: 'not-sts' });
  });
});

describe('MTA-STS record vectors (test/fixtures/vectors/mta-sts-txt.tsv)', () => {
  // Rows the sources call invalid that, by RFC 8461 §3.1, are not STS records at all: they do not
  // begin with the case-sensitive "v=STSv1" followed by ";" or whitespace, so senders discard them
  // (postfix-mta-sts-resolver reports NONE for them; mox says "invalid"). Both mean "no policy";
  // we report them as absent records, not broken ones.
  const NOT_STS = new Set([
    'v=STSv0',
    'v=STSv10', // shares the prefix but is another version
    'v=STSv2',
    'v=spf1 -all',
    'id=20180907T090909; v=STSv1;',
    'azazaza;asdasdasdasd',
    'v=STSv12;id=20180907T090909;',
    '',
    'id=19840507T234501;',
    'v=STSv;',
    'v-STSv1 id=19840507T234501',
    'v=STSv2; id=19840507T234501;',
  ]);
  const rows = readVectors('mta-sts-txt.tsv');
  it('has every row', () => expect(rows).toHaveLength(35));
  it.each(
    rows.map((r) => [r.input_json as string, r.expected as string, r.note as string, r.source as string]),
  )('%s → %s (%s, %s)', (json, expected) => {
    const txt = JSON.parse(json) as string;
    const kind = expected === 'valid' ? 'valid' : NOT_STS.has(txt) ? 'not-sts' : 'invalid';
    expect(parseStsRecord(txt).kind).toBe(kind);
  });
});

describe('selectStsRecord (RRset vectors, mta-sts-txt-rrsets.tsv)', () => {
  const rows = readVectors('mta-sts-txt-rrsets.tsv');
  it('has every row', () => expect(rows).toHaveLength(6));
  it.each(rows.map((r) => [r.txt_rrset_json as string, r.expected as string]))(
    '%s → %s',
    (json, expected) => {
      const txts = JSON.parse(json) as string[];
      const selection = selectStsRecord(txts);
      if (expected.startsWith('record id=')) {
        expect(selection.kind).toBe('one');
        if (selection.kind === 'one') expect(selection.record.id).toBe(expected.slice('record id='.length));
      } else {
        const kinds: Record<string, string> = {
          'error: record syntax': 'invalid',
          'error: multiple records': 'multiple',
          'error: no record': 'none',
        };
        expect(selection.kind).toBe(kinds[expected]);
      }
    },
  );
  it('counts broken STS records toward "multiple"', () => {
    // RFC 8461 §3.1: only records not beginning with v=STSv1 are discarded before counting.
    expect(selectStsRecord(['v=STSv1; id=1', 'v=STSv1;'])).toEqual({
      kind: 'multiple',
      raws: ['v=STSv1; id=1', 'v=STSv1;'],
    });
  });
  it('keeps the discarded strings and the broken record', () => {
    expect(selectStsRecord(['v=spf1 -all'])).toEqual({ kind: 'none', discarded: ['v=spf1 -all'] });
    const broken = selectStsRecord(['x', 'v=STSv1; id=a-b']);
    expect(broken).toMatchObject({ kind: 'invalid', raw: 'v=STSv1; id=a-b' });
  });
});

const idArb = fc.stringMatching(/^[A-Za-z0-9]{1,32}$/);
const extArb = fc.array(
  fc.record({
    key: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/).filter((k) => k !== 'id'),
    value: fc.stringMatching(/^[\x21-\x3A\x3C\x3E-\x7E]{1,20}$/),
  }),
  { maxLength: 4 },
);

describe('STS record properties', () => {
  it('never throws, on any string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme' })),
        (s) => {
          parseStsRecord(s);
          parseStsRecord('v=STSv1;' + s);
          selectStsRecord([s, 'v=STSv1; ' + s]);
        },
      ),
      { numRuns: 500 },
    );
  });
  it('parse(render(x)) = x', () => {
    fc.assert(
      fc.property(idArb, extArb, (id, extensions) => {
        const rendered = renderStsRecord({ id, extensions });
        const expected: StsRecord = { raw: rendered, id, extensions };
        expect(parseStsRecord(rendered)).toEqual({ kind: 'valid', record: expected });
      }),
      { numRuns: 300 },
    );
  });
});
