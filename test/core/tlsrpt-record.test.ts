import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ruaUriProblem } from '../../src/core/rua-uri.js';
import {
  parseTlsRptRecord,
  renderTlsRptRecord,
  selectTlsRptRecord,
  type TlsRptRecord,
} from '../../src/core/tlsrpt-record.js';
import { readVectors } from './vectors.js';

describe('parseTlsRptRecord: RFC 8460 §3 productions', () => {
  // [record, rua, extensions]
  const valid: [string, string[], [string, string][]][] = [
    ['v=TLSRPTv1;rua=mailto:reports@example.com', ['mailto:reports@example.com'], []], // RFC 8460 §3.1.1
    [
      'v=TLSRPTv1; rua=https://reporting.example.com/v1/tlsrpt',
      ['https://reporting.example.com/v1/tlsrpt'],
      [],
    ],
    ['v=TLSRPTv1 ; rua=mailto:a@b.example ;', ['mailto:a@b.example'], []], // WSP around ";", trailing delim
    [
      'v=TLSRPTv1; rua=mailto:a@b.example \t,\t https://c.example/',
      ['mailto:a@b.example', 'https://c.example/'],
      [],
    ],
    [
      'v=TLSRPTv1; rua=mailto:a@b.example,mailto:c@d.example',
      ['mailto:a@b.example', 'mailto:c@d.example'],
      [],
    ],
    [
      'v=TLSRPTv1; rua=mailto:a@b.example; rua=mailto:c@d.example',
      ['mailto:a@b.example', 'mailto:c@d.example'],
      [],
    ], // two rua fields: both kept
    ['v=TLSRPTv1; rua=MAILTO:a@b.example', ['MAILTO:a@b.example'], []], // schemes are case-insensitive (RFC 3986 §3.1)
    ['v=TLSRPTv1; rua=mailto:first.last+tag@b.example', ['mailto:first.last+tag@b.example'], []], // dot-atom
    ['v=TLSRPTv1; rua=mailto:%22a%20b%22@b.example', ['mailto:%22a%20b%22@b.example'], []], // quoted local part
    ['v=TLSRPTv1; rua=mailto:a%21b@b.example', ['mailto:a%21b@b.example'], []], // "!" percent-encoded
    ['v=TLSRPTv1; rua=mailto:a@b.example?subject=tlsrpt', ['mailto:a@b.example?subject=tlsrpt'], []], // hfields
    ['v=TLSRPTv1; rua=https://r.example:8443/x?y=z', ['https://r.example:8443/x?y=z'], []], // port, query
    ['v=TLSRPTv1; rua=https://[2001:db8::1]/r', ['https://[2001:db8::1]/r'], []], // IPv6 literal host
    ['v=TLSRPTv1; ext=1; rua=mailto:a@b.example', ['mailto:a@b.example'], [['ext', '1']]], // extension first
  ];
  it.each(valid)('accepts %j', (txt, rua, ext) => {
    expect(parseTlsRptRecord(txt)).toEqual({
      kind: 'valid',
      record: { raw: txt, rua, extensions: ext.map(([key, value]) => ({ key, value })) },
    });
  });

  const invalid: [string, string][] = [
    ['v=TLSRPTv1', 'no fields'], // version alone
    ['v=TLSRPTv1;', 'empty field'], // no field after the delimiter
    ['v=TLSRPTv1 rua=mailto:a@b.example', 'expected ";"'], // no delimiter
    ['v=TLSRPTv1; ext=1', 'no "rua=" field'], // rua is required
    ['v=TLSRPTv1; RUA=mailto:a@b.example', '"rua" is case-sensitive'], // RUA is an extension
    ['v=TLSRPTv1; rua=', 'empty URI'], // no URI
    ['v=TLSRPTv1; rua=mailto:a@b.example,', 'empty URI'], // dangling comma
    ['v=TLSRPTv1; rua=mailto:a@b.example  ', 'whitespace after the last field'], // trailing WSP, no ";"
    ['v=TLSRPTv1; rua= mailto:a@b.example', 'U+0020'], // WSP only around commas, not after "="
    ['v=TLSRPTv1; rua=mailto:a!b@b.example', 'must be percent-encoded'], // raw "!" (RFC 8460 §3)
    ['v=TLSRPTv1; rua=mailto:a@b.example other', 'U+0020'], // junk after the URI
    ['v=TLSRPTv1; rua=noscheme', 'no scheme'], // not a URI
    ['v=TLSRPTv1; rua=http://r.example/', 'only mailto: and https:'], // plain http is not a rua method
    ['v=TLSRPTv1; rua=ftp://r.example/', 'only mailto: and https:'], // other scheme
    ['v=TLSRPTv1; rua=mailto:', 'has no "@"'], // no address
    ['v=TLSRPTv1; rua=mailto:reports', 'has no "@"'], // no domain
    ['v=TLSRPTv1; rua=mailto:@b.example', 'local part'], // empty local part
    ['v=TLSRPTv1; rua=mailto:a..b@b.example', 'local part'], // dot-atom with empty atom
    ['v=TLSRPTv1; rua=mailto:a@', 'address domain'], // empty domain
    ['v=TLSRPTv1; rua=mailto:a@b_c.example', 'address domain'], // "_" in a host name
    ['v=TLSRPTv1; rua=mailto:a@-b.example', 'address domain'], // label starting with "-"
    ['v=TLSRPTv1; rua=mailto:a%FF@b.example', 'not UTF-8'], // undecodable escape
    ['v=TLSRPTv1; rua=mailto:a%2@b.example', '%XX escape'], // truncated escape
    ['v=TLSRPTv1; rua=https:r.example/x', 'no "//host"'], // no authority
    ['v=TLSRPTv1; rua=https:///x', 'no "//host"'], // empty authority
    ['v=TLSRPTv1; rua=https://r.example:99999/', 'not a valid URL'], // port out of range
    ['v=TLSRPTv1; rua=https://a..b/', 'empty label'], // WHATWG-accepted but unresolvable host
    ['v=TLSRPTv1; rua=mailto:a@b.example; x=', 'empty value'], // empty ext-value
    ['v=TLSRPTv1; rua=mailto:a@b.example; _x=1', 'field name'], // bad ext-name
  ];
  it.each(invalid)('rejects %j', (txt, fragment) => {
    const parsed = parseTlsRptRecord(txt);
    expect(parsed.kind).toBe('invalid');
    if (parsed.kind === 'invalid') expect(parsed.error).toContain(fragment);
  });

  it.each(['', 'v=spf1 -all', 'v=TLSRPTv10; rua=mailto:a@b.example', 'V=TLSRPTv1; rua=mailto:a@b.example'])(
    'tells %j is not a TLS-RPT record',
    (txt) => expect(parseTlsRptRecord(txt)).toEqual({ kind: 'not-tlsrpt' }),
  );

  it('names the column of the rua field', () => {
    expect(ruaUriProblem('mailto:a@b.example')).toBeNull();
    const parsed = parseTlsRptRecord('v=TLSRPTv1; rua=nope');
    expect(parsed).toMatchObject({ kind: 'invalid', error: expect.stringContaining('rua at column 13') });
  });
});

describe('TLS-RPT record vectors (tlsrpt-txt.permissive.tsv)', () => {
  const NOT_TLSRPT = new Set(['v=TLSRPTv0', 'v=TLSRPTv10', 'v=TLSRPTv2', 'v=spf1 -all']);
  // Disagreements decided by RFC 8460 §3:
  const OURS: Record<string, 'valid' | 'invalid'> = {
    // mox accepts trailing spaces after the last URI. The ABNF allows whitespace only inside
    // field-delim (around ";") and around the commas of tlsrpt-rua, so trailing whitespace with no
    // ";" after it is outside the grammar.
    'v=TLSRPTv1; rua=mailto:tlsrpt@mox.example , \t\t https://mox.example/tlsrpt  ': 'invalid',
    // checkdmarc refuses a second rua field; the ABNF repeats fields freely and the prose does not
    // forbid it, and the URIs are a list of destinations, so both are kept (as mox does).
    'v=TLSRPTv1; rua=mailto:a@example.com; rua=mailto:b@example.com': 'valid',
  };
  const rows = readVectors('tlsrpt-txt.permissive.tsv');
  it('has every permissively licensed row', () => expect(rows).toHaveLength(30));
  it.each(
    rows.map((r) => [r.input_json as string, r.expected as string, r.note as string, r.source as string]),
  )('%s → %s (%s, %s)', (json, expected) => {
    const txt = JSON.parse(json) as string;
    const verdict = OURS[txt] ?? expected;
    const kind = verdict === 'valid' ? 'valid' : NOT_TLSRPT.has(txt) ? 'not-tlsrpt' : 'invalid';
    expect(parseTlsRptRecord(txt).kind).toBe(kind);
  });
});

describe('selectTlsRptRecord (tlsrpt-txt-rrsets.tsv)', () => {
  const rows = readVectors('tlsrpt-txt-rrsets.tsv');
  it('has every row', () => expect(rows).toHaveLength(6));
  it.each(rows.map((r) => [r.txt_rrset_json as string, r.expected as string]))(
    '%s → %s',
    (json, expected) => {
      const selection = selectTlsRptRecord(JSON.parse(json) as string[]);
      if (expected.startsWith('record rua=')) {
        expect(selection.kind).toBe('one');
        if (selection.kind === 'one')
          expect(selection.record.rua).toEqual([expected.slice('record rua='.length)]);
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
  it('reports the broken record and the discarded ones', () => {
    expect(selectTlsRptRecord(['x', 'v=TLSRPTv1; rua=x'])).toMatchObject({
      kind: 'invalid',
      raw: 'v=TLSRPTv1; rua=x',
    });
    expect(selectTlsRptRecord(['x'])).toEqual({ kind: 'none', discarded: ['x'] });
  });
});

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const host = fc.tuple(label, fc.stringMatching(/^[a-z]{2,6}$/)).map(([a, b]) => `${a}.${b}`);
const uriArb = fc.oneof(
  fc.tuple(fc.stringMatching(/^[a-z0-9+_-]{1,12}$/), host).map(([l, h]) => `mailto:${l}@${h}`),
  fc.tuple(host, fc.stringMatching(/^[a-z0-9/_-]{0,12}$/)).map(([h, p]) => `https://${h}/${p}`),
);

describe('TLS-RPT record properties', () => {
  it('never throws, on any string', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'binary' })), (s) => {
        parseTlsRptRecord(s);
        parseTlsRptRecord('v=TLSRPTv1; rua=' + s);
        selectTlsRptRecord([s, 'v=TLSRPTv1;' + s]);
      }),
      { numRuns: 500 },
    );
  });
  it('parse(render(x)) = x', () => {
    const ext = fc.array(
      fc.record({
        key: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/).filter((k) => k !== 'rua'),
        value: fc.stringMatching(/^[\x21-\x3A\x3C\x3E-\x7E]{1,20}$/),
      }),
      { maxLength: 3 },
    );
    fc.assert(
      fc.property(fc.array(uriArb, { minLength: 1, maxLength: 4 }), ext, (rua, extensions) => {
        const rendered = renderTlsRptRecord({ rua, extensions });
        const expected: TlsRptRecord = { raw: rendered, rua, extensions };
        expect(parseTlsRptRecord(rendered)).toEqual({ kind: 'valid', record: expected });
      }),
      { numRuns: 300 },
    );
  });
});
