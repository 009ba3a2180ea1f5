/** Text block for one domain's TLS-RPT totals (table and sparkline). OWNER: reports helper. */
import type { DomainReportSummary } from '../core/result.js';

export function renderReportsText(summary: DomainReportSummary): string[] {
  return [`  reports: ${summary.successfulSessions} successful, ${summary.failedSessions} failed sessions`];
}
