/** mergeShards in process (issue 12): the refusals name the file, and the merge recomputes. */
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import { mergeShards, type ShardFile } from '../../src/core/merge.js';
import { emptyDomainResult, type CheckResult } from '../../src/core/result.js';
import { allShards, listFingerprint } from '../../src/core/shard.js';

const LIST = Array.from({ length: 12 }, (_, i) => `d${i}.example`).sort();
const TOTAL = 3;
const SHARDS = allShards(LIST, TOTAL);

function shardFile(
  index: number,
  overrides: { run?: string; total?: number; list?: string[] } = {},
): ShardFile {
  const list = overrides.list ?? LIST;
  const total = overrides.total ?? TOTAL;
  const domains = allShards(list, total)[index - 1]!;
  const findings = domains
    .filter((d) => d === 'd3.example' || d === 'd7.example')
    .map((d) =>
      finding('mx-cert-expired', 'enforce', { domain: d, message: `${d} expired`, subject: `mx.${d}` }),
    );
  const result: CheckResult = {
    schemaVersion: 1,
    tool: { name: 'mta-sts-guard', version: '1.0.0' },
    generatedAt: `2026-12-02T10:0${index}:00.000Z`,
    summary: {
      domains: domains.length,
      errors: findings.length,
      warnings: 0,
      notices: 0,
      enforceRisk: findings.length > 0,
    },
    findings,
    domains: domains.map(emptyDomainResult),
    reports: { files: 0, parsed: 0, invalid: [] },
    shard: {
      index,
      total,
      list: { fingerprint: listFingerprint(list), count: list.length, domains: list },
      toolVersion: '1.0.0',
      run: { id: overrides.run ?? '42', attempt: 1 },
      reportsJudged: false,
      evidence: Object.fromEntries(
        domains.map((d) => [d, { mode: 'enforce', tlsRptPublished: false, reference: null }]),
      ),
    },
  } as CheckResult;
  return { name: `results-${index}.json`, result };
}

const options = { allowMissingShards: false, reports: null };

describe('mergeShards', () => {
  it('puts every domain in once and recomputes the summary', () => {
    const outcome = mergeShards(
      [1, 2, 3].map((i) => shardFile(i)),
      options,
    );
    expect(outcome.kind).toBe('merged');
    if (outcome.kind !== 'merged') return;
    expect(outcome.result.domains.map((d) => d.domain)).toEqual(LIST);
    expect(outcome.result.summary).toMatchObject({ domains: 12, errors: 2, enforceRisk: true });
    expect(outcome.result.shard?.merged).toEqual({
      shards: [1, 2, 3],
      missingShards: [],
      uncheckedDomains: [],
    });
    expect(outcome.result.generatedAt).toBe('2026-12-02T10:03:00.000Z');
  });

  it.each([
    ['a missing shard', () => [shardFile(1), shardFile(3)], /shard 2 of 3 missing/],
    [
      'a shard given twice',
      () => [shardFile(1), shardFile(2), shardFile(2)],
      /results-2\.json: shard 2\/3 is given twice/,
    ],
    [
      'another run',
      () => [shardFile(1), shardFile(2, { run: '43' }), shardFile(3)],
      /results-2\.json: comes from another run/,
    ],
    [
      'another N',
      () => [shardFile(1), shardFile(2, { total: 4 })],
      /results-2\.json: is shard 2\/4, not of 3/,
    ],
    [
      'another list',
      () => [shardFile(1), shardFile(2, { list: [...LIST, 'zz.example'].sort() })],
      /results-2\.json: was cut from another domain list/,
    ],
  ])('refuses %s, naming it', (_name, files, message) => {
    const outcome = mergeShards(files(), options);
    expect(outcome).toEqual({ kind: 'refused', message: expect.stringMatching(message) });
  });

  it('refuses a file whose domains are not its shard, or that is no shard file', () => {
    const wrong = shardFile(2);
    wrong.result.domains = wrong.result.domains.slice(1);
    expect(mergeShards([shardFile(1), wrong, shardFile(3)], options)).toMatchObject({
      kind: 'refused',
      message: expect.stringMatching(/results-2\.json: holds/),
    });
    const plain = shardFile(1);
    delete (plain.result as { shard?: unknown }).shard;
    expect(mergeShards([plain], options)).toMatchObject({
      message: expect.stringMatching(/has no shard block/),
    });
    expect(mergeShards([], options)).toEqual({ kind: 'refused', message: 'no results file given' });
  });

  it('with allowMissingShards lists the unchecked domains', () => {
    const outcome = mergeShards([shardFile(1), shardFile(3)], { ...options, allowMissingShards: true });
    expect(outcome.kind === 'merged' && outcome.uncheckedDomains).toEqual(SHARDS[1]);
    expect(outcome.kind === 'merged' && outcome.missingShards).toEqual([2]);
  });
});
