/**
 * Issue 10 item 8 through the built CLI: pull request checks on actions/checkout's default
 * depth-1 clone. The base commit is fetched from origin and the change is judged against it;
 * when it cannot be fetched, one warning names fetch-depth: 0 and the run judges without
 * comparison (never exit 2); a deleted policy file is a removal; --base is not needed (and no
 * git repository either) when only domains are given.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { PR_BASE, PR_HEAD, ZONE_A, ZONE_B } from '../harness/pr-fixtures.js';
import { shallowPullRequest, type PullRequestRepo } from '../harness/pr-repo.js';
import { buildCli, runCli, type BuiltCli } from '../integration/built-cli.js';

let cli: BuiltCli;

beforeAll(async () => {
  cli = await buildCli();
}, 60_000);

afterAll(async () => {
  await cli?.remove();
});

const ARGS = ['check', '--offline', '--zone', 'zones/*', '--format', 'json'];
const POLICIES = ['--policy-file', 'a.example=a.txt', '--policy-file', 'b.example=b.txt'];

const brief = (r: CheckResult) =>
  r.findings
    .map(
      (f) => `${f.rule} ${f.severity} ${f.status ?? '-'} ${f.domain} ${f.location ? f.location.file : '-'}`,
    )
    .sort();

describe('built CLI: --base in a depth-1 clone', () => {
  let pr: PullRequestRepo;
  beforeAll(async () => {
    pr = await shallowPullRequest(PR_BASE, PR_HEAD);
  });
  afterAll(() => pr?.remove());

  it('fetches the base commit and fails only on what the change introduces', async () => {
    const run = await runCli(cli.path, [...ARGS, ...POLICIES, '--base', pr.base], {}, 60_000, pr.clone);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toContain(`--base ${pr.base}: fetched commit ${pr.base.slice(0, 12)}`);
    expect(run.stderr).not.toMatch(/warning:/);
    const result = JSON.parse(run.stdout) as CheckResult;
    const failing = brief(result).filter((l) => / error new /.test(l));
    expect(failing).toEqual([
      // b.txt is deleted while zones/db.b.example keeps _mta-sts.b.example.
      `policy-fetch-failed error new b.example ${ZONE_B}`,
      // a.txt loses max_age.
      'policy-invalid error new a.example a.txt',
    ]);
    // What the base already had is existing: the missing TLS-RPT record of a.example.
    expect(brief(result)).toContain(`tlsrpt-record-missing notice existing a.example ${ZONE_A}`);
  });

  it('a change that introduces nothing passes (base = head, no fetch needed)', async () => {
    const run = await runCli(
      cli.path,
      [...ARGS, '--policy-file', 'a.example=a.txt', '--base', pr.head],
      {},
      60_000,
      pr.clone,
    );
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as CheckResult).findings.every((f) => f.status === 'existing')).toBe(true);
  });

  it('origin unreachable: one warning naming fetch-depth: 0, judged without comparison, exit 1 (not 2)', async () => {
    const lost = await shallowPullRequest(PR_BASE, PR_HEAD);
    lost.loseOrigin();
    try {
      const run = await runCli(cli.path, [...ARGS, ...POLICIES, '--base', lost.base], {}, 60_000, lost.clone);
      expect(run.code, run.stderr).toBe(1);
      const warnings = run.stderr.split('\n').filter((l) => l.startsWith('warning:'));
      const baseWarnings = warnings.filter((l) => l.includes('fetch-depth: 0'));
      expect(baseWarnings).toHaveLength(1);
      expect(baseWarnings[0]).toContain(`--base ${lost.base}: this shallow clone does not have that commit`);
      // b.txt is gone and the base cannot say whether the change deleted it: said, not exit 2.
      expect(warnings.filter((l) => l.includes('b.txt does not exist'))).toHaveLength(1);
      const result = JSON.parse(run.stdout) as CheckResult;
      // Without comparison no finding has a status: every one counts.
      expect(result.findings.every((f) => f.status === undefined)).toBe(true);
      expect(brief(result)).toContain('policy-invalid error - a.example a.txt');
    } finally {
      await lost.remove();
    }
  });
});

describe('built CLI: --base with domains only', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-no-git-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('needs no git repository: the base is not opened', async () => {
    const run = await runCli(
      cli.path,
      ['check', 'a.example', '--offline', '--base', 'f'.repeat(40), '--format', 'json'],
      {},
      60_000,
      dir,
    );
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).not.toMatch(/git repository|--base/);
    const result = JSON.parse(run.stdout) as CheckResult;
    expect(result.domains.map((d) => d.domain)).toEqual(['a.example']);
  });

  it('with a zone file the same base is still required to be a repository', async () => {
    await writeFile(join(dir, 'db.a.example'), PR_BASE[ZONE_A]!);
    const run = await runCli(
      cli.path,
      ['check', '--offline', '--zone', 'db.a.example', '--base', 'f'.repeat(40)],
      {},
      60_000,
      dir,
    );
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--base: .* is not inside a git repository/);
  });
});
