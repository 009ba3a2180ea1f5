// `npm run bench`: ingest throughput and peak memory on a large TLS-RPT mailbox.
//
// Generates (once, cached in .bench/) an mbox of BENCH_MB MiB (default 1024: about 50,000
// gzipped reports in base64 multipart/report messages), then runs, each in its own child
// process so its peak RSS can be read: the bare baseline (gunzip + JSON.parse of the same
// reports, no MIME) and our ingest (src/reports, compiled with esbuild). Goals (issue 4): peak
// RSS under 300 MiB, time within 1.5 x the baseline.
//
//   BENCH_MB=64 npm run bench      quick run on a smaller mailbox
//   BENCH_PART=shards npm run bench   only the shard part (issue 12, bench/shards.mjs)
//   BENCH_PART=ingest npm run bench   only the ingest part
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { generate } from './generate.mjs';
import { benchShards } from './shards.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dir = join(root, '.bench');
const mib = Number(process.env.BENCH_MB ?? 1024);
if (!Number.isFinite(mib) || mib <= 0)
  throw new Error(`BENCH_MB must be a positive number, got ${process.env.BENCH_MB}`);
const GOAL_RSS_MIB = 300;
const GOAL_RATIO = 1.5;

mkdirSync(dir, { recursive: true });
const part = process.env.BENCH_PART ?? 'all';
if (part === 'shards') {
  await benchShards(root, dir);
  process.exit();
}
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

function runChild(script, file) {
  // Warm the page cache the same way for both, so neither pays for the first disk read.
  execFileSync('cat', [file], { stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 0 });
  const out = execFileSync(process.execPath, [script, file], { encoding: 'utf8', maxBuffer: 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop());
}

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
if (part !== 'ingest') await benchShards(root, dir);

function fmtLoad() {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

function fmtMiB(bytes) {
  return `${(bytes / 2 ** 20).toFixed(1)} MiB`;
}
