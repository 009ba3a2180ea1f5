/**
 * `mta-sts-guard fix` through the built CLI (issue 15): check writes a results file whose
 * findings carry edits; `fix --dry-run` prints a diff `git apply --check` accepts; `fix` applies
 * it, and checking again clears those findings; a file that changed since the run, or one
 * outside the working directory, is refused.
 */
import { execFile, execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type BuiltCli } from './integration/built-cli.js';

let cli: BuiltCli;
let dir: string;

beforeAll(async () => {
  cli = await buildCli();
}, 60_000);
afterAll(async () => {
  await cli?.remove();
});

function run(args: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli.path, ...args], { cwd, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const BROKEN = 'version: STSv1\r\nmode: Enforce\r\nmx: mx.example.com\r\nmax-age: 604800\r\n';
const CLEAN = 'version: STSv1\r\nmode: enforce\r\nmx: mx.example.com\r\nmax_age: 604800\r\n';

async function checkToResults(cwd: string): Promise<{ findings: { rule: string; fix?: unknown }[] }> {
  const checked = await run(
    [
      'check',
      '--offline',
      '--policy-file',
      'example.com=mta-sts.txt',
      '--format',
      'json',
      '--output',
      'results.json',
    ],
    cwd,
  );
  expect(checked.code, checked.stderr).toBe(1);
  return JSON.parse(await readFile(join(cwd, 'results.json'), 'utf8')) as never;
}

describe('fix', () => {
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-fix-'));
    execFileSync('git', ['init', '-q'], { cwd: dir });
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('--dry-run prints a unified diff that git apply --check accepts, and changes nothing', async () => {
    await writeFile(join(dir, 'mta-sts.txt'), BROKEN);
    const results = await checkToResults(dir);
    expect([...new Set(results.findings.filter((f) => f.fix).map((f) => f.rule))].sort()).toEqual([
      'policy-invalid',
      'policy-key-typo',
    ]);
    const dry = await run(['fix', 'results.json', '--dry-run'], dir);
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toMatch(/^--- a\/mta-sts.txt\n\+\+\+ b\/mta-sts.txt\n@@ /);
    await writeFile(join(dir, 'fix.patch'), dry.stdout);
    execFileSync('git', ['apply', '--check', 'fix.patch'], { cwd: dir });
    expect(await readFile(join(dir, 'mta-sts.txt'), 'utf8')).toBe(BROKEN);
  });

  it('applies the edits; checking again clears the findings that carried them; a rerun is refused', async () => {
    await writeFile(join(dir, 'mta-sts.txt'), BROKEN);
    await checkToResults(dir);
    const fixed = await run(['fix', 'results.json'], dir);
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(await readFile(join(dir, 'mta-sts.txt'), 'utf8')).toBe(CLEAN);
    const again = await run(
      ['check', '--offline', '--policy-file', 'example.com=mta-sts.txt', '--format', 'json'],
      dir,
    );
    expect(again.code, again.stderr).toBe(0);
    const rules = (JSON.parse(again.stdout) as { findings: { rule: string }[] }).findings.map((f) => f.rule);
    expect(rules).not.toContain('policy-invalid');
    expect(rules).not.toContain('policy-key-typo');
    // The file changed since results.json was written: its edits are refused, nothing is merged.
    const rerun = await run(['fix', 'results.json'], dir);
    expect(rerun.code).toBe(1);
    expect(rerun.stderr).toMatch(/mta-sts\.txt: changed since the run/);
    expect(await readFile(join(dir, 'mta-sts.txt'), 'utf8')).toBe(CLEAN);
  });

  it('a fresh run with check flags works the same, and a file outside the working directory is refused', async () => {
    await writeFile(join(dir, 'mta-sts.txt'), BROKEN);
    const fresh = await run(
      ['fix', '--offline', '--policy-file', 'example.com=mta-sts.txt', '--dry-run'],
      dir,
    );
    expect(fresh.code, fresh.stderr).toBe(0);
    expect(fresh.stdout).toContain('+mode: enforce\r');
    const outside = join(dir, 'outside.json');
    await writeFile(
      outside,
      JSON.stringify({
        schemaVersion: 1,
        findings: [
          {
            rule: 'policy-invalid',
            fix: { summary: 's', edits: [{ file: '../etc/passwd', startLine: 1, endLine: 1, text: 'x\n' }] },
          },
        ],
      }),
    );
    const refused = await run(['fix', 'outside.json'], dir);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/\.\.\/etc\/passwd: (is outside the working directory|no such file)/);
  });

  it('names a results file that is not one (exit 2)', async () => {
    await writeFile(join(dir, 'bad.json'), '{"x":1}');
    const bad = await run(['fix', 'bad.json'], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/bad\.json is not an mta-sts-guard results file/);
  });
});
