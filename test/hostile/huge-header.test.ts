/**
 * Issue 9 class 8, found by `BENCH_ONLY=hostile npm run bench`: a 31 MiB .eml whose attachment
 * part has one huge Content-Type (a quoted parameter of 31 MiB) peaked at 1.2 GiB RSS, because
 * header parameters are read a character at a time. Header values are now cut at
 * MAX_HEADER_VALUE_CHARS; the message is still read, and the good report beside it counts.
 * (Its peak RSS is measured in the bench, not here.)
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { MAX_HEADER_VALUE_CHARS } from '../../src/reports/limits.js';
import { parseHeaders, parseMessage } from '../../src/reports/mime.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from '../integration/built-cli.js';
import { mail, report } from '../reports/helpers.js';

const LIMIT_MS = 30_000;
const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const HUGE = 31 * 1024 * 1024;
const hugeType = `application/tlsrpt+json; x="${'A'.repeat(HUGE)}"`;
const emlReport = Buffer.from(JSON.stringify(report({ domain: 'eml.test', day: YESTERDAY, successful: 2 })));

describe('a huge header value (issue 9 class 8)', () => {
  it('is cut at MAX_HEADER_VALUE_CHARS, also when folded over many lines', () => {
    const one = parseHeaders(Buffer.from(`Content-Type: ${hugeType}\r\nSubject: s\r\n`, 'latin1'));
    expect(one.get('content-type')!.length).toBeLessThanOrEqual(MAX_HEADER_VALUE_CHARS);
    expect(one.get('subject')).toBe('s');
    const folded = parseHeaders(Buffer.from(`Content-Type: text/plain;${'\r\n x=1;'.repeat(100_000)}\r\n`));
    expect(folded.get('content-type')!.length).toBeLessThanOrEqual(MAX_HEADER_VALUE_CHARS);
  });

  it('leaves the media type, and so the report, readable', () => {
    const part = parseMessage(mail({ attachment: emlReport, type: hugeType })).children[1]!;
    expect(part.contentType.mediaType).toBe('application/tlsrpt+json');
  });
});

describe('a 31 MiB .eml with a huge Content-Type, through the built CLI (issue 9 class 8)', () => {
  let cli: BuiltCli;
  let dir: string;
  let run: CliRun;
  let result: CheckResult;

  beforeAll(async () => {
    cli = await buildCli();
    dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-header-'));
    await writeFile(join(dir, 'huge-header.eml'), mail({ attachment: emlReport, type: hugeType }));
    await writeFile(
      join(dir, 'good.json'),
      JSON.stringify(report({ domain: 'good.test', day: YESTERDAY, successful: 9 })),
    );
    run = await runCli(cli.path, ['check', '--offline', '--reports', dir, '--format', 'json'], {}, LIMIT_MS);
    result = JSON.parse(run.stdout) as CheckResult;
  }, 60_000);

  afterAll(async () => {
    await cli?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('ends normally within the file limit, both reports counted', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.code).toBe(0);
    expect(run.ms).toBeLessThan(LIMIT_MS);
    expect(result.domains.find((d) => d.domain === 'good.test')?.reports?.successfulSessions).toBe(9);
    expect(result.domains.find((d) => d.domain === 'eml.test')?.reports?.successfulSessions).toBe(2);
  });
});
