#!/usr/bin/env node
// The action's self-test: `uses: ./` against the demo world (local DNS, HTTPS and SMTP servers
// on loopback), then assertions on the step's outputs and its job summary. One script serves
// .github/workflows/self-test.yml and `npm test` (test/action/self-test.test.ts):
//
//   node scripts/self-test.mjs serve ENVFILE   start the world, write its coordinates to ENVFILE
//                                              (KEY=VALUE lines for $GITHUB_ENV), run until SIGTERM
//   node scripts/self-test.mjs assert          check OUTPUTS (the step's outputs as JSON) and the
//                                              summary files in SUMMARY_DIR
//   node scripts/self-test.mjs local           all of it on this machine: the world, the built
//                                              dist/index.js with INPUT_* variables as a runner
//                                              sets them, then the same assertions
//
// Environment: SELF_TEST_ADDRESS_PREFIX (default 127.0.21), SELF_TEST_POLICY_PORT (8444),
// SELF_TEST_SMTP_PORT (2526): high ports, so it runs as an ordinary user too; SELF_TEST_BUNDLE
// (default dist/index.js), the built action that `local` runs.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { demoDomains } from './demo/domains.mjs';
import { loadHarness } from './demo/load-harness.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addressPrefix = process.env.SELF_TEST_ADDRESS_PREFIX ?? '127.0.21';
const policyPort = Number(process.env.SELF_TEST_POLICY_PORT ?? 8444);
const smtpPort = Number(process.env.SELF_TEST_SMTP_PORT ?? 2526);
/** What the demo world must give (scripts/demo/domains.mjs): two domains with enforce-mode errors. */
const EXPECTED_BROKEN = ['broken.example', 'moved.example'];

const say = (text) => process.stderr.write(`self-test: ${text}\n`);

/** Starts the demo world; returns its coordinates and a stop function. */
async function startDemoWorld() {
  const { dir, harness } = await loadHarness();
  const caDir = join(dir, 'ca');
  await mkdir(caDir);
  const ca = await harness.createTestCa(caDir);
  const dns = spawnSync('unbound', ['-V'], { stdio: 'ignore' }).error === undefined ? 'unbound' : 'dns2';
  const domains = demoDomains(harness);
  const world = await harness.startWorld(domains, { ca, addressPrefix, policyPort, smtpPort, dns });
  return {
    env: {
      SELF_TEST_DOMAINS: domains.map((d) => d.domain).join(' '),
      SELF_TEST_RESOLVER: world.resolver,
      SELF_TEST_POLICY_PORT: String(world.policyPort),
      SELF_TEST_SMTP_PORT: String(world.smtpPort),
      SELF_TEST_CA_FILE: ca.caFile,
    },
    stop: async () => {
      await world.stop();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The action's inputs for the demo world (the workflow passes the same through `with:`). */
function inputsFor(env, resultsFile) {
  return {
    domains: env.SELF_TEST_DOMAINS,
    resolver: env.SELF_TEST_RESOLVER,
    'policy-port': env.SELF_TEST_POLICY_PORT,
    'smtp-port': env.SELF_TEST_SMTP_PORT,
    'timeout-seconds': '5',
    'smtp-probe': 'on',
    'open-issues': 'false',
    'json-file': resultsFile,
  };
}

/** Throws with every failed expectation listed; `outputs` are the step's outputs. */
export function assertRun(outputs, summaryDir) {
  const problems = [];
  if (!(Number(outputs.errors) > 0))
    problems.push(`output errors is ${JSON.stringify(outputs.errors)}, expected > 0`);
  if (!/^\d+$/.test(outputs.warnings ?? ''))
    problems.push(`output warnings is ${JSON.stringify(outputs.warnings)}`);
  if (outputs['enforce-risk'] !== 'true')
    problems.push(`output enforce-risk is ${JSON.stringify(outputs['enforce-risk'])}, expected "true"`);
  const file = outputs['results-file'];
  if (!file || !existsSync(file)) problems.push(`output results-file ${JSON.stringify(file)} names no file`);
  else {
    const result = JSON.parse(readFileSync(file, 'utf8'));
    const names = result.domains.map((d) => d.domain).sort();
    if (result.schemaVersion !== 1) problems.push(`results file schemaVersion ${result.schemaVersion}`);
    if (names.length !== 4) problems.push(`results file has ${names.length} domains, expected 4`);
    const broken = [
      ...new Set(result.findings.filter((f) => f.severity === 'error').map((f) => f.domain)),
    ].sort();
    for (const d of EXPECTED_BROKEN) if (!broken.includes(d)) problems.push(`no error for ${d}`);
    if (broken.includes('healthy.example')) problems.push('healthy.example has an error');
    if (String(result.summary.errors) !== outputs.errors)
      problems.push(`output errors ${outputs.errors} ≠ results file ${result.summary.errors}`);
  }
  const summaries = existsSync(summaryDir)
    ? readdirSync(summaryDir).map((f) => readFileSync(join(summaryDir, f), 'utf8'))
    : [];
  if (!summaries.some((s) => s.includes('mta-sts-guard') && EXPECTED_BROKEN.every((d) => s.includes(d))))
    problems.push(`no job summary naming ${EXPECTED_BROKEN.join(' and ')} in ${summaryDir}`);
  if (problems.length > 0) throw new Error(`self-test failed:\n- ${problems.join('\n- ')}`);
  say(
    `passed: ${outputs.errors} errors, ${outputs.warnings} warnings, enforce-risk ${outputs['enforce-risk']}, summary written`,
  );
}

async function serve(envFile) {
  const world = await startDemoWorld();
  writeFileSync(
    envFile,
    Object.entries(world.env)
      .map(([k, v]) => `${k}=${v}\n`)
      .join(''),
  );
  say(`demo world up; coordinates in ${envFile}`);
  const stop = () => world.stop().finally(() => process.exit(0));
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  setInterval(() => undefined, 1 << 30);
}

/** Reads `name<<DELIM … DELIM` blocks from a GITHUB_OUTPUT file, as @actions/core writes them. */
function readOutputs(text) {
  const outputs = {};
  const block = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = block.exec(text); m; m = block.exec(text)) outputs[m[1]] = m[3];
  return outputs;
}

async function local() {
  const world = await startDemoWorld();
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-self-test-'));
  try {
    const summaryDir = join(dir, 'summaries');
    await mkdir(summaryDir);
    const files = {
      output: join(dir, 'output'),
      summary: join(summaryDir, 'step_summary_guard'),
      event: join(dir, 'event.json'),
    };
    await Promise.all([
      writeFile(files.output, ''),
      writeFile(files.summary, ''),
      writeFile(files.event, '{}'),
    ]);
    const action = readActionDefaults();
    const inputs = { ...action, ...inputsFor(world.env, join(dir, 'results.json')) };
    const env = {
      ...process.env,
      ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
      NODE_EXTRA_CA_CERTS: world.env.SELF_TEST_CA_FILE,
      GITHUB_OUTPUT: files.output,
      GITHUB_STEP_SUMMARY: files.summary,
      GITHUB_EVENT_PATH: files.event,
      GITHUB_EVENT_NAME: 'workflow_dispatch',
      GITHUB_REPOSITORY: 'owner/mta-sts-guard',
      GITHUB_WORKSPACE: root,
      GITHUB_ACTIONS: 'true',
    };
    const code = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [process.env.SELF_TEST_BUNDLE ?? join(root, 'dist/index.js')], {
        cwd: root,
        env,
        stdio: ['ignore', 'inherit', 'inherit'],
      });
      child.on('error', reject);
      child.on('close', resolve);
    });
    // The demo has enforce-mode errors, so the step fails (exit 1) as it would on GitHub.
    if (code !== 1) throw new Error(`the action exited ${code}, expected 1 (findings)`);
    assertRun(readOutputs(readFileSync(files.output, 'utf8')), summaryDir);
  } finally {
    await rm(dir, { recursive: true, force: true });
    await world.stop();
  }
}

/** The runner sets INPUT_* for every input of action.yml, defaults included. */
function readActionDefaults() {
  const text = readFileSync(join(root, 'action.yml'), 'utf8');
  const defaults = {};
  let current = null;
  for (const line of text.split('\n')) {
    const name = /^ {2}([a-z-]+):\s*$/.exec(line);
    if (name) current = name[1];
    const value = /^ {4}default:\s*'?(.*?)'?\s*$/.exec(line);
    if (current && value) defaults[current] = value[1].replace('${{ github.token }}', 'ghs_self-test');
    if (/^outputs:/.test(line)) break;
  }
  return defaults;
}

const [mode, arg] = process.argv.slice(2);
const run =
  mode === 'serve' && arg
    ? serve(arg)
    : mode === 'assert'
      ? Promise.resolve().then(() =>
          assertRun(JSON.parse(process.env.OUTPUTS ?? '{}'), process.env.SUMMARY_DIR ?? ''),
        )
      : mode === 'local'
        ? local()
        : Promise.reject(new Error('usage: self-test.mjs serve ENVFILE | assert | local'));
run.catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
