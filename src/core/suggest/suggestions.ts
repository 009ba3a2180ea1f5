/**
 * Which `fix.edits` of a run become pull request review suggestions, and on which lines
 * (issue 15 item 5). A suggestion replaces the lines it is commented on with the block's lines,
 * so an edit becomes one exactly when the lines it touches are all shown in one hunk of the pull
 * request's diff, on the head side, and the file the edit was computed on is the head's version
 * (the checkout may be the merge commit, whose line numbers can differ). Pure: the pull
 * request's files and the working-tree texts come in as data.
 */
import type { Finding, RuleId } from '../findings.js';
import { splitFileLines, type FileEdit } from '../fix/edit.js';
import { hunkHolding, rightSideRanges } from './diff-hunks.js';

/** One edit of a run, with every finding that shares it (DESIGN.md: findings on the same lines share one edit). */
export interface EditToSuggest {
  /** Path relative to the repository root, forward slashes: as the pull request lists it. */
  path: string;
  edit: FileEdit;
  rules: RuleId[];
  /** Each finding's `fix.summary`, in the order of `rules`. */
  summaries: string[];
}

/** A changed file of the pull request (GET /repos/{o}/{r}/pulls/{n}/files). */
export interface PullFile {
  path: string;
  /** The unified diff hunks; GitHub leaves it out for binary and very large diffs. */
  patch: string | null;
  /** Git blob id of the file at the head commit; null for a removed file. */
  blobSha: string | null;
}

/** The file the run read, as it is in the working tree. */
export interface WorkingFile {
  text: string;
  /** Git blob id of `text` (sha1 of `blob <bytes>\0<bytes>`), compared with the head's. */
  blobSha: string;
}

export interface Suggestion {
  /** Stable identity across runs: file, edit range, rules. Written into the comment's marker. */
  key: string;
  path: string;
  /** First and last commented line (head side); equal for a one-line comment. */
  startLine: number;
  line: number;
  /** The lines that replace startLine..line, without terminators. */
  replacement: string[];
  rules: RuleId[];
  summaries: string[];
}

export type SkipReason =
  /** The file is not changed by the pull request, or the lines are not all in one hunk. */
  | 'outside-diff'
  /** The working tree is not the head's version of the file: line numbers may differ. */
  | 'not-head-version'
  /** Only line terminators change, which a suggestion block cannot show. */
  | 'line-endings-only'
  /** Control or bidirectional characters a reviewer cannot see in a suggestion. */
  | 'invisible-characters'
  /** An insertion into an empty file: there is no line to comment on. */
  | 'no-line'
  /** A lone CR ends a line for the edit but not for git, so line numbers disagree with GitHub's. */
  | 'lone-carriage-return';

export interface Skipped {
  item: EditToSuggest;
  reason: SkipReason;
}

/** Controls (tab allowed), DEL, C1, line/paragraph separators, bidi marks and overrides, BOM. */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex -- this pattern exists to find control characters
  /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufeff]/;

/**
 * The edits of a run's findings, one entry per distinct edit (same file, range and text), with
 * every finding sharing it. `pathOf` maps an edit's file to its repository path, or null for a
 * file outside the repository (never suggested).
 */
export function collectEdits(
  findings: readonly Finding[],
  pathOf: (file: string) => string | null,
): EditToSuggest[] {
  const byIdentity = new Map<string, EditToSuggest>();
  for (const f of findings) {
    for (const edit of f.fix?.edits ?? []) {
      const path = pathOf(edit.file);
      if (path === null) continue;
      const identity = JSON.stringify([path, edit.startLine, edit.endLine, edit.text]);
      const entry = byIdentity.get(identity) ?? { path, edit, rules: [], summaries: [] };
      byIdentity.set(identity, entry);
      if (!entry.rules.includes(f.rule)) {
        entry.rules.push(f.rule);
        entry.summaries.push(f.fix!.summary);
      }
    }
  }
  return [...byIdentity.values()];
}

/** The marker key of an edit: file, line range and rules (sorted: the order of findings may change). */
export function suggestionKey(item: EditToSuggest): string {
  const { startLine, endLine } = item.edit;
  return `${item.path}:${startLine}-${endLine}:${[...item.rules].sort().join('+')}`;
}

/** Lines of an edit's text without their terminators. */
function textLines(text: string): string[] {
  return splitFileLines(text).map((l) => l.content);
}

/** The commented range and its replacement for one edit, or why there is none. */
function place(
  item: EditToSuggest,
  lines: string[],
): { startLine: number; line: number; replacement: string[] } | SkipReason {
  const { startLine, endLine, text } = item.edit;
  const added = textLines(text);
  if (endLine >= startLine) return { startLine, line: endLine, replacement: added };
  // An insertion (startLine = endLine + 1) is a suggestion on a neighbouring line that keeps it.
  if (endLine >= 1)
    return { startLine: endLine, line: endLine, replacement: [lines[endLine - 1]!, ...added] };
  if (lines.length === 0) return 'no-line';
  return { startLine: 1, line: 1, replacement: [...added, lines[0]!] };
}

export interface Placement {
  suggestions: Suggestion[];
  skipped: Skipped[];
}

/**
 * The suggestions for `items` on a pull request with `files` changed; `working` holds the
 * working-tree file of each path that has an edit (null: unreadable).
 */
export function placeSuggestions(
  items: readonly EditToSuggest[],
  files: readonly PullFile[],
  working: ReadonlyMap<string, WorkingFile | null>,
): Placement {
  const byPath = new Map(files.map((f) => [f.path, f]));
  const out: Placement = { suggestions: [], skipped: [] };
  const skip = (item: EditToSuggest, reason: SkipReason) => out.skipped.push({ item, reason });
  for (const item of items) {
    const pullFile = byPath.get(item.path);
    if (!pullFile?.patch || pullFile.blobSha === null) {
      skip(item, 'outside-diff');
      continue;
    }
    const file = working.get(item.path);
    if (!file || file.blobSha !== pullFile.blobSha) {
      skip(item, 'not-head-version');
      continue;
    }
    if (/\r(?!\n)/.test(file.text)) {
      skip(item, 'lone-carriage-return');
      continue;
    }
    const lines = splitFileLines(file.text).map((l) => l.content);
    const placed = place(item, lines);
    if (typeof placed === 'string') {
      skip(item, placed);
      continue;
    }
    if (
      placed.line > lines.length ||
      !hunkHolding(rightSideRanges(pullFile.patch), placed.startLine, placed.line)
    ) {
      skip(item, 'outside-diff');
      continue;
    }
    const current = lines.slice(placed.startLine - 1, placed.line);
    if (
      placed.replacement.length === current.length &&
      placed.replacement.every((l, i) => l === current[i])
    ) {
      skip(item, 'line-endings-only');
      continue;
    }
    if (placed.replacement.some((l) => INVISIBLE.test(l))) {
      skip(item, 'invisible-characters');
      continue;
    }
    out.suggestions.push({
      key: suggestionKey(item),
      path: item.path,
      ...placed,
      rules: item.rules,
      summaries: item.summaries,
    });
  }
  return out;
}
