// Bundles the TypeScript test harness (scripts/demo/harness-entry.ts) with esbuild into a
// temporary folder and imports it, for the scripts that start the demo world outside vitest
// (npm run demo, the self-test). Returns the folder (remove it when done) and the module.
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '../..');

export async function loadHarness() {
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-demo-'));
  const outfile = join(dir, 'harness.mjs');
  await build({
    entryPoints: [join(root, 'scripts/demo/harness-entry.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    // CommonJS dependencies (dns2, smtp-server) need a real require inside an ESM bundle.
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  return { dir, harness: await import(pathToFileURL(outfile).href) };
}
