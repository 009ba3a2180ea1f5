/**
 * A local stand-in for the GitHub REST API (loopback only): keeps issues, comments, labels and
 * artifacts in memory, answers the operations the action uses, and validates every request AND
 * every response it sends against the committed OpenAPI subset. A request that does not match
 * is rejected (422) and recorded; a response that does not match is recorded (a stand-in bug).
 * Tests assert that `mismatches` is empty.
 *
 * Faults (a 403 without permission, a secondary rate limit) are injected per operation.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hunkHolding, rightSideRanges } from '../../src/core/suggest/diff-hunks.js';
import { OpenApiValidator, type Operation } from './openapi-validator.js';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** The OpenAPI path template, or the blob route. */
  route: string;
  body: unknown;
  status: number;
}

export interface Fault {
  method: string;
  route: string;
  status: number;
  headers?: Record<string, string>;
  body: unknown;
  /** How many matching requests get the fault (Infinity: all). */
  times: number;
}

export interface StoredIssue {
  number: number;
  title: string;
  body: string;
  state: 'open' | 'closed';
  stateReason: string | null;
  labels: string[];
  pullRequest: boolean;
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface StoredComment {
  id: number;
  issue: number;
  body: string;
}

export interface StoredArtifact {
  id: number;
  name: string;
  expired: boolean;
  createdAt: string;
  bytes: Uint8Array;
}

/** A changed file of a pull request, as GET .../pulls/{n}/files lists it. */
export interface StoredPullFile {
  filename: string;
  status: 'added' | 'modified' | 'removed' | 'renamed';
  /** Blob id at the head (null for removed). */
  sha: string | null;
  patch?: string;
}

export interface StoredPullRequest {
  number: number;
  headSha: string;
  files: StoredPullFile[];
}

export interface StoredReviewComment {
  id: number;
  pull: number;
  path: string;
  commitId: string;
  line: number;
  startLine: number | null;
  body: string;
}

const BLOB_ROUTE = '/_blob/{id}';
const DOCS = 'https://docs.github.com/rest';
const FIXED_TIME = '2026-11-01T00:00:00Z';

export class GitHubStandIn {
  readonly issues: StoredIssue[] = [];
  readonly comments: StoredComment[] = [];
  readonly labels = new Map<
    string,
    { id: number; name: string; color: string; description: string | null }
  >();
  readonly artifacts: StoredArtifact[] = [];
  readonly pulls = new Map<number, StoredPullRequest>();
  readonly reviewComments: StoredReviewComment[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly mismatches: string[] = [];
  private readonly faults: Fault[] = [];
  private readonly validator: OpenApiValidator;
  private server: Server | null = null;
  private nextId = 1000;
  baseUrl = '';

  constructor(
    readonly owner = 'octo-org',
    readonly repo = 'dns',
    specPath?: string,
  ) {
    this.validator = new OpenApiValidator(specPath);
  }

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        this.mismatches.push(`stand-in crashed: ${String(error)}`);
        res.writeHead(500).end();
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${port}`;
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  inject(fault: Fault): void {
    this.faults.push({ ...fault });
  }

  /** Requests that change something (everything but GET). */
  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method !== 'GET');
  }

  addIssue(issue: Partial<StoredIssue> & { title: string; body: string }): StoredIssue {
    const stored: StoredIssue = {
      number: this.issues.length + 1,
      state: 'open',
      stateReason: null,
      labels: [],
      pullRequest: false,
      createdAt: FIXED_TIME,
      updatedAt: FIXED_TIME,
      closedAt: null,
      ...issue,
    };
    for (const label of stored.labels) if (!this.labels.has(label)) this.addLabel(label);
    this.issues.push(stored);
    return stored;
  }

  addLabel(name: string): void {
    this.labels.set(name, { id: this.nextId++, name, color: 'ededed', description: null });
  }

  addArtifact(artifact: Omit<StoredArtifact, 'id'> & { id?: number }): StoredArtifact {
    const stored = { id: this.nextId++, ...artifact };
    this.artifacts.push(stored);
    return stored;
  }

  /** Opens or moves a pull request (a push replaces its head and files, as GitHub recomputes the diff). */
  setPullRequest(number: number, headSha: string, files: StoredPullFile[]): void {
    this.pulls.set(number, { number, headSha, files });
  }

  /** A review comment somebody else wrote (a reviewer, or one with a forged marker). */
  addReviewComment(comment: Omit<StoredReviewComment, 'id'>): StoredReviewComment {
    const stored = { id: this.nextId++, ...comment };
    this.reviewComments.push(stored);
    return stored;
  }

  /**
   * Whether a comment still sits on the current diff: GitHub shows a comment whose lines left
   * the diff as outdated and lists it without `line`.
   */
  private commentCurrent(comment: StoredReviewComment): boolean {
    const pull = this.pulls.get(comment.pull);
    const file = pull?.files.find((f) => f.filename === comment.path);
    if (!file?.patch) return false;
    return hunkHolding(rightSideRanges(file.patch), comment.startLine ?? comment.line, comment.line) !== null;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.baseUrl);
    const method = req.method ?? 'GET';
    const text = await readBody(req);
    let body: unknown = undefined;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    const record: RecordedRequest = {
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      route: '',
      body,
      status: 0,
    };
    this.requests.push(record);
    const reply = (status: number, payload: unknown, headers: Record<string, string> = {}): void => {
      record.status = status;
      const data = payload === undefined ? '' : JSON.stringify(payload);
      res.writeHead(status, {
        ...(payload === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
        ...headers,
      });
      res.end(data);
    };

    const blob = /^\/_blob\/(\d+)$/.exec(url.pathname);
    if (blob && method === 'GET') {
      record.route = BLOB_ROUTE;
      // The storage URL is pre-signed: GitHub's token must not travel there in real life, and
      // fetch keeps it only because this stand-in serves both from one origin.
      const artifact = this.artifacts.find((a) => String(a.id) === blob[1]);
      if (!artifact || url.searchParams.get('sig') !== 'stand-in')
        return reply(403, { message: 'bad signature' });
      record.status = 200;
      res.writeHead(200, { 'content-type': 'application/zip', 'content-length': artifact.bytes.length });
      res.end(artifact.bytes);
      return;
    }

    const matched = this.validator.match(method, url.pathname);
    if (!matched) {
      this.mismatches.push(`no operation for ${method} ${url.pathname}`);
      return reply(404, { message: 'Not Found', documentation_url: DOCS });
    }
    const { operation, params } = matched;
    record.route = operation.template;
    const problems = this.validator.checkRequest(operation, params, url.searchParams, body);
    if (!/^(token|Bearer) \S+$/.test(req.headers.authorization ?? ''))
      problems.push('no Authorization token');
    if (params['owner'] !== this.owner || params['repo'] !== this.repo) {
      problems.push(`wrong repository ${params['owner']}/${params['repo']}`);
    }
    if (problems.length > 0) {
      this.mismatches.push(`${method} ${url.pathname}: ${problems.join('; ')}`);
      return reply(422, { message: 'Validation Failed', documentation_url: DOCS, errors: problems });
    }

    const fault = this.faults.find(
      (f) => f.method === method && f.route === operation.template && f.times > 0,
    );
    const answer = fault
      ? (fault.times--, { status: fault.status, body: fault.body, headers: fault.headers ?? {} })
      : this.answer(operation, params, url.searchParams, body);
    const responseProblems = this.validator.checkResponse(
      operation,
      answer.status,
      lowerKeys(answer.headers),
      answer.body,
    );
    if (responseProblems.length > 0) {
      this.mismatches.push(`response to ${method} ${url.pathname}: ${responseProblems.join('; ')}`);
    }
    reply(answer.status, answer.body, answer.headers);
  }

  private answer(
    operation: Operation,
    params: Record<string, string>,
    query: URLSearchParams,
    body: unknown,
  ): { status: number; body: unknown; headers: Record<string, string> } {
    const ok = (status: number, payload: unknown, headers: Record<string, string> = {}) => ({
      status,
      body: payload,
      headers,
    });
    const notFound = () => ok(404, { message: 'Not Found', documentation_url: DOCS });
    const input = (body ?? {}) as Record<string, unknown>;
    const key = `${operation.method} ${operation.template}`;
    switch (key) {
      case 'GET /repos/{owner}/{repo}/issues': {
        const state = query.get('state') ?? 'open';
        const wanted = (query.get('labels') ?? '').split(',').filter((l) => l !== '');
        const perPage = Number(query.get('per_page') ?? 30);
        const page = Number(query.get('page') ?? 1);
        const matching = this.issues
          .filter((i) => state === 'all' || i.state === state)
          .filter((i) => wanted.every((l) => i.labels.includes(l)))
          .sort((a, b) => b.number - a.number);
        const slice = matching.slice((page - 1) * perPage, page * perPage);
        const headers: Record<string, string> = {};
        if (page * perPage < matching.length) {
          const next = new URL(`${this.baseUrl}/repos/${this.owner}/${this.repo}/issues`);
          query.forEach((v, k) => next.searchParams.set(k, v));
          next.searchParams.set('page', String(page + 1));
          headers['link'] = `<${next.toString()}>; rel="next"`;
        }
        return ok(
          200,
          slice.map((i) => this.issueJson(i)),
          headers,
        );
      }
      case 'POST /repos/{owner}/{repo}/issues': {
        const labels = ((input['labels'] as unknown[]) ?? []).map((l) =>
          typeof l === 'string' ? l : String((l as { name: string }).name),
        );
        for (const label of labels) if (!this.labels.has(label)) this.addLabel(label);
        const issue = this.addIssue({
          title: String(input['title']),
          body: String(input['body'] ?? ''),
          labels,
        });
        return ok(201, this.issueJson(issue), { location: this.issueApiUrl(issue.number) });
      }
      case 'PATCH /repos/{owner}/{repo}/issues/{issue_number}': {
        const issue = this.issues.find((i) => i.number === Number(params['issue_number']));
        if (!issue) return notFound();
        if (typeof input['body'] === 'string') issue.body = input['body'];
        if (typeof input['title'] === 'string') issue.title = input['title'];
        if (input['state'] === 'open' || input['state'] === 'closed') {
          issue.state = input['state'];
          issue.closedAt = input['state'] === 'closed' ? FIXED_TIME : null;
          issue.stateReason = typeof input['state_reason'] === 'string' ? input['state_reason'] : null;
        }
        issue.updatedAt = FIXED_TIME;
        return ok(200, this.issueJson(issue));
      }
      case 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments': {
        const issue = this.issues.find((i) => i.number === Number(params['issue_number']));
        if (!issue) return notFound();
        const comment = { id: this.nextId++, issue: issue.number, body: String(input['body']) };
        this.comments.push(comment);
        return ok(201, this.commentJson(comment), {
          location: `${this.issueApiUrl(issue.number)}/comments/${comment.id}`,
        });
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/files': {
        const pull = this.pulls.get(Number(params['pull_number']));
        if (!pull) return notFound();
        return this.page(
          `/pulls/${pull.number}/files`,
          query,
          pull.files.map((f) => this.diffEntryJson(f)),
        );
      }
      case 'GET /repos/{owner}/{repo}/pulls/{pull_number}/comments': {
        const pull = this.pulls.get(Number(params['pull_number']));
        if (!pull) return notFound();
        const list = this.reviewComments.filter((c) => c.pull === pull.number);
        return this.page(
          `/pulls/${pull.number}/comments`,
          query,
          list.map((c) => this.reviewCommentJson(c)),
        );
      }
      case 'POST /repos/{owner}/{repo}/pulls/{pull_number}/comments': {
        const pull = this.pulls.get(Number(params['pull_number']));
        if (!pull) return notFound();
        const refuse = (field: string, message: string) =>
          ok(422, {
            message: 'Validation Failed',
            documentation_url: DOCS,
            errors: [{ resource: 'PullRequestReviewComment', code: 'custom', field, message }],
          });
        // What GitHub checks before placing a comment by line.
        if (input['commit_id'] !== pull.headSha)
          return refuse('commit_id', 'commit_id is not part of the pull request');
        if (
          input['side'] !== 'RIGHT' ||
          (input['start_line'] !== undefined && input['start_side'] !== 'RIGHT')
        )
          return refuse('side', 'the stand-in only places head-side comments');
        const file = pull.files.find((f) => f.filename === input['path']);
        const line = Number(input['line']);
        const startLine = input['start_line'] === undefined ? null : Number(input['start_line']);
        if (startLine !== null && startLine >= line)
          return refuse('start_line', 'start_line must precede line');
        if (!file?.patch || !hunkHolding(rightSideRanges(file.patch), startLine ?? line, line))
          return refuse('line', 'pull_request_review_thread.line must be part of the diff');
        const comment = this.addReviewComment({
          pull: pull.number,
          path: String(input['path']),
          commitId: pull.headSha,
          line,
          startLine,
          body: String(input['body']),
        });
        return ok(201, this.reviewCommentJson(comment), {
          location: `${this.repoApiUrl()}/pulls/comments/${comment.id}`,
        });
      }
      case 'PATCH /repos/{owner}/{repo}/pulls/comments/{comment_id}': {
        const comment = this.reviewComments.find((c) => c.id === Number(params['comment_id']));
        if (!comment) return notFound();
        comment.body = String(input['body']);
        return ok(200, this.reviewCommentJson(comment));
      }
      case 'GET /repos/{owner}/{repo}/labels/{name}': {
        const label = this.labels.get(params['name']!);
        return label ? ok(200, this.labelJson(label.name)) : notFound();
      }
      case 'POST /repos/{owner}/{repo}/labels': {
        const name = String(input['name']);
        if (this.labels.has(name)) {
          return ok(422, {
            message: 'Validation Failed',
            documentation_url: DOCS,
            errors: [{ resource: 'Label', code: 'already_exists', field: 'name' }],
          });
        }
        this.labels.set(name, {
          id: this.nextId++,
          name,
          color: String(input['color'] ?? 'ededed'),
          description: typeof input['description'] === 'string' ? input['description'] : null,
        });
        return ok(201, this.labelJson(name), {
          location: `${this.repoApiUrl()}/labels/${encodeURIComponent(name)}`,
        });
      }
      case 'GET /repos/{owner}/{repo}/actions/artifacts': {
        const name = query.get('name');
        const list = this.artifacts.filter((a) => name === null || a.name === name);
        return ok(200, { total_count: list.length, artifacts: list.map((a) => this.artifactJson(a)) });
      }
      case 'GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/{archive_format}': {
        const artifact = this.artifacts.find((a) => a.id === Number(params['artifact_id']));
        if (!artifact) return notFound();
        if (artifact.expired) return ok(410, { message: 'Artifact has expired', documentation_url: DOCS });
        return ok(302, undefined, { location: `${this.baseUrl}/_blob/${artifact.id}?sig=stand-in` });
      }
      default:
        return ok(404, { message: `stand-in does not implement ${key}`, documentation_url: DOCS });
    }
  }

  /** One page of `items` (per_page, page) with GitHub's Link header to the next. */
  private page(
    route: string,
    query: URLSearchParams,
    items: unknown[],
  ): { status: number; body: unknown; headers: Record<string, string> } {
    const perPage = Number(query.get('per_page') ?? 30);
    const page = Number(query.get('page') ?? 1);
    const headers: Record<string, string> = {};
    if (page * perPage < items.length) {
      const next = new URL(`${this.repoApiUrl()}${route}`);
      query.forEach((v, k) => next.searchParams.set(k, v));
      next.searchParams.set('page', String(page + 1));
      headers['link'] = `<${next.toString()}>; rel="next"`;
    }
    return { status: 200, body: items.slice((page - 1) * perPage, page * perPage), headers };
  }

  private diffEntryJson(f: StoredPullFile) {
    const blob = `https://github.com/${this.owner}/${this.repo}/blob/${f.sha ?? 'HEAD'}/${f.filename}`;
    return {
      sha: f.sha,
      filename: f.filename,
      status: f.status,
      additions: 1,
      deletions: 1,
      changes: 2,
      blob_url: blob,
      raw_url: blob.replace('/blob/', '/raw/'),
      contents_url: `${this.repoApiUrl()}/contents/${encodeURIComponent(f.filename)}`,
      ...(f.patch === undefined ? {} : { patch: f.patch }),
    };
  }

  private reviewCommentJson(c: StoredReviewComment) {
    const api = `${this.repoApiUrl()}/pulls/comments/${c.id}`;
    const html = `https://github.com/${this.owner}/${this.repo}/pull/${c.pull}#discussion_r${c.id}`;
    const pullApi = `${this.repoApiUrl()}/pulls/${c.pull}`;
    const current = this.commentCurrent(c);
    return {
      url: api,
      pull_request_review_id: null,
      id: c.id,
      node_id: `PRRC_${c.id}`,
      diff_hunk: '@@ -1 +1 @@',
      path: c.path,
      commit_id: c.commitId,
      original_commit_id: c.commitId,
      user: this.userJson(),
      body: c.body,
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
      html_url: html,
      pull_request_url: pullApi,
      author_association: 'NONE',
      _links: { self: { href: api }, html: { href: html }, pull_request: { href: pullApi } },
      // Outdated: GitHub lists no current line (the description types `line` as an integer).
      ...(current
        ? { line: c.line, start_line: c.startLine, side: 'RIGHT', start_side: c.startLine ? 'RIGHT' : null }
        : {}),
      original_line: c.line,
      original_start_line: c.startLine,
      subject_type: 'line',
    };
  }

  private repoApiUrl(): string {
    return `${this.baseUrl}/repos/${this.owner}/${this.repo}`;
  }

  private issueApiUrl(number: number): string {
    return `${this.repoApiUrl()}/issues/${number}`;
  }

  private userJson() {
    const api = `${this.baseUrl}/users/github-actions%5Bbot%5D`;
    return {
      login: 'github-actions[bot]',
      id: 41898282,
      node_id: 'MDM6Qm90NDE4OTgyODI=',
      avatar_url: 'https://avatars.githubusercontent.com/in/15368?v=4',
      gravatar_id: '',
      url: api,
      html_url: 'https://github.com/apps/github-actions',
      followers_url: `${api}/followers`,
      following_url: `${api}/following{/other_user}`,
      gists_url: `${api}/gists{/gist_id}`,
      starred_url: `${api}/starred{/owner}{/repo}`,
      subscriptions_url: `${api}/subscriptions`,
      organizations_url: `${api}/orgs`,
      repos_url: `${api}/repos`,
      events_url: `${api}/events{/privacy}`,
      received_events_url: `${api}/received_events`,
      type: 'Bot',
      site_admin: false,
    };
  }

  private labelJson(name: string) {
    const label = this.labels.get(name)!;
    return {
      id: label.id,
      node_id: `LA_${label.id}`,
      url: `${this.repoApiUrl()}/labels/${encodeURIComponent(name)}`,
      name,
      description: label.description,
      color: label.color,
      default: false,
    };
  }

  private issueJson(issue: StoredIssue) {
    const api = this.issueApiUrl(issue.number);
    return {
      id: 5000 + issue.number,
      node_id: `I_${issue.number}`,
      url: api,
      repository_url: this.repoApiUrl(),
      labels_url: `${api}/labels{/name}`,
      comments_url: `${api}/comments`,
      events_url: `${api}/events`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${issue.number}`,
      number: issue.number,
      state: issue.state,
      state_reason: issue.stateReason,
      title: issue.title,
      body: issue.body,
      user: this.userJson(),
      labels: issue.labels.map((l) => this.labelJson(l)),
      assignee: null,
      assignees: [],
      milestone: null,
      locked: false,
      active_lock_reason: null,
      comments: this.comments.filter((c) => c.issue === issue.number).length,
      ...(issue.pullRequest
        ? {
            pull_request: {
              url: `${this.repoApiUrl()}/pulls/${issue.number}`,
              html_url: `https://github.com/${this.owner}/${this.repo}/pull/${issue.number}`,
              diff_url: null,
              patch_url: null,
            },
          }
        : {}),
      closed_at: issue.closedAt,
      created_at: issue.createdAt,
      updated_at: issue.updatedAt,
      author_association: 'NONE',
    };
  }

  private commentJson(comment: StoredComment) {
    return {
      id: comment.id,
      node_id: `IC_${comment.id}`,
      url: `${this.repoApiUrl()}/issues/comments/${comment.id}`,
      html_url: `https://github.com/${this.owner}/${this.repo}/issues/${comment.issue}#issuecomment-${comment.id}`,
      issue_url: this.issueApiUrl(comment.issue),
      body: comment.body,
      user: this.userJson(),
      created_at: FIXED_TIME,
      updated_at: FIXED_TIME,
      author_association: 'NONE',
    };
  }

  private artifactJson(a: StoredArtifact) {
    const url = `${this.repoApiUrl()}/actions/artifacts/${a.id}`;
    return {
      id: a.id,
      node_id: `MDg6QXJ0aWZhY3Q${a.id}`,
      name: a.name,
      size_in_bytes: a.bytes.length,
      url,
      archive_download_url: `${url}/zip`,
      expired: a.expired,
      created_at: a.createdAt,
      expires_at: '2027-01-01T00:00:00Z',
      updated_at: a.createdAt,
      digest: null,
      workflow_run: null,
    };
  }
}

function lowerKeys(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
}

/** Bounded: the action never sends more than an issue body (64 KiB) plus JSON framing. */
const MAX_REQUEST_BYTES = 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(new Error('request body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
