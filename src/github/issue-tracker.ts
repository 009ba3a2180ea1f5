/**
 * The IssueTracker port (STYLE.md "ports"): what the issue lifecycle needs from GitHub, as plain
 * data. src/github/octokit-tracker.ts implements it on @actions/github; tests pass an in-memory
 * fake or run the real adapter against the local GitHub stand-in.
 */

export interface TrackedIssue {
  number: number;
  state: 'open' | 'closed';
  title: string;
  body: string;
  url: string;
}

export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
}

export interface IssueChange {
  body?: string;
  state?: 'open' | 'closed';
}

export interface IssueTracker {
  /** Every issue (open and closed, pull requests left out) carrying `label`, all pages. */
  listIssues(label: string): Promise<TrackedIssue[]>;
  createIssue(issue: NewIssue): Promise<TrackedIssue>;
  updateIssue(number: number, change: IssueChange): Promise<void>;
  addComment(number: number, body: string): Promise<void>;
  /** Creates each label that does not exist yet. */
  ensureLabels(labels: string[]): Promise<void>;
}

/**
 * Why a GitHub call failed, told apart by status (STYLE.md "Errors"): `forbidden` is a 403 that
 * is not a rate limit (the token lacks a permission), `rate-limited` a limit that outlasted the
 * bounded retries, `other` anything else.
 */
export type GitHubFailure = 'forbidden' | 'rate-limited' | 'not-found' | 'other';

export class GitHubApiError extends Error {
  override name = 'GitHubApiError';
  constructor(
    message: string,
    readonly failure: GitHubFailure,
    readonly status: number | null,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}
