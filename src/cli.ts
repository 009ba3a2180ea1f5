/**
 * CLI entry (DESIGN.md "The CLI contract"): argv → Config → check() → rendering → exit code.
 * Exit 0: nothing at or above --fail-on; 1: findings at or above it; 2: usage or configuration error.
 */
// First: in a report-parser thread started on this bundle, nothing after it runs.
import './reports/worker-guard.js';
import { writeFile } from 'node:fs/promises';
import { check } from './check.js';
import { parseCliArgs, USAGE, type CliCommand } from './cli-args.js';
import { ConfigurationError, runIdentityFromEnv } from './config.js';
import { failingFindings } from './core/fail-policy.js';
import { applyFixes, readResultsFindings } from './fix-command.js';
import { runMerge } from './merge-cli.js';
import { createNetwork } from './net/network.js';
import { systemClock, type Logger } from './ports.js';
import { stderrProgress } from './progress-reporter.js';
import { renderPieces } from './render/index.js';
import { colorWanted } from './render/text-style.js';
import { safeLogLine } from './render/untrusted.js';
import { TOOL_VERSION } from './version.js';
import { capHeapGrowth } from './heap-growth-cap.js';

/** Issue 9 class 9: every log line goes through the one sanitiser (untrusted.ts). */
const stderrLogger: Logger = {
  debug: (m) => {
    if (process.env['MTA_STS_GUARD_DEBUG']) process.stderr.write(`debug: ${safeLogLine(m)}\n`);
  },
  info: (m) => process.stderr.write(`${safeLogLine(m)}\n`),
  warning: (m) => process.stderr.write(`warning: ${safeLogLine(m)}\n`),
  progress: (m) => process.stderr.write(`${safeLogLine(m)}\n`),
};

export async function runCli(argv: string[]): Promise<number> {
  // `merge` has its own flags (src/merge-cli.ts); the word comes first.
  if (argv[0] === 'merge') return runMerge(argv.slice(1), stderrLogger);
  let command;
  try {
    command = parseCliArgs(argv);
  } catch (error) {
    return usageError(error);
  }
  if (command.kind === 'help') {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (command.kind === 'version') {
    process.stdout.write(TOOL_VERSION + '\n');
    return 0;
  }
  if (command.kind === 'fix') return runFix(command);
  const { config } = command;
  config.runId ??= runIdentityFromEnv(process.env);
  // The heap of a long run (live domains, a large mailbox) would grow to 3 x what it holds on
  // Node 24 (issue 11 item 4).
  capHeapGrowth();
  const network = config.offline ? undefined : await createNetwork(config, stderrLogger);
  const progress = stderrProgress();
  try {
    const result = await check(config, { clock: systemClock, logger: stderrLogger, network, progress });
    progress.finish();
    // Written piece by piece: a large JSON result is never one string (issue 11 item 4).
    const pieces = renderPieces(result, config.format, {
      anchorFile: config.domainsFile,
      verbose: config.verbose,
      failOn: config.failOn,
      color:
        config.output === null && colorWanted({ isTTY: process.stdout.isTTY === true, env: process.env }),
    });
    if (config.output) await writeOutput(config.output, pieces);
    else for (const piece of pieces) process.stdout.write(piece);
    return failingFindings(result.findings, config.failOn).length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigurationError) return usageError(error);
    throw error;
  } finally {
    progress.finish();
    await network?.close();
  }
}

/**
 * Issue 9 class 10: a missing folder, a full disk or a read-only file is said in one line that
 * names --output (exit 2), never a stack trace.
 */
async function writeOutput(path: string, text: string | Iterable<string>): Promise<void> {
  try {
    await writeFile(path, text);
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    const reason =
      e.code === 'ENOENT'
        ? 'its folder does not exist'
        : e.code === 'ENOSPC'
          ? 'the disk is full'
          : e.code === 'EISDIR'
            ? 'it is a folder'
            : e.code === 'EACCES' || e.code === 'EPERM' || e.code === 'EROFS'
              ? 'permission denied'
              : (e.code ?? e.message);
    throw new ConfigurationError(`--output: cannot write ${path}: ${reason}`, { cause: error });
  }
}

/** `fix`: the edits of a results file, or of a fresh run with check's flags. */
async function runFix(command: Extract<CliCommand, { kind: 'fix' }>): Promise<number> {
  let findings;
  try {
    if (command.resultsFile) findings = await readResultsFindings(command.resultsFile);
    else {
      const { config } = command;
      capHeapGrowth();
      const network = config.offline ? undefined : await createNetwork(config, stderrLogger);
      try {
        findings = (await check(config, { clock: systemClock, logger: stderrLogger, network })).findings;
      } finally {
        await network?.close();
      }
    }
  } catch (error) {
    return usageError(error);
  }
  const outcome = await applyFixes(findings, { cwd: process.cwd(), dryRun: command.dryRun });
  if (command.dryRun) process.stdout.write(outcome.diff);
  for (const line of outcome.refused) process.stderr.write(`mta-sts-guard: fix: ${line}\n`);
  const verb = command.dryRun ? 'would change' : 'changed';
  process.stderr.write(
    `fix: ${verb} ${outcome.changed.length} file(s)${outcome.refused.length ? `, refused ${outcome.refused.length}` : ''}\n`,
  );
  return outcome.refused.length > 0 ? 1 : 0;
}

function usageError(error: unknown): number {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`mta-sts-guard: ${safeLogLine(message)}\n`);
  return 2;
}

runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `mta-sts-guard: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 2;
  },
);
