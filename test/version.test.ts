import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { TOOL_NAME, TOOL_VERSION } from '../src/version.js';

it('reports the version of package.json', () => {
  const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { name: string; version: string };
  expect([TOOL_NAME, TOOL_VERSION]).toEqual([pkg.name, pkg.version]);
});
