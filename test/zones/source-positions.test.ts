/**
 * Issue 10 item 11: DNSControl records carry `filepos`, the dnsconfig.js line findings are shown
 * at; the IR line stays where fixes edit.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import { readDnscontrolIr, sourcePosition } from '../../src/zones/dnscontrol-ir.js';
import { atSourceLines, sourceLines } from '../../src/zones/source-positions.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/zones/corpus/dnscontrol-parse-tests');

describe('sourcePosition (models.FixPosition output)', () => {
  const rows: [string, unknown, { file: string; line: number; column: number } | null][] = [
    [
      'an unnamed frame is dnsconfig.js beside the IR',
      '[line:2:5]',
      { file: 'dns/dnsconfig.js', line: 2, column: 5 },
    ],
    ['the raw <anonymous> frame', '<anonymous>:12:3', { file: 'dns/dnsconfig.js', line: 12, column: 3 }],
    ['a frame with a function name', '[mail (line:7:9)]', { file: 'dns/dnsconfig.js', line: 7, column: 9 }],
    [
      'a named file, relative to the IR',
      '[domains/a.js:3:1]',
      { file: 'dns/domains/a.js', line: 3, column: 1 },
    ],
    // Not the user's source: DNSControl's own helpers, or a path that leaves the folder.
    ['DNSControl helpers.js', '[pkg/js/helpers.js:900:5]', null],
    ['a path with ..', '[../secret.js:1:1]', null],
    ['an absolute path', '[/etc/passwd:1:1]', null],
    ['no position (the field is empty for records from a provider)', '', null],
    ['not a string', 12, null],
    ['no line number', '[line]', null],
  ];
  it.each(rows)('%s', (_why, filepos, expected) => {
    expect(sourcePosition(filepos, 'dns/dnscontrol-ir.json')).toEqual(expected);
  });
});

describe('DNSControl 4.2x+ IR (rdata, filepos): parse_tests fixtures', () => {
  it('reads MX from rdata and keeps the record on its IR line with its source', async () => {
    const file = 'ir/013-mx.json';
    const content = readDnscontrolIr(file, await readFile(path.join(FIXTURES, '013-mx.json'), 'utf8'));
    expect(content.records).toEqual([
      {
        name: 'foo.com',
        type: 'MX',
        mx: { preference: 15, exchange: 'foo.com' },
        location: { file, line: 8 },
        source: { file: 'ir/dnsconfig.js', line: 2, column: 5 },
      },
    ]);
  });

  it('reads TXT from zone-file rdata (quotes and escapes)', async () => {
    const content = readDnscontrolIr(
      '017-txt.json',
      await readFile(path.join(FIXTURES, '017-txt.json'), 'utf8'),
    );
    expect(content.records.map((r) => [r.name, r.txt, r.source?.line])).toEqual([
      ['a.foo.com', 'simple', 2],
      ['b.foo.com', 'ws at end ', 3],
      ['c.foo.com', 'one', 4],
      ['d.foo.com', 'bonieclyde', 5],
      ['e.foo.com', 'strawwoodbrick', 6],
    ]);
    const ir = JSON.stringify({
      domains: [
        {
          name: 'example.com',
          records: [{ type: 'TXT', name: '_mta-sts', rdata: '"v=STSv1; " "id=\\"1\\"\\059"' }],
        },
      ],
    });
    expect(readDnscontrolIr('x.json', ir).records[0]?.txt).toBe('v=STSv1; id="1";');
  });
});

describe('sourceLines', () => {
  const dnsconfig = [
    'var REG = NewRegistrar("none");',
    'D("foo.com", REG,',
    '    MX("@", 15, "foo.com."),',
    '    { note: 1 }',
    ');',
  ].join('\n');
  const record = (line: number, sourceLine: number, column = 5) => ({
    name: 'foo.com',
    type: 'MX',
    location: { file: 'ir.json', line },
    source: { file: 'dnsconfig.js', line: sourceLine, column },
  });
  const read = async (file: string) => (file === 'dnsconfig.js' ? dnsconfig : null);

  it('keeps a position whose line holds a call at the column', async () => {
    const sources = await sourceLines([{ apexes: [], records: [record(8, 3)] }], read);
    expect([...sources]).toEqual([['ir.json\u00008', { file: 'dnsconfig.js', line: 3 }]]);
  });

  it("drops positions past the end, at no call or another type's builder, in a missing file, or ambiguous on one IR line", async () => {
    const missing = { ...record(9, 3), source: { file: 'other.js', line: 3, column: 5 } };
    const contents = [
      {
        apexes: [],
        records: [
          record(4, 99),
          record(5, 4),
          missing,
          { ...record(6, 3), type: 'TXT' },
          record(1, 3),
          record(1, 3, 1),
        ],
      },
    ];
    // Line 1 holds two records from different columns of line 3 only if both are calls: column 1 is
    // four blanks, not a call, so that record has no source and line 1 stays the IR line.
    expect([...(await sourceLines(contents, read))]).toEqual([]);
  });

  it('agrees when every record of an IR line comes from the same source line', async () => {
    const sources = await sourceLines([{ apexes: [], records: [record(1, 3), record(1, 3)] }], read);
    expect(sources.get('ir.json\u00001')).toEqual({ file: 'dnsconfig.js', line: 3 });
  });
});

describe('atSourceLines', () => {
  it('moves findings on a mapped IR line, and leaves the rest (and the fix edits) alone', () => {
    const edit = { file: 'ir.json', startLine: 8, endLine: 8, text: 'x\n' };
    const findings: Finding[] = [
      {
        rule: 'sts-record-invalid',
        severity: 'error',
        domain: 'foo.com',
        message: 'm',
        location: { file: 'ir.json', line: 8 },
        fix: { summary: 's', edits: [edit] },
      },
      {
        rule: 'mx-missing',
        severity: 'error',
        domain: 'foo.com',
        message: 'n',
        location: { file: 'ir.json', line: 9 },
      },
      { rule: 'resolver-failed', severity: 'error', domain: null, message: 'r' },
    ];
    const moved = atSourceLines(findings, new Map([['ir.json\u00008', { file: 'dnsconfig.js', line: 3 }]]));
    expect(moved.map((f) => f.location)).toEqual([
      { file: 'dnsconfig.js', line: 3 },
      { file: 'ir.json', line: 9 },
      undefined,
    ]);
    expect(moved[0]?.fix?.edits).toEqual([edit]);
    expect(atSourceLines(findings, new Map())).toBe(findings);
  });
});
