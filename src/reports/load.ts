/**
 * Reports phase of a run: ingest every --reports path (and the action's in-memory archives),
 * parse, deduplicate, aggregate over the window. Signature is a shared contract with src/check.ts.
 */
import { ReportAggregator, type DomainReports } from '../core/aggregate.js';
import type { IngestCounts } from './accounting.js';
import type { Ingestor } from './ingest.js';
import type { ReportWindow } from '../core/report-window.js';
import { finding, type Finding } from '../core/findings.js';
import type { ReportsSummary } from '../core/result.js';
import type { Logger } from '../ports.js';

export interface LoadedReports {
  /** Per policy domain, within the report window. */
  byDomain: Map<string, DomainReports>;
  summary: ReportsSummary;
  /** report-invalid findings (domain null: they are about files, listed once). */
  findings: Finding[];
}

export interface ReportSource {
  /** --reports globs, folders and files. */
  paths: string[];
  /** Already-fetched archives (the action's reports-artifact), by display name. */
  archives?: { name: string; bytes: Uint8Array }[];
}

export async function loadReports(
  source: ReportSource,
  window: ReportWindow,
  logger: Logger,
): Promise<LoadedReports> {
  const aggregator = new ReportAggregator(window);
  const archives = source.archives ?? [];
  if (source.paths.length === 0 && archives.length === 0) return summarize(aggregator, [], null, logger);
  // Issue 11 item 6: the readers (MIME, zip, globs, worker pool) load only when a run has reports.
  const [{ expandReportPaths }, { Ingestor }] = await Promise.all([
    import('./expand.js'),
    import('./ingest.js'),
  ]);
  const ingestor = new Ingestor(aggregator, logger);
  try {
    let found = 0;
    const files = await expandReportPaths(source.paths, {
      listed: (n) => ingestor.expectFiles((found += n)),
      folderEstimate: (n) => ingestor.expectFiles(n),
    });
    for (const archive of archives) await ingestor.archive(archive.name, archive.bytes);
    // Refused paths keep their place in the order; runs of readable files go through files().
    let run: typeof files = [];
    for (const file of files) {
      if (file.refused === undefined) {
        run.push(file);
        continue;
      }
      await ingestor.files(run);
      run = [];
      ingestor.refuse(file.path, file.refused);
    }
    await ingestor.files(run);
    return summarize(aggregator, files, ingestor, logger);
  } finally {
    await ingestor.close();
  }
}

/** The aggregate and the ingestor's counts (none: no report input) as the run's LoadedReports. */
function summarize(
  aggregator: ReportAggregator,
  files: readonly unknown[],
  ingestor: Pick<Ingestor, 'counts' | 'invalid'> | null,
  logger: Logger,
): LoadedReports {
  const result = aggregator.finish();
  const { counts, invalid } = ingestor ?? { counts: NO_COUNTS, invalid: [] };

  const summary: ReportsSummary = {
    files: counts.files,
    parsed: counts.parsed,
    invalid,
    duplicates: counts.duplicates,
    outsideWindow: result.outsideWindow,
    future: result.future,
    skippedMessages: counts.skipped,
    messages: counts.messages,
    window: result.window,
    quirks: Object.fromEntries([...counts.quirks].sort(([a], [b]) => a.localeCompare(b))),
  };
  if (counts.files > 0 || files.length > 0) {
    logger.info(
      `reports: ${counts.files} file(s), ${counts.parsed} report(s) parsed (${counts.duplicates} duplicate, ` +
        `${result.outsideWindow} before the window, ${result.future} future-dated), ${invalid.length} invalid` +
        `; window ${result.window.start} to ${result.window.end}`,
    );
  }
  const findings = invalid.map((u) =>
    finding('report-invalid', null, {
      domain: null,
      subject: u.path,
      message: u.error,
    }),
  );
  return { byDomain: result.byDomain, summary, findings };
}

const NO_COUNTS: IngestCounts = {
  files: 0,
  parsed: 0,
  duplicates: 0,
  skipped: 0,
  messages: 0,
  quirks: new Map(),
};
