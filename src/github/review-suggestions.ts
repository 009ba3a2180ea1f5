/**
 * PR review suggestions (issue 15 item 5): on a pull request, every `fix.edits` entry whose
 * lines the diff shows becomes a review comment with a ```suggestion block, so the author clicks
 * "Commit suggestion". Comments are found again by their hidden marker, edited when the
 * suggestion changed, left alone when equal (a rerun writes nothing) and edited to say
 * "resolved" when it no longer applies (see sync-plan.ts for why not deleted). Without
 * `pull-requests: write` the first refused write ends the pass with one warning; the edits stay
 * in the annotations and the job summary. Works against the PullRequestReviews port only; the
 * judgement is in src/core/suggest.
 */
import { isAbsolute, relative, resolve } from 'node:path';
import type { CheckResult } from '../core/result.js';
import {
  collectEdits,
  placeSuggestions,
  type PullFile,
  type SkipReason,
  type WorkingFile,
} from '../core/suggest/suggestions.js';
import { planSync, type DesiredComment, type ExistingComment } from '../core/suggest/sync-plan.js';
import type { Logger } from '../ports.js';
import {
  MAX_COMMENT_BODY_CHARS,
  parseSuggestionMarker,
  renderResolvedBody,
  renderSuggestionBody,
} from '../render/suggestion-body.js';
import { GitHubApiError } from './issue-tracker.js';

/** A review comment as listed, plain data. */
export interface ReviewComment {
  id: number;
  body: string;
  path: string;
  /** Head-side line; null when outdated. */
  line: number | null;
  startLine: number | null;
}

export interface NewReviewComment {
  path: string;
  startLine: number;
  line: number;
  body: string;
}

/** What the suggestions need from GitHub for one pull request (commit_id is the adapter's). */
export interface PullRequestReviews {
  listFiles(): Promise<PullFile[]>;
  listComments(): Promise<ReviewComment[]>;
  createComment(comment: NewReviewComment): Promise<void>;
  updateComment(id: number, body: string): Promise<void>;
}

/**
 * Writes one pass makes at most. The client spaces writes a second apart (client.ts), so this
 * bounds the pass at about a minute, below GitHub's ~80 content writes a minute; what is left
 * is written by the next run, which finds the rest already in place.
 */
export const MAX_SUGGESTION_WRITES = 50;

export type NotSuggestedReason = SkipReason | 'too-long' | 'write-limit' | 'refused';

export interface SuggestionReport {
  created: number;
  updated: number;
  resolved: number;
  unchanged: number;
  notSuggested: { path: string; startLine: number; endLine: number; reason: NotSuggestedReason }[];
  /** Why the pass stopped or fell short (one line), or null. */
  warning: string | null;
}

export interface SuggestionOptions {
  /** The checkout: edit paths are made relative to it to match the pull request's file names. */
  workspace: string;
  /** Where relative edit paths are resolved (the run's working directory). */
  cwd: string;
  /** The working-tree files the edits name (edited-files.ts). */
  files: ReadonlyMap<string, WorkingFile | null>;
}

const FORBIDDEN =
  'suggest-fixes: no review suggestions: the token cannot write pull request review comments (grant `pull-requests: write`; pull requests from forks always get a read-only token). The edits are shown in the annotations and the job summary.';

/** The repository path of an edit's file, or null when it lies outside the checkout. */
export function repositoryPath(
  file: string,
  options: Pick<SuggestionOptions, 'workspace' | 'cwd'>,
): string | null {
  const path = relative(options.workspace, resolve(options.cwd, file));
  if (path === '' || path.startsWith('..') || isAbsolute(path)) return null;
  return path.replace(/\\/g, '/');
}

export async function syncSuggestions(
  result: CheckResult,
  reviews: PullRequestReviews,
  options: SuggestionOptions,
  logger: Logger,
): Promise<SuggestionReport> {
  const report: SuggestionReport = {
    created: 0,
    updated: 0,
    resolved: 0,
    unchanged: 0,
    notSuggested: [],
    warning: null,
  };
  const items = collectEdits(result.findings, (file) => repositoryPath(file, options));
  const note = (path: string, startLine: number, endLine: number, reason: NotSuggestedReason) =>
    report.notSuggested.push({ path, startLine, endLine, reason });
  try {
    const working = new Map(items.map((i) => [i.path, options.files.get(i.edit.file) ?? null] as const));
    // No edit: nothing to place, but earlier suggestions may still need resolving.
    const files = items.length > 0 ? await reviews.listFiles() : [];
    const placement = placeSuggestions(items, files, working);
    for (const s of placement.skipped)
      note(s.item.path, s.item.edit.startLine, s.item.edit.endLine, s.reason);
    const desired: DesiredComment[] = [];
    for (const s of placement.suggestions) {
      const body = renderSuggestionBody(s);
      if (body.length > MAX_COMMENT_BODY_CHARS) note(s.path, s.startLine, s.line, 'too-long');
      else desired.push({ key: s.key, path: s.path, startLine: s.startLine, line: s.line, body });
    }
    const existing: ExistingComment[] = [];
    for (const c of await reviews.listComments()) {
      const key = parseSuggestionMarker(c.body);
      if (key !== null) existing.push({ ...c, key });
    }
    const plan = planSync(desired, existing, renderResolvedBody);
    report.unchanged = plan.unchanged;
    let writes = 0;
    let limited = false;
    let refused = 0;
    const budget = (): boolean =>
      writes < MAX_SUGGESTION_WRITES ? (writes++, true) : ((limited = true), false);
    // Stale ones first: a moved suggestion is resolved before its new comment appears.
    for (const r of plan.resolve) {
      if (!budget()) break;
      await reviews.updateComment(r.id, r.body);
      report.resolved++;
    }
    for (const u of plan.update) {
      if (!budget()) break;
      await reviews.updateComment(u.id, u.body);
      report.updated++;
    }
    for (const c of plan.create) {
      if (!budget()) {
        note(c.path, c.startLine, c.line, 'write-limit');
        continue;
      }
      try {
        await reviews.createComment(c);
        report.created++;
      } catch (error) {
        // 422: GitHub does not place a comment on those lines; the others still go.
        if (!(error instanceof GitHubApiError && error.status === 422)) throw error;
        refused++;
        note(c.path, c.startLine, c.line, 'refused');
        logger.info(`review suggestion on ${c.path} line ${c.line} refused: ${error.message}`);
      }
    }
    if (limited)
      report.warning = `suggest-fixes: stopped after ${MAX_SUGGESTION_WRITES} writes; the next run continues.`;
    else if (refused > 0)
      report.warning = `suggest-fixes: GitHub refused ${refused} review suggestion${refused === 1 ? '' : 's'} (422); the edits are shown in the job summary.`;
  } catch (error) {
    if (!(error instanceof GitHubApiError)) throw error;
    report.warning =
      error.failure === 'forbidden'
        ? FORBIDDEN
        : error.failure === 'rate-limited'
          ? 'suggest-fixes: stopped by a GitHub rate limit; the next run continues where this one stopped.'
          : `suggest-fixes: review suggestions stopped: ${error.message}`;
  }
  return report;
}

const REASON_TEXT: Record<NotSuggestedReason, string> = {
  'outside-diff': 'outside the diff',
  'not-head-version': 'checkout differs from the head commit',
  'line-endings-only': 'line endings only',
  'invisible-characters': 'invisible characters',
  'no-line': 'no line to comment on',
  'lone-carriage-return': 'lone CR line endings',
  'too-long': 'too long for a comment',
  'write-limit': 'write limit reached',
  refused: 'refused by GitHub',
};

/** One line for the job summary: what the pass did and why some edits are not suggestions. */
export function describeSuggestions(report: SuggestionReport): string {
  const done = `PR suggestions: ${report.created} posted, ${report.updated} updated, ${report.resolved} resolved, ${report.unchanged} unchanged.`;
  if (report.notSuggested.length === 0) return done;
  const counts = new Map<NotSuggestedReason, number>();
  for (const n of report.notSuggested) counts.set(n.reason, (counts.get(n.reason) ?? 0) + 1);
  const why = [...counts].map(([reason, n]) => `${n} ${REASON_TEXT[reason]}`).join(', ');
  const edits = report.notSuggested.length === 1 ? '1 edit is' : `${report.notSuggested.length} edits are`;
  return `${done} ${edits} not a suggestion (${why}): see each finding's fix.`;
}
