import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readDnscontrolIr } from '../../src/zones/dnscontrol-ir.js';
import { parseJsonWithLines, JsonLineError } from '../../src/zones/json-lines.js';
import { ZoneSyntaxError } from '../../src/zones/zone-record.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/zones');

describe('DNSControl print-ir JSON', () => {
  it('reads domains, MX in both shapes (mxpreference, Fields), txtstrings, unmanaged apex; each record on its line', async () => {
    const file = 'own/dnscontrol/dnscontrol-ir.json';
    const content = readDnscontrolIr(file, await readFile(path.join(FIXTURES, file), 'utf8'));
    expect(content.apexes).toEqual(['example.com', 'vanityurls.link', 'example.net']);
    const rows = content.records.map(
      (r) =>
        `${r.location.line} ${r.name} ${r.type} ${r.mx ? `${r.mx.preference} ${r.mx.exchange}` : (r.txt ?? '')}`,
    );
    expect(rows).toEqual([
      '25 example.com MX 1 smtp.google.com',
      '33 example.com TXT v=spf1 include:_spf.google.com -all',
      '43 _smtp._tls.example.com TXT v=TLSRPTv1;',
      '53 _mta-sts.example.com TXT v=STSv1; id=202310191122;',
      '63 mta-sts.example.com CNAME ',
      '85 _dmarc.vanityurls.link TXT v=DMARC1;p=reject;sp=reject;adkim=s;aspf=s;',
      '92 _mta-sts.vanityurls.link TXT  v=STSv1; id=20220101000000Z;',
      // IGNORE_NAME("@"): the apex MX is managed elsewhere (marker on the domain's line).
      '75 vanityurls.link UNMANAGED ',
      '118 example.net MX 0 example-net.mail.protection.outlook.com',
      '128 _mta-sts.example.net TXT v=STSv1; id=202307050344;',
      '134 _smtp._tls.example.net TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.net',
    ]);
  });

  it('joins txtstrings and makes relative targets absolute', () => {
    const ir = JSON.stringify({
      domains: [
        {
          name: 'Example.com',
          records: [
            {
              type: 'TXT',
              name: '_smtp._tls',
              target: 'ignored',
              txtstrings: ['v=TLSRPTv1; ', 'rua=mailto:a@example.com'],
            },
            { type: 'MX', name: 'sub', target: 'mx', mxpreference: 5 },
            { type: 'MX', name: '@', target: '.', mxpreference: 0 },
          ],
        },
      ],
    });
    const content = readDnscontrolIr('ir.json', ir);
    expect(content.records.map((r) => r.txt ?? r.mx)).toEqual([
      'v=TLSRPTv1; rua=mailto:a@example.com',
      { preference: 5, exchange: 'mx.example.com' },
      { preference: 0, exchange: '' },
    ]);
  });

  const malformed: { name: string; text: string; line: number; message: RegExp }[] = [
    // A missing comma between two records, as in the broken fixture.
    { name: 'JSON syntax', text: '', line: 7, message: /expected ',' or '\]'/ },
    { name: 'no domains', text: '{\n  "registrars": []\n}\n', line: 1, message: /no "domains"/ },
    {
      name: 'record without name',
      text: '{"domains": [\n {"name": "a.example", "records": [\n  {"type": "MX"}\n ]}\n]}',
      line: 3,
      message: /"type" and "name"/,
    },
    {
      name: 'MX preference',
      text: '{"domains": [{"name": "a.example", "records": [\n{"type": "MX", "name": "@", "target": "m.", "mxpreference": -1}]}]}',
      line: 2,
      message: /preference/,
    },
  ];
  it.each(malformed)('refuses $name at line $line', async ({ text, line, message }) => {
    const file = 'own/malformed/broken-ir.json';
    const body = text || (await readFile(path.join(FIXTURES, file), 'utf8'));
    let error: unknown;
    try {
      readDnscontrolIr(file, body);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ZoneSyntaxError);
    expect((error as ZoneSyntaxError).location).toEqual({ file, line });
    expect((error as ZoneSyntaxError).message).toMatch(message);
  });
});

describe('JSON with lines', () => {
  it('parses like JSON.parse', () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\u00e9\\n"], "b": {}}';
    expect(parseJsonWithLines(text).value).toEqual(JSON.parse(text));
  });
  const bad: [string, string, number][] = [
    ['trailing comma', '{\n"a": 1,\n}', 3], // RFC 8259 has no trailing commas
    ['unclosed string', '{\n"a": "x\n}', 2],
    ['garbage after the end', '{}\n\nx', 3],
    ['bare word', '[\n nope ]', 2],
  ];
  it.each(bad)('rejects %s at line %i', (_name, text, line) => {
    expect(() => parseJsonWithLines(text)).toThrow(JsonLineError);
    try {
      parseJsonWithLines(text);
    } catch (error) {
      expect((error as JsonLineError).line).toBe(line);
    }
  });
});
