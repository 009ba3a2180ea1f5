/**
 * File cases on TLS-RPT reports (issue 9 classes 2, 4, 8 and 9), mirroring
 * test/hostile/{archives,output-injection}.test.ts and test/verdicts/report-window.test.ts, each
 * beside a good report for good.test whose successful-session count must come out whole.
 */
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { MAX_ZIP_TOTAL_BYTES } from '../../src/reports/limits.js';
import { mail, report, zip } from '../../test/reports/helpers.js';
import { bytesUnder, domainOf, findingsOf, MiB, missing, type BenchCase } from './case.js';

const DAY_MS = 86_400_000;
const day = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);
const GOOD_SESSIONS = 9;

function writeGood(dir: string): void {
  writeFileSync(
    join(dir, 'good.json'),
    JSON.stringify(
      report({ org: 'Good Sender', domain: 'good.test', day: day(-1), successful: GOOD_SESSIONS }),
    ),
  );
}

const goodReportJudged: BenchCase['goodJudged'] = (_run, result) =>
  domainOf(result, 'good.test')?.reports?.successfulSessions === GOOD_SESSIONS;

const invalidNamed = (result: Parameters<BenchCase['shows']>[1], name: string): string | undefined =>
  result?.reports.invalid.find((i) => i.path.endsWith(name))?.error;

/** A zip of `count` entries of `entryBytes` zeros, deflated once and patched in (as the test does). */
function bombZip(count: number, entryBytes: number): Buffer {
  const zeros = Buffer.alloc(entryBytes);
  const deflated = deflateRawSync(zeros, { level: 9 });
  const crc = crc32(zeros);
  const archive = zip(
    Array.from({ length: count }, (_, i) => ({ name: `z${i}.json`, data: deflated, store: true })),
  );
  for (let i = 0; i + 4 <= archive.length; i++) {
    const signature = archive.readUInt32LE(i);
    if (signature === 0x04034b50) {
      archive.writeUInt16LE(8, i + 8);
      archive.writeUInt32LE(crc, i + 14);
      archive.writeUInt32LE(entryBytes, i + 22);
      i += 29 + deflated.length;
    } else if (signature === 0x02014b50) {
      archive.writeUInt16LE(8, i + 10);
      archive.writeUInt32LE(crc, i + 16);
      archive.writeUInt32LE(entryBytes, i + 24);
      i += 45;
    }
  }
  return archive;
}

export function reportCases(work: string): BenchCase[] {
  const cases: BenchCase[] = [];
  const offline = (dir: string, format = 'json'): string[] => [
    'check',
    '--offline',
    '--reports',
    dir,
    '--format',
    format,
  ];

  // Class 2: a report dated 400 days ahead beside a real failing report of the same domain.
  {
    const dir = join(work, 'c2');
    mkdirSync(dir, { recursive: true });
    writeGood(dir);
    const spec = { domain: 'victim.test', successful: 0 };
    writeFileSync(
      join(dir, 'future.json'),
      JSON.stringify(report({ ...spec, id: 'f', day: day(400), successful: 50 })),
    );
    writeFileSync(
      join(dir, 'real.json'),
      JSON.stringify(
        report({ ...spec, id: 'r', day: day(-1), details: [{ type: 'certificate-expired', count: 12 }] }),
      ),
    );
    cases.push({
      cls: '2',
      name: 'report dated 400 days ahead beside a real failing one',
      inputBytes: statSync(join(dir, 'future.json')).size,
      args: offline(dir),
      expectExit: 1,
      goodJudged: goodReportJudged,
      shows: (_run, result) =>
        missing(
          [
            findingsOf(result, 'report-invalid').some((f) => f.subject?.endsWith('future.json')),
            'report-invalid names future.json',
          ],
          [
            domainOf(result, 'victim.test')?.reports?.failedSessions === 12,
            'the real failures still counted',
          ],
        ),
    });
  }

  // Class 4: a zip of three zips of 16 x 25 MiB zeros each, and a zip with ../ and / names.
  {
    const dir = join(work, 'c4');
    mkdirSync(dir, { recursive: true });
    writeGood(dir);
    const inner = bombZip(16, 25 * MiB);
    writeFileSync(
      join(dir, 'nested.zip'),
      zip(['a', 'b', 'c'].map((n) => ({ name: `${n}.zip`, data: inner, store: true }))),
    );
    const entry = (domain: string): Buffer =>
      Buffer.from(JSON.stringify(report({ domain, day: day(-1), successful: 1 })));
    writeFileSync(
      join(dir, 'names.zip'),
      zip([
        { name: '../evil.json', data: entry('evil.test') },
        { name: '/abs.json', data: entry('abs.test') },
        { name: 'reports/inner.json', data: entry('inner.test') },
      ]),
    );
    cases.push({
      cls: '4',
      name: 'zip of 3 zips (1.2 GiB of zeros), zip with ../ and / entry names',
      inputBytes: bytesUnder(dir) - statSync(join(dir, 'good.json')).size,
      inputNote: 'claims 1200 MiB',
      args: offline(dir),
      expectExit: 0,
      goodJudged: goodReportJudged,
      shows: (_run, result) =>
        missing(
          [
            result?.reports.invalid.filter((i) => i.error.includes(`more than ${MAX_ZIP_TOTAL_BYTES} bytes`))
              .length === 1,
            'one budget for the nested zips',
          ],
          [!!invalidNamed(result, ':../evil.json')?.includes('unsafe entry name'), '../ entry reported'],
          [
            domainOf(result, 'inner.test')?.reports?.successfulSessions === 1,
            "the archive's other entry read",
          ],
        ),
    });
  }

  // Class 8: a 31 MiB .eml whose Content-Type is one huge header; a 64 MiB report file.
  {
    const dir = join(work, 'c8r');
    mkdirSync(dir, { recursive: true });
    writeGood(dir);
    const good = Buffer.from(JSON.stringify(report({ domain: 'eml.test', day: day(-1), successful: 2 })));
    const eml = mail({ attachment: good, type: `application/tlsrpt+json; x="${'A'.repeat(31 * MiB)}"` });
    writeFileSync(join(dir, 'huge-header.eml'), eml);
    cases.push({
      cls: '8e',
      name: '.eml of 31 MiB, one huge Content-Type (was 731 MiB RSS)',
      inputBytes: eml.length,
      args: offline(join(dir, '*')),
      expectExit: 0,
      goodJudged: goodReportJudged,
      shows: (_run, result) => missing([result?.reports.files === 2, 'both files looked at, none lost']),
    });
    const big = join(work, 'c8j');
    mkdirSync(big, { recursive: true });
    writeGood(big);
    const fd = openSync(join(big, 'big.json'), 'w');
    writeSync(fd, JSON.stringify(report({ domain: 'big.test', day: day(-1) })).slice(0, -1) + ',"pad":"');
    const block = Buffer.alloc(MiB, 'x');
    for (let i = 0; i < 64; i++) writeSync(fd, block);
    writeSync(fd, '"}');
    closeSync(fd);
    cases.push({
      cls: '8f',
      name: 'report .json of 64 MiB',
      inputBytes: statSync(join(big, 'big.json')).size,
      args: offline(big),
      // report-invalid is a warning: the other reports still count.
      expectExit: 0,
      goodJudged: goodReportJudged,
      shows: (_run, result) =>
        missing([invalidNamed(result, 'big.json') !== undefined, 'big.json named invalid']),
    });
  }

  // Class 8: a subfolder of 200,000 files. The walk once spread them into push(), which overflows
  // the stack; they are notes, not reports, so the walk alone is measured.
  {
    const dir = join(work, 'c8w');
    const sub = join(dir, 'archive');
    mkdirSync(sub, { recursive: true });
    writeGood(dir);
    const count = 200_000;
    for (let i = 0; i < count; i++) closeSync(openSync(join(sub, `note-${i}.txt`), 'w'));
    cases.push({
      cls: '8k',
      name: 'reports folder with a subfolder of 200,000 files (crashed the walk)',
      inputBytes: 0,
      args: offline(dir),
      expectExit: 0,
      goodJudged: goodReportJudged,
      shows: (_run, result) =>
        missing([result?.reports.files === 1, 'the one report file read, notes skipped']),
    });
  }

  // Class 9: ESC, CR/LF, NUL, C1, bidi and `::error` in report fields, and a 10 MB field; text.
  {
    const dir = join(work, 'c9');
    mkdirSync(dir, { recursive: true });
    writeGood(dir);
    const hostile = 'Evil\u001b[2J\u001b]0;title\u0007\r\n::error file=x::pwned\u0000\u009b31m\u202eflipped';
    const failing = [{ type: 'certificate-expired', mx: `mx.${hostile}`, count: 4 }];
    writeFileSync(
      join(dir, 'hostile.json'),
      JSON.stringify(report({ org: hostile, domain: 'victim.test', day: day(-1), details: failing })),
    );
    writeFileSync(
      join(dir, 'huge.json'),
      JSON.stringify(
        report({ org: 'x'.repeat(10_000_000), domain: 'victim.test', id: 'huge', day: day(-1) }),
      ),
    );
    // eslint-disable-next-line no-control-regex
    const rawControl = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;
    cases.push({
      cls: '9',
      name: 'controls, ::error and a 10 MB field in report fields (text output)',
      inputBytes: bytesUnder(dir) - statSync(join(dir, 'good.json')).size,
      // --verbose: the good domain is clean, and clean domains are listed with their reports only then.
      args: [...offline(dir, 'text'), '--verbose'],
      env: { MTA_STS_GUARD_DEBUG: '1' },
      expectExit: 1,
      // Text output: the good domain's line with its session count.
      goodJudged: (run) =>
        new RegExp(
          `^\\s*good\\.test.*\\n.*\\n\\s+sessions\\s+${GOOD_SESSIONS} \\(${GOOD_SESSIONS} successful`,
          'm',
        ).test(run.stdout),
      shows: (run) =>
        missing(
          [!rawControl.test(run.stdout + run.stderr), 'no raw control character'],
          [
            !(run.stdout + '\n' + run.stderr).split('\n').some((l) => l.trimStart().startsWith('::')),
            'no line starting with ::',
          ],
          [run.stdout.length < 1_000_000, 'output under 1 MB'],
          // A CR/LF inside a value must not start a line (whose `::` would then be escaped).
          [!/^\s*\\x3a/m.test(run.stdout), 'no value starts a line'],
        ),
    });
  }
  return cases;
}
