/**
 * The counting side of ingestion: which reports were parsed, duplicated or refused, and which
 * inputs were invalid (one entry per unit, naming it). The Ingestor counts this way as it reads,
 * in input order, whichever thread read the unit.
 */
import type { ReportAggregator } from '../core/aggregate.js';
import type { QuirkCode } from '../core/report.js';
import type { Logger } from '../ports.js';
import type { PayloadResult } from './payload.js';
import type { SmallFileOutcome } from './report-file.js';

export interface InvalidUnit {
  path: string;
  error: string;
}

export interface IngestCounts {
  files: number;
  /** Reports that parsed (each delivery, duplicates included). */
  parsed: number;
  duplicates: number;
  /** Mail messages and archive entries that were not TLS-RPT reports, skipped. */
  skipped: number;
  messages: number;
  quirks: Map<QuirkCode, number>;
}

export type PayloadOutcome = { ok: true } | { ok: false; error: string } | { ok: 'not-json' };

/** A small report file's outcome that needs no reading beyond its bytes. */
export type CountedFileOutcome = Extract<SmallFileOutcome, { kind: 'report' | 'invalid' | 'skip' }>;

export function emptyCounts(): IngestCounts {
  return { files: 0, parsed: 0, duplicates: 0, skipped: 0, messages: 0, quirks: new Map() };
}

export class IngestAccount {
  readonly invalid: InvalidUnit[] = [];
  readonly counts: IngestCounts = emptyCounts();

  constructor(
    protected readonly aggregator: ReportAggregator,
    protected readonly logger: Logger,
  ) {}

  /** One small file's outcome, counted as reading the file on its own would count it. */
  countFile(path: string, outcome: CountedFileOutcome): void {
    switch (outcome.kind) {
      case 'report': {
        this.counts.files++;
        const accepted = this.accept({ ok: true, digest: outcome.digest });
        if (accepted.ok !== true) this.fail(path, accepted.ok === false ? accepted.error : 'not JSON');
        return;
      }
      case 'invalid':
        this.counts.files++;
        this.fail(path, outcome.error);
        return;
      case 'skip':
        this.logger.debug(`reports: skipped ${path} (not a report file)`);
        return;
    }
  }

  /** A read report is counted and aggregated (duplicates recognised here, in input order). */
  protected accept(reading: PayloadResult): PayloadOutcome {
    if (reading.ok !== true) return reading;
    const report = reading.digest;
    const outcome = this.aggregator.addDigest(report);
    // DESIGN.md --report-window-days: a report dated in the future is report-invalid.
    if (outcome === 'future') {
      const start = new Date(report.startMs).toISOString();
      return {
        ok: false,
        error: `dated in the future: its range starts ${start}, more than a day after this run's clock`,
      };
    }
    this.counts.parsed++;
    for (const q of report.quirks) this.counts.quirks.set(q.code, (this.counts.quirks.get(q.code) ?? 0) + 1);
    if (outcome === 'duplicate') this.counts.duplicates++;
    return { ok: true };
  }

  protected fail(path: string, error: string): void {
    this.invalid.push({ path, error });
    this.logger.debug(`reports: ${path}: ${error}`);
  }
}
