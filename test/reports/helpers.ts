/** Builders for report tests: reports, gzip, mail messages, mailboxes, zip archives. */
import { reportWindow, type ReportWindow } from '../../src/core/report-window.js';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32, deflateRawSync, gzipSync } from 'node:zlib';
import type { Logger } from '../../src/ports.js';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'reports');
export const CORPUS = join(FIXTURES, 'corpus');

export const quietLogger: Logger = {
  debug: () => undefined,
  info: () => undefined,
  warning: () => undefined,
  progress: () => undefined,
};

export interface ReportSpec {
  org?: string;
  id?: string;
  domain?: string;
  day?: string;
  mode?: 'enforce' | 'testing';
  successful?: number;
  failed?: number;
  details?: { type: string; mx?: string; ip?: string; count: number }[];
}

/** A well-formed RFC 8460 report as a plain object (wire shape). */
export function report(spec: ReportSpec = {}): Record<string, unknown> {
  const day = spec.day ?? '2024-02-16';
  const domain = spec.domain ?? 'example.com';
  const details = spec.details ?? [];
  return {
    'organization-name': spec.org ?? 'Example Sender',
    'date-range': { 'start-datetime': `${day}T00:00:00Z`, 'end-datetime': `${day}T23:59:59Z` },
    'contact-info': 'tlsrpt@sender.example',
    'report-id': spec.id ?? `${day}_${domain}`,
    policies: [
      {
        policy: {
          'policy-type': 'sts',
          'policy-string': [
            'version: STSv1',
            `mode: ${spec.mode ?? 'enforce'}`,
            `mx: mx.${domain}`,
            'max_age: 86400',
          ],
          'policy-domain': domain,
          'mx-host': [`mx.${domain}`],
        },
        summary: {
          'total-successful-session-count': spec.successful ?? 10,
          'total-failure-session-count': spec.failed ?? details.reduce((s, d) => s + d.count, 0),
        },
        ...(details.length > 0
          ? {
              'failure-details': details.map((d) => ({
                'result-type': d.type,
                'sending-mta-ip': d.ip ?? '192.0.2.1',
                'receiving-mx-hostname': d.mx ?? `mx.${domain}`,
                'failed-session-count': d.count,
              })),
            }
          : {}),
      },
    ],
  };
}

export function gz(value: unknown): Buffer {
  return gzipSync(Buffer.isBuffer(value) ? value : Buffer.from(JSON.stringify(value)));
}

export interface MailSpec {
  attachment: Buffer;
  /** Default application/tlsrpt+gzip. */
  type?: string;
  encoding?: 'base64' | 'quoted-printable';
  filename?: string;
  reportDomain?: string | null;
  messageId?: string;
  eol?: '\r\n' | '\n';
}

/** An RFC 8460 §5.3 report message (multipart/report; report-type=tlsrpt). */
export function mail(spec: MailSpec): Buffer {
  const eol = spec.eol ?? '\r\n';
  const boundary = 'b0undary-1';
  const encoding = spec.encoding ?? 'base64';
  const body =
    encoding === 'base64'
      ? (spec.attachment.toString('base64').match(/.{1,76}/g) ?? []).join(eol)
      : quotedPrintable(spec.attachment);
  const lines = [
    'From: noreply@sender.example',
    'To: tlsrpt@example.com',
    `Message-ID: ${spec.messageId ?? '<m1@sender.example>'}`,
    'Subject: Report Domain: example.com Submitter: sender.example Report-ID: <x>',
    ...(spec.reportDomain === null ? [] : [`TLS-Report-Domain: ${spec.reportDomain ?? 'example.com'}`]),
    'TLS-Report-Submitter: sender.example',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; boundary="${boundary}"; report-type=tlsrpt`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="UTF-8"',
    '',
    'This is an aggregate TLS report from sender.example',
    '',
    `--${boundary}`,
    `Content-Type: ${spec.type ?? 'application/tlsrpt+gzip'}; `,
    `\tname="${spec.filename ?? 'sender.example!example.com!1708041600!1708127999!001.json.gz'}"`,
    'Content-Disposition: attachment;',
    `\tfilename="${spec.filename ?? 'sender.example!example.com!1708041600!1708127999!001.json.gz'}"`,
    `Content-Transfer-Encoding: ${encoding}`,
    '',
    body,
    `--${boundary}--`,
    '',
  ];
  return Buffer.from(lines.join(eol), 'latin1');
}

/** An ordinary message: no report in it. */
export function ordinaryMail(subject = 'Lunch?'): Buffer {
  return Buffer.from(
    `From: alice@example.org\r\nTo: tlsrpt@example.com\r\nSubject: ${subject}\r\n\r\nFrom what I hear, noon works.\r\n`,
  );
}

/** mboxrd: From_ line, message with ">From " quoted, blank line after each message. */
export function mbox(messages: Buffer[]): Buffer {
  const parts: Buffer[] = [];
  for (const m of messages) {
    parts.push(Buffer.from('From MAILER-DAEMON Fri Feb 16 12:08:34 2024\n'));
    parts.push(Buffer.from(m.toString('latin1').replace(/^(>*From )/gm, '>$1'), 'latin1'));
    parts.push(Buffer.from('\n'));
  }
  return Buffer.concat(parts);
}

function quotedPrintable(bytes: Buffer): string {
  let out = '';
  let line = '';
  for (const b of bytes) {
    const c =
      b >= 33 && b <= 126 && b !== 61
        ? String.fromCharCode(b)
        : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    if (line.length + c.length > 75) {
      out += `${line}=\r\n`;
      line = '';
    }
    line += c;
  }
  return out + line;
}

/** A minimal zip writer (deflate), enough for artifact tests. */
export function zip(entries: { name: string; data: Buffer; store?: boolean }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = e.store ? e.data : deflateRawSync(e.data);
    const crc = crc32(e.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.store ? 0 : 8, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(e.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(e.store ? 0 : 8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(e.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

export async function withTempDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-reports-'));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * The report window of a run whose clock reads noon UTC of `day` (default: the day report()
 * dates reports on), so tests of reports dated in 2024 judge them as a run that day would.
 */
export function windowUpTo(day = '2024-02-16', days = 7): ReportWindow {
  return reportWindow(new Date(`${day}T12:00:00Z`), days);
}
