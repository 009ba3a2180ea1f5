/**
 * Markdown rendering: the job summary of the action and `--format markdown` of the CLI, one pure
 * function of the result. In the order a busy postmaster reads (issue 14 item 3): the verdict,
 * a table of the domains at risk (mode, what breaks, since when), the fixes, the issues touched,
 * and then the detail: findings grouped by severity and rule, and a table per domain (mode,
 * policy id, each MX with its TLS version, certificate and problems, TLS-RPT totals and chart).
 * With --base, what the change introduces and what the base already had are separate sections.
 *
 * It reads well for 1 domain and for thousands: long lists collapse into <details>, and the
 * whole text stays under a byte budget because GitHub refuses a step summary over 1 MiB.
 * Everything from DNS, policies, certificates and reports is escaped (escape.ts), and no
 * invisible character is added to keep URLs from linking: they are code spans, copyable as is.
 */
import { RULES, type Finding, type Severity } from '../core/findings.js';
import type { CheckResult } from '../core/result.js';
import { formatUtc, readableTimestamps } from './dates.js';
import { code, escapeHtml, escapeMarkdown, inlineMarkdown } from './escape.js';
import { domainFacts, domainTitle, ICON, overviewTable, plural } from './markdown-domains.js';
import { atRiskTable, fixesSection } from './markdown-risk.js';
import { reportWindowLine } from './report-window-line.js';
import { domainLabel } from './domain-label.js';
import { comparedWithBase, verdictOf } from './verdict.js';

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
/** Issue links above which the list is collapsed. */
const OPEN_LINKS = 20;

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

const HEADING: Record<Severity, string> = { error: 'Errors', warning: 'Warnings', notice: 'Notices' };
const VERDICT_ICON = { fail: '❌', warn: '⚠️', pass: '✅' } as const;

/** The verdict line with its icon, e.g. "❌ FAIL: enforce-mode risk, compliant senders will refuse mail". */
export function verdict(result: CheckResult): string {
  const v = verdictOf(result);
  return `${VERDICT_ICON[v.kind]} ${v.text}`;
}

function headline(result: CheckResult): string {
  const { summary, reports, findings } = result;
  const compared = comparedWithBase(findings);
  const fresh = findings.filter((f) => f.status === 'new').length;
  const lines = [
    `## mta-sts-guard: ${verdict(result)}`,
    '',
    `**${plural(summary.domains, 'domain')}** · **${plural(summary.errors, 'error')}** · ${plural(summary.warnings, 'warning')} · ${plural(summary.notices, 'notice')}` +
      (compared ? ` · against the base: ${fresh} new, ${findings.length - fresh} existing` : ''),
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
  if (links.length <= OPEN_LINKS) lines.push(...links);
  else lines.push(`<details><summary>${links.length} issues</summary>`, '', ...links, '', '</details>');
  return lines.join('\n') + '\n';
}

/** A finding's message as read: our own ISO timestamps shown as `2026-11-19 14:48 UTC`. */
function message(f: Finding): string {
  return escapeMarkdown(readableTimestamps(f.message));
}

function occurrence(f: Finding, showFix: boolean): string {
  const parts = [f.domain ? `**${escapeMarkdown(domainLabel(f.domain))}**` : null];
  if (f.location) parts.push(code(`${f.location.file}:${f.location.line}`));
  else if (f.subject) parts.push(code(f.subject));
  const head = parts.filter((p) => p !== null).join(' · ');
  const line = `- ${head ? `${head}: ` : ''}${message(f)}`;
  return showFix && f.remediation ? `${line}\n  Fix: ${inlineMarkdown(f.remediation)}` : line;
}

/**
 * One rule's occurrences. `fixesAbove`: the fixes section already says the fix of these findings,
 * so it is not repeated here.
 */
function ruleGroup(rule: Finding['rule'], findings: Finding[], open: boolean, fixesAbove: boolean): string {
  const spec = RULES[rule];
  const catalogueFix = findings.every((f) => !f.remediation || f.remediation === spec.remediation);
  const shown = findings.slice(0, MAX_ITEMS_PER_RULE).map((f) => occurrence(f, !fixesAbove && !catalogueFix));
  if (findings.length > shown.length) {
    shown.push(`- _… and ${findings.length - shown.length} more: see the JSON result (results-file)._`);
  }
  return [
    `<details${open ? ' open' : ''}><summary><b>${escapeHtml(spec.title)}</b> <code>${rule}</code> · ${findings.length}</summary>`,
    '',
    ...(catalogueFix && !fixesAbove ? [`Fix: ${inlineMarkdown(spec.remediation)}`, ''] : []),
    ...shown,
    '',
    '</details>',
    '',
  ].join('\n');
}

function severitySection(
  severity: Severity,
  findings: Finding[],
  manyFindings: boolean,
  options: { prefix: string; fixesAbove: boolean },
): string[] {
  const matching = findings.filter((f) => f.severity === severity);
  if (matching.length === 0) return [];
  const byRule = new Map<Finding['rule'], Finding[]>();
  for (const f of matching) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const open = severity === 'error' || (severity === 'warning' && !manyFindings);
  const heading = options.prefix ? `${options.prefix} ${HEADING[severity].toLowerCase()}` : HEADING[severity];
  // Notices are not in the fixes section: their groups say the fix themselves.
  const fixesAbove = options.fixesAbove && severity !== 'notice';
  return [
    `### ${ICON[severity]} ${heading} (${matching.length})\n`,
    // A long list stays folded: its summary line already says what and how many.
    ...[...byRule].map(([rule, list]) =>
      ruleGroup(rule, list, open && list.length <= OPEN_GROUP_ITEMS, fixesAbove),
    ),
  ];
}

/** With --base: what the base already had, folded, each rule with its fix. */
function existingSection(existing: Finding[]): string {
  if (existing.length === 0) return '';
  const byRule = new Map<Finding['rule'], Finding[]>();
  for (const f of existing) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  return [
    `### Already at the base (${existing.length})`,
    '',
    `These ${existing.length === 1 ? 'finding was' : 'findings were'} there before this change: ${existing.length === 1 ? 'it does' : 'they do'} not fail this check.`,
    '',
    ...[...byRule].map(([rule, list]) => ruleGroup(rule, list, false, false)),
  ].join('\n');
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
  const { findings, domains } = result;
  const compared = comparedWithBase(findings);
  const current = findings.filter((f) => f.status !== 'existing');
  budget.add(headline(result));
  const atRisk = atRiskTable(domains, findings, result.generatedAt, options.issues ?? []);
  if (atRisk) budget.add(atRisk);
  const fixes = fixesSection(current, compared ? 'Fixes for what this change introduces' : 'Fixes');
  if (fixes) budget.add(fixes);
  const issues = issuesSection(options.issues ?? [], options.warnings ?? [], options.notes ?? []);
  if (issues) budget.add(issues);

  const manyFindings = findings.length > 50;
  for (const severity of ['error', 'warning', 'notice'] as const) {
    const parts = severitySection(severity, current, manyFindings, {
      prefix: compared ? 'New' : '',
      fixesAbove: fixes !== '',
    });
    for (const part of parts) budget.add(part);
  }
  if (compared) {
    const existing = existingSection(findings.filter((f) => f.status === 'existing'));
    if (existing) budget.add(existing);
  }
  if (findings.length === 0) budget.add('No findings.\n');

  if (domains.length > 0) {
    budget.add('### Domains\n');
    const few = domains.length <= FEW_DOMAINS;
    if (!few) budget.add(overviewTable(domains, findings));
    for (const d of domains) {
      budget.add(
        few
          ? `#### ${domainTitle(d, findings, (t) => escapeMarkdown(t))}\n\n${domainFacts(d, findings)}`
          : `<details><summary>${domainTitle(d, findings, (t) => escapeHtml(t))}</summary>\n\n${domainFacts(d, findings)}\n</details>\n`,
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
    `<sub>${escapeMarkdown(result.tool.name)} ${escapeMarkdown(result.tool.version)} · ${escapeMarkdown(formatUtc(result.generatedAt))}</sub>\n`,
  );
  return budget.toString();
}
