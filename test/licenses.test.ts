/** dist/licenses.txt (issue 13): every package the bundles redistribute, with its licence text. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { promisify } from 'node:util';
import { beforeAll, expect, it } from 'vitest';

const ROOT = new URL('..', import.meta.url).pathname;
let text = '';

beforeAll(async () => {
  await promisify(execFile)('npm', ['run', '-s', 'bundle'], { cwd: ROOT, timeout: 120_000 });
  text = readFileSync(new URL('../dist/licenses.txt', import.meta.url), 'utf8');
});

/** `name@version (licence)` headings, each followed by its text. */
function sections(): Map<string, string> {
  const parts = text.split(/^={78}\n(.+)\n={78}\n/m).slice(1);
  const map = new Map<string, string>();
  for (let i = 0; i < parts.length; i += 2) map.set(parts[i]!, parts[i + 1]!.trim());
  return map;
}

/** What src/ imports at run time (devDependencies: the bundles carry them, the package needs none). */
const BUNDLED = ['@actions/core', '@actions/github', '@actions/http-client', 'tinyglobby', 'yaml', 'yauzl'];

it('lists every package src/ imports at run time, each with a non-empty licence text', () => {
  const listed = sections();
  for (const name of BUNDLED) {
    const heading = [...listed.keys()].find((h) => h.startsWith(`${name}@`));
    expect(heading, name).toBeDefined();
    expect(listed.get(heading!)!.length, name).toBeGreaterThan(100);
  }
});

it('counts its sections in the header, and names licences the MIT package may redistribute', () => {
  const listed = sections();
  expect(text).toContain(`${listed.size} packages.`);
  for (const heading of listed.keys())
    expect(heading).toMatch(/\((MIT|ISC|Apache-2\.0|BSD-[23]-Clause|0BSD)\)$/);
});
