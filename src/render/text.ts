/**
 * Plain-text rendering for terminals and logs (issue 14), read top-down like `terraform plan`:
 * the verdict with counts first; then the domains with errors, then those with warnings, each
 * with its findings grouped under the rule (eslint's stylish layout: where, then what), the fix
 * once per group (code scanning's "one rule, its help once, every place it occurs"); clean
 * domains in one line and notices as a count unless `verbose`. Lines fit 100 columns where the
 * data allows: long values wrap with indentation, and a value longer than a line stays whole.
 *
 * Every value from the result is escaped (untrusted.ts safeInline) before it is measured and
 * wrapped; colour codes are added after that, so no value can bring its own.
 */
import { RULES, type Finding, type Severity } from '../core/findings.js';
import type { FailOn } from '../core/fail-policy.js';
import { expiryDistance, describeExpiry } from '../core/expiry.js';
import { plural } from '../core/plural.js';
import type { CheckResult, DomainResult } from '../core/result.js';
import { judgeVerdict, type SeverityCounts, type Verdict } from '../core/verdict.js';
import { domainLabel } from './domain-label.js';
import { reportWindowLine } from './report-window-line.js';
import { fixBlockText } from './fix-block.js';
import { reportsBlock } from './text-reports.js';
import { occurrence } from './text-occurrence.js';
import { paint, type Style } from './text-style.js';
import { length, wrapWords } from './text-wrap.js';
import { noWorkflowCommands, safeInline } from './untrusted.js';

/** Columns the text aims at (issue 14): a value longer than a line is the only exception. */
export const TEXT_WIDTH = 100;

export interface TextOptions {
  /** List clean domains, notices and each domain's MX and report details. */
  verbose?: boolean;
  /** ANSI colour (text-style.ts colorWanted decides). */
  color?: boolean;
  /** The run's --fail-on, so the verdict says what the exit code does. */
  failOn?: FailOn;
}

/** One styled piece of a line; `text` is already escaped. */
interface Part {
  text: string;
  style?: Style;
}

/** A line: `head` never wraps; `body` wraps, its continuation lines indented `hang` columns. */
interface Line {
  head: Part[];
  body?: string;
  bodyStyle?: Style;
  hang?: number;
}

const LABEL: Record<Severity, string> = { error: 'ERROR', warning: 'WARNING', notice: 'notice' };
const RANK: Record<Severity, number> = { error: 0, warning: 1, notice: 2 };

/** A value from the result, safe to print inside a line. */
const v = (text: string): string => safeInline(text);

export function renderText(result: CheckResult, options: TextOptions = {}): string {
  const verbose = options.verbose ?? false;
  const verdict = judgeVerdict(result.findings, result.summary.domains, options.failOn ?? 'error');
  const lines: Line[] = [headline(verdict)];
  if (result.reports.files > 0) lines.push(reportsLine(result));

  const now = new Date(result.generatedAt);
  const entries = buildEntries(result, verbose);
  for (const entry of entries) lines.push(blank(), ...renderEntry(entry, verbose, now));

  const shown = new Set(entries.flatMap((e) => (e.domain ? [e.domain.domain] : [])));
  const clean = result.domains.filter((d) => !shown.has(d.domain));
  const footer: Line[] = [];
  const notices = result.findings.filter((f) => f.severity === 'notice').length;
  // The one hint on how to apply what the groups mark fixable (notices only when listed).
  const fixable = result.findings.filter((f) => hasEdits(f) && (verbose || f.severity !== 'notice')).length;
  const summary = [
    clean.length > 0 ? `${plural(clean.length, 'domain')} clean${verbose ? ':' : ''}` : null,
    !verbose && notices > 0 ? `${plural(notices, 'notice')} not shown (--verbose lists them)` : null,
    fixable > 0 ? `${fixable} fixable by \`mta-sts-guard fix\`` : null,
  ].filter((x): x is string => x !== null);
  if (summary.length > 0)
    footer.push({
      head: [],
      body: summary.join('; '),
      bodyStyle: clean.length > 0 ? 'pass' : 'dim',
      hang: 2,
    });
  // --verbose lists each domain's MX and report details, the clean ones' too.
  if (verbose)
    for (const d of clean)
      footer.push(
        domainLine(d, [], '  '),
        ...mxLines(d, now, '    '),
        ...(d.reports ? reportLines(d.reports, '  ') : []),
      );
  if (verbose) {
    footer.push({
      head: [
        {
          text: `mta-sts-guard ${v(result.tool.version)}, run of ${v(utcMinute(result.generatedAt))}`,
          style: 'dim',
        },
      ],
    });
  }
  if (footer.length === 0) return layout(lines, options.color ?? false);
  lines.push(blank(), ...footer);
  return layout(lines, options.color ?? false);
}

// ---------------------------------------------------------------------------------- headline

/** The first line: the verdict and its counts; under --base, what the change introduces. */
function headline(verdict: Verdict): Line {
  const { failed, enforceRisk, compared } = verdict;
  const counted = compared ? verdict.introduced : verdict.all;
  // The word says what the exit code does: errors pass only under --fail-on never.
  const word = failed ? 'FAIL' : counted.warning > 0 && counted.error === 0 ? 'PASS with warnings' : 'PASS';
  const style: Style = failed ? 'error' : word === 'PASS' && counted.error === 0 ? 'pass' : 'warning';
  let text: string;
  if (compared) {
    const existing = problems(verdict.existing);
    const remain =
      existing === 0
        ? 'no existing problem remains'
        : `${plural(existing, 'existing problem')} remain${existing === 1 ? 's' : ''} from the base (${counts(verdict.existing)})`;
    const introduced =
      problems(counted) === 0
        ? 'this change introduces no new problem'
        : `this change introduces ${counts(counted)}`;
    text = `${introduced}; ${remain}`;
  } else if (problems(counted) === 0) {
    text = `${plural(verdict.domains, 'domain')}, no errors or warnings`;
  } else {
    text =
      verdict.domainsWithProblems === 0
        ? `${counts(counted)} about files or the run, none in the ${plural(verdict.domains, 'domain')}`
        : `${counts(counted)} in ${verdict.domainsWithProblems.toLocaleString('en-US')} of ${plural(verdict.domains, 'domain')}`;
    if (verdict.elsewhere > 0 && verdict.domainsWithProblems > 0)
      text += ` (${verdict.elsewhere.toLocaleString('en-US')} about files or the run)`;
  }
  if (enforceRisk) text += '; enforce-mode risk: senders will refuse mail';
  if (!failed && counted.error > 0) text += ' (--fail-on never)';
  return { head: [{ text: word, style }, { text: ': ' }], body: text, hang: 2 };
}

function problems(c: SeverityCounts): number {
  return c.error + c.warning;
}

/** "3 errors, 1 warning"; a zero count is left out unless both are zero. */
function counts(c: SeverityCounts): string {
  const parts = [
    c.error > 0 ? plural(c.error, 'error') : null,
    c.warning > 0 ? plural(c.warning, 'warning') : null,
  ];
  const said = parts.filter((p): p is string => p !== null);
  return said.length > 0 ? said.join(', ') : 'no errors or warnings';
}

/** The report files read, and the window (issue 10 item 5: shown in every rendering). */
function reportsLine(result: CheckResult): Line {
  const r = result.reports;
  const window = reportWindowLine(r);
  return {
    head: [{ text: 'reports: ', style: 'dim' }],
    body: `${plural(r.files, 'file')}, ${r.parsed.toLocaleString('en-US')} parsed, ${r.invalid.length.toLocaleString('en-US')} invalid${window ? `; ${v(window)}` : ''}`,
    hang: 2,
  };
}

// ----------------------------------------------------------------------------------- entries

/** What a block of the output is about: the run itself, files, or one domain. */
interface Entry {
  title: string;
  domain: DomainResult | null;
  findings: Finding[];
  rank: number;
  /** Run-level findings first, then files, then domains (by worst severity, then name). */
  order: number;
}

function buildEntries(result: CheckResult, verbose: boolean): Entry[] {
  const byDomain = new Map<string | null, Finding[]>();
  for (const f of result.findings) byDomain.set(f.domain, [...(byDomain.get(f.domain) ?? []), f]);
  const visible = (list: Finding[]): Finding[] =>
    verbose ? list : list.filter((f) => f.severity !== 'notice');
  const entries: Entry[] = [];
  const general = byDomain.get(null) ?? [];
  const add = (title: string, domain: DomainResult | null, list: Finding[], order: number): void => {
    const shown = visible(list);
    if (shown.length === 0) return;
    entries.push({
      title,
      domain,
      findings: shown,
      rank: Math.min(...shown.map((f) => RANK[f.severity])),
      order,
    });
  };
  add('This run (the runner, not the domains)', null, general.filter(isRunLevel), 0);
  add(
    'Files',
    null,
    general.filter((f) => !isRunLevel(f)),
    1,
  );
  for (const d of result.domains) add(d.domain, d, byDomain.get(d.domain) ?? [], 2);
  return entries.sort(
    (a, b) =>
      (a.order === 0 ? -1 : 0) - (b.order === 0 ? -1 : 0) ||
      a.rank - b.rank ||
      a.order - b.order ||
      a.title.localeCompare(b.title),
  );
}

/** Findings about the runner (its resolver, its port 25), not about a file or a domain. */
function isRunLevel(f: Finding): boolean {
  return f.rule === 'smtp-port-blocked' || RULES[f.rule].family === 'runner';
}

function renderEntry(entry: Entry, verbose: boolean, now: Date): Line[] {
  const lines: Line[] = [
    entry.domain
      ? domainLine(entry.domain, entry.findings, '')
      : { head: [{ text: entry.title, style: 'strong' }] },
  ];
  if (entry.domain && verbose) lines.push(...mxLines(entry.domain, now));
  const groups = new Map<string, Finding[]>();
  for (const f of [...entry.findings].sort((a, b) => RANK[a.severity] - RANK[b.severity])) {
    groups.set(f.rule, [...(groups.get(f.rule) ?? []), f]);
  }
  const shown = new Set<string>();
  for (const [rule, findings] of groups)
    lines.push(...ruleGroup(rule as Finding['rule'], findings, verbose, shown));
  const reports = entry.domain?.reports;
  if (reports && (verbose || entry.findings.some((f) => RULES[f.rule].family === 'reports'))) {
    lines.push(...reportLines(reports));
  }
  return lines;
}

/** "example.com  mode enforce · id 20240101 · TLS-RPT mailto:…" */
function domainLine(d: DomainResult, findings: Finding[], indent: string): Line {
  const facts = [
    d.mtaSts.policy
      ? `mode ${v(d.mtaSts.policy.mode)}`
      : findings.some((f) => f.rule === 'sts-record-missing')
        ? 'no MTA-STS record'
        : d.mtaSts.fetch
          ? 'policy not fetched'
          : null,
    d.mtaSts.record ? `id ${v(d.mtaSts.record.id)}` : null,
    d.tlsRpt.record ? `TLS-RPT ${d.tlsRpt.record.rua.map(v).join(', ')}` : null,
  ].filter((x): x is string => x !== null);
  return {
    head: [
      { text: `${indent}${v(domainLabel(d.domain))}`, style: 'strong' },
      ...(facts.length > 0 ? [{ text: '  ' }] : []),
    ],
    body: facts.join(' · '),
    bodyStyle: 'dim',
    hang: indent.length + 4,
  };
}

/** --verbose: each MX with its TLS facts. */
function mxLines(d: DomainResult, now: Date, indent = '  '): Line[] {
  return d.mx.map((mx) => {
    const tls = mx.tls;
    const cert = tls?.certificate;
    const facts = [
      mx.matchesPolicy === false ? 'NOT IN POLICY' : null,
      tls ? (tls.starttls ? `${v(tls.version ?? '?')} ${v(tls.cipher ?? '')}`.trim() : 'no STARTTLS') : null,
      cert ? certificateWords(cert.validTo, cert.daysLeft, now) : null,
      mx.error ? v(mx.error) : null,
    ].filter((x): x is string => x !== null && x !== '');
    return {
      head: [
        { text: `${indent}MX ${mx.preference} ${v(domainLabel(mx.host))}` },
        { text: facts.length ? ': ' : '' },
      ],
      body: facts.join(', '),
      hang: 6,
    };
  });
}

/** "cert 30 days left", "cert expired 3 days ago" (issue 10 item 6). */
function certificateWords(validTo: string, daysLeft: number, now: Date): string {
  // The JSON's daysLeft is a floor (expired 3.2 days ago is -4); the words count from the date.
  if (Number.isNaN(Date.parse(validTo)) || Number.isNaN(now.getTime())) {
    return daysLeft >= 0 ? `cert ${plural(daysLeft, 'day')} left` : 'cert expired';
  }
  const distance = expiryDistance(validTo, now);
  return distance.expired
    ? `cert expired ${describeExpiry(distance)}`
    : `cert ${plural(distance.daysLeft, 'day')} left`;
}

/** One rule: its label and title, one line per occurrence, its fix once. */
function ruleGroup(
  rule: Finding['rule'],
  findings: Finding[],
  verbose = false,
  shown = new Set<string>(),
): Line[] {
  const spec = RULES[rule];
  const severity = findings[0]!.severity;
  const lines: Line[] = [
    {
      head: [
        { text: '  ' },
        { text: LABEL[severity], style: severity },
        { text: ' ' },
        { text: rule, style: 'strong' },
        { text: '  ' },
      ],
      body: `${spec.title}${findings.length > 1 ? ` (${findings.length})` : ''}${fixableTag(findings)}`,
      hang: 4,
    },
  ];
  const fix = commonest(findings.map((f) => f.remediation ?? spec.remediation));
  const occurrences = findings.map(occurrence);
  const shared = sharedEnding(occurrences.map((o) => o.fact));
  findings.forEach((f, i) => {
    const o = occurrences[i]!;
    if (shared) o.fact = o.fact.slice(0, o.fact.length - shared.length).trimEnd();
    const tags = [
      f.severity !== severity ? LABEL[f.severity] : null,
      f.status === 'existing' ? 'existing' : null,
    ].filter((t): t is string => t !== null);
    const where = o.where === null ? '' : v(o.where);
    const head: Part[] = [{ text: '    ' }];
    if (where) head.push({ text: where, style: 'strong' });
    if (tags.length) head.push({ text: `${where ? ' ' : ''}(${tags.join(', ')})`, style: 'dim' });
    if (head.length > 1) head.push({ text: '  ' });
    lines.push({ head, body: v(o.fact), hang: 6 });
    const own = f.remediation ?? spec.remediation;
    if (own !== fix) lines.push(fixLine(own, '      '));
  });
  if (shared)
    lines.push({
      head: [{ text: '    ' }, { text: 'each:', style: 'dim' }, { text: ' ' }],
      body: v(shared.trim()),
      hang: 10,
    });
  lines.push(fixLine(fix, '    '));
  lines.push(...fixBlocks(findings, verbose, shown));
  return lines;
}

/**
 * The records to publish, ready to paste, once per distinct fix (findings that share one fix
 * name it once). File edits are what `mta-sts-guard fix` applies, so they are written out only
 * with --verbose; the fix line above already says so.
 */
function fixBlocks(findings: Finding[], verbose: boolean, shown: Set<string>): Line[] {
  const lines: Line[] = [];
  for (const f of findings) {
    if (!f.fix) continue;
    const fix = verbose ? f.fix : { ...f.fix, edits: undefined };
    if (!fix.publish?.length && !fix.edits?.length) continue;
    const key = JSON.stringify(fix);
    if (shown.has(key)) continue;
    shown.add(key);
    // Already escaped and indented by fixBlockText; pasted as is, so never wrapped.
    for (const text of fixBlockText({ ...f, fix }, '      ').split('\n')) lines.push({ head: [{ text }] });
  }
  return lines;
}

/** " · fixable" (or " · 2 fixable") when `mta-sts-guard fix` has file edits for the group. */
function fixableTag(findings: Finding[]): string {
  const editable = findings.filter(hasEdits).length;
  if (editable === 0) return '';
  return editable === findings.length ? ' · fixable' : ` · ${editable} fixable`;
}

function hasEdits(f: Finding): boolean {
  return (f.fix?.edits?.length ?? 0) > 0;
}

/** Text shorter than this is not worth saying apart from the occurrences. */
const MIN_SHARED_CHARS = 24;

/**
 * The ending every occurrence of a group shares, from a word boundary, when it is long enough to
 * say once ("each: matches no mx pattern of …"), leaving each line the fact that differs.
 */
export function sharedEnding(facts: string[]): string | null {
  if (facts.length < 2) return null;
  let end = facts[0]!;
  for (const fact of facts.slice(1)) {
    let n = 0;
    while (n < end.length && n < fact.length && end[end.length - 1 - n] === fact[fact.length - 1 - n]) n++;
    end = end.slice(end.length - n);
  }
  const space = end.indexOf(' ');
  if (space < 0) return null;
  const ending = end.slice(space);
  // Every occurrence keeps something of its own before the shared part.
  if (ending.trim().length < MIN_SHARED_CHARS || facts.some((f) => f.length - ending.length < 1)) return null;
  return facts.every((f) => f.slice(0, f.length - ending.length).trim() !== '') ? ending : null;
}

function fixLine(remediation: string, indent: string): Line {
  return {
    head: [{ text: indent }, { text: 'fix:', style: 'fix' }, { text: ' ' }],
    body: v(remediation),
    hang: indent.length + 5,
  };
}

/** The remediation most findings of a group share (the first of equals). */
function commonest(values: string[]): string {
  const tally = new Map<string, number>();
  for (const x of values) tally.set(x, (tally.get(x) ?? 0) + 1);
  return [...tally].reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** The TLS-RPT table, its values wrapped under their column. */
/** `indent`: what the domain line above is indented by (the --verbose list of clean domains). */
function reportLines(reports: NonNullable<DomainResult['reports']>, indent = ''): Line[] {
  const block = reportsBlock(reports);
  const width = Math.max(...block.rows.map(([k]) => k.length));
  return [
    { head: [{ text: `${indent}  ` }], body: v(block.head), hang: indent.length + 4 },
    ...block.rows.map(([k, value]): Line => ({
      head: [{ text: `${indent}    ${k.padEnd(width)}  `, style: 'dim' }],
      body: v(value),
      hang: indent.length + 6 + width,
    })),
  ];
}

// ------------------------------------------------------------------------------------ layout

function blank(): Line {
  return { head: [] };
}

/** "2026-12-02 17:40 UTC" from an ISO timestamp. */
function utcMinute(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})/.exec(iso);
  return match ? `${match[1]} ${match[2]} UTC` : iso;
}

/** Lines wrapped to TEXT_WIDTH, painted, joined; no line may start a workflow command. */
function layout(lines: Line[], color: boolean): string {
  const out: string[] = [];
  for (const line of lines) {
    const headText = line.head.map((p) => p.text).join('');
    const head = line.head.map((p) => paint(p.text, p.style, color)).join('');
    if (line.body === undefined || line.body === '') {
      out.push(head.trimEnd());
      continue;
    }
    const hang = line.hang ?? 2;
    const wrapped = wrapWords(line.body, TEXT_WIDTH - length(headText), TEXT_WIDTH - hang);
    // A head too wide for the first word: the body starts on the next line.
    const first =
      length(headText) + length(wrapped[0]!) > TEXT_WIDTH && length(headText) > hang
        ? null
        : wrapped.shift()!;
    out.push(first === null ? head.trimEnd() : head + paint(first, line.bodyStyle, color));
    for (const rest of first === null
      ? wrapWords(line.body, TEXT_WIDTH - hang, TEXT_WIDTH - hang)
      : wrapped) {
      out.push(' '.repeat(hang) + paint(rest, line.bodyStyle, color));
    }
  }
  return noWorkflowCommands(out.join('\n')) + '\n';
}
