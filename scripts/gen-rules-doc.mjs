// Regenerates docs/rules.md from the rule catalogue (src/core/findings.ts).
import { build } from 'esbuild';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const dir = await mkdtemp(join(tmpdir(), 'rules-doc-'));
try {
  const outfile = join(dir, 'rules-doc.mjs');
  await build({
    entryPoints: ['src/render/rules-doc.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    outfile,
    logLevel: 'warning',
  });
  const { renderRulesDoc } = await import(pathToFileURL(outfile).href);
  await writeFile('docs/rules.md', renderRulesDoc());
  console.log('wrote docs/rules.md');
} finally {
  await rm(dir, { recursive: true, force: true });
}
