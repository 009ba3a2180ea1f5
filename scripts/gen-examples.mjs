// Regenerates docs/example-summary.md and docs/example-text.txt from the fictional world in
// test/fixtures/examples at a fixed clock (scripts/examples/render-examples.ts); the staleness
// test (test/docs/examples.test.ts) renders the same and compares.
import { build } from 'esbuild';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

process.chdir(join(dirname(fileURLToPath(import.meta.url)), '..'));
// Inside the repository, so the bundle's package imports resolve from its node_modules.
await mkdir('node_modules/.cache', { recursive: true });
const dir = await mkdtemp('node_modules/.cache/examples-');
try {
  const outfile = join(dir, 'render-examples.mjs');
  await build({
    entryPoints: ['scripts/examples/render-examples.ts'],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'warning',
    packages: 'external',
  });
  const { renderExamples, EXAMPLE_FILES } = await import(pathToFileURL(join(process.cwd(), outfile)).href);
  const { summary, text } = await renderExamples();
  await writeFile(EXAMPLE_FILES.summary, summary);
  await writeFile(EXAMPLE_FILES.text, text);
  console.log(`wrote ${EXAMPLE_FILES.summary} and ${EXAMPLE_FILES.text}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
