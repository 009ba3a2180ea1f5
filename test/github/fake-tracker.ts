/** An in-memory IssueTracker that logs every call (STYLE.md: fakes through the ports). */
import type { GitHubApiError } from '../../src/github/issue-tracker.js';
import {
  type IssueChange,
  type IssueTracker,
  type NewIssue,
  type TrackedIssue,
} from '../../src/github/issue-tracker.js';

export class FakeTracker implements IssueTracker {
  readonly issues: (TrackedIssue & { labels: string[]; comments: string[] })[] = [];
  readonly calls: string[] = [];
  readonly labels = new Set<string>();
  /** Makes the named call fail with this error from now on. */
  failing: { call: string; error: GitHubApiError } | null = null;

  private maybeFail(call: string): void {
    this.calls.push(call);
    if (this.failing?.call === call) throw this.failing.error;
  }

  seed(domainBody: string, state: 'open' | 'closed' = 'open', labels = ['mta-sts-guard']): number {
    const number = this.issues.length + 1;
    this.issues.push({
      number,
      state,
      title: 't',
      body: domainBody,
      url: `u/${number}`,
      labels,
      comments: [],
    });
    return number;
  }

  async listIssues(label: string): Promise<TrackedIssue[]> {
    this.maybeFail('list');
    return this.issues.filter((i) => i.labels.includes(label)).map((i) => ({ ...i }));
  }

  async createIssue(issue: NewIssue): Promise<TrackedIssue> {
    this.maybeFail('create');
    const number = this.issues.length + 1;
    const stored = {
      number,
      state: 'open' as const,
      title: issue.title,
      body: issue.body,
      url: `u/${number}`,
      labels: issue.labels,
      comments: [],
    };
    this.issues.push(stored);
    return { ...stored };
  }

  async updateIssue(number: number, change: IssueChange): Promise<void> {
    this.maybeFail('update');
    Object.assign(this.issues[number - 1]!, change);
  }

  async addComment(number: number, body: string): Promise<void> {
    this.maybeFail('comment');
    this.issues[number - 1]!.comments.push(body);
  }

  async ensureLabels(labels: string[]): Promise<void> {
    this.maybeFail('labels');
    for (const l of labels) this.labels.add(l);
  }
}
