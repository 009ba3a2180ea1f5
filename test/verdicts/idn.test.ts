/**
 * Issue 10 item 7, through the built CLI: `bücher.example` is accepted wherever a domain is,
 * becomes `xn--bcher-kva.example`, and is one domain with its A-label spelling, so an MX
 * mismatch between a policy file and a zone is found whichever way each names the domain.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { buildCli, runCli, type BuiltCli } from '../integration/built-cli.js';

const A = 'xn--bcher-kva.example';
const ENFORCE_U_MX = 'version: STSv1\nmode: enforce\nmx: mail.bücher.example\nmax_age: 604800\n';
const ENFORCE_A_MX = `version: STSv1\nmode: enforce\nmx: mail.${A}\nmax_age: 604800\n`;

let cli: BuiltCli;
let dir: string;

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-idn-'));
}, 60_000);

afterAll(async () => {
  await cli?.remove();
  await rm(dir, { recursive: true, force: true });
});

/** Writes `files` into a folder of its own and runs `check --offline`; `@name` is that file's absolute path. */
async function check(name: string, files: Record<string, string>, args: string[]) {
  const cwd = join(dir, name);
  await mkdir(cwd, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(cwd, file), text);
  const abs = args.map((a) => (a.startsWith('@') ? join(cwd, a.slice(1)) : a));
  return runCli(cli.path, ['check', '--offline', ...abs], {});
}

function json(stdout: string): CheckResult {
  return JSON.parse(stdout) as CheckResult;
}

describe('built CLI: international domain names', () => {
  it('pairs a U-label zone file name and --policy-file with each other: the MX mismatch is found, on one A-label domain', async () => {
    const zone = '@ 3600 IN MX 10 mx.other.example.\n_mta-sts IN TXT "v=STSv1; id=20260101"\n';
    const run = await check('mismatch', { 'db.bücher.example': zone, 'mta-sts.txt': ENFORCE_A_MX }, [
      '--zone',
      '@db.bücher.example',
      '--policy-file',
      `bücher.example=${join(dir, 'mismatch', 'mta-sts.txt')}`,
      '--format',
      'json',
    ]);
    expect(run.code).toBe(1);
    const result = json(run.stdout);
    // JSON names the domain by its A-label only.
    expect(result.domains.map((d) => d.domain)).toEqual([A]);
    expect(result.findings.filter((f) => f.rule === 'mx-not-in-policy')).toEqual([
      expect.objectContaining({ domain: A, severity: 'error', subject: 'mx.other.example' }),
    ]);
    expect(result.findings.every((f) => f.domain === A)).toBe(true);
  });

  it('matches a U-label policy mx to the A-label MX, and reports the line as policy-invalid (RFC 8461 §3.2)', async () => {
    const zone = `$ORIGIN bücher.example.\n@ 3600 IN MX 10 mail.${A}.\n_mta-sts IN TXT "v=STSv1; id=20260101"\n`;
    const run = await check('match', { 'zone.txt': zone, 'mta-sts.txt': ENFORCE_U_MX }, [
      '--zone',
      `bind:${join(dir, 'match', 'zone.txt')}`,
      '--policy-file',
      `${A}=${join(dir, 'match', 'mta-sts.txt')}`,
      '--format',
      'json',
    ]);
    const result = json(run.stdout);
    const rules = result.findings.map((f) => f.rule);
    expect(rules).not.toContain('mx-not-in-policy');
    expect(rules).not.toContain('policy-mx-unmatched');
    expect(result.findings.filter((f) => f.rule === 'policy-invalid')).toEqual([
      expect.objectContaining({
        domain: A,
        location: { file: join(dir, 'match', 'mta-sts.txt'), line: 3 },
        remediation: `Write the line as "mx: mail.${A}".`,
      }),
    ]);
    expect(run.code).toBe(1);
  });

  it('text and markdown show the A-label with the U-label beside it; a domains file and an octoDNS file name pair too', async () => {
    const yaml = `'':\n  type: MX\n  value: {exchange: mail.${A}., preference: 10}\n_mta-sts:\n  type: TXT\n  value: v=STSv1\\; id=20260101\n`;
    const files = {
      'bücher.example.yaml': yaml,
      'domains.txt': 'bücher.example\n',
      'mta-sts.txt': ENFORCE_A_MX,
    };
    const base = ['--zone', '@bücher.example.yaml', '--domains-file', '@domains.txt'];
    const policy = ['--policy-file', `bücher.example=${join(dir, 'text', 'mta-sts.txt')}`];
    const text = await check('text', files, [...base, ...policy]);
    expect(text.stdout).toContain(`\n${A} (bücher.example)  (mode enforce · id 20260101)\n`);
    expect(text.stdout).toContain(`  MX 10 mail.${A} (mail.bücher.example)`);
    expect(text.stdout).toMatch(/^1 domain\(s\)/m);
    const markdown = await check('text', files, [...base, ...policy, '--format', 'markdown']);
    expect(markdown.stdout).toContain('xn\\-\\-bcher\\-kva\\.example \\(bücher\\.example\\)');
    const data = json((await check('text', files, [...base, ...policy, '--format', 'json'])).stdout);
    expect(data.domains.map((d) => d.domain)).toEqual([A]);
    expect(data.findings.map((f) => f.rule)).not.toContain('mx-not-in-policy');
  });

  it('reads DNSControl IR domain names written as U-labels', async () => {
    const ir = JSON.stringify(
      {
        domains: [
          {
            name: 'bücher.example',
            records: [
              { type: 'MX', name: '@', target: 'mx.other.example.', mxpreference: 10 },
              { type: 'TXT', name: '_mta-sts', target: 'v=STSv1; id=20260101' },
            ],
          },
        ],
      },
      null,
      2,
    );
    const run = await check('ir', { 'dnscontrol-ir.json': ir, 'mta-sts.txt': ENFORCE_A_MX }, [
      '--zone',
      '@dnscontrol-ir.json',
      '--policy-file',
      `bücher.example=${join(dir, 'ir', 'mta-sts.txt')}`,
      '--format',
      'json',
    ]);
    const result = json(run.stdout);
    expect(result.domains.map((d) => d.domain)).toEqual([A]);
    expect(result.findings.filter((f) => f.rule === 'mx-not-in-policy')).toHaveLength(1);
  });

  it('refuses a name with no A-label form with exit 2, naming the input', async () => {
    const run = await check('bad', {}, ['bü%41.example']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(
      `DOMAIN: 'bü%41.example' is not a domain name: the label "bü%41" contains "%"`,
    );
    const joiner = await check('bad', { 'domains.txt': 'example.com\na\u200db.example\n' }, [
      '--domains-file',
      '@domains.txt',
    ]);
    expect(joiner.code).toBe(2);
    expect(joiner.stderr).toMatch(/--domains-file: line 2: .* is not a domain name: .*UTS #46/);
  });
});
