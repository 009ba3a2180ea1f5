/**
 * Broken and unusual inputs: each unusable file or message gives exactly one report-invalid
 * naming it and the reason, and everything else is still counted.
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- wire JSON is edited freely to build (bad) inputs */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadReports, type LoadedReports } from '../../src/reports/load.js';
import { MAX_REPORT_JSON_BYTES } from '../../src/reports/limits.js';
import {
  gz,
  mail,
  mbox,
  ordinaryMail,
  quietLogger,
  report,
  windowUpTo,
  withTempDir,
  zip,
} from './helpers.js';

/** The run's clock: a day after the reports' default day, with room for the dates tests use. */
const WINDOW = windowUpTo('2024-02-20', 30);

/** Writes files into a temp dir and loads the whole dir. */
async function loadFiles(files: Record<string, Buffer | string>, window = WINDOW): Promise<LoadedReports> {
  return withTempDir(async (dir) => {
    for (const [name, data] of Object.entries(files)) {
      await mkdir(join(dir, name, '..'), { recursive: true });
      await writeFile(join(dir, name), data);
    }
    const loaded = await loadReports({ paths: [dir] }, window, quietLogger);
    for (const u of loaded.summary.invalid) u.path = u.path.slice(dir.length + 1);
    return loaded;
  });
}

const good = (spec: Parameters<typeof report>[0] = {}): string => JSON.stringify(report(spec));

describe('each broken report is one report-invalid, the rest still counts', () => {
  const cases: [string, Buffer | string, RegExp][] = [
    // 17 MiB of zeros gzip to a few KiB: decompression stops at the per-report cap.
    ['bomb.json.gz', gzipSync(Buffer.alloc(MAX_REPORT_JSON_BYTES + 1024 * 1024)), /more than 16 MiB/],
    // The last bytes of the gzip stream are missing.
    ['truncated.json.gz', gz(report({ id: 't' })).subarray(0, 40), /gzip: truncated/],
    // Latin-1 é in the organization name: RFC 7493 requires UTF-8.
    ['latin1.json', Buffer.from(good({ org: 'Soci\u00e9t\u00e9' }), 'latin1'), /not UTF-8 \(at byte \d+\)/],
    // A count that is an object.
    [
      'types.json',
      good().replace('"total-successful-session-count":10', '"total-successful-session-count":{}'),
      /total-successful-session-count: expected a non-negative integer, got an object/,
    ],
    // organization-name is a number.
    [
      'org.json',
      good().replace('"organization-name":"Example Sender"', '"organization-name":42'),
      /organization-name: expected a string, got number 42/,
    ],
    // A negative failure count.
    [
      'negative.json',
      good({ details: [{ type: 'validation-failure', count: -3 }], failed: 0 }),
      /failed-session-count: negative count -3/,
    ],
    // No policies member at all.
    ['nopolicies.json', JSON.stringify({ ...report(), policies: undefined }), /policies: missing/],
    // Not JSON at all.
    ['garbage.json', '{ this is not json', /not valid JSON/],
    // A JSON array, not a report object.
    ['array.json', '[{"organization-name":"x"}]', /a JSON array, where RFC 8460 §4.4 has an object/],
    // A date that is not RFC 3339.
    [
      'date.json',
      good().replace('2024-02-16T00:00:00Z', '16/02/2024'),
      /start-datetime: "16\/02\/2024" is not an RFC 3339 date-time/,
    ],
    // Deeply nested extension member.
    [
      'deep.json',
      good().replace('{"organization-name"', `{"ext":${'['.repeat(40)}${']'.repeat(40)},"organization-name"`),
      /nested deeper than 16 levels/,
    ],
  ];

  it.each(cases)('%s', async (name, data, reason) => {
    const loaded = await loadFiles({ [name]: data, 'ok.json': good({ id: 'ok', successful: 7 }) });
    expect(loaded.summary.invalid).toEqual([{ path: name, error: expect.stringMatching(reason) }]);
    expect(loaded.findings).toHaveLength(1);
    expect(loaded.findings[0]).toMatchObject({
      rule: 'report-invalid',
      severity: 'warning',
      subject: expect.stringContaining(name),
    });
    expect(loaded.byDomain.get('example.com')!.summary.successfulSessions).toBe(7);
  });
});

describe('tolerated quirks are counted and noted', () => {
  it('a UTF-8 byte order mark (RFC 8259 §8.1 lets parsers ignore it)', async () => {
    const loaded = await loadFiles({
      'bom.json': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(good({ successful: 5 }))]),
    });
    expect(loaded.summary.invalid).toEqual([]);
    expect(loaded.summary.quirks).toEqual({ bom: 1 });
    expect(loaded.byDomain.get('example.com')!.summary.successfulSessions).toBe(5);
  });

  it('counts as numeric strings, mx-host as a string, zone-less dates', async () => {
    const r = report({ successful: 3 }) as any;
    r.policies[0].summary['total-successful-session-count'] = '3';
    r.policies[0].policy['mx-host'] = 'mx.example.com';
    r['date-range']['start-datetime'] = '2024-02-16T00:00:00';
    const loaded = await loadFiles({ 'q.json': JSON.stringify(r) });
    expect(loaded.summary.quirks).toEqual({
      'count-as-string': 1,
      'date-without-zone': 1,
      'mx-host-string': 1,
    });
    expect(loaded.byDomain.get('example.com')!.summary.successfulSessions).toBe(3);
  });

  it('gzip without an extension is found by its magic bytes', async () => {
    const loaded = await loadFiles({
      'sender.example!example.com!1708041600!1708127999': gz(report({ successful: 4 })),
      'README.md': '# notes',
    });
    expect(loaded.summary).toMatchObject({ files: 1, parsed: 1, invalid: [] });
  });

  it('policy-domain missing: taken from the file name', async () => {
    const r = report() as any;
    delete r.policies[0].policy['policy-domain'];
    const loaded = await loadFiles({
      'google.com!other.example!1708041600!1708127999!001.json': JSON.stringify(r),
    });
    expect([...loaded.byDomain.keys()]).toEqual(['other.example']);
    expect(loaded.summary.quirks).toEqual({ 'policy-domain-from-hint': 1 });
  });
});

describe('the same report delivered twice is counted once', () => {
  it('by mail and as a file in an artifact', async () => {
    const r = report({ successful: 11, details: [{ type: 'starttls-not-supported', count: 2 }] });
    const loaded = await loadFiles({
      'inbox/report.eml': mail({ attachment: gz(r) }),
      'artifact.zip': zip([{ name: 'reports/2024/report.json.gz', data: gz(r) }]),
    });
    expect(loaded.summary).toMatchObject({ parsed: 2, duplicates: 1, invalid: [] });
    const s = loaded.byDomain.get('example.com')!.summary;
    expect([s.successfulSessions, s.failedSessions, s.reportCount]).toEqual([11, 2, 1]);
  });
});

describe('mailboxes', () => {
  it('an mbox mixing reports, ordinary mail and a broken report', async () => {
    const box = mbox([
      ordinaryMail(),
      mail({ attachment: gz(report({ id: 'a', successful: 1 })), messageId: '<a@x>' }),
      ordinaryMail('From the desk of the postmaster'),
      mail({ attachment: gz(report({ id: 'b', successful: 2 })).subarray(0, 30), messageId: '<broken@x>' }),
      mail({
        attachment: Buffer.from(JSON.stringify(report({ id: 'c', successful: 4 }))),
        type: 'application/tlsrpt+json',
        encoding: 'quoted-printable',
        eol: '\n',
      }),
    ]);
    const loaded = await loadFiles({ 'inbox.mbox': box });
    expect(loaded.summary).toMatchObject({ files: 1, parsed: 2, messages: 5, skippedMessages: 2 });
    expect(loaded.summary.invalid).toEqual([
      { path: 'inbox.mbox#4', error: expect.stringMatching(/^message 4 <broken@x>: .*gzip: truncated/) },
    ]);
    expect(loaded.byDomain.get('example.com')!.summary.successfulSessions).toBe(5);
  });

  it('a single .eml that is not a report is invalid; a DMARC (XML) part is named as such', async () => {
    const dmarc = mail({
      attachment: gzipSync('<?xml version="1.0"?><feedback/>'),
      type: 'application/gzip',
      reportDomain: null,
    });
    const loaded = await loadFiles({ 'a.eml': ordinaryMail(), 'b.eml': dmarc });
    expect(loaded.summary.invalid).toEqual([
      { path: 'a.eml', error: expect.stringMatching(/not a TLS-RPT report message/) },
      { path: 'b.eml', error: expect.stringMatching(/TLS-RPT message without a report attachment/) },
    ]);
  });

  it('a report dated more than a day after the clock is report-invalid naming the file', async () => {
    const loaded = await loadFiles(
      {
        'now.json': good({ id: 'n', day: '2024-02-20', successful: 1 }),
        'future.json': good({ id: 'f', day: '2024-02-22', successful: 9 }),
      },
      windowUpTo('2024-02-20', 7),
    );
    expect(loaded.summary).toMatchObject({ parsed: 1, future: 1 });
    expect(loaded.summary.invalid).toEqual([
      {
        path: 'future.json',
        error: expect.stringMatching(/^dated in the future: its range starts 2024-02-22T00:00:00.000Z/),
      },
    ]);
    expect(loaded.findings.map((f) => [f.rule, f.subject?.endsWith('future.json')])).toEqual([
      ['report-invalid', true],
    ]);
    expect(loaded.byDomain.get('example.com')!.summary.successfulSessions).toBe(1);
  });

  it('a forwarded report (message/rfc822) with the attachment relabelled octet-stream', async () => {
    const inner = mail({ attachment: gz(report({ successful: 9 })), type: 'application/octet-stream' });
    const outer = Buffer.concat([
      Buffer.from(
        'From: admin@example.com\r\nSubject: Fwd: report\r\nContent-Type: multipart/mixed; boundary=outer\r\n\r\n--outer\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--outer\r\nContent-Type: message/rfc822\r\n\r\n',
      ),
      inner,
      Buffer.from('\r\n--outer--\r\n'),
    ]);
    const loaded = await loadFiles({ 'fwd.eml': outer });
    expect(loaded.summary.invalid).toEqual([]);
    expect(loaded.byDomain.get('example.com')!.summary.successfulSessions).toBe(9);
  });
});

describe('zip artifacts', () => {
  it('reads nested folders, gzip, eml and mbox entries in memory', async () => {
    const artifact = zip([
      { name: 'tls-reports/', data: Buffer.alloc(0), store: true },
      {
        name: 'tls-reports/2024/02/google.com!example.com!1708041600!1708127999!001.json.gz',
        data: gz(report({ id: 'z1', successful: 1 })),
        store: true,
      },
      { name: 'tls-reports/plain.json', data: Buffer.from(good({ id: 'z2', successful: 2 })) },
      {
        name: 'tls-reports/mail/one.eml',
        data: mail({ attachment: gz(report({ id: 'z3', successful: 4 })) }),
      },
      {
        name: 'tls-reports/box.mbox',
        data: mbox([mail({ attachment: gz(report({ id: 'z4', successful: 8 })) })]),
      },
      { name: 'tls-reports/broken.json', data: Buffer.from('{') },
      { name: 'tls-reports/notes.txt', data: Buffer.from('not a report') },
    ]);
    const loaded = await loadFiles({ 'artifact.zip': artifact });
    expect(loaded.summary.invalid).toEqual([
      { path: 'artifact.zip:tls-reports/broken.json', error: expect.stringMatching(/not valid JSON/) },
    ]);
    expect(loaded.byDomain.get('example.com')!.summary.successfulSessions).toBe(15);
  });

  it('an in-memory archive (the action reports-artifact)', async () => {
    const bytes = zip([{ name: 'r.json', data: Buffer.from(good({ successful: 6 })) }]);
    const loaded = await loadReports(
      { paths: [], archives: [{ name: 'artifact tls-reports', bytes }] },
      WINDOW,
      quietLogger,
    );
    expect(loaded.summary).toMatchObject({ files: 1, parsed: 1, invalid: [] });
  });

  it('a file named .zip that is not a zip', async () => {
    const loaded = await loadFiles({ 'fake.zip': 'hello' });
    expect(loaded.summary.invalid).toEqual([{ path: 'fake.zip', error: expect.stringMatching(/^zip: /) }]);
  });
});

describe('paths', () => {
  it('a file name with glob characters is taken literally; a glob still works', async () => {
    await withTempDir(async (dir) => {
      const name = join(dir, 'google.com!example.com!1708041600!1708127999!001.json.gz');
      await writeFile(name, gz(report({ successful: 3 })));
      await writeFile(join(dir, 'x.json'), good({ id: 'x', successful: 5 }));
      const literal = await loadReports({ paths: [name] }, WINDOW, quietLogger);
      expect(literal.summary).toMatchObject({ files: 1, parsed: 1 });
      const globbed = await loadReports({ paths: [`${dir}/*.json`] }, WINDOW, quietLogger);
      expect(globbed.byDomain.get('example.com')!.summary.successfulSessions).toBe(5);
    });
  });

  it('a path that does not exist is a configuration error naming --reports', async () => {
    await expect(loadReports({ paths: ['/nonexistent/reports'] }, WINDOW, quietLogger)).rejects.toThrow(
      /--reports: no such file or folder/,
    );
  });
});

describe("the window counts back from the run's clock", () => {
  it('older reports are left out and counted as outside the window', async () => {
    const loaded = await loadFiles(
      {
        'new.json': good({ id: 'n', day: '2024-02-20', successful: 1 }),
        'edge.json': good({ id: 'e', day: '2024-02-14', successful: 2 }),
        'old.json': good({ id: 'o', day: '2024-02-13', successful: 4 }),
      },
      windowUpTo('2024-02-20', 7),
    );
    expect(loaded.summary).toMatchObject({
      outsideWindow: 1,
      window: { start: '2024-02-14', end: '2024-02-20' },
    });
    const s = loaded.byDomain.get('example.com')!.summary;
    expect(s.successfulSessions).toBe(3);
    expect(s.days.map((d) => d.date)).toEqual([
      '2024-02-14',
      '2024-02-15',
      '2024-02-16',
      '2024-02-17',
      '2024-02-18',
      '2024-02-19',
      '2024-02-20',
    ]);
  });
});
