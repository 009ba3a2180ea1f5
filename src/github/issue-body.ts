/**
 * Pure rendering of the per-domain issue: title, body (the current risks as a checklist with
 * remediation), the hidden markers that find it again, and the comments posted on changes.
 * Everything from DNS, policies, certificates and reports goes through src/github/escape.ts.
 *
 * The body holds no timestamp or run link, so an identical run renders an identical body and
 * changes nothing on GitHub (issue 5: an identical second run writes nothing).
 */
import { createHash } from 'node:crypto';
import { RULES, type Finding } from '../core/findings.js';
import { code, escapeMarkdown, inlineMarkdown, markerValue, oneLine } from '../render/escape.js';

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

/** One checklist item: title, rule id, subject or location, message, and the fix. */
export function riskItem(f: Finding, checkbox = true): string {
  const spec = RULES[f.rule];
  const where = f.location
    ? ` — ${code(`${f.location.file}:${f.location.line}`)}`
    : f.subject
      ? ` — ${code(f.subject)}`
      : '';
  const lines = [
    `- ${checkbox ? '[ ] ' : ''}**${spec.title}** (\`${f.rule}\`)${where}: ${escapeMarkdown(f.message)}`,
  ];
  if (f.remediation) lines.push(`  Fix: ${inlineMarkdown(f.remediation)}`);
  return lines.join('\n');
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
}

/** The issue body for `domain` listing `risks` (its error findings), within GitHub's limit. */
export function renderIssueBody(domain: string, risks: Finding[], context: IssueBodyContext): string {
  const keys = [...new Set(risks.map(riskKey))].slice(0, MAX_MARKER_KEYS);
  const count = `${risks.length} ${risks.length === 1 ? 'error' : 'errors'}`;
  const mode = context.mode ? ` (policy mode ${code(context.mode)})` : '';
  const head = [
    domainMarker(domain),
    `<!-- ${MARKER}:risks=${keys.join(',')} -->`,
    `### MTA-STS and TLS-RPT risks for ${code(domain)}`,
    '',
    `mta-sts-guard found **${count}**${mode}: compliant senders may refuse or delay mail to this domain, or cannot use its policy at all.`,
    '',
  ].join('\n');
  const foot = [
    '',
    '---',
    '<sub>Kept up to date by mta-sts-guard: this list is rewritten when the risks change, and the issue is closed when none remain. Ticking a box changes nothing: fix the cause and the next run removes the item.</sub>',
    '',
  ].join('\n');
  const budget = ISSUE_BODY_BUDGET - head.length - foot.length;
  return (
    head +
    boundedItems(
      risks.map((f) => riskItem(f)),
      budget,
      'risks',
    ).join('\n') +
    '\n' +
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
