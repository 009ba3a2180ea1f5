/**
 * The merge step's I/O (issue 12): reads shard results files and, with --reports, the reports,
 * then hands them to the pure merge (src/core/merge.ts). Refusals become a ConfigurationError
 * naming the file, so the CLI exits 2 and the action fails naming the input.
 */
import { ConfigurationError } from './config.js';
import { mergeShards, type MergeOutcome, type ShardFile } from './core/merge.js';
import { stat } from 'node:fs/promises';
import { glob, isDynamicPattern } from 'tinyglobby';
import type { CheckResult } from './core/result.js';
import { describeInputProblem, readInputFile } from './input-file.js';
import type { Clock, Logger } from './ports.js';
import { reportWindow } from './core/report-window.js';
import { loadReports, type ReportSource } from './reports/load.js';

/**
 * One shard results file: 500 domains with full MX and certificate detail is about 2 MiB, and
 * the list of 100,000 domains it carries about 2.5 MiB more. 64 MiB is far beyond any real shard.
 */
export const MAX_RESULTS_FILE_BYTES = 64 * 1024 * 1024;

export interface MergeRequest {
  /** What names the files in messages: `RESULTS.json` for the CLI, `merge-results` for the action. */
  flag: string;
  paths: string[];
  allowMissingShards: boolean;
  /** Reports read once here; null: keep what the shards judged. */
  reports: (ReportSource & { windowDays: number }) | null;
}

export type MergedRun = Extract<MergeOutcome, { kind: 'merged' }>;

export async function mergeResultsFiles(
  request: MergeRequest,
  deps: { clock: Clock; logger: Logger },
): Promise<MergedRun> {
  if (request.paths.length === 0) throw new ConfigurationError(`${request.flag}: no results file given`);
  const files: ShardFile[] = [];
  for (const path of request.paths) files.push({ name: path, result: await readResults(request.flag, path) });

  let reports = null;
  if (request.reports) {
    // The window counts back from this run's clock, as in check (DESIGN.md --report-window-days).
    const window = reportWindow(deps.clock.now(), request.reports.windowDays);
    const loaded = await loadReports(request.reports, window, deps.logger);
    reports = {
      ...loaded,
      settings: {
        now: deps.clock.now(),
        // Only the report rules run here; these two are never read by them.
        certExpiryWarningDays: 0,
        smtpProbe: 'auto' as const,
        offline: false,
        reportsGiven: true,
        reportWindowDays: request.reports.windowDays,
      },
    };
  }
  const outcome = mergeShards(files, { allowMissingShards: request.allowMissingShards, reports });
  if (outcome.kind === 'refused') throw new ConfigurationError(`${request.flag}: ${outcome.message}`);
  const { result, missingShards, uncheckedDomains } = outcome;
  deps.logger.info(
    `merge: ${result.shard!.merged!.shards.length} of ${result.shard!.total} shards, ${result.summary.domains} of ${result.shard!.list.count} domains checked`,
  );
  if (missingShards.length > 0) {
    deps.logger.warning(
      `shard${missingShards.length === 1 ? '' : 's'} ${missingShards.join(', ')} missing: ${uncheckedDomains.length} domain(s) not checked: ${uncheckedDomains.join(', ')}`,
    );
  }
  return outcome;
}

async function readResults(flag: string, path: string): Promise<CheckResult> {
  const read = await readInputFile(path, MAX_RESULTS_FILE_BYTES);
  if (read.kind !== 'ok') {
    const problem = describeInputProblem(read, MAX_RESULTS_FILE_BYTES);
    throw new ConfigurationError(
      read.kind === 'error' ? `${flag}: cannot read ${path}: ${problem}` : `${flag}: ${path} ${problem}`,
    );
  }
  try {
    return JSON.parse(read.bytes.toString('utf8')) as CheckResult;
  } catch (error) {
    throw new ConfigurationError(
      `${flag}: ${path}: not JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/**
 * The action's merge-results lines → files: a line naming a file is taken as it is, anything else
 * is a glob. A glob matching nothing is a configuration error: with `if: always()` on the merge
 * job, every shard job failing must not look like a clean merge of nothing.
 */
export async function expandResultsPaths(flag: string, values: readonly string[]): Promise<string[]> {
  const out = new Set<string>();
  for (const value of values) {
    const info = await stat(value).catch(() => null);
    if (info?.isFile()) {
      out.add(value);
    } else if (isDynamicPattern(value)) {
      const matches = await glob(value, { onlyFiles: true, dot: false, followSymbolicLinks: false });
      if (matches.length === 0) throw new ConfigurationError(`${flag}: '${value}' matches no file`);
      for (const file of matches.sort()) out.add(file);
    } else {
      throw new ConfigurationError(`${flag}: no such file: ${value}`);
    }
  }
  return [...out];
}
