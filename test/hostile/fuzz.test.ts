/**
 * Issue 9: every parser entry point, fed arbitrary and structured hostile input with fast-check,
 * never throws (zone readers throw only ZoneSyntaxError, their contract, which the loader turns
 * into zone-parse-error), ends within a time bound per input, and stays within memory.
 * The DNS answer path (issue 11) is fuzzed with its parser guard there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePolicy } from '../../src/core/policy.js';
import { parseStsRecord } from '../../src/core/mta-sts-record.js';
import { parseReport } from '../../src/core/report.js';
import { parseTlsRptRecord } from '../../src/core/tlsrpt-record.js';
import { readMail } from '../../src/reports/mail.js';
import { readPayload } from '../../src/reports/payload.js';
import { readZoneFile } from '../../src/zones/read-zone.js';
import { ZoneSyntaxError } from '../../src/zones/zone-record.js';
import type { ZoneFormat } from '../../src/zones/format.js';

/** One input's parse must end within this (the slowest real parse here is milliseconds). */
const PER_INPUT_MS = 1_000;
/** Heap growth allowed over a whole property (inputs are at most a few KiB each). */
const HEAP_GROWTH_BYTES = 256 * 1024 * 1024;
const RUNS = { numRuns: 150 };

function bounded<T>(parse: () => T): T {
  const started = performance.now();
  const out = parse();
  expect(performance.now() - started).toBeLessThan(PER_INPUT_MS);
  return out;
}

async function withinMemory(property: () => Promise<void> | void): Promise<void> {
  const before = process.memoryUsage().heapUsed;
  await property();
  expect(process.memoryUsage().heapUsed - before).toBeLessThan(HEAP_GROWTH_BYTES);
}

const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 2000 }), fc.string({ maxLength: 2000 }));
const lines = (pieces: string[]) =>
  fc.array(fc.oneof(fc.constantFrom(...pieces), text), { maxLength: 40 }).map((l) => l.join('\n'));

describe('fuzz: parser entry points never throw, stay in time and memory', () => {
  it('policy text (RFC 8461 §3.2)', async () => {
    const policyish = lines([
      'version: STSv1',
      'mode: enforce',
      'mode: testing',
      'mx: *.a.test',
      'max_age: 1',
      'mx:',
      '\r',
      '::error::x',
    ]);
    await withinMemory(() =>
      fc.assert(
        fc.property(fc.oneof(text, policyish), (t) => void bounded(() => parsePolicy(t))),
        RUNS,
      ),
    );
  });

  it('TXT records (RFC 8461 §3.1, RFC 8460 §3)', async () => {
    await withinMemory(() =>
      fc.assert(
        fc.property(text, (t) => {
          bounded(() => parseStsRecord(t));
          bounded(() => parseTlsRptRecord(t));
        }),
        RUNS,
      ),
    );
  });

  it('report JSON (RFC 8460 §4): any JSON value, and any bytes through the payload reader', async () => {
    await withinMemory(() =>
      fc.assert(
        fc.property(fc.jsonValue({ maxDepth: 6 }), fc.uint8Array({ maxLength: 4000 }), (value, bytes) => {
          bounded(() => parseReport(value));
          bounded(() => readPayload(Buffer.from(JSON.stringify(value) ?? 'null'), null));
          bounded(() => readPayload(bytes, 'example.com'));
        }),
        RUNS,
      ),
    );
  });

  it('MIME messages', async () => {
    const headers = lines([
      'Content-Type: multipart/report; boundary="b"',
      'Content-Type: application/tlsrpt+gzip; name*0="a"; name*1="b.gz"',
      'Content-Transfer-Encoding: base64',
      'Content-Transfer-Encoding: quoted-printable',
      '--b',
      '--b--',
      '',
      'H4sIAAAAAAAA',
      '=?utf-8?q?x?=',
    ]);
    await withinMemory(() =>
      fc.assert(
        fc.property(fc.oneof(text, headers), (t) => void bounded(() => readMail(Buffer.from(t, 'binary')))),
        RUNS,
      ),
    );
  });

  it.each<[ZoneFormat, string, string[]]>([
    [
      'bind',
      'db.example.com',
      [
        '$ORIGIN example.com.',
        '$TTL 1h',
        '$INCLUDE x',
        '@ IN MX 10 mx',
        '_mta-sts TXT "v=STSv1; id=1"',
        '( a',
        ')',
        ';c',
        '\\"',
        '$GENERATE 1-2 x',
      ],
    ],
    [
      'octodns',
      'example.com.yaml',
      [
        'a: &x {type: TXT, value: y}',
        'b: *x',
        "'': {type: MX, values: [{exchange: m., preference: 1}]}",
        '- [',
        '!!binary x',
        'c: [*x, *x]',
      ],
    ],
    [
      'dnscontrol',
      'ir.json',
      [
        '{"domains":[',
        '{"name":"example.com","records":[',
        '{"type":"TXT","name":"@","target":"v"}',
        ']}',
        ']',
        '[[[[',
        '"',
      ],
    ],
  ])('zone reader: %s', async (format, display, pieces) => {
    const file = { display, abs: `/nonexistent/${display}` };
    const read = async (): Promise<string | null> => null;
    await withinMemory(() =>
      fc.assert(
        fc.asyncProperty(fc.oneof(text, lines(pieces)), async (t) => {
          const started = performance.now();
          try {
            await readZoneFile(file, format, t, read);
          } catch (error) {
            if (!(error instanceof ZoneSyntaxError)) throw error;
          }
          expect(performance.now() - started).toBeLessThan(PER_INPUT_MS);
        }),
        RUNS,
      ),
    );
  });

  it.each<[ZoneFormat, string, string]>([
    ['dnscontrol', 'ir.json', '{"domains":['.repeat(5000)],
    [
      'octodns',
      'example.com.yaml',
      `a: &v [x]\nb: {type: TXT, values: [${Array(200).fill('*v').join(', ')}]}\n`,
    ],
  ])('zone reader: %s bombs are a ZoneSyntaxError', async (format, display, bomb) => {
    await expect(
      readZoneFile({ display, abs: `/nonexistent/${display}` }, format, bomb, async () => null),
    ).rejects.toBeInstanceOf(ZoneSyntaxError);
  });
});
