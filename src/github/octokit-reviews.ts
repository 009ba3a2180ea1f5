/**
 * PullRequestReviews on the GitHub REST API (@actions/github): the pull request's files and its
 * review comments, paginated and bounded, as plain data. Comments are placed by head-side line
 * (`line`, `start_line`, `side: RIGHT`) on the head commit.
 */
import type { PullFile } from '../core/suggest/suggestions.js';
import type { GitHubClient, Repository } from './client.js';
import type { NewReviewComment, PullRequestReviews, ReviewComment } from './review-suggestions.js';

/** 100 a page (the API's maximum). GitHub lists at most 3,000 files of a pull request. */
const PER_PAGE = 100;
const MAX_FILE_PAGES = 30;
/** 3,000 review comments: a pull request with more is not one we add suggestions to blindly. */
const MAX_COMMENT_PAGES = 30;

interface RestFile {
  filename: string;
  status: string;
  sha: string | null;
  patch?: string;
}

interface RestComment {
  id: number;
  body: string;
  path: string;
  line?: number | null;
  start_line?: number | null;
}

export class OctokitPullRequestReviews implements PullRequestReviews {
  constructor(
    private readonly octokit: GitHubClient,
    private readonly repository: Repository,
    private readonly pullNumber: number,
    private readonly headSha: string,
  ) {}

  async listFiles(): Promise<PullFile[]> {
    const files: PullFile[] = [];
    let pages = 0;
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.pulls.listFiles, {
      ...this.repository,
      pull_number: this.pullNumber,
      per_page: PER_PAGE,
    });
    for await (const page of iterator) {
      for (const f of page.data as RestFile[]) {
        files.push({
          path: f.filename,
          patch: f.patch ?? null,
          blobSha: f.status === 'removed' ? null : f.sha,
        });
      }
      if (++pages >= MAX_FILE_PAGES) break;
    }
    return files;
  }

  async listComments(): Promise<ReviewComment[]> {
    const comments: ReviewComment[] = [];
    let pages = 0;
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.pulls.listReviewComments, {
      ...this.repository,
      pull_number: this.pullNumber,
      per_page: PER_PAGE,
    });
    for await (const page of iterator) {
      for (const c of page.data as RestComment[]) {
        // GitHub gives an outdated comment no `line` (null, or absent).
        comments.push({
          id: c.id,
          body: c.body,
          path: c.path,
          line: c.line ?? null,
          startLine: c.start_line ?? null,
        });
      }
      if (++pages >= MAX_COMMENT_PAGES) break;
    }
    return comments;
  }

  async createComment(comment: NewReviewComment): Promise<void> {
    const range =
      comment.startLine < comment.line ? { start_line: comment.startLine, start_side: 'RIGHT' as const } : {};
    await this.octokit.rest.pulls.createReviewComment({
      ...this.repository,
      pull_number: this.pullNumber,
      commit_id: this.headSha,
      path: comment.path,
      body: comment.body,
      ...range,
      line: comment.line,
      side: 'RIGHT',
    });
  }

  async updateComment(id: number, body: string): Promise<void> {
    await this.octokit.rest.pulls.updateReviewComment({ ...this.repository, comment_id: id, body });
  }
}
