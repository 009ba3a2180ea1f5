/**
 * IssueTracker on the GitHub REST API through @actions/github (the only importer of it besides
 * src/github/client.ts and src/main.ts). Plain data in and out.
 */
import type { GitHubClient, Repository } from './client.js';
import {
  GitHubApiError,
  type IssueChange,
  type IssueTracker,
  type NewIssue,
  type TrackedIssue,
} from './issue-tracker.js';

/** 100 issues a page (the API's maximum); 50 pages bound the listing at 5,000 issues. */
const PER_PAGE = 100;
const MAX_PAGES = 50;
/** Colour of labels we create (GitHub wants 6 hex digits, no #). */
const LABEL_COLOR = 'b60205';
const LABEL_DESCRIPTION = 'MTA-STS / TLS-RPT risks found by mta-sts-guard';

interface RestIssue {
  number: number;
  state: string;
  title: string;
  body?: string | null;
  html_url: string;
  pull_request?: unknown;
}

function toTracked(issue: RestIssue): TrackedIssue {
  return {
    number: issue.number,
    state: issue.state === 'closed' ? 'closed' : 'open',
    title: issue.title,
    body: issue.body ?? '',
    url: issue.html_url,
  };
}

export class OctokitIssueTracker implements IssueTracker {
  constructor(
    private readonly octokit: GitHubClient,
    private readonly repository: Repository,
  ) {}

  async listIssues(label: string): Promise<TrackedIssue[]> {
    const issues: TrackedIssue[] = [];
    let pages = 0;
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
      ...this.repository,
      labels: label,
      state: 'all',
      per_page: PER_PAGE,
    });
    for await (const page of iterator) {
      // The issues endpoint lists pull requests too.
      for (const issue of page.data as RestIssue[]) if (!issue.pull_request) issues.push(toTracked(issue));
      if (++pages >= MAX_PAGES) break;
    }
    return issues;
  }

  async createIssue(issue: NewIssue): Promise<TrackedIssue> {
    const { data } = await this.octokit.rest.issues.create({ ...this.repository, ...issue });
    return toTracked(data as RestIssue);
  }

  async updateIssue(number: number, change: IssueChange): Promise<void> {
    const stateReason =
      change.state === 'closed'
        ? { state_reason: 'completed' as const }
        : change.state === 'open'
          ? { state_reason: 'reopened' as const }
          : {};
    await this.octokit.rest.issues.update({
      ...this.repository,
      issue_number: number,
      ...change,
      ...stateReason,
    });
  }

  async addComment(number: number, body: string): Promise<void> {
    await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: number, body });
  }

  async ensureLabels(labels: string[]): Promise<void> {
    for (const name of labels) {
      try {
        await this.octokit.rest.issues.getLabel({ ...this.repository, name });
      } catch (error) {
        if (!(error instanceof GitHubApiError && error.failure === 'not-found')) throw error;
        try {
          await this.octokit.rest.issues.createLabel({
            ...this.repository,
            name,
            color: LABEL_COLOR,
            description: LABEL_DESCRIPTION,
          });
        } catch (createError) {
          // 422 already_exists: a parallel shard created it first.
          if (!(createError instanceof GitHubApiError && createError.status === 422)) throw createError;
        }
      }
    }
  }
}
