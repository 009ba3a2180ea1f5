/**
 * Issue 12 through the BUILT action against the GitHub stand-in: three `mode: shard` jobs, then
 * a merge job with `merge-results`. Shards make no issue writes and no annotations; the merge
 * opens one issue per broken domain; an identical merge writes nothing; a merge missing a shard
 * (allow-missing-shards) leaves that shard's domains' issues alone. Offline: policy files only.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { shardDomains } from '../../src/core/shard.js';
import { GitHubStandIn } from './github-stand-in.js';
import { buildAction, runAction, type ActionRun } from './run-action.js';

const BROKEN = 'version: STSv1\nmode: enforce\nmx: mail.example\n'; // no max_age: an error
const VALID = 'version: STSv1\r\nmode: enforce\r\nmx: mail.example\r\nmax_age: 604800\r\n';
const DOMAINS = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((l) => `${l}.example`);
const HEALTHY = new Set(['e.example']);
const SHARDS = 3;

const standIn = new GitHubStandIn();
let bundle: string;
let ws: string;

const marker = (domain: string): string => `<!-- mta-sts-guard:domain=${domain} -->`;
const issueOf = (domain: string) => standIn.issues.filter((i) => i.body.includes(marker(domain)));

function shardJob(index: number): Promise<ActionRun> {
  return runAction({
    bundle,
    cwd: ws,
    inputs: {
      offline: 'true',
      'policy-files': DOMAINS.map((d) => `${d}=${d}.txt`).join('\n'),
      shard: `${index}/${SHARDS}`,
      mode: 'shard',
      'fail-on': 'never',
      'json-file': `results-${index}.json`,
    },
    eventName: 'schedule',
    apiUrl: standIn.baseUrl,
  });
}

function mergeJob(extra: Record<string, string> = {}): Promise<ActionRun> {
  return runAction({
    bundle,
    cwd: ws,
    inputs: { 'merge-results': 'results-*.json', 'sarif-file': 'merged.sarif', ...extra },
    eventName: 'schedule',
    apiUrl: standIn.baseUrl,
  });
}

beforeAll(async () => {
  bundle = await buildAction();
  await standIn.start();
  ws = await mkdtemp(join(tmpdir(), 'mta-sts-guard-merge-ws-'));
  for (const d of DOMAINS) await writeFile(join(ws, `${d}.txt`), HEALTHY.has(d) ? VALID : BROKEN);
}, 180_000);

afterAll(async () => {
  await standIn.stop();
  if (ws) await rm(ws, { recursive: true, force: true });
});
afterEach(() => expect(standIn.mismatches).toEqual([]));

describe('the action in a merged matrix workflow (issue 12)', () => {
  it('shard jobs make no issue writes and no annotations', async () => {
    for (let i = 1; i <= SHARDS; i++) {
      const run = await shardJob(i);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const result = JSON.parse(await readFile(join(ws, `results-${i}.json`), 'utf8')) as CheckResult;
      expect(result.shard).toMatchObject({ index: i, total: SHARDS, run: { id: '4242' } });
      expect(result.summary.errors).toBeGreaterThan(0); // every shard holds broken domains
      expect(run.commands.filter((c) => ['error', 'warning', 'notice'].includes(c.command))).toEqual([]);
      expect(run.summary).toContain('mode: shard');
    }
    expect(standIn.writes()).toEqual([]);
    expect(standIn.requests).toEqual([]); // not even a read: issues are the merge job's
  });

  it('the merge job opens exactly one issue per broken domain, and says the coverage', async () => {
    const run = await mergeJob();
    expect(run.code).toBe(1); // fail-on: error
    for (const d of DOMAINS) expect(issueOf(d), d).toHaveLength(HEALTHY.has(d) ? 0 : 1);
    expect(standIn.issues).toHaveLength(DOMAINS.length - HEALTHY.size);
    expect(run.summary).toContain(`Shard coverage: ${SHARDS} of ${SHARDS} shards, 9 of 9 domains checked`);
    const merged = JSON.parse(await readFile(run.outputs['results-file']!, 'utf8')) as CheckResult;
    expect(merged.domains.map((d) => d.domain)).toEqual(DOMAINS);
    expect(run.outputs['errors']).toBe(String(merged.summary.errors));
    const sarif = JSON.parse(await readFile(join(ws, 'merged.sarif'), 'utf8')) as { runs: unknown[] };
    expect(sarif.runs).toHaveLength(1);
    expect(run.commands.filter((c) => c.command === 'error' && c.properties.includes('file=')).length).toBe(
      merged.summary.errors,
    );
  });

  it('a second identical merge makes zero writes', async () => {
    const before = standIn.writes().length;
    const run = await mergeJob();
    expect(run.code).toBe(1);
    expect(standIn.writes().length).toBe(before);
  });

  it("a merge missing a shard leaves that shard's domains' issues untouched", async () => {
    const missing = 2;
    const absent = shardDomains(DOMAINS, { index: missing, total: SHARDS }).filter((d) => !HEALTHY.has(d));
    expect(absent.length).toBeGreaterThan(0);
    // Fix a broken domain of another shard, so this merge has something to write.
    const present = shardDomains(DOMAINS, { index: 1, total: SHARDS });
    const fixed = present.find((d) => !HEALTHY.has(d))!;
    await writeFile(join(ws, `${fixed}.txt`), VALID);
    expect((await shardJob(1)).code).toBe(0);
    await rm(join(ws, `results-${missing}.json`));

    const refused = await mergeJob();
    expect(refused.code).toBe(1);
    expect(refused.stdout).toContain(`merge-results: shard ${missing} of ${SHARDS} missing`);

    const before = standIn.writes().length;
    const absentNumbers = new Set(absent.map((d) => issueOf(d)[0]!.number));
    const run = await mergeJob({ 'allow-missing-shards': 'true' });
    expect(run.code).toBe(1);
    const writes = standIn.writes().slice(before);
    expect(writes.length).toBeGreaterThan(0);
    expect(issueOf(fixed)[0]!.state).toBe('closed');
    for (const w of writes)
      expect(absentNumbers.has(Number(/\/issues\/(\d+)/.exec(w.path)?.[1]))).toBe(false);
    for (const d of absent) expect(issueOf(d)[0]!.state).toBe('open');
    expect(run.summary).toContain(`Missing shard ${missing}: not checked, their issues left untouched`);
  });
});
