/** The mailbox splitter and the MIME reader on their own. */
import { describe, expect, it } from 'vitest';
import { splitMbox } from '../../src/reports/mbox.js';
import {
  decodeQuotedPrintable,
  parseContentType,
  parseMessage,
  splitMultipart,
} from '../../src/reports/mime.js';
import { mbox, ordinaryMail } from './helpers.js';

async function split(data: Buffer, chunkSize: number, max?: number) {
  async function* chunks() {
    for (let i = 0; i < data.length; i += chunkSize) yield data.subarray(i, i + chunkSize);
  }
  const out = [];
  for await (const m of splitMbox(chunks(), max)) out.push(m);
  return out;
}

describe('splitMbox', () => {
  const messages = [ordinaryMail('one'), ordinaryMail('From here on'), ordinaryMail('three')];
  const data = mbox(messages);

  it.each([1, 2, 7, 64, 1 << 20])('gives the same messages whatever the chunk size (%i)', async (size) => {
    const out = await split(data, size);
    expect(out.map((m) => m.index)).toEqual([1, 2, 3]);
    // mboxrd quoting of the body line "From what I hear" is undone.
    expect(out.map((m) => m.bytes!.toString('latin1'))).toEqual(
      messages.map((m) => `${m.toString('latin1')}\n`),
    );
  });

  it('splits alike at every chunk boundary, whatever line a chunk ends in', async () => {
    // CRLF and LF lines, a From_ line without a blank line before it, and a body "From " line.
    const text =
      'From a@example.com Fri Feb 16 12:08:34 2024\r\nSubject: one\r\n\r\nFrom me to you\r\n\r\n' +
      'From b@example.com Fri Feb 16 12:09:00 2024\nSubject: two\n\nbody\n' +
      'From c@example.com Fri Feb 16 12:10:00 2024\nSubject: three\n\n>From quoted\n';
    const whole = (await split(Buffer.from(text, 'latin1'), text.length)).map((m) =>
      m.bytes!.toString('latin1'),
    );
    expect(whole).toHaveLength(3);
    for (let size = 1; size <= 90; size++) {
      const out = await split(Buffer.from(text, 'latin1'), size);
      expect(out.map((m) => m.bytes!.toString('latin1'))).toEqual(whole);
    }
  });

  it('does not split at a "From " body line that is not a From_ line', async () => {
    const body = Buffer.from(
      'From MAILER-DAEMON Fri Feb 16 12:08:34 2024\nSubject: x\n\nhello\n\nFrom me to you, thanks\n',
    );
    const out = await split(body, 5);
    expect(out).toHaveLength(1);
  });

  it('reports an oversized message without holding it', async () => {
    const big = mbox([
      ordinaryMail(),
      Buffer.from(`Subject: big\r\n\r\n${'x'.repeat(5000)}\r\n`),
      ordinaryMail(),
    ]);
    const out = await split(big, 100, 1000);
    expect(out.map((m) => [m.index, m.bytes === null])).toEqual([
      [1, false],
      [2, true],
      [3, false],
    ]);
    expect(out[1]!.size).toBeGreaterThan(5000);
  });

  it('a file that does not start with a From_ line is one message', async () => {
    const out = await split(ordinaryMail(), 3);
    expect(out).toHaveLength(1);
  });
});

describe('MIME reader', () => {
  it('reads folded parameters with trailing whitespace, RFC 2231 continuations, quoted values', () => {
    expect(parseContentType('application/tlsrpt+gzip; \tname="a!b.json.gz"')).toEqual({
      mediaType: 'application/tlsrpt+gzip',
      params: { name: 'a!b.json.gz' },
    });
    expect(parseContentType("Application/Gzip; name*0*=utf-8''r%C3%A9; name*1=port.gz").params['name']).toBe(
      'réport.gz',
    );
    expect(parseContentType('multipart/report; report-type="tlsrpt"; boundary="a\\"b"').params).toEqual({
      'report-type': 'tlsrpt',
      boundary: 'a"b',
    });
    expect(parseContentType(null)).toEqual({ mediaType: 'text/plain', params: {} });
  });

  it('splits parts with a missing closing boundary and ignores longer boundaries', () => {
    const body = Buffer.from('preamble\r\n--b\r\nA\r\n--b-other\r\nstill A\r\n--b \r\nB\r\n');
    const { bodies, closed } = splitMultipart(body, 'b');
    expect(closed).toBe(false);
    expect(bodies.map((b) => b.toString())).toEqual(['A\r\n--b-other\r\nstill A', 'B\r\n']);
  });

  it('keeps only the headers it uses, unfolded', () => {
    const m = parseMessage(
      Buffer.from('Received: x\r\nTLS-Report-Domain:\r\n example.com\r\nX-Other: y\r\n\r\nbody'),
    );
    expect(m.headers.get('tls-report-domain')).toBe('example.com');
    expect(m.headers.get('received')).toBeNull();
  });

  it('decodes quoted-printable soft breaks and escapes', () => {
    expect(decodeQuotedPrintable(Buffer.from('a=3D1=\r\nb=\nc =E2=80=93 =ZZ')).toString('utf8')).toBe(
      'a=1bc – =ZZ',
    );
  });
});
