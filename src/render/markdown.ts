/**
 * Markdown rendering: the job summary of the action and `--format markdown` of the CLI, one pure
 * function of the result. Verdict first; findings grouped by severity, then by rule with its fix
 * said once; a table per domain (mode, policy id, MX with TLS version and certificate days left,
 * TLS-RPT totals) and its per-day reports chart; links to the issues opened or updated.
 *
 * It reads well for 1 domain and for thousands: long lists collapse into <details>, and the
 * whole text stays under a byte budget because GitHub refuses a step summary over 1 MiB.
 * Everything from DNS, policies, certificates and reports is escaped (src/github/escape.ts).
 */
import { RULES, type Finding, type Severity } from '../core/findings.js';
import type { CheckResult, DomainResult } from '../core/result.js';
import { code, escapeHtml, escapeMarkdown, inlineMarkdown } from './escape.js';
import { renderReportsMarkdown } from './markdown-reports.js';
import { reportWindowLine } from './report-window-line.js';
import { fixBlockMarkdown } from './fix-block.js';

/** GitHub's limit for one step's summary (GITHUB_STEP_SUMMARY): 1 MiB. */
export const STEP_SUMMARY_MAX_BYTES = 1024 * 1024;
/** What we fill by default, leaving room for other writers of the same step summary. */
export const SUMMARY_BUDGET_BYTES = 900 * 1024;
/** Up to this many domains, each gets its own open section; beyond, an overview table leads. */
const FEW_DOMAINS = 10;
/** Occurrences listed under one rule before the rest collapse into a count. */
const MAX_ITEMS_PER_RULE = 100;
/** Occurrences of one rule above which its list is folded, even for errors. */
const OPEN_GROUP_ITEMS = 20;
/** Overview rows above which the overview table is collapsed. */
const OPEN_TABLE_ROWS = 20;

export interface IssueLink {
  domain: string;
  number: number;
  url: string;
  action: string;
}

export interface MarkdownOptions {
  /** Issues opened, updated, reopened or closed by this run. */
  issues?: IssueLink[];
  /** Warnings of the run worth showing (issue or artifact problems). */
  warnings?: string[];
  /** Plain remarks about the run (why no issue was touched). */
  notes?: string[];
  maxBytes?: number;
}

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', notice: 'ℹ️' };
const HEADING: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', notice: 'Notices' };

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function verdict(result: CheckResult): string {
  const { summary } = result;
  if (summary.errors > 0) {
    return summary.enforceRisk
      ? '❌ FAIL: enforce-mode risk, compliant senders will refuse mail'
      : '❌ FAIL: errors found';
  }
  return summary.warnings > 0 ? '⚠️ PASS with warnings' : '✅ PASS';
}

function headline(result: CheckResult): string {
  const { summary, reports } = result;
  const lines = [
    `## mta-sts-guard: ${verdict(result)}`,
    '',
    `**${plural(summary.domains, 'domain')}** · **${plural(summary.errors, 'error')}** · ${plural(summary.warnings, 'warning')} · ${plural(summary.notices, 'notice')}`,
  ];
  if (reports.files > 0) {
    lines.push(
      '',
      `TLS-RPT reports: ${plural(reports.files, 'file')}, ${plural(reports.parsed, 'report')} parsed, ${reports.invalid.length} invalid.`,
    );
    const window = reportWindowLine(reports);
    if (window) lines.push('', `Report ${window}.`);
  }
  return lines.join('\n') + '\n';
}

function issuesSection(issues: IssueLink[], warnings: string[], notes: string[]): string {
  if (issues.length === 0 && warnings.length === 0 && notes.length === 0) return '';
  const lines = ['### Issues', ''];
  for (const note of notes) lines.push(`- ${inlineMarkdown(note, 2000)}`);
  for (const warning of warnings) lines.push(`- ⚠️ ${inlineMarkdown(warning, 2000)}`);
  const links = issues.map((i) => `- [#${i.number}](${i.url}) ${code(i.domain)}: ${i.action}`);
  if (links.length <= OPEN_TABLE_ROWS) lines.push(...links);
  else lines.push(`<details><summary>${links.length} issues</summary>`, '', ...links, '', '</details>');
  return lines.join('\n') + '\n';
}

function occurrence(f: Finding, showFix: boolean): string {
  const parts = [f.domain ? `**${escapeMarkdown(f.domain)}**` : null];
  if (f.location) parts.push(code(`${f.location.file}:${f.location.line}`));
  else if (f.subject) parts.push(code(f.subject));
  if (f.status === 'existing') parts.push('_(existing)_');
  const head = parts.filter((p) => p !== null).join(' · ');
  const line = `- ${head ? `${head}: ` : ''}${escapeMarkdown(f.message)}`;
  return (
    (showFix && f.remediation ? `${line}\n  Fix: ${inlineMarkdown(f.remediation)}` : line) +
    (f.fix ? `\n${fixBlockMarkdown(f)}` : '')
  );
}

function ruleGroup(rule: Finding['rule'], findings: Finding[], open: boolean): string {
  const spec = RULES[rule];
  const catalogueFix = findings.every((f) => !f.remediation || f.remediation === spec.remediation);
  const shown = findings.slice(0, MAX_ITEMS_PER_RULE).map((f) => occurrence(f, !catalogueFix));
  if (findings.length > shown.length) {
    shown.push(`- _… and ${findings.length - shown.length} more: see the JSON result (results-file)._`);
  }
  return [
    `<details${open ? ' open' : ''}><summary><b>${escapeHtml(spec.title)}</b> <code>${rule}</code> · ${findings.length}</summary>`,
    '',
    catalogueFix ? `Fix: ${inlineMarkdown(spec.remediation)}\n` : '',
    ...shown,
    '',
    '</details>',
    '',
  ].join('\n');
}

function severitySection(severity: Severity, findings: Finding[], manyFindings: boolean): string[] {
  const matching = findings.filter((f) => f.severity === severity);
  if (matching.length === 0) return [];
  const byRule = new Map<Finding['rule'], Finding[]>();
  for (const f of matching) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const open = severity === 'error' || (severity === 'warning' && !manyFindings);
  return [
    `### ${ICON[severity]} ${HEADING[severity]} (${matching.length})\n`,
    // A long list stays folded: its summary line already says what and how many.
    ...[...byRule].map(([rule, list]) => ruleGroup(rule, list, open && list.length <= OPEN_GROUP_ITEMS)),
  ];
}

function certificateCell(mx: DomainResult['mx'][number]): string {
  const cert = mx.tls?.certificate;
  if (!cert) return '—';
  if (cert.daysLeft >= 0) return plural(cert.daysLeft, 'day') + ' left';
  // daysLeft is Math.floor of a negative fraction (3.2 days ago is -4): whole days since is one less.
  const ago = -cert.daysLeft - 1;
  return ago === 0 ? '**expired today**' : `**expired ${plural(ago, 'day')} ago**`;
}

function tlsCell(mx: DomainResult['mx'][number]): string {
  if (mx.error && !mx.tls) return `not reached: ${escapeMarkdown(mx.error, 120)}`;
  if (!mx.tls) return 'not probed';
  if (!mx.tls.starttls) return '**no STARTTLS**';
  return mx.tls.version ? code(mx.tls.version, { table: true }) : '?';
}

function domainFacts(d: DomainResult): string {
  const policy = d.mtaSts.policy;
  const reports = d.reports;
  const rows = [
    '| Mode | Policy id | max_age | TLS-RPT reports to | Reported sessions |',
    '|---|---|---|---|---|',
    [
      '',
      policy ? code(policy.mode, { table: true }) : 'no policy',
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
    rows.push('', '| MX | Pref | In policy | TLS | Certificate |', '|---|---|---|---|---|');
    for (const mx of d.mx) {
      const inPolicy = mx.matchesPolicy === null ? '—' : mx.matchesPolicy ? '✅' : '❌ not listed';
      rows.push(
        `| ${code(mx.host, { table: true, max: 120 })} | ${mx.preference} | ${inPolicy} | ${tlsCell(mx)} | ${certificateCell(mx)} |`,
      );
    }
  }
  if (reports) rows.push('', renderReportsMarkdown(d.domain, reports).trimEnd());
  return rows.join('\n') + '\n';
}

function sessions(reports: NonNullable<DomainResult['reports']>): string {
  const total = reports.successfulSessions + reports.failedSessions;
  return `${reports.failedSessions} failed of ${total}`;
}

function counts(findings: Finding[], domain: string): { errors: number; warnings: number; notices: number } {
  const mine = findings.filter((f) => f.domain === domain);
  return {
    errors: mine.filter((f) => f.severity === 'error').length,
    warnings: mine.filter((f) => f.severity === 'warning').length,
    notices: mine.filter((f) => f.severity === 'notice').length,
  };
}

/** `escape` differs: Markdown for a heading, HTML for a <summary> line. */
function domainTitle(d: DomainResult, findings: Finding[], escape: (text: string) => string): string {
  const c = counts(findings, d.domain);
  const mode = d.mtaSts.policy ? `mode ${d.mtaSts.policy.mode}` : 'no policy';
  return `${escape(d.domain)} · ${mode} · ${plural(c.errors, 'error')}, ${plural(c.warnings, 'warning')}`;
}

function overviewTable(result: CheckResult): string {
  const rows = result.domains
    .map((d) => ({ d, c: counts(result.findings, d.domain) }))
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
      `| ${code(d.domain, { table: true, max: 120 })} | ${d.mtaSts.policy?.mode ?? '—'} | ${d.mtaSts.record ? code(d.mtaSts.record.id, { table: true }) : '—'} | ${d.mx.length} | ${d.reports ? sessions(d.reports) : '—'} | ${c.errors} | ${c.warnings} |`,
    );
  }
  const table = lines.join('\n') + '\n';
  if (rows.length <= OPEN_TABLE_ROWS) return table;
  return `<details><summary>All ${rows.length} domains</summary>\n\n${table}\n</details>\n`;
}

/** Appends sections while they fit in the byte budget, then says what was left out. */
class Budget {
  private readonly parts: string[] = [];
  private used = 0;
  private skipped = 0;
  constructor(private readonly max: number) {}
  add(text: string): boolean {
    const size = Buffer.byteLength(text, 'utf8') + 1;
    if (this.skipped > 0 || this.used + size > this.max) {
      this.skipped++;
      return false;
    }
    this.parts.push(text);
    this.used += size;
    return true;
  }
  toString(): string {
    const note =
      this.skipped > 0
        ? `\n> [!NOTE]\n> ${this.skipped} more sections are not shown: GitHub limits a job summary to 1 MiB. The JSON result (results-file output) has everything.\n`
        : '';
    return this.parts.join('\n') + note;
  }
}

/** The note at the end needs this much room. */
const NOTE_RESERVE_BYTES = 512;

export function renderMarkdown(result: CheckResult, options: MarkdownOptions = {}): string {
  const budget = new Budget((options.maxBytes ?? SUMMARY_BUDGET_BYTES) - NOTE_RESERVE_BYTES);
  budget.add(headline(result));
  const issues = issuesSection(options.issues ?? [], options.warnings ?? [], options.notes ?? []);
  if (issues) budget.add(issues);

  const manyFindings = result.findings.length > 50;
  for (const severity of ['error', 'warning', 'notice'] as const) {
    for (const part of severitySection(severity, result.findings, manyFindings)) budget.add(part);
  }
  if (result.findings.length === 0) budget.add('No findings.\n');

  if (result.domains.length > 0) {
    budget.add('### Domains\n');
    const few = result.domains.length <= FEW_DOMAINS;
    if (!few) budget.add(overviewTable(result));
    for (const d of result.domains) {
      budget.add(
        few
          ? `#### ${domainTitle(d, result.findings, (t) => escapeMarkdown(t))}\n\n${domainFacts(d)}`
          : `<details><summary>${domainTitle(d, result.findings, (t) => escapeHtml(t))}</summary>\n\n${domainFacts(d)}\n</details>\n`,
      );
    }
  }
  if (result.reports.invalid.length > 0) {
    const items = result.reports.invalid
      .slice(0, MAX_ITEMS_PER_RULE)
      .map((r) => `- ${code(r.path)}: ${escapeMarkdown(r.error)}`);
    budget.add(
      `<details><summary>${plural(result.reports.invalid.length, 'report file')} could not be read</summary>\n\n${items.join('\n')}\n\n</details>\n`,
    );
  }
  budget.add(
    `<sub>${escapeMarkdown(result.tool.name)} ${escapeMarkdown(result.tool.version)} · ${escapeMarkdown(result.generatedAt)}</sub>\n`,
  );
  return budget.toString();
}
