/**
 * The worker-thread parser pool only runs from a bundle (tests import TypeScript, where workers
 * cannot start), so the built CLI is run on one mailbox with 0 and with 2 workers: the results
 * must be identical and equal to the sums computed from the reports themselves.
 */
import { execFile } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { build } from 'esbuild';
import { beforeAll, expect, it } from 'vitest';
import { gz, mail, mbox, ordinaryMail, report, withTempDir } from './helpers.js';

const run = promisify(execFile);
/** The UTC day `offset` days before the run's clock: the CLI counts the report window from it. */
const daysAgo = (offset: number): string =>
  new Date(Date.now() - offset * 86_400_000).toISOString().slice(0, 10);
const root = join(import.meta.dirname, '..', '..');
// Two builds: the CLI alone (workers run the CLI bundle itself) and, as dist/ ships it, the CLI with
// the parser-only report-worker.js beside it.
const alone = join(root, 'test', '.tmp', 'reports-workers', 'alone', 'cli.mjs');
const shipped = join(root, 'test', '.tmp', 'reports-workers', 'shipped', 'cli.mjs');
const options = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'error',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
} as const;

beforeAll(async () => {
  for (const cli of [alone, shipped]) {
    await mkdir(join(cli, '..'), { recursive: true });
    await build({ ...options, entryPoints: [join(root, 'src', 'cli.ts')], outfile: cli });
  }
  await build({
    ...options,
    entryPoints: [join(root, 'src', 'reports', 'worker-entry.ts')],
    outfile: join(shipped, '..', 'report-worker.js'),
  });
});

async function checkWith(
  cli: string,
  workers: string,
  path: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, MTA_STS_GUARD_REPORT_WORKERS: workers, MTA_STS_GUARD_DEBUG: '1' };
  const args = [
    cli,
    'check',
    '--offline',
    '--reports',
    path,
    '--report-window-days',
    '30',
    '--format',
    'json',
  ];
  try {
    const { stdout, stderr } = await run(process.execPath, args, { env, maxBuffer: 32 << 20 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

it('parses a mailbox on worker threads exactly as on the main thread', async () => {
  await withTempDir(async (dir) => {
    const messages: Buffer[] = [];
    const expected = new Map<string, { successful: number; failed: number }>();
    for (let i = 0; i < 240; i++) {
      const domain = `d${i % 3}.example`;
      const day = daysAgo(1 + (i % 7));
      const failed = i % 5 === 0 ? 3 : 0;
      const spec = {
        org: `Sender ${i % 4}`,
        id: `r-${i}`,
        domain,
        day,
        mode: 'testing' as const,
        successful: 10 + i,
        details: failed ? [{ type: 'certificate-expired', count: failed }] : [],
      };
      messages.push(
        mail({ attachment: gz(report(spec)), reportDomain: domain, messageId: `<m${i}@sender.example>` }),
      );
      const total = expected.get(domain) ?? { successful: 0, failed: 0 };
      total.successful += spec.successful;
      total.failed += failed;
      expected.set(domain, total);
      if (i % 40 === 0) messages.push(ordinaryMail(`note ${i}`));
    }
    // The same report twice (counted once), and one whose gzip is cut short (report-invalid).
    messages.push(
      mail({
        attachment: gz(
          report({ org: 'Sender 1', id: 'r-1', domain: 'd1.example', day: daysAgo(2), successful: 11 }),
        ),
      }),
    );
    messages.push(
      mail({
        attachment: gz(report({ id: 'broken' })).subarray(0, 40),
        messageId: '<broken@sender.example>',
      }),
    );
    const path = join(dir, 'inbox.mbox');
    await writeFile(path, mbox(messages));

    const main = await checkWith(alone, '0', path);
    const pooled = await checkWith(alone, '2', path);
    const dedicated = await checkWith(shipped, '2', path);
    expect(pooled.stderr).toMatch(/parsing on 2 worker threads \(cli\.mjs\)/);
    expect(dedicated.stderr).toMatch(/parsing on 2 worker threads \(report-worker\.js\)/);
    expect(main.stderr).not.toMatch(/worker threads/);
    expect([main.code, pooled.code, dedicated.code]).toEqual([0, 0, 0]);

    const strip = (json: string): unknown => ({ ...JSON.parse(json), generatedAt: null });
    expect(strip(pooled.stdout)).toEqual(strip(main.stdout));
    expect(strip(dedicated.stdout)).toEqual(strip(main.stdout));

    const result = JSON.parse(pooled.stdout) as {
      reports: { parsed: number; duplicates: number; invalid: { path: string }[] };
      domains: { domain: string; reports: { successfulSessions: number; failedSessions: number } }[];
    };
    expect(result.reports.parsed).toBe(241);
    expect(result.reports.duplicates).toBe(1);
    expect(result.reports.invalid.map((i) => i.path)).toEqual([`${path}#${messages.length}`]);
    for (const d of result.domains) {
      expect({ successful: d.reports.successfulSessions, failed: d.reports.failedSessions }).toEqual(
        expected.get(d.domain),
      );
    }
    expect(result.domains.map((d) => d.domain).sort()).toEqual([...expected.keys()].sort());
  });
}, 60_000);

it('reads a folder of many small files on worker threads exactly as on the main thread', async () => {
  await withTempDir(async (dir) => {
    let successful = 0;
    for (let i = 0; i < 300; i++) {
      const spec = {
        org: `Sender ${i % 4}`,
        id: `f-${i}`,
        domain: 'd.example',
        day: daysAgo(1),
        successful: i,
      };
      successful += i;
      await writeFile(join(dir, `r${String(i).padStart(4, '0')}.json.gz`), gz(report(spec)));
    }
    // A duplicate, a cut gzip and a .json that is no JSON, among the good ones; a .txt is skipped.
    await writeFile(
      join(dir, 'r0100-dup.json.gz'),
      gz(report({ org: 'Sender 0', id: 'f-100', domain: 'd.example', day: daysAgo(1), successful: 100 })),
    );
    // A duplicate of a report two batches back.
    await writeFile(
      join(dir, 'r0280-dup.json.gz'),
      gz(report({ org: 'Sender 1', id: 'f-5', domain: 'd.example', day: daysAgo(1), successful: 5 })),
    );
    await writeFile(join(dir, 'r0150-cut.json.gz'), gz(report({ id: 'cut' })).subarray(0, 30));
    await writeFile(join(dir, 'r0200-bad.json'), '<feedback>a DMARC report</feedback>');
    await writeFile(join(dir, 'notes.txt'), 'not a report');
    // A mailbox among them: the workers hand it back, and the main thread reads it in its place.
    await writeFile(
      join(dir, 'r0250-inbox.mbox'),
      mbox([
        mail({
          attachment: gz(
            report({ org: 'Sender 9', id: 'm-1', domain: 'd.example', day: daysAgo(1), successful: 7 }),
          ),
          messageId: '<m-1@sender.example>',
        }),
      ]),
    );
    successful += 7;

    const main = await checkWith(alone, '0', dir);
    const pooled = await checkWith(alone, '2', dir);
    expect(pooled.stderr).toMatch(/files: read on 2 worker threads, counted on this one/);
    expect(main.stderr).not.toMatch(/worker threads/);
    const strip = (json: string): unknown => ({ ...JSON.parse(json), generatedAt: null });
    expect(strip(pooled.stdout)).toEqual(strip(main.stdout));
    // The same debug lines about the files, in the same order (each file is counted on the main
    // thread in input order, whichever thread read it).
    const fileLines = (stderr: string): string[] =>
      stderr.split('\n').filter((l) => /reports: .*(skipped|: not|: gzip)/.test(l));
    expect(fileLines(pooled.stderr)).toEqual(fileLines(main.stderr));
    expect(fileLines(main.stderr)).toHaveLength(3);
    const result = JSON.parse(pooled.stdout) as {
      reports: { parsed: number; duplicates: number; invalid: { path: string }[] };
      domains: { domain: string; reports: { successfulSessions: number } }[];
    };
    expect(result.reports.parsed).toBe(303);
    expect(result.reports.duplicates).toBe(2);
    expect(result.reports.invalid.map((i) => i.path)).toEqual([
      join(dir, 'r0150-cut.json.gz'),
      join(dir, 'r0200-bad.json'),
    ]);
    expect(result.domains.find((d) => d.domain === 'd.example')?.reports.successfulSessions).toBe(successful);
  });
}, 60_000);
