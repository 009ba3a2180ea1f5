/**
 * `npm run bench` part: the live-scale benchmark (issue 11). Starts a world of N all-valid
 * domains (world.ts) behind the delay proxy, then runs the built CLI (dist/cli.js) against it:
 *   A. R = 20 ms, c = 64, default timeout: wall, CPU ms per domain, peak RSS, wall / bound;
 *   B. R = 0, c = 64: wall (the difference A - B is what latency costs);
 *   C. R = 20 ms, c = 256, --timeout-seconds 3: false timeouts, findings, crashes.
 * The bound is the critical path: ceil(N / c) rounds of CRITICAL_PATH_RTTS round trips.
 *
 * Environment knobs: see main.ts.
 */
import { spawn } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { startLiveWorld, type LiveWorld } from './world.js';

/**
 * Per domain, one after another: TXT+MX (parallel), policy host A, TCP, TLS, HTTP GET; the MX
 * probes run beside the policy fetch and are shorter once their A answer is in. 7 round trips.
 */
export const CRITICAL_PATH_RTTS = 7;
/** Goals from issue 11. */
const GOAL_CPU_MS_PER_DOMAIN = 5;
const GOAL_LATENCY_OVER_BOUND = 2;
/** Issue 11 item 4: peak RSS at 10,000 domains; smaller worlds print it per domain beside it. */
const GOAL_RSS_MIB = 256;
const GOAL_RSS_DOMAINS = 10_000;

interface RunResult {
  wallMs: number;
  cpuMs: number;
  maxRssKiB: number;
  /** Largest committed size per V8 heap space (MiB), from cpu-report.mjs. */
  heapSpacesMiB: Record<string, number>;
  exit: number | null;
  signal: string | null;
  findings: number;
  timeouts: number;
  stderrTail: string;
}

export interface LiveScaleOptions {
  /** Repository root (bench/live-scale/cpu-report.mjs and .bench/ live there). */
  root: string;
  n: number;
  /** Times scenario C runs. */
  repeat: number;
  /** The node binary that runs the CLI. */
  nodeBin: string;
  /** The built CLI (dist/cli.js). */
  cli: string;
  smtpPort: number;
  policyPort: number;
  log: (line: string) => void;
}

function fmtLoad(): string {
  return loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');
}

async function runCli(
  o: LiveScaleOptions,
  dir: string,
  world: LiveWorld,
  rttMs: number,
  concurrency: number,
  timeoutSeconds: number,
): Promise<RunResult> {
  world.delay.rttMs = rttMs;
  const domainsFile = join(dir, 'domains.txt');
  const out = join(dir, `out-${process.pid}.json`);
  const cpuFile = join(dir, `cpu-${process.pid}.json`);
  await rm(cpuFile, { force: true });
  await rm(out, { force: true });
  const args = [
    ...(process.env.BENCH_CHILD_NODE_ARGS ?? '').split(' ').filter(Boolean),
    '--import',
    join(o.root, 'bench', 'live-scale', 'cpu-report.mjs'),
    o.cli,
    'check',
    '--domains-file',
    domainsFile,
    '--resolver',
    world.resolver,
    '--smtp-port',
    String(world.smtpPort),
    '--policy-port',
    String(world.policyPort),
    '--smtp-probe',
    'on',
    '--concurrency',
    String(concurrency),
    '--timeout-seconds',
    String(timeoutSeconds),
    '--format',
    'json',
    '--output',
    out,
  ];
  const started = performance.now();
  const child = spawn(o.nodeBin, args, {
    env: {
      ...process.env,
      NODE_EXTRA_CA_CERTS: world.caFile,
      BENCH_CPU_FILE: cpuFile,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const [exit, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on('close', (code, sig) => resolve([code, sig])),
  );
  const wallMs = performance.now() - started;
  const cpu = JSON.parse(await readFile(cpuFile, 'utf8').catch(() => '{}')) as {
    userUs?: number;
    systemUs?: number;
    maxRssKiB?: number;
    heapSpacesMiB?: Record<string, number>;
  };
  let findings = -1;
  let timeouts = -1;
  try {
    const text = await readFile(out, 'utf8');
    const result = JSON.parse(text) as {
      findings: { message: string }[];
      domains: { mtaSts?: { fetch?: { error?: string | null } | null }; mx?: { error?: string | null }[] }[];
    };
    findings = result.findings.length;
    const texts = [
      ...result.findings.map((f) => f.message),
      ...result.domains.map((d) => d.mtaSts?.fetch?.error ?? ''),
      ...result.domains.flatMap((d) => (d.mx ?? []).map((m) => m.error ?? '')),
    ];
    timeouts = texts.filter((t) => /timed? ?out|no answer within/i.test(t)).length;
  } catch {
    // no output: the crash or exit code says why
  }
  return {
    wallMs,
    cpuMs: ((cpu.userUs ?? NaN) + (cpu.systemUs ?? NaN)) / 1000,
    maxRssKiB: cpu.maxRssKiB ?? NaN,
    heapSpacesMiB: cpu.heapSpacesMiB ?? {},
    exit,
    signal,
    findings,
    timeouts,
    stderrTail: stderr.split('\n').slice(-6).join('\n'),
  };
}

/** The spaces that matter for RSS: young (new + new large objects), old, large objects. */
function heapSpaces(spaces: Record<string, number>): string {
  const mib = (...names: string[]): string =>
    names.reduce((sum, name) => sum + (spaces[name] ?? 0), 0).toFixed(0);
  return (
    `young ${mib('new_space', 'new_large_object_space')} (new ${mib('new_space')}), old ${mib('old_space')}, ` +
    `large objects ${mib('large_object_space')}, code ${mib('code_space', 'code_large_object_space')}`
  );
}

/** Runs scenarios A, B and C; resolves true when no run crashed. */
export async function runLiveScale(o: LiveScaleOptions): Promise<boolean> {
  const { n, repeat, log } = o;
  if (!Number.isInteger(n) || n <= 0) throw new Error(`live-scale: N must be a positive integer, got ${n}`);
  const dir = join(o.root, '.bench', 'live-scale');
  await mkdir(dir, { recursive: true });
  const world = await startLiveWorld({ n, dir, smtpPort: o.smtpPort, policyPort: o.policyPort });
  let failed = false;
  try {
    await writeFile(join(dir, 'domains.txt'), world.domains.join('\n') + '\n');
    log(`live-scale: ${n} domains, 2 MX each; CLI on ${o.nodeBin}; load average ${fmtLoad()}`);
    const report = (label: string, r: RunResult): void => {
      const crashed = r.signal !== null || r.exit === null || r.exit > 1;
      if (crashed) failed = true;
      log(
        `  ${label}: wall ${(r.wallMs / 1000).toFixed(2)} s, CPU ${(r.cpuMs / n).toFixed(2)} ms/domain, ` +
          `peak RSS ${(r.maxRssKiB / 1024).toFixed(0)} MiB, findings ${r.findings}, timeouts ${r.timeouts}, ` +
          `exit ${r.signal ?? r.exit}${crashed ? ' CRASH' : ''}; load ${fmtLoad()}`,
      );
      if (crashed) log(r.stderrTail.replace(/^/gm, '    '));
    };
    const c = 64;
    const a = await runCli(o, dir, world, 20, c, 15);
    report('A R=20ms c=64     ', a);
    const b = await runCli(o, dir, world, 0, c, 15);
    report('B R=0    c=64     ', b);
    const bound = Math.ceil(n / c) * CRITICAL_PATH_RTTS * 20;
    const latency = a.wallMs - b.wallMs;
    const cpuPerDomain = a.cpuMs / n;
    log(
      `  bound ${(bound / 1000).toFixed(2)} s (ceil(${n}/${c}) x ${CRITICAL_PATH_RTTS} x 20 ms); ` +
        `wall/bound ${(a.wallMs / bound).toFixed(1)}; (wall R=20 - wall R=0) / bound ${(latency / bound).toFixed(2)} ` +
        `(goal <= ${GOAL_LATENCY_OVER_BOUND}) ${latency <= GOAL_LATENCY_OVER_BOUND * bound ? 'OK' : 'MISSED'}; ` +
        `CPU ${cpuPerDomain.toFixed(2)} ms/domain (goal <= ${GOAL_CPU_MS_PER_DOMAIN}) ` +
        `${cpuPerDomain <= GOAL_CPU_MS_PER_DOMAIN ? 'OK' : 'MISSED'}`,
    );
    const rssMiB = a.maxRssKiB / 1024;
    log(
      `  peak RSS ${rssMiB.toFixed(0)} MiB, ${((a.maxRssKiB * 1024) / n / 1000).toFixed(0)} kB/domain; ` +
        (n >= GOAL_RSS_DOMAINS
          ? `goal <= ${GOAL_RSS_MIB} MiB at ${GOAL_RSS_DOMAINS} domains ${rssMiB <= GOAL_RSS_MIB ? 'OK' : 'MISSED'}`
          : `the goal (<= ${GOAL_RSS_MIB} MiB) is judged at BENCH_LIVE_N=${GOAL_RSS_DOMAINS}`),
    );
    log(`  largest V8 heap spaces of A (MiB): ${heapSpaces(a.heapSpacesMiB)}`);
    for (let i = 0; i < repeat; i++) {
      const r = await runCli(o, dir, world, 20, 256, 3);
      report(`C R=20ms c=256 t=3${repeat > 1 ? ` #${i + 1}` : ''}`, r);
      if (r.timeouts !== 0 || r.findings !== 0) log('    MISSED: goal is zero timeouts and zero findings');
    }
  } finally {
    await world.stop();
  }
  log(`live-scale: load average after ${fmtLoad()}`);
  return !failed;
}
