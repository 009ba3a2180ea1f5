/** Plain-text rendering for terminals and logs: verdict first, then each domain and its findings. */
import { RULES, type Finding, type Severity } from '../core/findings.js';
import type { CheckResult, DomainResult } from '../core/result.js';
import { renderReportsText } from './text-reports.js';
import { reportWindowLine } from './report-window-line.js';
import { domainLabel } from './domain-label.js';

const MARK: Record<Severity, string> = { error: 'ERROR  ', warning: 'WARNING', notice: 'notice ' };

export function renderText(result: CheckResult): string {
  const { summary } = result;
  const out: string[] = [];
  const verdict =
    summary.errors > 0
      ? summary.enforceRisk
        ? 'FAIL: enforce-mode risk, compliant senders will refuse mail'
        : 'FAIL'
      : summary.warnings > 0
        ? 'PASS with warnings'
        : 'PASS';
  out.push(
    `mta-sts-guard ${result.tool.version}: ${verdict}`,
    `${summary.domains} domain(s), ${summary.errors} error(s), ${summary.warnings} warning(s), ${summary.notices} notice(s)`,
  );
  if (result.reports.files > 0) {
    const window = reportWindowLine(result.reports);
    out.push(
      `reports: ${result.reports.files} file(s), ${result.reports.parsed} report(s) parsed, ${result.reports.invalid.length} invalid${window ? `; ${window}` : ''}`,
    );
  }
  const byDomain = new Map<string | null, Finding[]>();
  for (const f of result.findings) {
    const list = byDomain.get(f.domain) ?? [];
    list.push(f);
    byDomain.set(f.domain, list);
  }
  const general = byDomain.get(null) ?? [];
  const runLevel = general.filter(isRunLevel);
  const files = general.filter((f) => !isRunLevel(f));
  if (runLevel.length > 0) out.push('', 'Run', ...runLevel.map(formatFinding));
  if (files.length > 0) out.push('', 'Files', ...files.map(formatFinding));
  for (const domain of result.domains) {
    out.push('', ...renderDomain(domain, byDomain.get(domain.domain) ?? []));
  }
  return out.join('\n') + '\n';
}

function renderDomain(d: DomainResult, findings: Finding[]): string[] {
  const policy = d.mtaSts.policy;
  const head = [
    policy ? `mode ${policy.mode}` : 'no policy',
    d.mtaSts.record ? `id ${d.mtaSts.record.id}` : null,
    d.tlsRpt.record ? `TLS-RPT ${d.tlsRpt.record.rua.join(', ')}` : null,
  ].filter((x): x is string => x !== null);
  const lines = [`${domainLabel(d.domain)}  (${head.join(' · ')})`];
  for (const mx of d.mx) {
    const tls = mx.tls;
    const facts = [
      mx.matchesPolicy === false ? 'NOT IN POLICY' : null,
      tls ? (tls.starttls ? `${tls.version ?? '?'} ${tls.cipher ?? ''}`.trim() : 'no STARTTLS') : null,
      tls?.certificate ? `cert ${tls.certificate.daysLeft} days left` : null,
      mx.error,
    ].filter((x): x is string => x !== null && x !== '');
    lines.push(`  MX ${mx.preference} ${domainLabel(mx.host)}${facts.length ? `: ${facts.join(', ')}` : ''}`);
  }
  if (d.reports) lines.push(...renderReportsText(d.reports));
  if (findings.length === 0) lines.push('  no findings');
  lines.push(...findings.map(formatFinding));
  return lines;
}

/** Findings about the runner (its resolver, its port 25), not about a file or a domain. */
function isRunLevel(f: Finding): boolean {
  return f.rule === 'smtp-port-blocked' || RULES[f.rule].family === 'runner';
}

function formatFinding(f: Finding): string {
  const where = f.location ? ` (${f.location.file}:${f.location.line})` : f.subject ? ` [${f.subject}]` : '';
  const status = f.status === 'existing' ? ' (existing)' : '';
  const lines = [`  ${MARK[f.severity]} ${f.rule}${where}${status}: ${f.message}`];
  if (f.remediation) lines.push(`           fix: ${f.remediation}`);
  return lines.join('\n');
}
