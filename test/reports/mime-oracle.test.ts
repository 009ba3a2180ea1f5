/**
 * mailparser as the oracle for the hand-written MIME reader (issue 16): on every fixture
 * message and on generated variants of the encodings real mailers use (quoted-printable with
 * transport padding, RFC 2047 file names, RFC 822 comments in Content-Type, RFC 2231
 * continuations split inside a %XX run or a UTF-8 character), both must extract the same
 * report parts: the same bytes under the same file name.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { simpleParser, type Attachment } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { readMail } from '../../src/reports/mail.js';
import { FIXTURES, gz, report } from './helpers.js';

/** The media types and names src/reports/mail.ts takes a report from (its CARRIER_TYPES). */
const CARRIER_TYPES = new Set([
  'application/tlsrpt+gzip',
  'application/tlsrpt+json',
  'application/gzip',
  'application/x-gzip',
  'application/gzip-compressed',
  'application/x-gzip-compressed',
  'application/octet-stream',
  'application/json',
]);

interface Extracted {
  filename: string | null;
  bytes: string;
}

async function oracle(message: Buffer): Promise<Extracted[]> {
  const mail = await simpleParser(message, { skipHtmlToText: true, skipTextToHtml: true });
  const out: Extracted[] = [];
  for (const a of mail.attachments) await collect(a, out);
  return out;
}

async function collect(a: Attachment, out: Extracted[]): Promise<void> {
  if (a.contentType === 'message/rfc822') {
    out.push(...(await oracle(a.content)));
    return;
  }
  const named = a.filename !== undefined && /\.(json|gz)$/i.test(a.filename);
  if (!CARRIER_TYPES.has(a.contentType) && !named) return;
  out.push({ filename: a.filename ?? null, bytes: a.content.toString('base64') });
}

function ours(message: Buffer): Extracted[] {
  return readMail(message).candidates.map((c) => ({
    filename: c.filename,
    bytes: c.bytes.toString('base64'),
  }));
}

function fixtureMessages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return fixtureMessages(path);
    return /\.(eml|txt)$/.test(e.name) ? [path] : [];
  });
}

const REPORT_GZ = gz(report({ domain: 'example.net' }));
const REPORT_JSON = Buffer.from(JSON.stringify(report({ domain: 'example.org' }), null, 1));

/** RFC 2045 §6.7 quoted-printable, soft breaks at `width`, `pad` after each `=` of a soft break. */
function quotedPrintable(bytes: Buffer, width: number, pad: string, eol: string): string {
  let line = '';
  let out = '';
  for (const b of bytes) {
    const literal = b >= 33 && b <= 126 && b !== 0x3d;
    const token = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + token.length > width) {
      out += `${line}=${pad}${eol}`;
      line = '';
    }
    line += token;
  }
  return out + line;
}

function multipartReport(part: string, contentType: string, eol: string): Buffer {
  const text = [
    'From: tlsrpt@sender.example',
    'To: tlsrpt@example.net',
    'Subject: Report Domain: example.net',
    'Message-ID: <oracle@sender.example>',
    'MIME-Version: 1.0',
    `Content-Type: ${contentType}`,
    '',
    '--b1',
    'Content-Type: text/plain',
    '',
    'This is a TLS report.',
    '--b1',
    part,
    '--b1--',
    '',
  ].join(eol);
  return Buffer.from(text, 'latin1');
}

/** Base64 lines of 76 characters (RFC 2045 §6.8). */
function base64(bytes: Buffer, eol: string): string {
  return (bytes.toString('base64').match(/.{1,76}/g) ?? []).join(eol);
}

/** RFC 2231 §3 pieces of a percent-encoded value, cut at the given places (maybe inside %XX). */
function continuations(name: string, value: string, cuts: number[]): string {
  const encoded = `utf-8''${[...Buffer.from(value, 'utf8')].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join('')}`;
  // The `charset'language'` prefix stays in the first piece (RFC 2231 §4.1).
  const prefix = "utf-8''".length + 1;
  const points = [...new Set(cuts.map((c) => prefix + (c % (encoded.length - prefix))))].sort(
    (a, b) => a - b,
  );
  const pieces: string[] = [];
  let from = 0;
  for (const p of [...points, encoded.length]) {
    if (p <= from) continue;
    pieces.push(encoded.slice(from, p));
    from = p;
  }
  // A piece whose cut leaves a lone `%` or `%X` is plain text (RFC 2231 §4.1 allows mixing):
  // every piece is sent extended (`*N*=`), so the bytes are rejoined before decoding.
  return pieces.map((p, i) => `${name}*${i}*=${p}`).join(';\r\n ');
}

async function agree(message: Buffer): Promise<Extracted[]> {
  const expected = await oracle(message);
  expect(ours(message)).toEqual(expected);
  return expected;
}

describe('the MIME reader against mailparser', () => {
  const fixtures = fixtureMessages(FIXTURES);

  it('has fixture messages to compare', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(7);
  });

  it.each(fixtures.map((f) => [f.slice(FIXTURES.length + 1), f]))(
    'extracts the same report parts from %s',
    async (_name, path) => {
      // The draft's §5.3 example is indented text, not a message: neither finds a part in it.
      const found = await agree(readFileSync(path));
      expect(found.length > 0).toBe(!path.endsWith('sec5.3-email.txt'));
    },
  );

  it('quoted-printable with transport padding after soft line breaks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 8, max: 76 }),
        fc.constantFrom('', ' ', '\t', '  \t '),
        fc.constantFrom('\r\n', '\n'),
        fc.constantFrom(REPORT_GZ, REPORT_JSON),
        async (width, pad, eol, payload) => {
          const type = payload === REPORT_GZ ? 'application/tlsrpt+gzip' : 'application/tlsrpt+json';
          const part = [
            `Content-Type: ${type}`,
            'Content-Transfer-Encoding: quoted-printable',
            `Content-Disposition: attachment; filename="sender.example!example.net!1!2.json${payload === REPORT_GZ ? '.gz' : ''}"`,
            '',
            quotedPrintable(payload, width, pad, eol),
          ].join(eol);
          const found = await agree(
            multipartReport(part, 'multipart/report; report-type=tlsrpt; boundary="b1"', eol),
          );
          expect(found.map((f) => Buffer.from(f.bytes, 'base64'))).toEqual([payload]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('RFC 2047 encoded-word file names on octet-stream parts', async () => {
    const names = [
      'google.com!example.net!1707955200!1708041599.json.gz',
      'microsoft.com!example.net!1707955200!1708041599!ü.json.gz',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.constantFrom('binary/octet-stream', 'application/octet-stream'),
        fc.constantFrom('B', 'Q'),
        fc.integer({ min: 5, max: 40 }),
        fc.constantFrom('filename', 'name'),
        async (name, type, enc, wordLength, where) => {
          const bytes = Buffer.from(name, 'utf8');
          const words: string[] = [];
          // Split at byte boundaries: a UTF-8 character may fall across two words.
          for (let i = 0; i < bytes.length; i += wordLength) {
            const chunk = bytes.subarray(i, i + wordLength);
            const text =
              enc === 'B'
                ? chunk.toString('base64')
                : [...chunk].map((b) => `=${b.toString(16).toUpperCase().padStart(2, '0')}`).join('');
            words.push(`=?UTF-8?${enc}?${text}?=`);
          }
          const encoded = `"${words.join('\r\n ')}"`;
          const part = [
            where === 'name' ? `Content-Type: ${type}; name=${encoded}` : `Content-Type: ${type}`,
            'Content-Transfer-Encoding: base64',
            where === 'filename'
              ? `Content-Disposition: attachment; filename=${encoded}`
              : 'Content-Disposition: attachment',
            '',
            base64(REPORT_GZ, '\r\n'),
          ].join('\r\n');
          const found = await agree(
            multipartReport(part, 'multipart/report; report-type=tlsrpt; boundary="b1"', '\r\n'),
          );
          expect(found.map((f) => f.filename)).toEqual([name]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it.each([
    ['multipart/report (tlsrpt); report-type=tlsrpt; boundary=b1'],
    ['multipart/report; report-type=tlsrpt; boundary=b1 (the boundary)'],
    ['multipart/report; (a comment; with a semicolon) report-type=tlsrpt; boundary="b1"'],
    ['multipart/report (nested (comment) here); boundary=b1; report-type=tlsrpt'],
    ['multipart/(odd)report; report-type=tlsrpt (x\\) y); boundary=b1'],
  ])('RFC 822 comments inside Content-Type: %s', async (contentType) => {
    const part = [
      'Content-Type: application/tlsrpt+gzip',
      'Content-Transfer-Encoding: base64',
      'Content-Disposition: attachment; filename="a.example!example.net!1!2.json.gz"',
      '',
      base64(REPORT_GZ, '\r\n'),
    ].join('\r\n');
    const message = multipartReport(part, contentType, '\r\n');
    const found = await agree(message);
    expect(found).toHaveLength(1);
    expect(readMail(message).isTlsRpt).toBe(true);
  });

  it('RFC 2231 continuations split inside %XX runs and UTF-8 characters', async () => {
    const names = [
      'sender.example!example.net!1707955200!1708041599.json.gz',
      'sender.example!bücher.example!1707955200!1708041599.json.gz',
      'sender.example!例え.jp!1707955200!1708041599.json.gz',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...names),
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 }),
        fc.constantFrom('filename', 'name'),
        async (name, cuts, where) => {
          const param = continuations(where, name, cuts);
          const part = [
            where === 'name'
              ? `Content-Type: application/gzip;\r\n ${param}`
              : 'Content-Type: application/gzip',
            'Content-Transfer-Encoding: base64',
            where === 'filename'
              ? `Content-Disposition: attachment;\r\n ${param}`
              : 'Content-Disposition: attachment',
            '',
            base64(REPORT_GZ, '\r\n'),
          ].join('\r\n');
          const found = await agree(
            multipartReport(part, 'multipart/report; report-type=tlsrpt; boundary="b1"', '\r\n'),
          );
          expect(found.map((f) => f.filename)).toEqual([name]);
        },
      ),
      { numRuns: 60 },
    );
  });
});
