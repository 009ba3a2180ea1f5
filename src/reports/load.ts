/**
 * Reports phase of a run: ingest every --reports path, parse, deduplicate, aggregate.
 * OWNER: reports helper. Signature is a shared contract with src/check.ts.
 */
import type { DomainReports } from '../core/aggregate.js';
import type { Finding } from '../core/findings.js';
import type { ReportsSummary } from '../core/result.js';
import type { Logger } from '../ports.js';

export interface LoadedReports {
  /** Per policy domain, within the report window. */
  byDomain: Map<string, DomainReports>;
  summary: ReportsSummary;
  /** report-invalid findings (domain null or the report's domain). */
  findings: Finding[];
}

export interface ReportSource {
  /** --reports globs, folders and files. */
  paths: string[];
  /** Already-fetched archives (the action's reports-artifact), by display name. */
  archives?: { name: string; bytes: Uint8Array }[];
}

export async function loadReports(
  _source: ReportSource,
  _windowDays: number,
  _logger: Logger,
): Promise<LoadedReports> {
  return { byDomain: new Map(), summary: { files: 0, parsed: 0, invalid: [] }, findings: [] };
}
