/**
 * Bodies of the pull request review comments that carry fix suggestions (issue 15 item 5). The
 * hidden marker makes a comment findable by the next run; the ```suggestion block is what
 * GitHub's "Commit suggestion" writes over the commented lines. File text and fix summaries come
 * from the repository and DNS data: summaries are escaped, and the block's fence is longer than
 * any backtick run inside it, so no line of the file can close it early (CommonMark §4.5).
 */
import { RULES } from '../core/findings.js';
import type { Suggestion } from '../core/suggest/suggestions.js';
import { escapeMarkdown, markerValue } from './escape.js';

/** GitHub's limit for a comment body (FIELD-NOTES "GitHub REST facts"). */
export const MAX_COMMENT_BODY_CHARS = 65_536;

const MARKER = /<!-- mta-sts-guard:suggestion:([A-Za-z0-9%._~-]+) -->/;

export function suggestionMarker(key: string): string {
  return `<!-- mta-sts-guard:suggestion:${markerValue(key)} -->`;
}

/** The key of a comment written by suggestionMarker, or null. */
export function parseSuggestionMarker(body: string): string | null {
  const match = MARKER.exec(body);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** A backtick fence longer than every backtick run in `lines`, at least three. */
function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.flatMap((l) => (l.match(/`+/g) ?? []).map((run) => run.length)));
  return '`'.repeat(Math.max(3, longest + 1));
}

/** Body of the comment for `s`; may exceed MAX_COMMENT_BODY_CHARS (the caller skips those). */
export function renderSuggestionBody(s: Suggestion): string {
  const reasons = s.rules.map(
    (rule, i) => `- \`${rule}\` (${RULES[rule].title}): ${escapeMarkdown(s.summaries[i] ?? '')}`,
  );
  const fence = fenceFor(s.replacement);
  return [
    suggestionMarker(s.key),
    '**mta-sts-guard** suggests this change, which resolves:',
    ...reasons,
    '',
    `${fence}suggestion`,
    ...s.replacement,
    fence,
    '',
  ].join('\n');
}

/** Body of a suggestion that no longer applies: the marker stays, the block goes. */
export function renderResolvedBody(key: string): string {
  return [
    suggestionMarker(key),
    '**mta-sts-guard**: resolved. This suggestion no longer applies to the pull request (the finding is gone, or the lines changed); a current one, if any, is in its own comment.',
    '',
  ].join('\n');
}
