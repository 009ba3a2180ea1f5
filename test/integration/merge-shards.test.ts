/**
 * Issue 12 through the BUILT CLI: 2,000 domains served by the live test world, checked as 20
 * shards (`check --shard I/20 --format json`), then merged. Every domain appears once, the counts
 * are the shards' sums, and a missing, repeated or foreign shard file exits 2 naming it. Kept
 * cheap: two world domains with real policy hosts and SMTP servers, 1,998 generated in its DNS
 * (their policy hosts do not exist, so every tenth is broken), SMTP probing off.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES, type Finding } from '../../src/core/findings.js';
import type { CheckResult } from '../../src/core/result.js';
import type { DnsZone } from '../harness/dns-server.js';
import { loadTestCa } from '../harness/pki.js';
import { policyText, startWorld, type World, type WorldDomain } from '../harness/world.js';
import { report } from '../reports/helpers.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from './built-cli.js';

const SHARDS = 20;
const GENERATED = 1998;
const TIMEOUT_SECONDS = 3;
const RUN_ID = 'merge-test-run';

function generatedZone(): { zone: DnsZone; names: string[] } {
  const zone: DnsZone = {};
  const names: string[] = [];
  for (let i = 0; i < GENERATED; i++) {
    const name = `g${String(i).padStart(4, '0')}.shards.test`;
    names.push(name);
    zone[name] = { MX: [{ preference: 10, exchange: 'mx.healthy.shards.test' }] };
    zone[`_smtp._tls.${name}`] = { TXT: ['v=TLSRPTv1; rua=mailto:tlsrpt@shards.test'] };
    // Every tenth publishes MTA-STS with no policy host: policy-fetch-failed, an error.
    if (i % 10 === 0) zone[`_mta-sts.${name}`] = { TXT: ['v=STSv1; id=1'] };
  }
  return { zone, names };
}

let cli: BuiltCli;
let world: World;
let dir: string;
let domainsFile: string;
const shardFiles: string[] = [];
const shards: CheckResult[] = [];
let allNames: string[];

function checkArgs(shard: string, extra: string[] = []): string[] {
  return [
    'check',
    ...['--domains-file', domainsFile, '--shard', shard, '--run-id', RUN_ID],
    ...['--resolver', world.resolver, '--policy-port', String(world.policyPort)],
    ...['--smtp-port', String(world.smtpPort), '--smtp-probe', 'off'],
    ...['--timeout-seconds', String(TIMEOUT_SECONDS), '--concurrency', '64', '--format', 'json'],
    ...extra,
  ];
}

function env(): Record<string, string> {
  return { NODE_EXTRA_CA_CERTS: world.caFile };
}

async function merge(files: string[], extra: string[] = []): Promise<CliRun> {
  return runCli(cli.path, ['merge', ...files, '--format', 'json', ...extra], env());
}

beforeAll(async () => {
  const [built, ca] = await Promise.all([buildCli(), loadTestCa()]);
  cli = built;
  const { zone, names } = generatedZone();
  const domains: WorldDomain[] = [
    {
      domain: 'healthy.shards.test',
      mx: [{ host: 'mx.healthy.shards.test' }],
      policy: { text: policyText({ mode: 'enforce', mx: ['mx.healthy.shards.test'] }) },
      records: zone,
    },
    {
      domain: 'broken.shards.test',
      mx: [{ host: 'mx.broken.shards.test' }],
      policy: { text: policyText({ mode: 'enforce', mx: ['mx.elsewhere.shards.test'] }) },
    },
  ];
  allNames = [...domains.map((d) => d.domain), ...names];
  world = await startWorld(domains, { ca, addressPrefix: '127.0.112', dns: 'dns2' });
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-merge-'));
  domainsFile = join(dir, 'domains.txt');
  await writeFile(domainsFile, allNames.join('\n') + '\n');
  for (let i = 1; i <= SHARDS; i++) {
    const run = await runCli(cli.path, checkArgs(`${i}/${SHARDS}`), env(), 60_000);
    expect(run.code, run.stderr).toBe(1); // every shard holds broken domains
    const file = join(dir, `results-${i}.json`);
    await writeFile(file, run.stdout);
    shardFiles.push(file);
    shards.push(JSON.parse(run.stdout) as CheckResult);
  }
}, 240_000);

afterAll(async () => {
  await world?.stop();
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe('check --shard then merge, through the built CLI (issue 12)', () => {
  it('shards are even and self-describing', () => {
    const sizes = shards.map((s) => s.domains.length);
    expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2000);
    for (const [i, s] of shards.entries()) {
      expect(s.shard).toMatchObject({ index: i + 1, total: SHARDS, run: { id: RUN_ID } });
      expect(s.shard!.list.count).toBe(2000);
      expect(Object.keys(s.shard!.evidence).sort()).toEqual(s.domains.map((d) => d.domain).sort());
    }
  });

  it('merges every domain exactly once, with counts equal to the sums', async () => {
    const run = await merge([...shardFiles].reverse());
    expect(run.code, run.stderr).toBe(1);
    const merged = JSON.parse(run.stdout) as CheckResult;
    const names = merged.domains.map((d) => d.domain);
    expect(names).toHaveLength(2000);
    expect(new Set(names).size).toBe(2000);
    expect(names).toEqual([...allNames].sort());
    const sum = (key: 'errors' | 'warnings' | 'notices'): number =>
      shards.reduce((n, s) => n + s.summary[key], 0);
    expect(merged.summary).toEqual({
      domains: 2000,
      errors: sum('errors'),
      warnings: sum('warnings'),
      notices: sum('notices'),
      enforceRisk: shards.some((s) => s.summary.enforceRisk),
    });
    expect(merged.findings).toHaveLength(shards.reduce((n, s) => n + s.findings.length, 0));
    // 200 generated domains publish STS with no policy host, and broken.shards.test's MX is not in its policy.
    const erring = new Set(merged.findings.filter((f) => f.severity === 'error').map((f) => f.domain));
    expect(erring.size).toBe(201);
    expect(merged.shard!.merged).toEqual({
      shards: Array.from({ length: SHARDS }, (_, i) => i + 1),
      missingShards: [],
      uncheckedDomains: [],
    });
    expect(run.stderr).toContain('merge: 20 of 20 shards, 2000 of 2000 domains checked');
  });

  it('renders the merge as check does, and exits by --fail-on', async () => {
    const text = await runCli(cli.path, ['merge', ...shardFiles, '--fail-on', 'never'], env());
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('broken.shards.test');
    const sarif = await runCli(cli.path, ['merge', ...shardFiles, '--format', 'sarif'], env());
    expect(sarif.code).toBe(1);
    expect((JSON.parse(sarif.stdout) as { version: string }).version).toBe('2.1.0');
  });

  it('refuses a missing shard, naming it, unless --allow-missing-shards', async () => {
    const without = shardFiles.filter((_, i) => i !== 6);
    const run = await merge(without);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^mta-sts-guard: merge: shard 7 of 20 missing: no file given holds it/m);

    const allowed = await merge(without, ['--allow-missing-shards']);
    expect(allowed.code, allowed.stderr).toBe(1);
    const merged = JSON.parse(allowed.stdout) as CheckResult;
    expect(merged.domains).toHaveLength(2000 - shards[6]!.domains.length);
    expect(merged.shard!.merged!.missingShards).toEqual([7]);
    expect(merged.shard!.merged!.uncheckedDomains).toEqual(shards[6]!.domains.map((d) => d.domain));
    expect(allowed.stderr).toContain(`shard 7 missing: ${shards[6]!.domains.length} domain(s) not checked:`);
  });

  it('refuses a shard given twice, naming both files', async () => {
    const run = await merge([...shardFiles, shardFiles[4]!]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `merge: ${shardFiles[4]}: shard 5/20 is given twice (also ${shardFiles[4]})`,
    );
    // A copy under another name is the same shard.
    const copy = join(dir, 'copy-of-5.json');
    await writeFile(copy, JSON.stringify(shards[4]));
    const copied = await merge([...shardFiles, copy]);
    expect(copied.code).toBe(2);
    expect(copied.stderr).toContain(`merge: ${copy}: shard 5/20 is given twice (also ${shardFiles[4]})`);
  });

  it('refuses shards of another run, another list or another N, naming the file', async () => {
    const foreignRun = join(dir, 'foreign-run.json');
    const other = await runCli(
      cli.path,
      checkArgs('3/20').map((a) => (a === RUN_ID ? 'another-run' : a)),
      env(),
    );
    await writeFile(foreignRun, other.stdout);
    const run = await merge([...shardFiles.filter((_, i) => i !== 2), foreignRun]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`merge: ${foreignRun}: comes from another run (another-run, `);

    const foreignN = join(dir, 'foreign-n.json');
    await writeFile(foreignN, (await runCli(cli.path, checkArgs('2/21'), env())).stdout);
    const byN = await merge([...shardFiles, foreignN]);
    expect(byN.code).toBe(2);
    expect(byN.stderr).toContain(`merge: ${foreignN}: is shard 2/21, not of 20 like ${shardFiles[0]}`);

    const foreignList = join(dir, 'foreign-list.json');
    const shorter = join(dir, 'shorter.txt');
    await writeFile(shorter, allNames.slice(1).join('\n'));
    const listRun = await runCli(
      cli.path,
      checkArgs('4/20').map((a) => (a === domainsFile ? shorter : a)),
      env(),
    );
    await writeFile(foreignList, listRun.stdout);
    const byList = await merge([...shardFiles.filter((_, i) => i !== 3), foreignList]);
    expect(byList.code).toBe(2);
    expect(byList.stderr).toContain(`merge: ${foreignList}: was cut from another domain list`);
  });

  it('refuses a file that is not a shard result, naming it', async () => {
    const plain = join(dir, 'plain.json');
    await writeFile(plain, JSON.stringify({ ...shards[0], shard: undefined }));
    const run = await merge([plain, ...shardFiles.slice(1)]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`merge: ${plain}: has no shard block`);
    const garbage = join(dir, 'garbage.json');
    await writeFile(garbage, '{"schemaVersion": 1,');
    const bad = await merge([garbage]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain(`merge: ${garbage}: not JSON`);
  });

  it('judges reports once in the merge, as a shard given the reports judges them', async () => {
    const reports = join(dir, 'reports');
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    await mkdir(reports);
    const failing = [{ type: 'certificate-expired', count: 7 }];
    await writeFile(
      join(reports, 'healthy.json'),
      JSON.stringify(report({ domain: 'healthy.shards.test', day: yesterday, details: failing })),
    );
    // broken.shards.test's reporter applied a policy naming mx.broken…, not the live one.
    await writeFile(
      join(reports, 'broken.json'),
      JSON.stringify(report({ domain: 'broken.shards.test', day: yesterday, successful: 3 })),
    );
    const merged = await merge(shardFiles, ['--reports', reports]);
    expect(merged.code, merged.stderr).toBe(1);
    const result = JSON.parse(merged.stdout) as CheckResult;
    const isReport = (f: Finding): boolean => RULES[f.rule]?.family === 'reports';
    expect(shards.flatMap((s) => s.findings).filter(isReport)).toEqual([]); // shards read no report
    const fromMerge = result.findings.filter(isReport);
    expect(result.reports.parsed).toBe(2);
    expect(result.domains.find((d) => d.domain === 'healthy.shards.test')?.reports?.failedSessions).toBe(7);

    // The same judgement a shard makes when it reads the reports itself.
    const index = shards.findIndex((s) => s.domains.some((d) => d.domain === 'healthy.shards.test'));
    const direct = await runCli(cli.path, checkArgs(`${index + 1}/${SHARDS}`, ['--reports', reports]), env());
    const own = (JSON.parse(direct.stdout) as CheckResult).findings.filter(isReport);
    const inShard = new Set(shards[index]!.domains.map((d) => d.domain));
    expect(fromMerge.filter((f) => inShard.has(f.domain ?? ''))).toEqual(own);
    const rules = new Set(fromMerge.map((f) => f.rule));
    expect(rules).toContain('reports-failures-enforce');
    expect(rules).toContain('reports-stale-policy');
    expect(rules).toContain('reports-missing'); // the generated domains publish TLS-RPT, no report names them
  });
});
