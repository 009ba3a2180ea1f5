/**
 * Issue 14 acceptance through the built CLI: a 1,000-domain offline run (a BIND zone file and a
 * policy file per domain, 5 of them with problems) prints at most 40 lines on stdout and at most
 * 12 progress lines on stderr; every rule's fix appears once per rule group; no line is longer
 * than 120 characters except one holding a single unbreakable value; no path twice on a line.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, type BuiltCli, type CliRun } from './built-cli.js';

const DOMAINS = 1000;
const name = (i: number): string => `d${String(i).padStart(4, '0')}.example`;

/** The five broken domains and how. */
const BROKEN = {
  7: 'byte order mark before "version"',
  123: 'CR-only policy file',
  300: 'two MX the enforce policy does not cover',
  456: 'testing policy that does not cover the MX',
  789: 'TLS-RPT record without a URI scheme',
} as const;

let cli: BuiltCli;
let dir: string;
let run: CliRun;

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-text-'));
  await mkdir(join(dir, 'zones'));
  await mkdir(join(dir, 'policies'));
  const args = ['check', '--offline', '--zone', 'zones/*.zone'];
  for (let i = 0; i < DOMAINS; i++) {
    const d = name(i);
    let mx = [`mx1.${d}`];
    let mode = 'enforce';
    let rua = `mailto:tlsrpt@${d}`;
    if (i === 300) mx = [`mx1.${d}`, 'backup1.elsewhere.example', 'backup2.elsewhere.example'];
    if (i === 456) [mode, mx] = ['testing', ['mx.other.example']];
    if (i === 789) rua = 'tlsrpt@nowhere';
    let policy = `version: STSv1\nmode: ${mode}\nmx: mx1.${d}\nmax_age: 604800\n`;
    if (i === 7) policy = '\ufeff' + policy;
    if (i === 123) policy = policy.replaceAll('\n', '\r');
    const zone = [
      `$ORIGIN ${d}.`,
      '$TTL 3600',
      ...mx.map((host, k) => `@ IN MX ${10 * (k + 1)} ${host}.`),
      '_mta-sts IN TXT "v=STSv1; id=20240101"',
      `_smtp._tls IN TXT "v=TLSRPTv1; rua=${rua}"`,
      '',
    ].join('\n');
    await writeFile(join(dir, 'zones', `${d}.zone`), zone);
    await writeFile(join(dir, 'policies', `${d}.txt`), policy);
    args.push('--policy-file', `${d}=policies/${d}.txt`);
  }
  // stdout and stderr are pipes here: plain lines, no colour, the log pacing of progress.
  run = await runBuilt(args);
}, 120_000);

function runBuilt(args: string[]): Promise<CliRun> {
  return runCli(cli.path, args, {}, 90_000, dir);
}

afterAll(async () => {
  await cli?.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('built CLI: the text output of 1,000 domains, 5 broken', () => {
  it('exits 1 with the verdict and its counts on the first line', () => {
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout.split('\n')[0]).toBe(
      'FAIL: 5 errors, 1 warning in 5 of 1,000 domains; enforce-mode risk: senders will refuse mail',
    );
  });

  it('stdout fits in 40 lines: the broken domains, errors first, and one line for the 995 clean ones', () => {
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.length).toBeLessThanOrEqual(40);
    const listed = lines.filter((l) => /^d\d{4}\.example/.test(l)).map((l) => l.split(' ')[0]);
    expect(listed).toEqual([name(7), name(123), name(300), name(789), name(456)]); // the warning last
    expect(Object.keys(BROKEN).map(Number).map(name).sort()).toEqual([...listed].sort());
    expect(run.stdout).toContain('\n995 domains clean;');
    expect(run.stdout).not.toContain('no "version" line'); // the BOM and CR cascades, once at the cause
    expect(run.stdout).not.toContain('\x1b['); // not a terminal: no colour
  });

  it('every rule group prints its fix once', () => {
    const blocks = run.stdout.split(/\n(?=d\d{4}\.example)/).slice(1);
    let groups = 0;
    for (const block of blocks) {
      for (const group of block.split(/\n(?= {2}(?:ERROR|WARNING|notice) )/).slice(1)) {
        groups++;
        expect(group.match(/\n {4}fix: /g), group).toHaveLength(1);
      }
    }
    expect(groups).toBe(5);
    // Groups with file edits are marked, and the way to apply them is said once, at the end.
    expect(run.stdout.match(/ · fixable\n/g)).toHaveLength(4);
    expect(run.stdout.trimEnd().split('\n').at(-1)).toMatch(/; 5 fixable by `mta-sts-guard fix`$/);
    // d0300's two MX share one group, one fix, and the part of the fact they share is said once.
    expect(run.stdout).toMatch(
      /MX not covered by the policy \(2\) · fixable\n(.*backup[12]\.elsewhere\.example.*\n){2} {4}each: /,
    );
  });

  it('no line over 120 characters but an unbreakable value; no path or URL twice on one line', () => {
    for (const line of run.stdout.split('\n')) {
      if (line.length > 120) expect(line.trim(), line).not.toContain(' ');
      const paths = line.match(/[\w.-]+\/[\w./-]+/g) ?? [];
      expect(new Set(paths).size, line).toBe(paths.length);
    }
  });

  it('stderr has at most 12 progress lines', () => {
    const progress = run.stderr.split('\n').filter((l) => l.startsWith('checked '));
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThanOrEqual(12);
    expect(progress.at(-1)).toMatch(
      /^checked 1,000 of 1,000 domains \(100 %\), 5 errors so far, \d+ s elapsed$/,
    );
    expect(run.stderr).not.toContain('\r'); // a pipe gets lines, never a redrawn one
  });

  it('--verbose lists the clean domains and the notices', async () => {
    const verbose = await runBuilt([
      'check',
      '--offline',
      '--zone',
      `zones/${name(1)}.zone`,
      '--policy-file',
      `${name(1)}=policies/${name(1)}.txt`,
      '--verbose',
    ]);
    expect(verbose.code).toBe(0);
    expect(verbose.stdout).toMatch(/\n1 domain clean:\n {2}d0001\.example {2}mode enforce/);
  });
});
