/**
 * TLS-RPT reports aggregated per policy domain (RFC 8460 §4).
 * OWNER: reports helper. The exported names and types below are shared contracts.
 */
import type { DomainReportSummary } from './result.js';

export interface DomainReports {
  domain: string;
  /** The contract summary (DESIGN.md domains[].reports), possibly with extensions. */
  summary: DomainReportSummary;
}
