/**
 * Runs the built CLI as its own child and measures what issue 9's acceptance bounds: wall time,
 * peak RSS of the child (GNU time's %M, else a preload that writes process.resourceUsage().maxRSS
 * at exit), exit code, and whether stderr holds a stack trace. A run past its kill limit is ended
 * by its process group (the wrapper and the CLI under it), so a hang is measured, never waited on.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface Measured {
  code: number | null;
  ms: number;
  /** Peak resident set of the CLI process, MiB; NaN when it could not be read. */
  rssMiB: number;
  stdout: string;
  stderr: string;
  /** Killed at the kill limit (a hang). */
  killed: boolean;
  /** stderr has `at …` frames of a JavaScript stack. */
  stackTrace: boolean;
}

export interface RunOptions {
  env?: Record<string, string>;
  /** Kill the run after this long. */
  killAfterMs: number;
  /** `ulimit -n` for the CLI (the descriptor-exhaustion case). */
  maxOpenFiles?: number;
}

const STACK_FRAME = /^\s+at .+(\(.+:\d+:\d+\)|:\d+:\d+)$/m;

const scratch = mkdtempSync(join(tmpdir(), 'mta-sts-guard-bench-rss-'));
const rssFile = join(scratch, 'rss');
const preload = join(scratch, 'max-rss.cjs');
writeFileSync(
  preload,
  // maxRSS is in KiB; written at exit so every way out of the CLI (process.exit too) is counted.
  `process.on('exit', () => require('node:fs').writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS)));\n`,
);
/** GNU time prints the peak RSS of what it ran, in KiB, with `-f %M`. */
const gnuTime = spawnSync('/usr/bin/time', ['-f', '%M', '-o', rssFile, 'true']).status === 0;

export const rssMethod = gnuTime ? 'GNU time -f %M' : 'process.resourceUsage().maxRSS preload';

export function cleanUpMeasure(): void {
  rmSync(scratch, { recursive: true, force: true });
}

export function runMeasured(cli: string, args: string[], options: RunOptions): Promise<Measured> {
  rmSync(rssFile, { force: true });
  const node = [process.execPath, ...(gnuTime ? [] : ['--require', preload]), cli, ...args];
  const command =
    options.maxOpenFiles === undefined
      ? node
      : ['sh', '-c', `ulimit -n ${options.maxOpenFiles} && exec "$0" "$@"`, ...node];
  const argv = gnuTime ? ['/usr/bin/time', '-f', '%M', '-o', rssFile, ...command] : command;
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(argv[0]!, argv.slice(1), {
      env: { PATH: process.env['PATH'] ?? '', BENCH_RSS_FILE: rssFile, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    let killed = false;
    const timer = setTimeout(() => {
      killed = true;
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        // already gone
      }
    }, options.killAfterMs);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - started;
      let rssKiB = NaN;
      try {
        rssKiB = Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      } catch {
        // killed before it could be written
      }
      const stderr = Buffer.concat(err).toString();
      resolve({
        // GNU time exits with the child's status.
        code,
        ms,
        rssMiB: rssKiB / 1024,
        stdout: Buffer.concat(out).toString(),
        stderr,
        killed,
        stackTrace: STACK_FRAME.test(stderr),
      });
    });
  });
}
