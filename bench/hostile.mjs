// Hostile part of `npm run bench` (issue 9 acceptance): bundles bench/hostile/main.ts with
// esbuild into .bench/ and runs it against the BUILT CLI, dist/cli.js (`npm run bundle` first):
// one hostile case per class of issue 9 beside good input, with wall time, peak RSS, exit code,
// stack trace and good input judged per case, each against its bound. Exits non-zero on a miss.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function benchHostile(root, dir) {
  const cli = join(root, 'dist', 'cli.js');
  if (!existsSync(cli)) throw new Error(`${cli} is missing: run npm run bundle first`);
  const child = join(dir, 'hostile-bench.mjs');
  await build({
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
    entryPoints: [join(root, 'bench', 'hostile', 'main.ts')],
    outfile: child,
  });
  try {
    execFileSync(process.execPath, [child, cli, join(dir, 'hostile')], { stdio: 'inherit' });
  } catch {
    process.exitCode = 1;
  }
}
