/** Record corrections (issue 15): only what has one intent, in the line's own spelling. */
import { describe, expect, it } from 'vitest';
import {
  correctedStsRecord,
  correctedTlsRptRecord,
  irRecordEdit,
  recordLineEdit,
  withNewId,
} from '../../../src/core/fix/record-fix.js';

describe('correctedStsRecord', () => {
  it.each([
    ['v=STSv1; id=2026-11-01', 'v=STSv1; id=20261101'], // a bad id character
    ['"v=STSv1; id=1"', 'v=STSv1; id=1'], // a stray quote
    ['v=STSv1 id=1', 'v=STSv1; id=1'], // a missing ;
    ['id=1; v=STSv1', 'v=STSv1; id=1'], // v= not first
    ['v=STSv1; id=1; ext=a', null], // already valid: nothing to correct
    ['v=STSv1', null], // no id: what id was meant is not known
    ['v=STSv1; id=1; id=2', null], // two ids
    ['v=STSv1; id=---', null], // nothing of the id left
  ])('%s → %s', (raw, fixed) => {
    expect(correctedStsRecord(raw)).toBe(fixed);
  });
});

describe('correctedTlsRptRecord', () => {
  it.each([
    ['"v=TLSRPTv1; rua=mailto:a@example.com"', 'v=TLSRPTv1; rua=mailto:a@example.com'],
    [
      'v=TLSRPTv1 rua=mailto:a@example.com,mailto:b@example.com',
      'v=TLSRPTv1; rua=mailto:a@example.com,mailto:b@example.com',
    ],
    ['v=TLSRPTv1;', null], // no rua: the destination is not known
    ['v=TLSRPTv1; rua=mailto:a@example.com', null],
  ])('%s → %s', (raw, fixed) => {
    expect(correctedTlsRptRecord(raw)).toBe(fixed);
  });
});

describe('withNewId', () => {
  it('replaces the id field only', () => {
    expect(withNewId('v=STSv1; id=1; ext=id=1', '1', '2')).toBe('v=STSv1; id=2; ext=id=1');
    expect(withNewId('v=STSv1; id=12', '1', '2')).toBeNull();
  });
});

describe('recordLineEdit', () => {
  it.each([
    ['BIND', '_mta-sts IN TXT "v=STSv1; id=a-b" ; c\r\n', '_mta-sts IN TXT "v=STSv1; id=ab" ; c\r\n'],
    ['BIND escaped quote', '_mta-sts TXT "\\"v=STSv1; id=ab\\""\n', '_mta-sts TXT "v=STSv1; id=ab"\n'],
    ['octoDNS', '  value: v=STSv1\\; id=a-b\n', '  value: v=STSv1\\; id=ab\n'],
  ])('%s keeps the spelling and the rest of the line', (_name, line, want) => {
    const before = _name === 'BIND escaped quote' ? '"v=STSv1; id=ab"' : 'v=STSv1; id=a-b';
    const edit = recordLineEdit('f', `first\n${line}last\n`, 2, before, 'v=STSv1; id=ab');
    expect(edit).toEqual({ file: 'f', startLine: 2, endLine: 2, text: want });
  });

  it('gives no edit when the value is split or absent, or the line does not exist', () => {
    expect(recordLineEdit('f', '_mta-sts TXT "v=STSv1;" " id=a-b"\n', 1, 'v=STSv1; id=a-b', 'x')).toBeNull();
    expect(recordLineEdit('f', 'a\n', 5, 'a', 'b')).toBeNull();
  });
});

describe('irRecordEdit', () => {
  const ir = [
    '{',
    '  "target": "v=STSv1; id=a-b",',
    '  "txtstrings": [',
    '    "v=STSv1; id=a-b"',
    '  ]',
    '},',
    '{',
    '  "target": "v=STSv1; id=a-b"',
    '}',
    '',
  ].join('\n');
  it('rewrites target and txtstrings of that record only', () => {
    const edit = irRecordEdit('ir.json', ir, 1, 'v=STSv1; id=a-b', 'v=STSv1; id=ab');
    expect(edit?.startLine).toBe(1);
    expect(edit?.endLine).toBe(4);
    expect(edit?.text).toBe('{\n  "target": "v=STSv1; id=ab",\n  "txtstrings": [\n    "v=STSv1; id=ab"\n');
    expect(irRecordEdit('ir.json', '{\n  "x": 1\n}\n', 1, 'v', 'w')).toBeNull();
  });

  it('rewrites the zone-file rdata and comparablev3 of a DNSControl 4.2x+ record', () => {
    const v5 = [
      '        {',
      '          "comparablev3": "\\"v=STSv1; id=a-b\\"",',
      '          "filepos": "[line:3:5]",',
      '          "rdata": "\\"v=STSv1; id=a-b\\"",',
      '          "type": "TXT"',
      '        }',
      '',
    ].join('\n');
    const edit = irRecordEdit('ir.json', v5, 1, 'v=STSv1; id=a-b', 'v=STSv1; id="ab"');
    expect(edit).toEqual({
      file: 'ir.json',
      startLine: 1,
      endLine: 4,
      text: [
        '        {',
        '          "comparablev3": "\\"v=STSv1; id=\\\\\\"ab\\\\\\"\\"",',
        '          "filepos": "[line:3:5]",',
        '          "rdata": "\\"v=STSv1; id=\\\\\\"ab\\\\\\"\\"",',
        '',
      ].join('\n'),
    });
  });
});
