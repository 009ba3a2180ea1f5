/**
 * The per-domain part of the job summary (the detail, after the verdict, the domains at risk and
 * the fixes): the policy facts, one row per MX with every problem of that host (issue 14 item 3:
 * a certificate that does not cover the MX name shows it beside "89 days left"), the TLS-RPT
 * totals and chart; and the overview table that leads when there are many domains.
 */
import { RULES, SEVERITY_ORDER, type Finding, type Severity } from '../core/findings.js';
import type { DomainResult, MxResult } from '../core/result.js';
import { formatUtc } from './dates.js';
import { code, escapeMarkdown } from './escape.js';
import { renderReportsMarkdown } from './markdown-reports.js';
import { policyState } from './policy-state.js';
import { domainLabel } from './domain-label.js';

/** Overview rows above which the overview table is collapsed. */
const OPEN_TABLE_ROWS = 20;

export const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The mode cell: the mode as code, or what is known instead (policy-state.ts), escaped. */
export function modeCell(d: DomainResult, findings: readonly Finding[] = []): string {
  const s = policyState(d, findings);
  if (!s.mode) return escapeMarkdown(s.words, 120);
  return s.words
    ? `${code(s.mode, { table: true })} (${escapeMarkdown(s.words)})`
    : code(s.mode, { table: true });
}

function sameHost(a: string, b: string): boolean {
  const norm = (h: string) => h.toLowerCase().replace(/\.$/, '');
  return norm(a) === norm(b);
}

/**
 * The findings about one MX host of a domain, worst first: its probe (certificate, TLS
 * version), its place in the policy, and the failures reports name for it.
 */
export function mxFindings(d: DomainResult, mx: MxResult, findings: readonly Finding[]): Finding[] {
  return findings
    .filter((f) => f.domain === d.domain && f.subject !== undefined && sameHost(f.subject, mx.host))
    .sort((a, b) => SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity]);
}

function certificateCell(mx: MxResult): string {
  const cert = mx.tls?.certificate;
  if (!cert) return '—';
  const until = escapeMarkdown(formatUtc(cert.validTo));
  if (cert.daysLeft >= 0) return `${plural(cert.daysLeft, 'day')} left (until ${until})`;
  // daysLeft is Math.floor of a negative fraction (3.2 days ago is -4): whole days since is one less.
  const ago = -cert.daysLeft - 1;
  return ago === 0 ? `**expired today** (${until})` : `**expired ${plural(ago, 'day')} ago** (${until})`;
}

function tlsCell(mx: MxResult): string {
  if (mx.error && !mx.tls) return `not reached: ${escapeMarkdown(mx.error, 120)}`;
  if (!mx.tls) return 'not probed';
  if (!mx.tls.starttls) return '**no STARTTLS**';
  return mx.tls.version ? code(mx.tls.version, { table: true }) : '?';
}

function problemsCell(list: Finding[]): string {
  if (list.length === 0) return '—';
  const titles = [...new Map(list.map((f) => [f.rule, f])).values()];
  return titles.map((f) => `${ICON[f.severity]} ${escapeMarkdown(RULES[f.rule].title)}`).join('<br>');
}

function sessions(reports: NonNullable<DomainResult['reports']>): string {
  const total = reports.successfulSessions + reports.failedSessions;
  return `${reports.failedSessions} failed of ${total}`;
}

export function counts(
  findings: readonly Finding[],
  domain: string,
): { errors: number; warnings: number; notices: number } {
  const mine = findings.filter((f) => f.domain === domain);
  return {
    errors: mine.filter((f) => f.severity === 'error').length,
    warnings: mine.filter((f) => f.severity === 'warning').length,
    notices: mine.filter((f) => f.severity === 'notice').length,
  };
}

export function domainFacts(d: DomainResult, findings: readonly Finding[]): string {
  const policy = d.mtaSts.policy;
  const reports = d.reports;
  const rows = [
    '| Mode | Policy id | max_age | TLS-RPT reports to | Reported sessions |',
    '|---|---|---|---|---|',
    [
      '',
      modeCell(d, findings),
      d.mtaSts.record ? code(d.mtaSts.record.id, { table: true }) : '—',
      policy ? String(policy.maxAge) : '—',
      d.tlsRpt.record ? d.tlsRpt.record.rua.map((r) => code(r, { table: true, max: 120 })).join('<br>') : '—',
      reports ? sessions(reports) : '—',
      '',
    ]
      .join(' | ')
      .trim(),
  ];
  if (d.mx.length > 0) {
    rows.push('', '| MX | Pref | In policy | TLS | Certificate | Problems |', '|---|---|---|---|---|---|');
    for (const mx of d.mx) {
      const inPolicy = mx.matchesPolicy === null ? '—' : mx.matchesPolicy ? '✅' : '❌ not listed';
      rows.push(
        `| ${code(mx.host, { table: true, max: 120 })} | ${mx.preference} | ${inPolicy} | ${tlsCell(mx)} | ${certificateCell(mx)} | ${problemsCell(mxFindings(d, mx, findings))} |`,
      );
    }
  }
  if (reports) rows.push('', renderReportsMarkdown(d.domain, reports).trimEnd());
  return rows.join('\n') + '\n';
}

/** `escape` differs: Markdown for a heading, HTML for a <summary> line. */
export function domainTitle(
  d: DomainResult,
  findings: readonly Finding[],
  escape: (text: string) => string,
): string {
  const c = counts(findings, d.domain);
  const s = policyState(d, findings);
  const mode = s.mode ? `mode ${s.mode}` : s.words;
  return `${escape(domainLabel(d.domain))} · ${escape(mode)} · ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}`;
}

export function overviewTable(domains: readonly DomainResult[], findings: readonly Finding[]): string {
  const rows = domains
    .map((d) => ({ d, c: counts(findings, d.domain) }))
    .sort(
      (a, b) =>
        b.c.errors - a.c.errors || b.c.warnings - a.c.warnings || a.d.domain.localeCompare(b.d.domain),
    );
  const lines = [
    '| Domain | Mode | Policy id | MX | Reported sessions | Errors | Warnings |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const { d, c } of rows) {
    lines.push(
      `| ${code(domainLabel(d.domain), { table: true, max: 120 })} | ${modeCell(d, findings)} | ${d.mtaSts.record ? code(d.mtaSts.record.id, { table: true }) : '—'} | ${d.mx.length} | ${d.reports ? sessions(d.reports) : '—'} | ${c.errors} | ${c.warnings} |`,
    );
  }
  const table = lines.join('\n') + '\n';
  if (rows.length <= OPEN_TABLE_ROWS) return table;
  return `<details><summary>All ${rows.length} domains</summary>\n\n${table}\n</details>\n`;
}
