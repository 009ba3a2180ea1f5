/**
 * The CLI as people install it (issue 13): `npm pack`, then the tarball installed into an empty
 * prefix with no network (the package has no dependencies: dist/cli.js and its chunks are self-contained), then
 * the installed `mta-sts-guard` run from there.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
const run = promisify(execFile);
/** npm pack and an offline install of a 1 MB tarball take seconds; longer means stuck. */
const NPM_TIMEOUT_MS = 120_000;
let dir = '';
let bin = '';
let packed: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-pack-'));
  await run('npm', ['run', '-s', 'bundle'], { cwd: ROOT, timeout: NPM_TIMEOUT_MS });
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: ROOT,
    timeout: NPM_TIMEOUT_MS,
  });
  const [info] = JSON.parse(stdout) as { filename: string; files: { path: string }[] }[];
  packed = info!.files.map((f) => f.path).sort();
  const prefix = join(dir, 'prefix');
  await run(
    'npm',
    ['install', '--offline', '--no-audit', '--no-fund', '--prefix', prefix, join(dir, info!.filename)],
    // An empty cache: nothing can come from an earlier install either.
    { cwd: dir, timeout: NPM_TIMEOUT_MS, env: { ...process.env, npm_config_cache: join(dir, 'cache') } },
  );
  bin = join(prefix, 'node_modules', '.bin', 'mta-sts-guard');
}, 4 * NPM_TIMEOUT_MS);

afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

it('packs only the CLI, its chunks, its worker, the licences and the docs of the files whitelist', () => {
  // scripts/bundle.mjs splits the bundles (issue 11 item 6): chunk names carry content hashes.
  const chunks = packed.filter((p) => p.startsWith('dist/chunks/'));
  expect(chunks.length).toBeGreaterThan(0);
  for (const chunk of chunks) expect(chunk).toMatch(/^dist\/chunks\/[\w-]+\.js$/);
  expect(packed.filter((p) => !chunks.includes(p))).toEqual([
    'CHANGELOG.md',
    'LICENSE',
    'README.md',
    'dist/cli.js',
    'dist/licenses.txt',
    'dist/report-worker.js',
    'package.json',
  ]);
});

it('installs offline into an empty prefix and prints its version', async () => {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as { version: string };
  const { stdout } = await run(bin, ['--version'], { timeout: 30_000 });
  expect(stdout.trim()).toContain(pkg.version);
});

it('checks a policy file offline from the installed copy', async () => {
  const policy = join(dir, 'mta-sts.txt');
  await writeFile(policy, 'version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmax_age: 86400\r\n');
  const args = [
    'check',
    'example.com',
    '--offline',
    '--policy-file',
    `example.com=${policy}`,
    '--format',
    'json',
  ];
  const { stdout } = await run(bin, args, { cwd: dir, timeout: 30_000 });
  const result = JSON.parse(stdout) as { tool: { name: string } };
  expect(result.tool.name).toBe('mta-sts-guard');
  expect(stdout).toContain('example.com');
});
