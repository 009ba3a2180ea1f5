/**
 * `npm run bench` shard part (issue 12): 10,000 domains checked as 20 sequential shards by the
 * built CLI against a live loopback world (test/harness/world.ts: DNS over UDP, two domains with
 * real HTTPS policy hosts and SMTP servers, 9,998 generated in its DNS; every tenth generated
 * domain publishes MTA-STS with no policy host), then `merge` of the 20 files, in its own process
 * so its wall time and peak RSS are its own. Goal: the merge of 20 x 500 in < 2 s and < 256 MiB.
 * Bundled by bench/run.mjs; argv: the built CLI, a working folder.
 */
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DnsZone } from '../test/harness/dns-server.js';
import { createTestCa } from '../test/harness/pki.js';
import { policyText, startWorld } from '../test/harness/world.js';

const DOMAINS = 10_000;
const SHARDS = 20;
const GOAL_MERGE_MS = 2_000;
const GOAL_MERGE_RSS_MIB = 256;
/** Ports of their own, so the bench runs beside a test suite. */
const POLICY_PORT = Number(process.env['BENCH_POLICY_PORT'] ?? 4690);
const SMTP_PORT = Number(process.env['BENCH_SMTP_PORT'] ?? 2690);

const [cli, work] = process.argv.slice(2) as [string, string];

function run(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; ms: number; stderr: string }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, args, {
      env: { PATH: process.env['PATH'] ?? '', ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, ms: performance.now() - started, stderr }));
  });
}

await mkdir(work, { recursive: true });
await mkdir(join(work, 'ca'), { recursive: true });
const ca = await createTestCa(join(work, 'ca'));
const zone: DnsZone = {};
const names: string[] = ['healthy.bench.test', 'broken.bench.test'];
for (let i = 0; names.length < DOMAINS; i++) {
  const name = `g${String(i).padStart(5, '0')}.bench.test`;
  names.push(name);
  zone[name] = { MX: [{ preference: 10, exchange: 'mx.healthy.bench.test' }] };
  zone[`_smtp._tls.${name}`] = { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@bench.test'] };
  if (i % 10 === 0) zone[`_mta-sts.${name}`] = { TXT: ['v=STSv1; id=1'] };
}
const world = await startWorld(
  [
    {
      domain: 'healthy.bench.test',
      mx: [{ host: 'mx.healthy.bench.test' }],
      policy: { text: policyText({ mode: 'enforce', mx: ['mx.healthy.bench.test'] }) },
      records: zone,
    },
    {
      domain: 'broken.bench.test',
      mx: [{ host: 'mx.broken.bench.test' }],
      policy: { text: policyText({ mode: 'enforce', mx: ['mx.elsewhere.bench.test'] }) },
    },
  ],
  { ca, addressPrefix: '127.0.190', dns: 'dns2', policyPort: POLICY_PORT, smtpPort: SMTP_PORT },
);
try {
  const domainsFile = join(work, 'domains.txt');
  await writeFile(domainsFile, names.join('\n') + '\n');
  const env = { NODE_EXTRA_CA_CERTS: world.caFile };
  const files: string[] = [];
  const shardMs: number[] = [];
  for (let i = 1; i <= SHARDS; i++) {
    const output = join(work, `results-${i}.json`);
    const r = await run(
      [
        cli,
        ...['check', '--domains-file', domainsFile, '--shard', `${i}/${SHARDS}`, '--run-id', 'bench'],
        ...[
          '--resolver',
          world.resolver,
          '--policy-port',
          String(world.policyPort),
          '--smtp-port',
          String(world.smtpPort),
        ],
        ...[
          '--smtp-probe',
          'off',
          '--timeout-seconds',
          '5',
          '--concurrency',
          '64',
          '--format',
          'json',
          '--output',
          output,
        ],
      ],
      env,
    );
    if (r.code !== 1) throw new Error(`shard ${i}: exit ${r.code}\n${r.stderr}`);
    shardMs.push(r.ms);
    files.push(output);
  }
  const total = shardMs.reduce((a, b) => a + b, 0);
  const slowest = Math.max(...shardMs);
  console.log(
    `shards: ${DOMAINS} domains as ${SHARDS} sequential shards of ${DOMAINS / SHARDS}: ${(total / 1000).toFixed(1)} s ` +
      `(slowest shard ${(slowest / 1000).toFixed(1)} s, mean ${(total / SHARDS / 1000).toFixed(1)} s)`,
  );

  // maxRSS of the merge process itself, printed as it exits.
  const probe = join(work, 'maxrss.cjs');
  await writeFile(
    probe,
    "process.on('exit', () => process.stderr.write('maxrss-kib ' + process.resourceUsage().maxRSS + '\\n'));\n",
  );
  const merge = await run(
    ['-r', probe, cli, 'merge', ...files, '--format', 'json', '--output', join(work, 'merged.json')],
    env,
  );
  if (merge.code !== 1) throw new Error(`merge: exit ${merge.code}\n${merge.stderr}`);
  const rssMiB = Number(/maxrss-kib (\d+)/.exec(merge.stderr)?.[1]) / 1024;
  const ok = merge.ms < GOAL_MERGE_MS && rssMiB < GOAL_MERGE_RSS_MIB;
  console.log(
    `merge:  ${SHARDS} x ${DOMAINS / SHARDS}: ${(merge.ms / 1000).toFixed(2)} s, peak RSS ${rssMiB.toFixed(0)} MiB ` +
      `(goal < ${GOAL_MERGE_MS / 1000} s, < ${GOAL_MERGE_RSS_MIB} MiB): ${ok ? 'ok' : 'MISSED'}`,
  );
  console.log(
    `estimate: ${SHARDS} parallel GitHub jobs ≈ slowest shard ${(slowest / 1000).toFixed(1)} s + merge ${(merge.ms / 1000).toFixed(1)} s ` +
      `+ job start and artifact transfer (about 30-60 s each side, not measured here); goal < 600 s`,
  );
  process.exitCode = ok ? 0 : 1;
} finally {
  await world.stop();
}
