/**
 * Runs the built action as a GitHub runner does (FIELD-NOTES "Running the action as GitHub
 * does"): `node dist/index.js` with INPUT_* variables (upper case, hyphens kept) and the files
 * behind GITHUB_OUTPUT, GITHUB_STEP_SUMMARY and GITHUB_EVENT_PATH; returns exit code, log and
 * the files' contents.
 */
import { execFile, spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'yaml';

const ROOT = new URL('../..', import.meta.url).pathname;
/** A run that takes longer is stuck: the tests fail rather than hang. */
const RUN_TIMEOUT_MS = 60_000;

/**
 * `npm run bundle`, then a private copy of dist/ (index.js, the chunks it loads, the report
 * worker): other test files may rebuild dist/ at the same time, and a half-written bundle must
 * not be what a scenario runs.
 */
export async function buildAction(): Promise<string> {
  await promisify(execFile)('npm', ['run', '-s', 'bundle'], { cwd: ROOT, timeout: 120_000 });
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-dist-'));
  await cp(join(ROOT, 'dist'), dir, { recursive: true });
  return join(dir, 'index.js');
}

/** The token a runner passes for `${{ github.token }}`. */
export const TEST_TOKEN = 'ghs_stand-in-token';

/**
 * The runner sets INPUT_* for every input of action.yml, defaults included: so do we, with the
 * `${{ github.token }}` expression evaluated to a test token.
 */
export async function actionDefaults(root = ROOT): Promise<Record<string, string>> {
  const action = parse(await readFile(join(root, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default?: string }>;
  };
  return Object.fromEntries(
    Object.entries(action.inputs).map(([name, spec]) => [
      name,
      String(spec.default ?? '').replace('${{ github.token }}', TEST_TOKEN),
    ]),
  );
}

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  summary: string;
  /** `::error …::message` and friends, parsed from stdout. */
  commands: { command: string; properties: string; message: string }[];
}

export interface RunOptions {
  bundle: string;
  /** Working directory (the checkout). */
  cwd: string;
  inputs: Record<string, string>;
  eventName: string;
  payload?: object;
  apiUrl?: string;
  repository?: string;
  extraEnv?: Record<string, string>;
  /** The repository root holding action.yml; default: found from this file (unbundled). */
  root?: string;
}

/** GITHUB_OUTPUT holds `name<<DELIM\nvalue\nDELIM` blocks (as @actions/core writes them). */
export function parseOutputs(text: string): Record<string, string> {
  const outputs: Record<string, string> = {};
  const block = /^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm;
  for (let m = block.exec(text); m; m = block.exec(text)) outputs[m[1]!] = m[3]!;
  return outputs;
}

export async function runAction(options: RunOptions): Promise<ActionRun> {
  const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-runner-'));
  const files = {
    output: join(dir, 'output'),
    summary: join(dir, 'summary.md'),
    event: join(dir, 'event.json'),
  };
  await writeFile(files.output, '');
  await writeFile(files.summary, '');
  await writeFile(files.event, JSON.stringify(options.payload ?? {}));
  const env: Record<string, string> = {
    PATH: process.env['PATH'] ?? '',
    HOME: dir,
    GITHUB_ACTIONS: 'true',
    GITHUB_OUTPUT: files.output,
    GITHUB_STEP_SUMMARY: files.summary,
    GITHUB_EVENT_NAME: options.eventName,
    GITHUB_EVENT_PATH: files.event,
    GITHUB_REPOSITORY: options.repository ?? 'octo-org/dns',
    GITHUB_SERVER_URL: 'https://github.com',
    GITHUB_RUN_ID: '4242',
    GITHUB_WORKSPACE: options.cwd,
    RUNNER_TEMP: join(dir, 'runner-temp'),
    ...(options.apiUrl ? { GITHUB_API_URL: options.apiUrl } : {}),
    ...(process.env['NODE_EXTRA_CA_CERTS']
      ? { NODE_EXTRA_CA_CERTS: process.env['NODE_EXTRA_CA_CERTS'] }
      : {}),
    ...options.extraEnv,
  };
  const inputs = { ...(await actionDefaults(options.root)), ...options.inputs };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.toUpperCase()}`] = value;

  const child = spawn(process.execPath, [options.bundle], { cwd: options.cwd, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
  clearTimeout(timer);

  const commands = [...stdout.matchAll(/^::(\w+)(?: ([^:]*))?::(.*)$/gm)].map((m) => ({
    command: m[1]!,
    properties: m[2] ?? '',
    message: m[3]!.replace(/%0A/g, '\n').replace(/%0D/g, '\r').replace(/%25/g, '%'),
  }));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(await readFile(files.output, 'utf8')),
    summary: await readFile(files.summary, 'utf8'),
    commands,
  };
}
