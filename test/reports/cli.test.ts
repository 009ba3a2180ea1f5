/** The built CLI on the report corpus: `check --offline --reports DIR --format json|markdown|text`. */
import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, describe, expect, it } from 'vitest';
import { CORPUS } from './helpers.js';

const run = promisify(execFile);
const root = join(import.meta.dirname, '..', '..');
const cli = join(root, 'test', '.tmp', 'reports-cli', 'cli.mjs');

beforeAll(async () => {
  await mkdir(join(cli, '..'), { recursive: true });
  await build({
    entryPoints: [join(root, 'src', 'cli.ts')],
    outfile: cli,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
});

async function check(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(process.execPath, [cli, 'check', '--offline', ...args], {
      maxBuffer: 16 << 20,
    });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string };
    return { code: e.code, stdout: e.stdout };
  }
}

describe('check --offline --reports', () => {
  it('fills domains[].reports and reports in the JSON contract', async () => {
    const { code, stdout } = await check(
      '--reports',
      CORPUS,
      '--report-window-days',
      '3650',
      '--format',
      'json',
    );
    const result = JSON.parse(stdout);
    expect(result.schemaVersion).toBe(1);
    expect(result.reports).toMatchObject({ files: 16, parsed: 15, duplicates: 2, outsideWindow: 1 });
    expect(result.reports.invalid).toEqual([
      {
        path: expect.stringMatching(/draft-ietf-uta-smtp-tlsrpt-23-appendix-B\.json$/),
        error: expect.stringMatching(/not valid JSON/),
      },
    ]);
    const domains = result.domains.map((d: { domain: string }) => d.domain);
    // 2026 is the newest report: the RFC example of 2016 falls outside 3650 days.
    expect(domains).toEqual(['cardinalhealth.ca', 'digilicious.com', 'example.com', 'test.xmox.nl']);
    for (const d of result.domains) {
      expect(d.reports).toEqual(
        expect.objectContaining({
          successfulSessions: expect.any(Number),
          failedSessions: expect.any(Number),
          byResultType: expect.any(Object),
          byMx: expect.any(Object),
          byReporter: expect.any(Object),
          days: expect.any(Array),
        }),
      );
      for (const day of d.reports.days)
        expect(Object.keys(day)).toEqual(expect.arrayContaining(['date', 'successful', 'failed']));
    }
    const rules = result.findings.map((f: { rule: string }) => f.rule).sort();
    expect(rules).toEqual(['report-invalid', 'reports-failures-testing']);
    // Warnings only: exit 0 with the default --fail-on error, 1 with --fail-on warning.
    expect(code).toBe(0);
    expect((await check('--reports', CORPUS, '--format', 'json', '--fail-on', 'warning')).code).toBe(1);
  });

  it('renders the per-domain table in text and markdown', async () => {
    const text = (await check('--reports', CORPUS, '--report-window-days', '3650')).stdout;
    expect(text).toMatch(/TLS-RPT: 8 reports from 4 organizations/);
    expect(text).toMatch(/sessions +89 \(85 successful, 4 failed = 4\.5 %\)/);
    const md = (await check('--reports', CORPUS, '--report-window-days', '3650', '--format', 'markdown'))
      .stdout;
    expect(md).toMatch(
      /\| Reports \| Sessions \| Failed \| Top result types \| Failing MX \| Reporters \(sessions\) \|/,
    );
  });
});
