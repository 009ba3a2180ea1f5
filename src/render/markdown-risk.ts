/**
 * The top of the job summary after the verdict (issue 14 item 3), what a busy postmaster reads
 * in seconds: a table of the domains at risk (mode, what breaks, since when) and the fixes, one
 * per rule with the places it applies to. The detail follows in markdown.ts.
 */
import { RULES, SEVERITY_ORDER, type Finding, type RuleId } from '../core/findings.js';
import type { DomainResult } from '../core/result.js';
import { formatUtc, relativeDay } from './dates.js';
import { code, escapeMarkdown, inlineMarkdown } from './escape.js';
import { counts, ICON, modeCell, plural } from './markdown-domains.js';
import { domainLabel } from './domain-label.js';

/** Rows of the at-risk table; the rest are counted (every domain is in the detail). */
const MAX_RISK_ROWS = 50;
/** Problems named per row before the rest are counted. */
const MAX_PROBLEMS_PER_ROW = 4;
/** Places listed under one fix before the rest are counted. */
const MAX_PLACES_PER_FIX = 5;
/** Fix lines before the rest are counted. */
const MAX_FIXES = 60;

export interface IssueRef {
  domain: string;
  number: number;
  url: string;
}

function worstFirst(a: Finding, b: Finding): number {
  return SEVERITY_ORDER[b.severity] - SEVERITY_ORDER[a.severity];
}

/** What breaks for one domain: each problem once, worst first, with the host or file it is about. */
function whatBreaks(list: Finding[]): string {
  const byRule = new Map<RuleId, Finding[]>();
  for (const f of [...list].sort(worstFirst)) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const parts = [...byRule].slice(0, MAX_PROBLEMS_PER_ROW).map(([rule, fs]) => {
    const subjects = [...new Set(fs.map((f) => f.subject).filter((s): s is string => s !== undefined))];
    const where =
      subjects.length === 1 && fs[0]!.domain !== null && RULES[rule].family === 'mx'
        ? ` ${code(subjects[0]!, { table: true, max: 120 })}`
        : subjects.length > 1 && RULES[rule].family === 'mx'
          ? ` (${plural(subjects.length, 'MX', 'MX')})`
          : '';
    return `${ICON[fs[0]!.severity]} ${escapeMarkdown(RULES[rule].title)}${where}`;
  });
  if (byRule.size > MAX_PROBLEMS_PER_ROW) parts.push(`+${byRule.size - MAX_PROBLEMS_PER_ROW} more`);
  return parts.join('<br>');
}

/**
 * Since when it breaks: the first UTC day of the window whose reports show failures, or the
 * moment an MX certificate expired, whichever is earlier; "—" when neither is known.
 */
export function sinceWhen(d: DomainResult, list: readonly Finding[], now: string): string {
  const candidates: { at: string; label: string; day: boolean }[] = [];
  const firstFailed = d.reports?.days.find((day) => day.failed > 0);
  if (firstFailed)
    candidates.push({ at: `${firstFailed.date}T00:00:00Z`, label: 'first failed report', day: true });
  for (const mx of d.mx) {
    const cert = mx.tls?.certificate;
    const expired = list.some(
      (f) => f.rule === 'mx-cert-expired' && f.subject?.toLowerCase() === mx.host.toLowerCase(),
    );
    if (cert && expired && !Number.isNaN(Date.parse(cert.validTo)))
      candidates.push({ at: cert.validTo, label: 'certificate expired', day: false });
  }
  if (candidates.length === 0) return '—';
  const first = candidates.sort((a, b) => Date.parse(a.at) - Date.parse(b.at))[0]!;
  const when = first.day ? first.at.slice(0, 10) : formatUtc(first.at);
  const ago = relativeDay(first.at, now);
  return `${escapeMarkdown(when)} (${first.label}${ago ? `, ${ago}` : ''})`;
}

/** The domains with an error or warning, worst first, as one table; '' when there are none. */
export function atRiskTable(
  domains: readonly DomainResult[],
  findings: readonly Finding[],
  now: string,
  issues: readonly IssueRef[],
): string {
  const risky = (f: Finding) => f.severity !== 'notice' && f.status !== 'existing';
  const rows = domains
    .map((d) => ({ d, list: findings.filter((f) => f.domain === d.domain && risky(f)) }))
    .filter((r) => r.list.length > 0)
    .map((r) => ({ ...r, c: counts(r.list, r.d.domain) }))
    .sort(
      (a, b) =>
        b.c.errors - a.c.errors || b.c.warnings - a.c.warnings || a.d.domain.localeCompare(b.d.domain),
    );
  if (rows.length === 0) return '';
  const issueOf = new Map(issues.map((i) => [i.domain, i]));
  const withIssues = rows.some((r) => issueOf.has(r.d.domain));
  const head = withIssues
    ? ['| Domain | Mode | What breaks | Since | Issue |', '|---|---|---|---|---|']
    : ['| Domain | Mode | What breaks | Since |', '|---|---|---|---|'];
  const lines = rows.slice(0, MAX_RISK_ROWS).map(({ d, list }) => {
    const cells = [
      code(domainLabel(d.domain), { table: true, max: 120 }),
      modeCell(d, findings),
      whatBreaks(list),
      sinceWhen(d, list, now),
    ];
    if (withIssues) {
      const issue = issueOf.get(d.domain);
      cells.push(issue ? `[#${issue.number}](${issue.url})` : '—');
    }
    return `| ${cells.join(' | ')} |`;
  });
  const more =
    rows.length > MAX_RISK_ROWS
      ? `\n_… and ${rows.length - MAX_RISK_ROWS} more domains at risk: see the domains below._\n`
      : '';
  const title = `### Domains at risk (${rows.length})`;
  return [title, '', ...head, ...lines].join('\n') + '\n' + more;
}

/** Where a finding applies, short: the domain and the host, file line or record. */
function place(f: Finding): string {
  const where = f.location ? code(`${f.location.file}:${f.location.line}`) : f.subject ? code(f.subject) : '';
  const domain = f.domain ? escapeMarkdown(domainLabel(f.domain)) : '';
  if (!where) return domain || 'the run';
  return domain && f.subject?.toLowerCase() !== f.domain?.toLowerCase() ? `${where} (${domain})` : where;
}

/**
 * One line per fix: the findings of one rule that share a remediation, errors first, each with
 * the places it applies to. Notices are not listed (the detail has them, folded).
 */
export function fixesSection(findings: readonly Finding[], title: string): string {
  const relevant = findings.filter((f) => f.severity !== 'notice' && f.remediation);
  if (relevant.length === 0) return '';
  const groups = new Map<string, Finding[]>();
  for (const f of [...relevant].sort(worstFirst)) {
    const key = `${f.rule}\u0000${f.remediation}`;
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  const lines = [...groups.values()].slice(0, MAX_FIXES).map((fs) => {
    const f = fs[0]!;
    const places = [...new Set(fs.map(place))];
    const shown = places.slice(0, MAX_PLACES_PER_FIX).join(', ');
    const more = places.length > MAX_PLACES_PER_FIX ? ` and ${places.length - MAX_PLACES_PER_FIX} more` : '';
    return `- ${ICON[f.severity]} **${escapeMarkdown(RULES[f.rule].title)}** · ${shown}${more}: ${inlineMarkdown(f.remediation!)}`;
  });
  if (groups.size > MAX_FIXES)
    lines.push(`- _… and ${groups.size - MAX_FIXES} more fixes: see the detail below._`);
  return [`### ${title}`, '', ...lines].join('\n') + '\n';
}
