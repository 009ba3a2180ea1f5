import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import "./chunk-FDGYIFXX.js";

// src/github/octokit-reviews.ts
var PER_PAGE = 100;
var MAX_FILE_PAGES = 30;
var MAX_COMMENT_PAGES = 30;
var OctokitPullRequestReviews = class {
  constructor(octokit, repository, pullNumber, headSha) {
    this.octokit = octokit;
    this.repository = repository;
    this.pullNumber = pullNumber;
    this.headSha = headSha;
  }
  octokit;
  repository;
  pullNumber;
  headSha;
  async listFiles() {
    const files = [];
    let pages = 0;
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.pulls.listFiles, {
      ...this.repository,
      pull_number: this.pullNumber,
      per_page: PER_PAGE
    });
    for await (const page of iterator) {
      for (const f of page.data) {
        files.push({
          path: f.filename,
          patch: f.patch ?? null,
          blobSha: f.status === "removed" ? null : f.sha
        });
      }
      if (++pages >= MAX_FILE_PAGES) break;
    }
    return files;
  }
  async listComments() {
    const comments = [];
    let pages = 0;
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.pulls.listReviewComments, {
      ...this.repository,
      pull_number: this.pullNumber,
      per_page: PER_PAGE
    });
    for await (const page of iterator) {
      for (const c of page.data) {
        comments.push({
          id: c.id,
          body: c.body,
          path: c.path,
          line: c.line ?? null,
          startLine: c.start_line ?? null
        });
      }
      if (++pages >= MAX_COMMENT_PAGES) break;
    }
    return comments;
  }
  async createComment(comment) {
    const range = comment.startLine < comment.line ? { start_line: comment.startLine, start_side: "RIGHT" } : {};
    await this.octokit.rest.pulls.createReviewComment({
      ...this.repository,
      pull_number: this.pullNumber,
      commit_id: this.headSha,
      path: comment.path,
      body: comment.body,
      ...range,
      line: comment.line,
      side: "RIGHT"
    });
  }
  async updateComment(id, body) {
    await this.octokit.rest.pulls.updateReviewComment({ ...this.repository, comment_id: id, body });
  }
};
export {
  OctokitPullRequestReviews
};
