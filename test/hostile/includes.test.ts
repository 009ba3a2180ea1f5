/**
 * Issue 9 class 5 through the BUILT CLI, offline, in a throwaway git repository:
 * - `$INCLUDE ../shared.inc` inside the repository is read (the allowed root is the repository);
 * - a symlink to /etc/passwd is refused on its real path, and nothing of that file is printed;
 * - 10 includes a level, 7 levels deep, stops at MAX_INCLUDED_FILES instead of hanging;
 * - `$INCLUDE .` says it names a folder;
 * - `--include-root` widens the root for a zone outside any repository.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { CheckResult } from '../../src/core/result.js';
import { MAX_INCLUDED_FILES } from '../../src/zones/bind.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from '../integration/built-cli.js';

const LIMIT_MS = 30_000;
const head = (domain: string): string => `$ORIGIN ${domain}.\n$TTL 3600\n_mta-sts IN TXT "v=STSv1; id=1"\n`;

let cli: BuiltCli;
let dir: string;
let run: CliRun;
let result: CheckResult;

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-5-'));
  const repo = join(dir, 'repo');
  const zones = join(repo, 'zones');
  await mkdir(join(zones, 'sub'), { recursive: true });
  execFileSync('git', ['init', '-q', repo]);
  await writeFile(join(zones, 'db.good.test'), head('good.test') + '@ IN MX 10 mx.good.test.\n');
  await writeFile(join(zones, 'shared.inc'), '@ IN MX 10 mx.shared.example.\n');
  await writeFile(join(zones, 'sub', 'db.repo.test'), head('repo.test') + '$INCLUDE ../shared.inc\n');
  await symlink('/etc/passwd', join(zones, 'passwd.inc'));
  await writeFile(join(zones, 'db.leak.test'), head('leak.test') + '$INCLUDE passwd.inc\n');
  await writeFile(join(zones, 'db.dot.test'), head('dot.test') + '$INCLUDE .\n');
  // Fan-out: l0 includes l1 ten times, l1 includes l2 ten times, … down to l7 (10^7 reads).
  const fan = join(zones, 'fan');
  await mkdir(fan);
  for (let level = 0; level < 7; level++)
    await writeFile(join(fan, `l${level}.inc`), `$INCLUDE l${level + 1}.inc\n`.repeat(10));
  await writeFile(join(fan, 'l7.inc'), '@ IN TXT "x"\n');
  await writeFile(join(fan, 'db.fan.test'), head('fan.test') + '$INCLUDE l0.inc\n');
  run = await runCli(
    cli.path,
    [
      'check',
      '--offline',
      '--zone',
      join(zones, 'db.*'),
      '--zone',
      join(zones, 'sub', 'db.*'),
      '--zone',
      join(fan, 'db.*'),
      '--format',
      'json',
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

const parseError = (name: string): Finding | undefined =>
  result.findings.find((f) => f.rule === 'zone-parse-error' && f.subject?.endsWith(name));

describe('$INCLUDE (issue 9 class 5)', () => {
  it('ends in bounded time, no stack trace', () => {
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(LIMIT_MS);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('reads an include elsewhere in the same git repository', () => {
    expect(parseError('db.repo.test')).toBeUndefined();
    expect(result.domains.map((d) => d.domain)).toContain('repo.test');
  });

  it('refuses a symlink out of the repository by its real path, printing nothing of it', () => {
    expect(parseError('db.leak.test')?.message).toMatch(
      /passwd\.inc refused: it points outside .* \(to \/etc\/passwd\)/,
    );
    expect(run.stdout + run.stderr).not.toMatch(/root:.*:0:0/);
  });

  it('stops a fan-out at the file budget', () => {
    expect(parseError('db.fan.test')?.message).toContain(`more than ${MAX_INCLUDED_FILES} files`);
  });

  it('says what is wrong with $INCLUDE .', () => {
    expect(parseError('db.dot.test')?.message).toContain('$INCLUDE . names a folder');
  });

  it('judges the good zone beside them', () => {
    expect(parseError('db.good.test')).toBeUndefined();
    expect(result.domains.map((d) => d.domain)).toContain('good.test');
  });
});

describe('--include-root (issue 9 class 5)', () => {
  it('widens the root of a zone outside any repository', async () => {
    const loose = join(dir, 'loose');
    await mkdir(join(loose, 'a'), { recursive: true });
    await mkdir(join(loose, 'b'));
    await writeFile(join(loose, 'b', 'mx.inc'), '@ IN MX 10 mx.loose.example.\n');
    await writeFile(join(loose, 'a', 'db.loose.test'), head('loose.test') + '$INCLUDE ../b/mx.inc\n');
    const args = ['check', '--offline', '--zone', join(loose, 'a', 'db.loose.test'), '--format', 'json'];
    const narrow = JSON.parse((await runCli(cli.path, args, {}, LIMIT_MS)).stdout) as CheckResult;
    expect(narrow.findings.find((f) => f.rule === 'zone-parse-error')?.message).toContain('--include-root');
    const wide = JSON.parse(
      (await runCli(cli.path, [...args, '--include-root', loose], {}, LIMIT_MS)).stdout,
    ) as CheckResult;
    expect(wide.findings.filter((f) => f.rule === 'zone-parse-error')).toEqual([]);
  });
});
