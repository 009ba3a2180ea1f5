/**
 * Pure rendering of the per-domain issue: title, body (what is at risk, then each risk as a
 * checklist item with its fix and its evidence, the order of the job summary), the hidden
 * markers that find it again, and the comments posted on changes.
 * Everything from DNS, policies, certificates and reports goes through src/github/escape.ts.
 *
 * The body holds no timestamp or run link, so an identical run renders an identical body and
 * changes nothing on GitHub (issue 5: an identical second run writes nothing).
 */
import { createHash } from 'node:crypto';
import { RULES, type Finding } from '../core/findings.js';
import { readableTimestamps } from '../render/dates.js';
import { code, escapeMarkdown, inlineMarkdown, markerValue, oneLine } from '../render/escape.js';
import { riskPart, type RiskPart } from './unobserved.js';

/** GitHub rejects issue and comment bodies longer than this (FIELD-NOTES "GitHub REST facts"). */
export const MAX_ISSUE_BODY_CHARS = 65_536;
/** What we fill, leaving room for GitHub's own counting of non-BMP characters and line ends. */
export const ISSUE_BODY_BUDGET = 60_000;
/** Keys of risks kept in the hidden marker; beyond this, a risk may be announced as new twice. */
const MAX_MARKER_KEYS = 1_000;

const MARKER = 'mta-sts-guard';

/** `<!-- mta-sts-guard:domain=example.com -->`: how a run finds the issue of a domain again. */
export function domainMarker(domain: string): string {
  return `<!-- ${MARKER}:domain=${markerValue(domain)} -->`;
}

export interface ParsedMarker {
  domain: string;
  /** Risk keys listed when the body was written (see riskKey). */
  keys: string[];
}

/** Reads the markers written by renderIssueBody; null for any other issue. */
export function parseIssueMarker(body: string | null | undefined): ParsedMarker | null {
  if (!body) return null;
  const domain = /<!-- mta-sts-guard:domain=([^\s]+) -->/.exec(body);
  if (!domain) return null;
  let name: string;
  try {
    name = decodeURIComponent(domain[1]!);
  } catch {
    return null;
  }
  const keys = /<!-- mta-sts-guard:risks=([0-9a-f,]*) -->/.exec(body);
  return { domain: name, keys: keys?.[1] ? keys[1].split(',') : [] };
}

/**
 * A stable identity for one risk across runs: rule, domain, subject, location, and the message
 * with its numbers blanked (so "expired 3 days ago" tomorrow is the same risk, not a new one).
 */
export function riskKey(f: Finding): string {
  const parts = [
    f.rule,
    f.domain ?? '',
    f.subject ?? '',
    f.location ? `${f.location.file}:${f.location.line}` : '',
    f.message.replace(/\d+/g, '#'),
  ];
  return createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 12);
}

export function issueTitle(domain: string): string {
  return `MTA-STS risk: ${oneLine(domain, 200)}`;
}

/**
 * One checklist item, in the order the job summary uses (issue 14 item 4): what is at risk
 * (title, rule id, subject or location), then the fix, then the evidence this run saw.
 */
export function riskItem(f: Finding, checkbox = true): string {
  const spec = RULES[f.rule];
  const lines = [`- ${checkbox ? '[ ] ' : ''}**${spec.title}** (\`${f.rule}\`)${where(f)}`];
  if (f.remediation) lines.push(`  Fix: ${inlineMarkdown(f.remediation)}`);
  lines.push(`  Evidence: ${escapeMarkdown(readableTimestamps(f.message))}`);
  return lines.join('\n');
}

function where(f: Finding): string {
  if (f.location) return ` — ${code(`${f.location.file}:${f.location.line}`)}`;
  return f.subject ? ` — ${code(f.subject)}` : '';
}

/** Risks named in the lead line before the rest are counted. */
const MAX_RISKS_IN_LEAD = 5;

/** The lead line: each kind of risk once, with where it is, before any detail. */
function atRiskLine(risks: Finding[]): string {
  const byRule = new Map<Finding['rule'], Finding[]>();
  for (const f of risks) byRule.set(f.rule, [...(byRule.get(f.rule) ?? []), f]);
  const named = [...byRule].slice(0, MAX_RISKS_IN_LEAD).map(([rule, fs]) => {
    const places = [...new Set(fs.map((f) => where(f).slice(3)).filter((p) => p !== ''))];
    const at =
      places.length === 1 ? ` (${places[0]})` : places.length > 1 ? ` (${places.length} places)` : '';
    return `${escapeMarkdown(RULES[rule].title)}${at}`;
  });
  if (byRule.size > MAX_RISKS_IN_LEAD) named.push(`${byRule.size - MAX_RISKS_IN_LEAD} more`);
  return `**At risk:** ${named.join('; ')}.`;
}

/** Room kept for the note that says how many items were left out. */
const NOTE_RESERVE_CHARS = 300;

/** Items until `budget` characters are used, then a note saying how many were left out. */
function boundedItems(items: string[], budget: number, what: string): string[] {
  const out: string[] = [];
  let used = 0;
  const total = items.reduce((n, item) => n + item.length + 1, 0);
  const room = total <= budget ? budget : budget - NOTE_RESERVE_CHARS;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (used + item.length + 1 > room) {
      out.push(
        `- _… and ${items.length - i} more ${what} not listed: GitHub limits a body to ${MAX_ISSUE_BODY_CHARS.toLocaleString('en-US')} characters. The workflow run's summary lists them all._`,
      );
      break;
    }
    out.push(item);
    used += item.length + 1;
  }
  return out;
}

export interface IssueBodyContext {
  /** The MTA-STS mode the domain's policy declares, if known. */
  mode: string | null;
  /** Parts of the domain this run did not observe, and why (issue 10 item 3). */
  unobserved?: Map<RiskPart, string>;
  /** Items of the issue's earlier body in those parts: kept, as not re-checked in this run. */
  carried?: IssueItem[];
}

/** One checklist item of an issue body, with the risk key and part its hidden marker names. */
export interface IssueItem {
  key: string;
  part: RiskPart;
  /** The item's lines as written (checkbox state included). */
  text: string;
}

/** What each part covers, for the "not re-checked in this run" note. */
const PART_NAMES: Record<RiskPart, string> = {
  'sts-record': 'the MTA-STS record',
  'tlsrpt-record': 'the TLS-RPT record',
  policy: 'the policy',
  'mx-dns': 'the MX records',
  'mx-probe': 'the MX TLS sessions and certificates',
  files: 'the repository files',
};

function itemMarker(f: Finding): string {
  return `<!-- ${MARKER}:risk=${riskKey(f)}:${riskPart(f)} -->`;
}

const ITEM_MARKER = /<!-- mta-sts-guard:risk=([0-9a-f]+):([a-z-]+) -->/;

/**
 * The checklist items of a body written by renderIssueBody, or null when the body predates item
 * markers (then nothing can be carried and an unobserved run leaves the issue alone).
 */
export function parseIssueItems(body: string): IssueItem[] | null {
  const lines = body.replace(/\r\n/g, '\n').split('\n');
  const items: IssueItem[] = [];
  for (let i = 0; i < lines.length; i++) {
    const match = ITEM_MARKER.exec(lines[i]!);
    if (!lines[i]!.startsWith('- ') || !match || !(match[2]! in PART_NAMES)) continue;
    const block = [lines[i]!];
    while (i + 1 < lines.length && lines[i + 1]!.startsWith('  ')) block.push(lines[++i]!);
    items.push({ key: match[1]!, part: match[2] as RiskPart, text: block.join('\n') });
  }
  return items.length === 0 && /:risks=[0-9a-f]/.test(body) ? null : items;
}

function unobservedNote(unobserved: Map<RiskPart, string>): string[] {
  const byReason = new Map<string, string[]>();
  for (const [part, why] of unobserved) {
    if (part === 'files') continue;
    byReason.set(why, [...(byReason.get(why) ?? []), PART_NAMES[part]]);
  }
  return [...byReason].map(
    ([why, names]) => `> Not re-checked in this run (${escapeMarkdown(why)}): ${names.join(', ')}.`,
  );
}

/** The issue body for `domain` listing `risks` (its error findings), within GitHub's limit. */
export function renderIssueBody(domain: string, risks: Finding[], context: IssueBodyContext): string {
  const carried = context.carried ?? [];
  const keys = [...new Set([...risks.map(riskKey), ...carried.map((c) => c.key)])].slice(0, MAX_MARKER_KEYS);
  const count = `${risks.length} ${risks.length === 1 ? 'error' : 'errors'}`;
  const mode = context.mode ? ` (policy mode ${code(context.mode)})` : '';
  const found =
    risks.length > 0
      ? `mta-sts-guard found **${count}**${mode}: compliant senders may refuse or delay mail to this domain, or cannot use its policy at all.`
      : `mta-sts-guard found no error in what this run checked${mode}; the earlier risks below were not re-checked.`;
  const note = context.unobserved ? unobservedNote(context.unobserved) : [];
  const head = [
    domainMarker(domain),
    `<!-- ${MARKER}:risks=${keys.join(',')} -->`,
    `### MTA-STS and TLS-RPT risks for ${code(domain)}`,
    '',
    found,
    '',
    ...(risks.length > 0 ? [atRiskLine(risks), ''] : []),
    ...(note.length > 0 ? [...note, ''] : []),
    ...(risks.length > 0
      ? ['Each item says what is at risk, then the fix, then the evidence this run saw.', '']
      : []),
  ].join('\n');
  const carriedPart =
    carried.length > 0
      ? ['', '#### Not re-checked in this run', '', ...carried.map((c) => c.text)].join('\n') + '\n'
      : '';
  const foot = [
    '',
    '---',
    '<sub>Kept up to date by mta-sts-guard: this list is rewritten when the risks change, and the issue is closed when none remain. Ticking a box changes nothing: fix the cause and the next run removes the item.</sub>',
    '',
  ].join('\n');
  const budget = ISSUE_BODY_BUDGET - head.length - foot.length - carriedPart.length;
  return (
    head +
    boundedItems(
      risks.map((f) => `${riskItem(f)}`.replace(/\n|$/, (end) => ` ${itemMarker(f)}${end}`)),
      budget,
      'risks',
    ).join('\n') +
    '\n' +
    carriedPart +
    foot
  );
}

/**
 * Whether two bodies say the same thing: line endings (the web editor stores CRLF) and ticked
 * checkboxes (a person ticking an item) do not count as a change.
 */
export function sameBody(a: string, b: string): boolean {
  const normal = (s: string): string =>
    s
      .replace(/\r\n/g, '\n')
      .replace(/^- \[[xX]\] /gm, '- [ ] ')
      .trimEnd();
  return normal(a) === normal(b);
}

function runLink(runUrl: string | null): string {
  return runUrl ? ` ([workflow run](${runUrl}))` : '';
}

/** Comment on an open issue whose risks changed with new ones, or on a reopened issue. */
export function renderNewRisksComment(
  domain: string,
  newRisks: Finding[],
  runUrl: string | null,
  reopened: boolean,
): string {
  const headline = reopened
    ? `Risks are back for ${code(domain)}, so this issue is open again${runLink(runUrl)}.`
    : `New risks for ${code(domain)}${runLink(runUrl)}:`;
  const budget = ISSUE_BODY_BUDGET - headline.length - 2;
  const items = boundedItems(
    newRisks.map((f) => riskItem(f, false)),
    budget,
    'new risks',
  );
  return [headline, '', ...items, ''].join('\n');
}

export function renderResolvedComment(domain: string, runUrl: string | null): string {
  return `No risk remains for ${code(domain)}${runLink(runUrl)}: closing this issue. It is reopened if one comes back.\n`;
}
