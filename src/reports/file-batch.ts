/**
 * A batch of small report files aggregated where it was parsed (issue 11 item 5). Shipping each
 * report's digest to the main thread and aggregating it there cost about as much as parsing it,
 * and left the main thread the bottleneck of a folder of 20,000 small reports. A parser worker
 * instead counts its batch as the Ingestor would (./accounting.ts) into an aggregator of its
 * own; the main thread merges batches in input order, and only when the merge gives exactly the
 * one-by-one result (ReportAggregator.mergeState): otherwise the batch is read again as digests.
 */
import { ReportAggregator, type AggregatorState } from '../core/aggregate.js';
import type { ReportWindow } from '../core/report-window.js';
import { IngestAccount, type CountedFileOutcome, type IngestCounts, type InvalidUnit } from './accounting.js';

export interface FileBatchAggregate {
  state: AggregatorState;
  counts: IngestCounts;
  invalid: InvalidUnit[];
  /** The debug lines counting logged, in order: the main thread logs them in the batch's place. */
  debug: string[];
}

/**
 * The batch's files read, counted and aggregated one at a time (each outcome dies young), or
 * null as soon as one of them needs the main thread (a large file, a mailbox, an unreadable
 * path): then the caller reads the batch again as outcomes, used one by one in their place.
 */
export function aggregateFileBatch<F extends { path: string }>(
  files: readonly F[],
  read: (file: F) => { kind: string },
  window: ReportWindow,
): FileBatchAggregate | null {
  const aggregator = new ReportAggregator(window);
  const debug: string[] = [];
  const account = new IngestAccount(aggregator, {
    debug: (line) => debug.push(line),
    info: () => undefined,
    warning: () => undefined,
    progress: () => undefined,
  });
  for (const file of files) {
    const outcome = read(file);
    if (!isCounted(outcome)) return null;
    account.countFile(file.path, outcome);
  }
  return { state: aggregator.exportState(), counts: account.counts, invalid: account.invalid, debug };
}

function isCounted(o: { kind: string }): o is CountedFileOutcome {
  return o.kind === 'report' || o.kind === 'invalid' || o.kind === 'skip';
}
