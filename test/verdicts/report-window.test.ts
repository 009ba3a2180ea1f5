/**
 * Issue 10 item 5 through the built CLI: reports are judged against the run's clock. The window
 * and what fell outside it (duplicates, too old, future-dated) show in text, markdown and JSON;
 * a future-dated report is report-invalid naming its file; a domain whose zone file proposes
 * TLS-RPT gets reports-missing when reports were given but none of them is for it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { buildCli, runCli, type BuiltCli } from '../integration/built-cli.js';
import { report } from '../reports/helpers.js';

const DAY_MS = 86_400_000;
/** The UTC day `offset` days from the test's clock (the CLI reads the same clock). */
const day = (offset: number): string => new Date(Date.now() + offset * DAY_MS).toISOString().slice(0, 10);

let cli: BuiltCli;
let dir: string;
let args: string[];

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-window-'));
  const reports = join(dir, 'reports');
  await mkdir(reports);
  const files: Record<string, object> = {
    'yesterday.json': report({ id: 'y', day: day(-1), domain: 'a.example', successful: 5 }),
    'yesterday-again.json': report({ id: 'y', day: day(-1), domain: 'a.example', successful: 5 }),
    'old.json': report({ id: 'o', day: day(-30), domain: 'a.example', successful: 7 }),
    'future.json': report({ id: 'f', day: day(3), domain: 'a.example', successful: 9 }),
  };
  for (const [name, r] of Object.entries(files)) await writeFile(join(reports, name), JSON.stringify(r));
  await writeFile(
    join(dir, 'db.b.example'),
    '$ORIGIN b.example.\n_smtp._tls TXT "v=TLSRPTv1; rua=mailto:tlsrpt@b.example"\n',
  );
  args = ['check', '--offline', '--reports', reports, '--zone', join(dir, 'db.b.example')];
}, 60_000);

afterAll(async () => {
  await cli?.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('built CLI: the report window counts back from the clock', () => {
  it('JSON: window, duplicates, too old, future-dated; report-invalid names the file; reports-missing', async () => {
    const run = await runCli(cli.path, [...args, '--format', 'json'], {});
    const result = JSON.parse(run.stdout) as CheckResult;
    expect(result.reports).toMatchObject({
      files: 4,
      parsed: 3,
      duplicates: 1,
      outsideWindow: 1,
      future: 1,
      window: { start: day(-6), end: day(0) },
    });
    const invalid = result.findings.filter((f) => f.rule === 'report-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.subject).toBe(join(dir, 'reports', 'future.json'));
    expect(invalid[0]!.message).toMatch(/^dated in the future/);
    const missing = result.findings.filter((f) => f.rule === 'reports-missing');
    expect(missing.map((f) => [f.domain, f.location?.line])).toEqual([['b.example', 2]]);
    expect(missing[0]!.message).toContain(`(${day(-6)} to ${day(0)}, 7 days up to this run's clock)`);
    // a.example's one report in the window is counted once.
    expect(result.domains.find((d) => d.domain === 'a.example')?.reports?.successfulSessions).toBe(5);
  });

  it('text and markdown show the window and what fell outside it', async () => {
    const line = `window ${day(-6)} to ${day(0)} (7 days up to this run's clock); left out: 1 duplicate, 1 too old, 1 future-dated`;
    const text = await runCli(cli.path, args, {});
    // Text wraps at 100 columns: the line may continue, indented, on the next.
    expect(text.stdout.replace(/\n +/g, ' ')).toContain(line);
    const markdown = await runCli(cli.path, [...args, '--format', 'markdown'], {});
    expect(markdown.stdout).toContain(`Report ${line}.`);
  });

  it('--report-window-days 60 takes the old report in', async () => {
    const run = await runCli(cli.path, [...args, '--format', 'json', '--report-window-days', '60'], {});
    const result = JSON.parse(run.stdout) as CheckResult;
    expect(result.reports).toMatchObject({ outsideWindow: 0, window: { start: day(-59), end: day(0) } });
    expect(result.domains.find((d) => d.domain === 'a.example')?.reports?.successfulSessions).toBe(12);
  });
});
