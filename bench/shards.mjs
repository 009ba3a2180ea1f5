// Shard part of `npm run bench` (issue 12): builds the CLI and bench/shards-child.ts with
// esbuild into .bench/, then runs the child (10,000 domains as 20 shards, then the merge).
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

export async function benchShards(root, dir) {
  const options = {
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  };
  const cli = join(dir, 'shards-cli.mjs');
  const child = join(dir, 'shards-child.mjs');
  await build({ ...options, entryPoints: [join(root, 'src', 'cli.ts')], outfile: cli });
  await build({ ...options, entryPoints: [join(root, 'bench', 'shards-child.ts')], outfile: child });
  try {
    execFileSync(process.execPath, [child, cli, join(dir, 'shards')], { stdio: 'inherit' });
  } catch {
    process.exitCode = 1;
  }
}
