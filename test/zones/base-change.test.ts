/**
 * A pull request in a DNS repository, as a temporary git repository with a base and a head
 * commit: only the findings the change introduces fail the check, each on its file and line.
 * Run through check() and through the built CLI (`node dist/cli.js`), offline.
 */
import { execFile, execFileSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { defaultConfig } from '../../src/config.js';
import { failingFindings } from '../../src/core/fail-policy.js';
import type { Finding } from '../../src/core/findings.js';
import type { CheckResult } from '../../src/core/result.js';
import { silentLogger } from '../../src/ports.js';

const MAIN = path.resolve(import.meta.dirname, '../..');
const POLICIES = path.join(MAIN, 'test/fixtures/zones/corpus/policy');
const CLI = path.join(MAIN, 'dist/cli.js');

/** The zone at the base commit: MX as the policy lists them, and an old broken record elsewhere. */
const BASE_ZONE = `$ORIGIN mdekort.nl.
$TTL 300
@	IN	SOA	ns1.mdekort.nl. hostmaster.mdekort.nl. 2026010101 1h 15m 2w 5m
	IN	NS	ns1.mdekort.nl.
@	IN	MX	2 route1.mx.cloudflare.net.
@	IN	MX	45 route2.mx.cloudflare.net.
@	IN	MX	87 route3.mx.cloudflare.net.
_mta-sts	IN	TXT	"v=STSv1; id=20241119001"
_smtp._tls	IN	TXT	"v=TLSRPTv1; rua=mailto:tlsrpt@dmarc.mdekort.nl"
; legacy subdomain, broken long before this change
_mta-sts.legacy	IN	TXT	"v=STSv1; id=2024-01-01"
_smtp._tls.legacy	IN	TXT	"v=TLSRPTv1; rua=mailto:tlsrpt@dmarc.mdekort.nl"
`;

/** The change: a fourth MX the policy does not list, a comment block that moves the old record down. */
const HEAD_ZONE = BASE_ZONE.replace(
  '@\tIN\tMX\t87 route3.mx.cloudflare.net.\n',
  '@\tIN\tMX\t87 route3.mx.cloudflare.net.\n@\tIN\tMX\t90 inbound.mailrelay.example.\n',
).replace(
  '; legacy subdomain',
  '; moved to the relay on 2026-11-22\n; (see ticket 1234)\n; legacy subdomain',
);

let repo: string;
let savedCwd: string;

function git(...args: string[]): void {
  execFileSync('git', args, { cwd: repo, stdio: 'ignore' });
}

beforeAll(async () => {
  repo = await mkdtemp(path.join(tmpdir(), 'zones-pr-'));
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'ci');
  await mkdir(path.join(repo, 'zones'));
  await mkdir(path.join(repo, 'mta-sts', '.well-known'), { recursive: true });
  const policyPath = path.join(repo, 'mta-sts', '.well-known', 'mta-sts.txt');
  await writeFile(path.join(repo, 'zones', 'db.mdekort.nl'), BASE_ZONE);
  // The real history: melvyndekort/mta-sts (testing) then melvyndekort/email-infra (enforce), same id.
  await copyFile(path.join(POLICIES, 'melvyndekort-mta-sts', 'mta-sts.txt'), policyPath);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  await writeFile(path.join(repo, 'zones', 'db.mdekort.nl'), HEAD_ZONE);
  await copyFile(path.join(POLICIES, 'melvyndekort-email-infra', 'mta-sts.txt'), policyPath);
  git('commit', '-q', '-am', 'switch to enforce, add a relay MX');
  savedCwd = process.cwd();
});

afterAll(async () => {
  process.chdir(savedCwd);
  await rm(repo, { recursive: true, force: true });
});

const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
const where = (f: Finding) => `${f.rule} ${f.severity} ${f.status} ${f.location?.file}:${f.location?.line}`;

describe('--base in a DNS repository', () => {
  let result: CheckResult;
  beforeAll(async () => {
    process.chdir(repo);
    result = await check(
      {
        ...defaultConfig(),
        offline: true,
        zones: ['zones/*'],
        policyFiles: [{ domain: 'mdekort.nl', path: 'mta-sts/.well-known/mta-sts.txt' }],
        base: 'HEAD~1',
      },
      { clock: { now: () => new Date('2026-11-22T12:00:00Z') }, logger: silentLogger },
    );
    process.chdir(savedCwd);
  });

  it('fails only on what the change introduces, each on its file and line', () => {
    expect(failingFindings(result.findings, 'error').map(where).sort()).toEqual([
      `mx-not-in-policy error new zones/db.mdekort.nl:${lineOf(HEAD_ZONE, 'inbound.mailrelay')}`,
      `policy-id-not-bumped error new zones/db.mdekort.nl:${lineOf(HEAD_ZONE, 'id=20241119001')}`,
    ]);
  });

  it('keeps the inherited error, marked existing, at the line it moved to', () => {
    const legacy = result.findings.find((f) => f.domain === 'legacy.mdekort.nl')!;
    expect(where(legacy)).toBe(
      `sts-record-invalid error existing zones/db.mdekort.nl:${lineOf(HEAD_ZONE, 'id=2024-01-01')}`,
    );
  });

  it('says what changed without a new id', () => {
    const f = result.findings.find((x) => x.rule === 'policy-id-not-bumped')!;
    expect(f.message).toContain('mode testing → enforce');
    expect(f.mode).toBe('enforce');
  });

  it('marks every finding new or existing', () => {
    expect(result.findings.every((f) => f.status === 'new' || f.status === 'existing')).toBe(true);
  });
});

describe('built CLI: check --zone --policy-file --base --offline --format json', () => {
  beforeAll(async () => {
    execFileSync('npm', ['run', 'bundle'], { cwd: MAIN, stdio: 'ignore' });
  }, 120_000);

  function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
      execFile(process.execPath, [CLI, ...args], { cwd: repo, timeout: 60_000 }, (error, stdout, stderr) => {
        resolve({ code: error ? ((error as { code?: number }).code ?? -1) : 0, stdout, stderr });
      });
    });
  }
  const common = [
    'check',
    '--zone',
    'zones/db.mdekort.nl',
    '--policy-file',
    'mdekort.nl=mta-sts/.well-known/mta-sts.txt',
  ];

  it('exits 1 on the new errors; every finding carries location {file, line}', async () => {
    const { code, stdout } = await cli([...common, '--base', 'HEAD~1', '--offline', '--format', 'json']);
    expect(code).toBe(1);
    const json = JSON.parse(stdout) as CheckResult;
    for (const f of json.findings) {
      expect(f.location).toEqual({ file: expect.any(String), line: expect.any(Number) });
    }
    const failing = json.findings
      .filter((f) => f.severity === 'error' && f.status === 'new')
      .map((f) => f.rule);
    expect(failing.sort()).toEqual(['mx-not-in-policy', 'policy-id-not-bumped']);
    expect(json.findings.find((f) => f.rule === 'sts-record-invalid')?.status).toBe('existing');
  });

  it('passes when the base already had everything (base = HEAD)', async () => {
    const { code, stdout } = await cli([...common, '--base', 'HEAD', '--offline', '--format', 'json']);
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as CheckResult).findings.every((f) => f.status === 'existing')).toBe(true);
  });

  it('says in the markdown verdict that the change introduces no new problem (issue 10 item 9)', async () => {
    const { code, stdout } = await cli([...common, '--base', 'HEAD', '--offline', '--format', 'markdown']);
    expect(code).toBe(0);
    const headline = stdout.split('\n')[0]!;
    expect(headline).toMatch(/^## mta-sts-guard: (✅ PASS|⚠️ PASS with warnings): this change introduces no/);
    expect(headline).toMatch(/\d+ existing problems? remains? from the base$/);
    expect(stdout).not.toContain('FAIL');
    expect(stdout).toContain('### Already at the base (');
  });

  it('exits 2 and names --base for a revision that does not exist', async () => {
    const { code, stderr } = await cli([...common, '--base', 'no-such-ref', '--offline', '--format', 'json']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--base: 'no-such-ref' is not a commit/);
  });

  it('reports a malformed zone file at its line (zone-parse-error)', async () => {
    await writeFile(path.join(repo, 'zones', 'db.broken.example'), '$ORIGIN broken.example.\n@ MX 10\n');
    try {
      const { code, stdout } = await cli([
        'check',
        '--zone',
        'zones/db.broken.example',
        '--offline',
        '--format',
        'json',
      ]);
      expect(code).toBe(1);
      const [f] = (JSON.parse(stdout) as CheckResult).findings;
      expect(f).toMatchObject({
        rule: 'zone-parse-error',
        location: { file: 'zones/db.broken.example', line: 2 },
      });
    } finally {
      await rm(path.join(repo, 'zones', 'db.broken.example'));
    }
  });
});
