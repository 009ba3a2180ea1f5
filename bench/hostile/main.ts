/**
 * `BENCH_ONLY=hostile npm run bench` (issue 9 acceptance): one representative hostile case per
 * class of issue 9, each beside good input of the same kind, through the BUILT CLI. Per case: wall
 * time, peak RSS of the CLI process, exit code, stack trace or not, whether the good input was
 * still judged, and the bound: no hang (files <= 30 s; network <= 3 x timeout + 3 s), peak RSS
 * < 400 MiB for inputs of 64 MiB or less, exit code as expected (1 findings, 2 only for a
 * configuration error), what shows the class fixed. Exits 1 when any bound is missed.
 * Bundled by bench/hostile.mjs; argv: the built CLI, a working folder.
 *   BENCH_HOSTILE_CASES=1,8b   only these cases
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism, loadavg } from 'node:os';
import type { CheckResult } from '../../src/core/result.js';
import { limitMs, MiB, RSS_BOUND_INPUT_BYTES, RSS_LIMIT_MIB, type BenchCase } from './case.js';
import { networkCases } from './cases-network.js';
import { reportCases } from './cases-reports.js';
import { zoneCases } from './cases-zones.js';
import { cleanUpMeasure, rssMethod, runMeasured, type Measured } from './measure.js';

const [cli, work] = process.argv.slice(2) as [string, string];
/** A run this long past its bound is a hang: ended, and reported as one. */
const KILL_GRACE_MS = 30_000;
const only = process.env['BENCH_HOSTILE_CASES']?.split(',');

interface Row {
  c: BenchCase;
  run: Measured;
  good: boolean | null;
  problems: string[];
}

function judge(c: BenchCase, run: Measured): Row {
  let result: CheckResult | null = null;
  try {
    result = JSON.parse(run.stdout) as CheckResult;
  } catch {
    // text output, or none (exit 2)
  }
  const good = c.goodJudged(run, result);
  const problems = [
    ...(run.killed ? ['killed: a hang'] : []),
    ...(run.ms > limitMs(c) ? [`took ${(run.ms / 1000).toFixed(1)} s > ${limitMs(c) / 1000} s`] : []),
    ...(c.inputBytes <= RSS_BOUND_INPUT_BYTES && !(run.rssMiB < RSS_LIMIT_MIB)
      ? [`peak RSS ${run.rssMiB.toFixed(0)} MiB >= ${RSS_LIMIT_MIB}`]
      : []),
    ...(run.code !== c.expectExit ? [`exit ${run.code}, expected ${c.expectExit}`] : []),
    // Exit codes follow the findings: 1 exactly when an error-severity finding is in the result.
    ...(result && run.code !== (result.summary.errors > 0 ? 1 : 0)
      ? [`exit ${run.code} with ${result.summary.errors} error finding(s)`]
      : []),
    ...(run.stackTrace ? ['stack trace on stderr'] : []),
    ...(good === false ? ['good input not judged'] : []),
    ...c.shows(run, result).map((what) => `not shown: ${what}`),
  ];
  return { c, run, good, problems };
}

function size(c: BenchCase): string {
  const text =
    c.inputBytes >= MiB
      ? `${(c.inputBytes / MiB).toFixed(1)} MiB`
      : c.inputBytes >= 1024
        ? `${(c.inputBytes / 1024).toFixed(1)} KiB`
        : `${c.inputBytes} B`;
  return c.inputNote ? `${text} (${c.inputNote})` : text;
}

function table(rows: Row[]): string {
  const header = [
    'class',
    'case',
    'input size',
    'wall s',
    'peak RSS MiB',
    'exit',
    'stack',
    'good input judged',
    'bound met',
  ];
  const cells = rows.map((r) => [
    r.c.cls,
    r.c.name,
    size(r.c),
    `${(r.run.ms / 1000).toFixed(2)} (<= ${limitMs(r.c) / 1000})`,
    r.run.rssMiB.toFixed(0),
    `${r.run.code} (want ${r.c.expectExit})`,
    r.run.stackTrace ? 'YES' : 'no',
    r.good === null ? 'n/a (config error)' : r.good ? 'yes' : 'NO',
    r.problems.length === 0 ? 'yes' : 'NO',
  ]);
  const line = (values: string[]): string => `| ${values.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...cells.map(line)].join('\n');
}

const load = (): string =>
  loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

rmSync(work, { recursive: true, force: true });
mkdirSync(join(work, 'out'), { recursive: true });
console.log(`hostile inputs (issue 9): preparing in ${work} ...`);
const network = await networkCases(work);
const cases = [...network.cases, ...zoneCases(work), ...reportCases(work)]
  .filter((c) => !only || only.includes(c.cls))
  .sort((a, b) => parseInt(a.cls) - parseInt(b.cls) || a.cls.localeCompare(b.cls));
console.log(
  `hostile inputs: ${cases.length} cases through ${cli}; peak RSS by ${rssMethod}; ` +
    `load average ${load()}, ${availableParallelism()} cores`,
);
const rows: Row[] = [];
try {
  for (const c of cases) {
    c.before?.();
    const run = await runMeasured(cli, c.args, {
      env: c.env,
      killAfterMs: limitMs(c) + KILL_GRACE_MS,
      maxOpenFiles: c.maxOpenFiles,
    });
    // Kept for reading after the run: .bench/hostile/out/<class>.stdout|stderr.
    writeFileSync(join(work, 'out', `${c.cls}.stdout`), run.stdout);
    writeFileSync(join(work, 'out', `${c.cls}.stderr`), run.stderr);
    const row = judge(c, run);
    rows.push(row);
    console.log(
      `  ${c.cls}: ${(run.ms / 1000).toFixed(2)} s, ${run.rssMiB.toFixed(0)} MiB, exit ${run.code}` +
        (row.problems.length ? ` -- ${row.problems.join('; ')}` : ' -- ok'),
    );
  }
} finally {
  await network.stop();
  cleanUpMeasure();
}
console.log('');
console.log(table(rows));
console.log('');
const failed = rows.filter((r) => r.problems.length > 0);
console.log(
  `hostile inputs: ${rows.length - failed.length} of ${rows.length} cases meet their bound; load average after ${load()}`,
);
for (const r of failed) console.log(`  MISSED ${r.c.cls} (${r.c.name}): ${r.problems.join('; ')}`);
if (failed.length > 0) process.exitCode = 1;
