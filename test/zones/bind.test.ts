import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  originFromFileName,
  readBindZone,
  MAX_INCLUDE_DEPTH,
  type ZoneFileRef,
} from '../../src/zones/bind.js';
import { parseBindTtl } from '../../src/zones/bind-grammar.js';
import { ZoneSyntaxError, type ZoneFileContent } from '../../src/zones/zone-record.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/zones');

async function readFixture(rel: string): Promise<ZoneFileContent> {
  const abs = path.join(FIXTURES, rel);
  return readBindZone({ display: rel, abs }, await readFile(abs, 'utf8'), readOrNull);
}

async function readOrNull(abs: string): Promise<string | null> {
  return readFile(abs, 'utf8').catch(() => null);
}

/** Reads inline text as the file `name` (no includes). */
function readText(text: string, name = 'db.example.com'): Promise<ZoneFileContent> {
  return readBindZone({ display: name, abs: `/nowhere/${name}` }, text, async () => null);
}

async function syntaxError(promise: Promise<unknown>): Promise<ZoneSyntaxError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ZoneSyntaxError);
  return error as ZoneSyntaxError;
}

function summary(content: ZoneFileContent): string[] {
  return content.records
    .filter((r) => r.type === 'MX' || r.type === 'TXT')
    .map((r) =>
      r.mx
        ? `${r.location.line} ${r.name} MX ${r.mx.preference} ${r.mx.exchange || '.'}`
        : `${r.location.line} ${r.name} TXT ${r.txt}`,
    );
}

describe('BIND master-file syntax', () => {
  const good: { name: string; text: string; want: string[] }[] = [
    {
      name: 'relative, absolute and @ names; owner inherited from a blank-led line',
      text: '$ORIGIN example.com.\n@ MX 10 mx1\n  MX 20 mx2.example.net.\nsub.example.com. TXT "x"\n',
      want: [
        '2 example.com MX 10 mx1.example.com',
        '3 example.com MX 20 mx2.example.net',
        '4 sub.example.com TXT x',
      ],
    },
    {
      name: 'TTL and class in either order, BIND TTL units',
      text: '$ORIGIN example.com.\n@ 1h IN MX 10 a\n@ IN 2w MX 20 b\n@ 1h30m MX 30 c\n',
      want: [
        '2 example.com MX 10 a.example.com',
        '3 example.com MX 20 b.example.com',
        '4 example.com MX 30 c.example.com',
      ],
    },
    {
      name: 'several strings in one TXT are joined; escapes \\X and \\DDD decoded',
      text: '$ORIGIN example.com.\n_mta-sts TXT "v=STSv1;" " id=1" \\032x\n_x TXT "a\\"b\\059c\\\\d"\n',
      want: ['2 _mta-sts.example.com TXT v=STSv1; id=1 x', '3 _x.example.com TXT a"b;c\\d'],
    },
    {
      name: 'parentheses across lines with comments inside, record line is where it starts',
      text: '$ORIGIN example.com.\n_smtp._tls IN TXT ( "v=TLSRPTv1; " ; first part\n  "rua=mailto:a@example.com" )\n@ MX 0 .\n',
      want: ['2 _smtp._tls.example.com TXT v=TLSRPTv1; rua=mailto:a@example.com', '4 example.com MX 0 .'],
    },
    {
      name: 'names are case-insensitive; $ORIGIN relative to the current origin; CRLF line ends',
      text: '$ORIGIN Example.COM.\r\n_MTA-STS TXT "v=STSv1; id=1"\r\n$ORIGIN sub\r\n@ MX 5 MX.Example.COM.\r\n',
      want: ['2 _mta-sts.example.com TXT v=STSv1; id=1', '4 sub.example.com MX 5 mx.example.com'],
    },
    {
      name: 'other classes are ignored; $GENERATE skipped; a quoted ; is text, not a comment',
      text: '$ORIGIN example.com.\n@ CH TXT "chaos"\n$GENERATE 1-4 host$ A 192.0.2.$\n@ TXT "a;b" ; c\n',
      want: ['4 example.com TXT a;b'],
    },
  ];
  it.each(good)('$name', async ({ text, want }) => {
    expect(summary(await readText(text))).toEqual(want);
  });

  const bad: { name: string; text: string; line: number; message: RegExp }[] = [
    // A typo in the type must not silently drop the record.
    {
      name: 'unknown type',
      text: '$ORIGIN example.com.\n@ MXX 10 mx\n',
      line: 2,
      message: /unknown record type 'MXX'/,
    },
    // RFC 1035 §3.3.9: preference is a 16-bit number.
    {
      name: 'MX preference',
      text: '$ORIGIN example.com.\n@ MX 70000 mx\n',
      line: 2,
      message: /preference '70000'/,
    },
    // MX needs exactly preference and exchange.
    {
      name: 'MX arity',
      text: '$ORIGIN example.com.\n\n@ MX mx.example.com.\n',
      line: 3,
      message: /preference and an exchange/,
    },
    // A blank-led first record has no owner to inherit.
    {
      name: 'no previous owner',
      text: '$TTL 60\n  MX 10 mx.example.com.\n',
      line: 2,
      message: /no owner name/,
    },
    // Quotes close on the same line (only parentheses continue an entry).
    {
      name: 'unclosed quote',
      text: '$ORIGIN example.com.\n@ TXT "abc\n@ MX 1 a\n',
      line: 2,
      message: /never closed/,
    },
    // Reported at the line the parenthesis opened.
    {
      name: 'unclosed parenthesis',
      text: '$ORIGIN example.com.\n@ TXT ( "a"\n\n"b"\n',
      line: 2,
      message: /'\(' is never closed/,
    },
    { name: 'stray )', text: '$ORIGIN example.com.\n@ TXT "a" )\n', line: 2, message: /without a matching/ },
    // \DDD is a decimal octet.
    {
      name: 'escape above 255',
      text: '$ORIGIN example.com.\n@ TXT "\\300"\n',
      line: 2,
      message: /not an octet/,
    },
    { name: 'bad TTL', text: '$ORIGIN example.com.\n@ 1x MX 1 a\n', line: 2, message: /not a TTL/ },
    { name: 'bad $TTL', text: '$TTL forever\n', line: 1, message: /\$TTL takes one TTL/ },
    { name: 'unknown directive', text: '$ORGIN example.com.\n', line: 1, message: /unknown directive/ },
    {
      name: 'TXT without text',
      text: '$ORIGIN example.com.\n_mta-sts TXT\n',
      line: 2,
      message: /has no text/,
    },
    // Without $ORIGIN and with an unhelpful file name, an MX cannot be placed.
    {
      name: 'origin unknown for an MX',
      text: '@ MX 10 mx.example.com.\n',
      line: 1,
      message: /cannot tell the zone's origin/,
    },
  ];
  it.each(bad)('refuses $name at the right line', async ({ text, line, message }) => {
    const error = await syntaxError(readText(text, 'zonefile'));
    expect(error.location.line).toBe(line);
    expect(error.message).toMatch(message);
  });

  it('reads a zone without origin when no MTA-STS-relevant record needs one (Knot base zone shape)', async () => {
    const content = await readText('$TTL 86400\n@ SOA (\n ns. dns. 1 2 3 4 5\n)\n', 'default.zone');
    expect(content).toEqual({ apexes: [], records: [] });
  });
});

describe('BIND TTL units', () => {
  const rows: [string, number | null][] = [
    ['3600', 3600],
    ['1h30m', 5400],
    ['2w', 1_209_600],
    ['1W2D', 777_600],
    ['1h30', null], // a bare number after a unit is not BIND syntax
    ['h', null], // a unit needs a number
    ['4294967296', null], // RFC 2181 §8: at most 2^31 - 1
  ];
  it.each(rows)('%s → %s', (raw, seconds) => expect(parseBindTtl(raw)).toBe(seconds));
});

describe('zone origin from the file name', () => {
  const rows: [string, string | null][] = [
    ['db.example.com', 'example.com'],
    ['zones/example.com.zone', 'example.com'],
    ['Example.COM', 'example.com'],
    ['example.com.db', 'example.com'],
    ['example-shop.com.txt', 'example-shop.com'],
    ['default.zone', null], // one label is not a zone name we can trust
    ['zonefile', null],
  ];
  it.each(rows)('%s → %s', (name, origin) => expect(originFromFileName(name)).toBe(origin));
});

describe('real-world-shaped BIND files', () => {
  it('reads a provider export (absolute names, TTL before IN, multi-string TXT in parentheses)', async () => {
    const content = await readFixture('own/bind/example-shop.com.txt');
    expect(content.apexes).toEqual(['example-shop.com']);
    expect(summary(content)).toEqual([
      '39 example-shop.com MX 10 aspmx.l.google.com',
      '40 example-shop.com MX 20 alt1.aspmx.l.google.com',
      '41 example-shop.com MX 30 mx.mailrelay.example-shop.com',
      '44 _dmarc.example-shop.com TXT v=DMARC1; p=quarantine; rua=mailto:dmarc@example-shop.com',
      '45 _mta-sts.example-shop.com TXT v=STSv1; id=20261120T0914',
      '46 _smtp._tls.example-shop.com TXT v=TLSRPTv1; rua=mailto:tlsrpt@example-shop.com',
      '47 example-shop.com TXT v=spf1 include:_spf.google.com ~all',
      expect.stringMatching(/^48 google\._domainkey\.example-shop\.com TXT v=DKIM1; k=rsa; p=MIIB.*IDAQAB$/),
    ]);
  });

  it('reads a hand-written zone with $TTL units, inherited owners, escapes and a second $ORIGIN', async () => {
    const content = await readFixture('own/bind/db.example.net');
    expect(content.apexes).toEqual(['example.net']);
    expect(summary(content)).toEqual([
      '11 example.net MX 10 mx1.example.net',
      '12 example.net MX 20 mx2.example.net',
      '16 _mta-sts.example.net TXT v=STSv1; id=2026112201',
      '17 _smtp._tls.example.net TXT v=TLSRPTv1; rua=mailto:tls@example.net',
      '19 note.example.net TXT say "hello"plainwords',
      '21 lists.example.net MX 0 .',
      '22 _smtp._tls.lists.example.net TXT v=TLSRPTv1; rua=mailto:tls@example.net',
    ]);
  });

  it("reads Phil Pennock's example.org zone: owners follow each $ORIGIN switch", async () => {
    const content = await readFixture('corpus/stackexchange-dnscontrol/example.org.zone');
    const relevant = summary(content).filter((s) =>
      / MX |_mta-sts|_smtp\._tls|mta-sts\.example\.org TXT/.test(s),
    );
    expect(relevant).toEqual([
      '54 example.org MX 10 mx.example.org',
      '217 _smtp._tls.example.org TXT v=TLSRPTv1; rua=mailto:smtp-tls-reports@example.org',
      '802 _mta-sts.example.org TXT v=STSv1; id=20191231r1;',
      '803 mta-sts.example.org TXT v=STSv1; id=20191231r1;',
      '873 gladys.example.org MX 10 mx.example.org',
      '878 _smtp._tls.gladys.example.org TXT v=TLSRPTv1; rua=mailto:smtp-tls-reports@example.org',
      '883 fred.example.org MX 10 mx.example.org',
      '899 _smtp._tls.fred.example.org TXT v=TLSRPTv1; rua=mailto:smtp-tls-reports@example.org',
      '1060 mailtest.example.org MX 10 mx.example.org',
      '1072 _smtp._tls.mailtest.example.org TXT v=TLSRPTv1; rua=mailto:smtp-tls-reports@example.org',
      '1115 realhost.example.org MX 0 .',
    ]);
  });

  it('reads the generated (prettyzone) rendering of the same zone to the same MTA-STS records', async () => {
    const a = await readFixture('corpus/stackexchange-dnscontrol/example.org.zone');
    const b = await readFixture('corpus/stackexchange-dnscontrol/example.org.zone.zone');
    const essence = (c: ZoneFileContent) =>
      c.records
        .filter((r) => r.mx || /^(_mta-sts|_smtp\._tls)\./.test(r.name))
        .map((r) => `${r.name} ${r.type} ${r.txt ?? `${r.mx!.preference} ${r.mx!.exchange}`}`)
        .sort();
    expect(essence(b)).toEqual(essence(a));
  });

  const malformed: [string, number, RegExp][] = [
    ['own/malformed/db.bad-preference', 3, /preference 'ten'/],
    ['own/malformed/db.unclosed-quote', 2, /never closed/],
    ['own/malformed/db.unclosed-paren', 2, /never closed/],
    ['own/malformed/db.unknown-type', 4, /unknown record type 'AAA'/],
  ];
  it.each(malformed)('%s is refused at line %i', async (file, line, message) => {
    const error = await syntaxError(readFixture(file));
    expect(error.location).toEqual({ file, line });
    expect(error.message).toMatch(message);
  });
});

describe('$INCLUDE', () => {
  it('follows includes inside the folder tree; records point at the included file and line', async () => {
    const content = await readFixture('own/include/db.example.edu');
    expect(content.apexes).toEqual(['example.edu']);
    const where = content.records
      .filter((r) => r.type !== 'NS')
      .map((r) => `${r.type} ${r.name} ${r.location.file}:${r.location.line}`);
    expect(where).toEqual([
      'SOA example.edu own/include/parts/soa.inc:1',
      'MX example.edu own/include/db.example.edu:4',
      'TXT _mta-sts.example.edu own/include/parts/mail.inc:2',
      'TXT _smtp._tls.example.edu own/include/parts/deeper/tlsrpt.inc:1',
    ]);
  });

  const refused: [string, number, RegExp][] = [
    ['own/include/db.escape.example.edu', 3, /points outside .*include/], // `..` leaves the folder
    ['own/include/db.absolute.example.edu', 2, /points outside .*include/], // absolute path elsewhere
    ['own/include/db.cycle.example.edu', 3, /include cycle/], // includes itself
  ];
  it.each(refused)('%s is refused at the $INCLUDE line %i', async (file, line, message) => {
    const error = await syntaxError(readFixture(file));
    expect(error.location).toEqual({ file, line });
    expect(error.message).toMatch(message);
  });

  it(`refuses nesting deeper than ${MAX_INCLUDE_DEPTH}, at the line of the include that goes too deep`, async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'zones-include-'));
    try {
      // db.top includes l1/inc, which includes l2/inc, ... each one folder deeper.
      let folder = dir;
      await writeFile(path.join(dir, 'db.example.com'), '$ORIGIN example.com.\n$INCLUDE l1/inc\n');
      for (let level = 1; level <= MAX_INCLUDE_DEPTH + 1; level++) {
        folder = path.join(folder, `l${level}`);
        await mkdir(folder);
        await writeFile(path.join(folder, 'inc'), `; level ${level}\n$INCLUDE l${level + 1}/inc\n`);
      }
      await writeFile(path.join(folder, `l${MAX_INCLUDE_DEPTH + 2}`), '');
      const ref: ZoneFileRef = { display: 'db.example.com', abs: path.join(dir, 'db.example.com') };
      const error = await syntaxError(readBindZone(ref, await readFile(ref.abs, 'utf8'), readOrNull));
      expect(error.message).toMatch(/deeper than 8/);
      expect(error.location.line).toBe(2);
      expect(error.location.file).toBe(
        path.join(...Array.from({ length: MAX_INCLUDE_DEPTH }, (_, i) => `l${i + 1}`), 'inc'),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('reports a missing include target at the $INCLUDE line', async () => {
    const error = await syntaxError(readText('$ORIGIN example.com.\n\n$INCLUDE parts/missing.inc\n'));
    expect(error.location.line).toBe(3);
    expect(error.message).toMatch(/no such file/);
  });
});
