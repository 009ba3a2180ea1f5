/**
 * Issue 9 class 10 through the BUILT CLI: `--output` into a folder that does not exist (or onto a
 * folder) is one line naming --output, exit 2, no stack trace; the same run with a writable
 * --output writes the result.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, runCli, type BuiltCli } from '../integration/built-cli.js';

const LIMIT_MS = 30_000;
const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx.good.test\r\nmax_age: 604800\r\n';

let cli: BuiltCli;
let dir: string;

beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-10-'));
  await writeFile(join(dir, 'good.txt'), POLICY);
}, 60_000);

afterAll(async () => {
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const check = (output: string) =>
  runCli(
    cli.path,
    [
      'check',
      '--offline',
      '--policy-file',
      `good.test=${join(dir, 'good.txt')}`,
      '--format',
      'json',
      '--output',
      output,
    ],
    {},
    LIMIT_MS,
  );

describe('--output errors (issue 9 class 10)', () => {
  it.each([
    ['a missing folder', () => join(dir, 'missing', 'out.json'), 'its folder does not exist'],
    ['a folder', () => dir, 'it is a folder'],
  ])('into %s: one line naming --output, exit 2', async (_why, target, reason) => {
    const out = await check(target());
    expect(out.code).toBe(2);
    expect(out.stderr).toBe(`mta-sts-guard: --output: cannot write ${target()}: ${reason}\n`);
  });

  it('a writable --output gets the result', async () => {
    const out = await check(join(dir, 'out.json'));
    expect(out.code).toBe(0);
    expect(JSON.parse(await readFile(join(dir, 'out.json'), 'utf8'))).toHaveProperty('schemaVersion', 1);
  });
});
