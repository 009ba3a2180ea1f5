/**
 * Issue 9 classes 6, 7 and 8 through the BUILT CLI, offline, each hostile file beside good input:
 * - 7: FIFOs (named by --zone, --policy-file, --domains-file, or found in a reports folder or by
 *   a glob) never block; /dev/zero behind a symlink is "not a regular file"; symlinked report
 *   files are followed inside the folder and reported when they point out of it;
 * - 8: a policy file over 64 KiB is policy-too-large; a zone file over its cap is refused unread;
 * - 6: a DNSControl IR nested 5,000 deep and an octoDNS file with 200 aliases are each a
 *   zone-parse-error on that file, no stack trace, with the good zone judged.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { CheckResult } from '../../src/core/result.js';
import { MAX_ZONE_FILE_BYTES } from '../../src/input-file.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from '../integration/built-cli.js';
import { report } from '../reports/helpers.js';

/** Issue 9 acceptance: file cases end within 30 s. */
const LIMIT_MS = 30_000;
const YESTERDAY = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx.good.test\r\nmax_age: 604800\r\n';
const ZONE = (domain: string): string =>
  [
    `$ORIGIN ${domain}.`,
    '$TTL 3600',
    `@ IN MX 10 mx.${domain}.`,
    `_mta-sts IN TXT "v=STSv1; id=20261122T000000"`,
    `_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@${domain}"`,
    '',
  ].join('\n');

let cli: BuiltCli;
let dir: string;
let run: CliRun;
let result: CheckResult;

const mkfifo = (path: string): void => {
  execFileSync('mkfifo', [path]);
};

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-files-'));
  const zones = join(dir, 'zones');
  const reports = join(dir, 'reports');
  const outside = join(dir, 'outside');
  await Promise.all([mkdir(zones), mkdir(reports), mkdir(outside)]);
  await writeFile(join(dir, 'good.txt'), POLICY);
  await writeFile(join(dir, 'big.txt'), POLICY + `# ${'x'.repeat(70 * 1024)}\r\n`);
  await writeFile(join(zones, 'db.good.test'), ZONE('good.test'));
  mkfifo(join(zones, 'db.fifo.test'));
  await symlink('/dev/zero', join(zones, 'db.zero.test'));
  // Sparse: 64 MiB on the size, nothing on the disk; refused by its size before any read.
  await writeFile(join(zones, 'db.huge.test'), ZONE('huge.test'));
  await truncate(join(zones, 'db.huge.test'), 64 * 1024 * 1024);
  let deep = '{"records":[]}';
  for (let i = 0; i < 5000; i++) deep = `{"domains":[${deep}]}`;
  await writeFile(join(zones, 'deep-ir.json'), deep);
  // 200 aliases of one anchored list in one record: the YAML reader's "Excessive alias count".
  const aliases = `base: {type: TXT, values: &v [x, y]}\nr:\n  type: TXT\n  values: [${Array(200).fill('*v').join(', ')}]\n`;
  await writeFile(join(zones, 'aliases.test.yaml'), aliases);

  await writeFile(
    join(reports, 'good.json'),
    JSON.stringify(report({ domain: 'good.test', day: YESTERDAY, successful: 7 })).replace(
      'max_age: 86400',
      'max_age: 604800',
    ),
  );
  await writeFile(
    join(reports, 'inner-target.json'),
    JSON.stringify(report({ domain: 'linked.test', day: YESTERDAY, successful: 3 })),
  );
  await symlink(join(reports, 'inner-target.json'), join(reports, 'linked.json'));
  await writeFile(
    join(outside, 'secret.json'),
    JSON.stringify(report({ domain: 'secret.test', day: YESTERDAY })),
  );
  await symlink(join(outside, 'secret.json'), join(reports, 'escape.json'));
  await symlink('/dev/zero', join(reports, 'zero.json'));
  mkfifo(join(reports, 'pipe.json'));

  run = await runCli(
    cli.path,
    [
      'check',
      '--offline',
      ...[
        '--policy-file',
        `good.test=${join(dir, 'good.txt')}`,
        '--policy-file',
        `big.test=${join(dir, 'big.txt')}`,
      ],
      ...['--zone', join(zones, 'db.*'), '--zone', join(zones, '*.json'), '--zone', join(zones, '*.yaml')],
      // A FIFO named directly (globs only ever match regular files and symlinks).
      ...['--zone', join(zones, 'db.fifo.test')],
      ...['--reports', reports, '--format', 'json'],
    ],
    {},
    LIMIT_MS,
  );
  result = JSON.parse(run.stdout) as CheckResult;
}, 60_000);

afterAll(async () => {
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const onFile = (name: string): Finding | undefined =>
  result.findings.find((f) => f.rule === 'zone-parse-error' && f.subject?.endsWith(name));

describe('special files and sizes (issue 9 classes 6, 7, 8)', () => {
  it('the run ends with findings, no stack trace, within the file limit', () => {
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(LIMIT_MS);
    expect(run.stderr).not.toMatch(/\n\s+at |RangeError|Maximum call stack|Excessive alias/);
  });

  it('refuses FIFOs and /dev/zero as not regular files, and a zone over the cap unread', () => {
    expect(onFile('db.fifo.test')?.message).toContain('is not a regular file (a FIFO)');
    expect(onFile('db.zero.test')?.message).toContain('is not a regular file (a character device)');
    expect(onFile('db.huge.test')?.message).toContain(
      `larger than the limit of ${MAX_ZONE_FILE_BYTES} bytes`,
    );
  });

  it('turns parser exceptions into zone-parse-error on that file', () => {
    expect(onFile('deep-ir.json')?.message).toMatch(/nested too deeply|could not be read/);
    expect(onFile('aliases.test.yaml')?.message).toContain('Excessive alias count');
  });

  it('judges the good zone and the good policy file beside them', () => {
    expect(result.domains.map((d) => d.domain)).toEqual(expect.arrayContaining(['good.test', 'big.test']));
    expect(result.findings.filter((f) => f.domain === 'good.test' && f.severity !== 'notice')).toEqual([]);
  });

  it('a policy file over 64 KiB is policy-too-large, as the live fetch is', () => {
    const big = result.findings.filter((f) => f.domain === 'big.test');
    expect(big.map((f) => [f.rule, f.severity])).toContainEqual(['policy-too-large', 'error']);
  });

  it('follows a symlinked report inside the folder and reports the others', () => {
    expect(result.domains.find((d) => d.domain === 'linked.test')?.reports?.successfulSessions).toBe(3);
    expect(result.domains.find((d) => d.domain === 'good.test')?.reports?.successfulSessions).toBe(7);
    expect(result.domains.some((d) => d.domain === 'secret.test')).toBe(false);
    const invalid = Object.fromEntries(result.reports.invalid.map((i) => [i.path.split('/').pop(), i.error]));
    expect(invalid['escape.json']).toMatch(/symlink to .*outside/);
    expect(invalid['zero.json']).toMatch(/symlink to \/dev\/zero/);
    expect(invalid['pipe.json']).toContain('not a regular file');
  });
});

describe('FIFOs named by flags that must be files (issue 9 class 7)', () => {
  it.each(['--domains-file', '--policy-file'])(
    '%s FIFO: exit 2, one line naming flag and file',
    async (flag) => {
      const fifo = join(dir, `fifo${flag}`);
      mkfifo(fifo);
      const value = flag === '--policy-file' ? `x.test=${fifo}` : fifo;
      const out = await runCli(cli.path, ['check', '--offline', 'good.test', flag, value], {}, LIMIT_MS);
      expect(out.code).toBe(2);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stderr).toContain(`${flag}: ${fifo} is not a regular file (a FIFO)`);
    },
  );
});
