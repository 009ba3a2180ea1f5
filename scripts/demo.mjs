#!/usr/bin/env node
// `npm run demo`: the whole product against a small internet on loopback, without network.
//
// 1. bundles the TypeScript test harness (scripts/demo/harness-entry.ts) with esbuild into a
//    temporary folder and imports it: a throwaway CA, unbound (or dns2's server when unbound is
//    not installed), HTTPS policy hosts and SMTP servers on 127.0.20.x;
// 2. runs the bundled CLI (dist/cli.js; built first if missing) on four demo domains with text
//    output, trusting the throwaway CA through NODE_EXTRA_CA_CERTS only;
// 3. stops every server and removes the temporary files, also on Ctrl-C.
//
// Works as an ordinary user: the servers listen on high ports, passed to the CLI with
// --policy-port and --smtp-port. Environment: DEMO_ADDRESS_PREFIX (default 127.0.20),
// DEMO_POLICY_PORT (8443), DEMO_SMTP_PORT (2525).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDomains } from './demo/domains.mjs';
import { loadHarness } from './demo/load-harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addressPrefix = process.env.DEMO_ADDRESS_PREFIX ?? '127.0.20';
const policyPort = Number(process.env.DEMO_POLICY_PORT ?? 8443);
const smtpPort = Number(process.env.DEMO_SMTP_PORT ?? 2525);
const TIMEOUT_SECONDS = 5;

const say = (text) => process.stderr.write(`\x1b[1mdemo:\x1b[0m ${text}\n`);
const cleanups = [];
let cleaning = null;
function cleanup() {
  cleaning ??= (async () => {
    for (const step of cleanups.reverse()) await step().catch(() => undefined);
  })();
  return cleaning;
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    say(`${signal}: cleaning up`);
    cleanup().finally(() => process.exit(130));
  });
}

async function startHarness() {
  const { dir, harness } = await loadHarness();
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return { dir, harness };
}

function ensureCli() {
  const cli = join(root, 'dist/cli.js');
  if (!existsSync(cli)) {
    say('dist/cli.js is missing: running npm run bundle');
    const built = spawnSync(process.execPath, [join(root, 'scripts/bundle.mjs')], {
      cwd: root,
      stdio: 'inherit',
    });
    if (built.status !== 0) throw new Error('npm run bundle failed');
  }
  return cli;
}

function hasUnbound() {
  return spawnSync('unbound', ['-V'], { stdio: 'ignore' }).error === undefined;
}

async function main() {
  const cli = ensureCli();
  say('bundling the test harness (scripts/demo/harness-entry.ts) with esbuild');
  const { dir, harness } = await startHarness();
  const caDir = join(dir, 'ca');
  await mkdir(caDir);
  const ca = await harness.createTestCa(caDir);
  const dns = hasUnbound() ? 'unbound' : 'dns2';
  if (dns === 'dns2') say("unbound is not installed: using dns2's in-process DNS server instead");
  const domains = demoDomains(harness);
  say(
    `starting ${dns}, policy hosts on :${policyPort} and SMTP servers on :${smtpPort} at ${addressPrefix}.x`,
  );
  const world = await harness.startWorld(domains, { ca, addressPrefix, policyPort, smtpPort, dns });
  cleanups.push(() => world.stop());

  const args = [
    'check',
    ...domains.map((d) => d.domain),
    '--resolver',
    world.resolver,
    '--policy-port',
    String(world.policyPort),
    '--smtp-port',
    String(world.smtpPort),
    '--timeout-seconds',
    String(TIMEOUT_SECONDS),
    // `npm run demo -- --format json` (or markdown, sarif): extra flags go to the check.
    ...process.argv.slice(2),
  ];
  say(`NODE_EXTRA_CA_CERTS=${ca.caFile} node dist/cli.js ${args.join(' ')}\n`);
  const code = await new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, ...args], {
      cwd: root,
      env: { ...process.env, NODE_EXTRA_CA_CERTS: ca.caFile },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', resolve);
  });
  process.stderr.write('\n');
  say(
    code === 1
      ? 'exit code 1: findings at or above --fail-on error (as expected for broken.example and moved.example)'
      : `exit code ${code}`,
  );
  return code === 0 || code === 1 ? 0 : 1;
}

main()
  .then(async (code) => {
    await cleanup();
    say('stopped every server and removed the temporary files');
    process.exitCode = code;
  })
  .catch(async (error) => {
    await cleanup();
    process.stderr.write(
      `demo failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 1;
  });
