/**
 * Issue 9 class 9 through the BUILT CLI: reports whose fields carry ESC sequences, CR/LF, NUL,
 * C1 and bidi controls, a line starting with `::error::` and a 10 MB value, beside a good report.
 * The text output has no raw control and no line starting with `::`; JSON stays small and reads
 * back; the good report is still counted.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from '../integration/built-cli.js';
import { report } from '../reports/helpers.js';

const LIMIT_MS = 30_000;
const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const HOSTILE = 'Evil\u001b[2J\u001b]0;title\u0007\r\n::error file=x::pwned\u0000\u009b31m\u202eflipped';
// eslint-disable-next-line no-control-regex
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

let cli: BuiltCli;
let dir: string;
const runs: Record<string, CliRun> = {};

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-9-'));
  const failing = [{ type: 'certificate-expired', mx: `mx.${HOSTILE}`, count: 4 }];
  await writeFile(
    join(dir, 'hostile.json'),
    JSON.stringify(report({ org: HOSTILE, domain: 'victim.test', day: YESTERDAY, details: failing })),
  );
  await writeFile(
    join(dir, 'huge.json'),
    JSON.stringify(
      report({ org: 'x'.repeat(10_000_000), domain: 'victim.test', id: 'huge', day: YESTERDAY }),
    ),
  );
  await writeFile(
    join(dir, 'good.json'),
    JSON.stringify(report({ org: 'Good Sender', domain: 'good.test', day: YESTERDAY, successful: 9 })),
  );
  for (const format of ['text', 'json', 'markdown', 'sarif']) {
    runs[format] = await runCli(
      cli.path,
      ['check', '--offline', '--reports', dir, '--format', format],
      { MTA_STS_GUARD_DEBUG: '1' },
      LIMIT_MS,
    );
  }
}, 120_000);

afterAll(async () => {
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('output injection (issue 9 class 9)', () => {
  it.each(['text', 'markdown', 'json', 'sarif'])(
    '%s: no raw control, no :: line, on stdout or stderr',
    (format) => {
      const run = runs[format]!;
      expect(run.code).toBe(1); // failures in an enforce report
      for (const out of [run.stdout, run.stderr]) {
        expect(out).not.toMatch(RAW_CONTROL);
        for (const line of out.split('\n')) expect(line.trimStart().startsWith('::')).toBe(false);
      }
      expect(run.ms).toBeLessThan(LIMIT_MS);
    },
  );

  it('text shows the hostile value escaped, visibly', () => {
    expect(runs['text']!.stdout).toContain('Evil\\x1b[2J');
  });

  it('text keeps each value on its line: a CR/LF in a report field starts no line', () => {
    // Found by the hostile bench: the LF of the value was kept, so its rest began a line.
    expect(runs['text']!.stdout).toContain('\\x0d\\x0a::error file=x::pwned');
    for (const line of runs['text']!.stdout.split('\n')) expect(line).not.toMatch(/^\s*\\x3a/);
  });

  it('cuts the 10 MB value: outputs stay small, JSON reads back, the good report counts', () => {
    for (const format of ['text', 'json', 'markdown', 'sarif'])
      expect(runs[format]!.stdout.length).toBeLessThan(1_000_000);
    const result = JSON.parse(runs['json']!.stdout) as CheckResult;
    expect(result.domains.find((d) => d.domain === 'good.test')?.reports?.successfulSessions).toBe(9);
    expect(JSON.stringify(result)).toContain('\u202e'); // the value itself is kept, escaped in the text
  });
});
