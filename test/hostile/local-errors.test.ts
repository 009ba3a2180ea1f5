/**
 * Issue 9 class 10 through the BUILT CLI: `--output` into a folder that does not exist (or onto a
 * folder) is one line naming --output, exit 2, no stack trace; the same run with a writable
 * --output writes the result. A run out of file descriptors (ulimit -n 30, 60 domains) says so
 * once, instead of reporting every MX as unreachable.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeDns, type DnsZone } from '../harness/dns-server.js';
import { buildCli, runCli, type BuiltCli } from '../integration/built-cli.js';

const LIMIT_MS = 30_000;
const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx.good.test\r\nmax_age: 604800\r\n';

let cli: BuiltCli;
let dir: string;

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-10-'));
  await writeFile(join(dir, 'good.txt'), POLICY);
}, 60_000);

afterAll(async () => {
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const check = (output: string) =>
  runCli(
    cli.path,
    [
      'check',
      '--offline',
      '--policy-file',
      `good.test=${join(dir, 'good.txt')}`,
      '--format',
      'json',
      '--output',
      output,
    ],
    {},
    LIMIT_MS,
  );

describe('--output errors (issue 9 class 10)', () => {
  it.each([
    ['a missing folder', () => join(dir, 'missing', 'out.json'), 'its folder does not exist'],
    ['a folder', () => dir, 'it is a folder'],
  ])('into %s: one line naming --output, exit 2', async (_why, target, reason) => {
    const out = await check(target());
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`mta-sts-guard: --output: cannot write ${target()}: ${reason}\n`);
  });

  it('a writable --output gets the result', async () => {
    const out = await check(join(dir, 'out.json'));
    expect(out.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'))).toHaveProperty('schemaVersion', 1);
  });
});

describe('out of file descriptors (issue 9 class 10)', () => {
  it('is one line about the runner, exit 2, not a finding per MX', async () => {
    const domains = Array.from({ length: 60 }, (_, i) => `d${i}.test`);
    const zone: DnsZone = {};
    for (const d of domains) {
      zone[d] = { MX: [{ preference: 10, exchange: `mx.${d}` }] };
      zone[`mx.${d}`] = { A: ['127.0.94.1'] };
      zone[`_mta-sts.${d}`] = { TXT: ['v=STSv1; id=1'] };
      zone[`mta-sts.${d}`] = { A: ['127.0.94.2'] };
    }
    const dns = await startFakeDns(zone);
    try {
      const started = Date.now();
      const args = [cli.path, 'check', ...domains, '--resolver', dns.resolver, '--smtp-probe', 'on'];
      const ports = ['--smtp-port', '9', '--policy-port', '9', '--timeout-seconds', '2'];
      // Asynchronous, so this process's fake DNS server keeps answering meanwhile.
      const out = await new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        const child = spawn(
          'sh',
          ['-c', 'ulimit -n 30 && exec "$0" "$@"', process.execPath, ...args, ...ports],
          {
            env: { PATH: process.env['PATH'] ?? '' },
          },
        );
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
        child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
        const timer = setTimeout(() => child.kill('SIGKILL'), LIMIT_MS);
        child.on('close', (status) => {
          clearTimeout(timer);
          resolve({ status, stdout, stderr });
        });
      });
      expect(Date.now() - started).toBeLessThan(LIMIT_MS);
      expect(out.status).toBe(2);
      expect(out.stdout).toBe('');
      const lines = out.stderr.split('\n').filter((l) => l.startsWith('mta-sts-guard:'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/ran out of file descriptors \(EMFILE\).*ulimit -n.*--concurrency/);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    } finally {
      await dns.stop();
    }
  }, 60_000);
});
