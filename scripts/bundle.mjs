// Builds the self-contained action (dist/index.js), the CLI (dist/cli.js) and the report-parser
// worker both start for large mailboxes (dist/report-worker.js) with esbuild.
// Both are ESM for Node 20+; CommonJS dependencies (dns2) get a real require via createRequire.
import { build } from 'esbuild';
import { chmod } from 'node:fs/promises';

const common = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  legalComments: 'none',
  logLevel: 'warning',
  banner: {
    js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
  },
};

await build({ ...common, entryPoints: ['src/index.ts'], outfile: 'dist/index.js' });
await build({
  ...common,
  entryPoints: ['src/cli.ts'],
  outfile: 'dist/cli.js',
  banner: { js: '#!/usr/bin/env node\n' + common.banner.js },
});
await chmod('dist/cli.js', 0o755);
// The report parser alone, for the worker threads of large mailboxes (src/reports/pool.ts).
await build({ ...common, entryPoints: ['src/reports/worker-entry.ts'], outfile: 'dist/report-worker.js' });
