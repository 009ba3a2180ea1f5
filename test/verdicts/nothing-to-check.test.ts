/** Issue 10 item 1: a run with nothing to check is a configuration error (exit 2), never a PASS. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, type BuiltCli } from '../integration/built-cli.js';

let cli: BuiltCli;
let dir: string;

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-nothing-'));
}, 60_000);

afterAll(async () => {
  await cli?.remove();
  await rm(dir, { recursive: true, force: true });
});

describe('built CLI: nothing to check', () => {
  it('check --offline with no input exits 2 and names the inputs', async () => {
    const run = await runCli(cli.path, ['check', '--offline'], {});
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/nothing to check: give a domain, domains file, zone, policy file or reports/);
  });

  it('check with no input (live) exits 2 before any lookup', async () => {
    const run = await runCli(cli.path, ['check', '--resolver', '127.0.0.1:1'], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/nothing to check/);
  });

  it('a domains file with only comments exits 2 naming the file', async () => {
    const file = join(dir, 'domains.txt');
    await writeFile(file, '# no domain yet\n\n   # still none\n');
    const run = await runCli(cli.path, ['check', '--offline', '--domains-file', file], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`--domains-file: ${file} lists no domain`);
  });
});
