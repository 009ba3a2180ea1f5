/**
 * Issue 10 item 11, through the built CLI: a finding on a DNSControl record points at the
 * dnsconfig.js line the IR's `filepos` names, while its fix still edits the IR line (the file
 * the run read), and `fix` applies it there.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { buildCli, runCli, type BuiltCli } from '../integration/built-cli.js';

const DNSCONFIG = [
  'var REG = NewRegistrar("none");',
  'D("example.com", REG,',
  '    MX("@", 10, "mx.example.com."),',
  '    TXT("_mta-sts", "v=STSv1; id=2026-01"),',
  '    TXT("_smtp._tls", "v=TLSRPTv1; rua=mailto:tlsrpt@example.com")',
  ');',
  '',
].join('\n');

/** What `dnscontrol print-ir --pretty` writes for DNSCONFIG (DNSControl 4.2x+ shape). */
function ir(filepos: boolean): string {
  const record = (name: string, type: string, rdata: string, line: number) => ({
    comparablev3: rdata,
    ...(filepos ? { filepos: `[line:${line}:5]` } : {}),
    name,
    name_unicode: name,
    rdata,
    ttl: 300,
    type,
  });
  return (
    JSON.stringify(
      {
        domains: [
          {
            name: 'example.com',
            records: [
              record('@', 'MX', '10 mx.example.com.', 3),
              record('_mta-sts', 'TXT', '"v=STSv1; id=2026-01"', 4),
              record('_smtp._tls', 'TXT', '"v=TLSRPTv1; rua=mailto:tlsrpt@example.com"', 5),
            ],
          },
        ],
      },
      null,
      2,
    ) + '\n'
  );
}

let cli: BuiltCli;
let dir: string;

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-dnscontrol-'));
}, 60_000);

afterAll(async () => {
  await cli?.remove();
  await rm(dir, { recursive: true, force: true });
});

async function folder(name: string, files: Record<string, string>): Promise<string> {
  const at = join(dir, name);
  await mkdir(at, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(at, file), text);
  return at;
}

async function checkJson(irPath: string): Promise<CheckResult> {
  const run = await runCli(cli.path, ['check', '--offline', '--zone', irPath, '--format', 'json'], {});
  expect(run.code, run.stderr).toBe(1);
  return JSON.parse(run.stdout) as CheckResult;
}

/** Line (1-based) of the first line of `text` that contains `needle`. */
function lineOf(text: string, needle: string): number {
  return text.split('\n').findIndex((l) => l.includes(needle)) + 1;
}

describe('built CLI: DNSControl findings point at dnsconfig.js', () => {
  it('locates the finding at the dnsconfig.js line, and its fix at the IR record, which fix applies', async () => {
    const at = await folder('with-source', { 'dnsconfig.js': DNSCONFIG, 'dnscontrol-ir.json': ir(true) });
    const irPath = join(at, 'dnscontrol-ir.json');
    const result = await checkJson(irPath);
    const invalid = result.findings.filter((f) => f.rule === 'sts-record-invalid');
    expect(invalid).toHaveLength(1);
    expect(invalid[0]!.location).toEqual({ file: join(at, 'dnsconfig.js'), line: 4 });
    // The IR record of _mta-sts starts at its "{", two lines above its comparablev3 line.
    const recordLine = lineOf(ir(true), '"comparablev3": "\\"v=STSv1; id=2026-01\\""') - 1;
    expect(invalid[0]!.fix?.edits).toEqual([
      expect.objectContaining({ file: irPath, startLine: recordLine }),
    ]);
    expect(invalid[0]!.fix?.summary).toMatch(/in dnsconfig\.js: TXT\("_mta-sts", "v=STSv1; id=202601"\)/);

    const text = await runCli(cli.path, ['check', '--offline', '--zone', irPath], {});
    expect(text.stdout).toContain(`sts-record-invalid (${join(at, 'dnsconfig.js')}:4)`);

    const results = join(at, 'results.json');
    await writeFile(results, JSON.stringify(result));
    // fix edits only files inside its working directory: run it in the repository's folder.
    const fix = await new Promise<{ code: number; stderr: string }>((resolve) =>
      execFile(
        process.execPath,
        [cli.path, 'fix', results],
        { cwd: at, timeout: 60_000 },
        (error, _out, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stderr }),
      ),
    );
    expect(fix.code, fix.stderr).toBe(0);
    expect(await readFile(irPath, 'utf8')).toContain('"rdata": "\\"v=STSv1; id=202601\\""');
    expect(await readFile(join(at, 'dnsconfig.js'), 'utf8')).toBe(DNSCONFIG); // the source is the user's to edit
    const again = await runCli(cli.path, ['check', '--offline', '--zone', irPath, '--format', 'json'], {});
    expect((JSON.parse(again.stdout) as CheckResult).findings.map((f) => f.rule)).not.toContain(
      'sts-record-invalid',
    );
  });

  it('stays at the IR line without filepos, without a dnsconfig.js beside the IR, or when the line holds no call', async () => {
    const cases = {
      'no-filepos': { 'dnsconfig.js': DNSCONFIG, 'dnscontrol-ir.json': ir(false) },
      'no-source': { 'dnscontrol-ir.json': ir(true) },
      // A dnsconfig.js that does not match the IR (edited since print-ir ran): line 4 is no call.
      'stale-source': {
        'dnsconfig.js': 'var REG = NewRegistrar("none");\n\n\n\n',
        'dnscontrol-ir.json': ir(true),
      },
    };
    for (const [name, files] of Object.entries(cases)) {
      const at = await folder(name, files);
      const irPath = join(at, 'dnscontrol-ir.json');
      const result = await checkJson(irPath);
      const invalid = result.findings.find((f) => f.rule === 'sts-record-invalid');
      const recordLine =
        lineOf(files['dnscontrol-ir.json'], '"comparablev3": "\\"v=STSv1; id=2026-01\\""') - 1;
      expect(invalid?.location, name).toEqual({ file: irPath, line: recordLine });
    }
  });
});
