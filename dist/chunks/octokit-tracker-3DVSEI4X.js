import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  GitHubApiError
} from "./chunk-NXBR4MLO.js";
import "./chunk-FDGYIFXX.js";

// src/github/octokit-tracker.ts
var PER_PAGE = 100;
var MAX_PAGES = 50;
var LABEL_COLOR = "b60205";
var LABEL_DESCRIPTION = "MTA-STS / TLS-RPT risks found by mta-sts-guard";
function toTracked(issue) {
  return {
    number: issue.number,
    state: issue.state === "closed" ? "closed" : "open",
    title: issue.title,
    body: issue.body ?? "",
    url: issue.html_url
  };
}
var OctokitIssueTracker = class {
  constructor(octokit, repository) {
    this.octokit = octokit;
    this.repository = repository;
  }
  octokit;
  repository;
  async listIssues(label) {
    const issues = [];
    let pages = 0;
    const iterator = this.octokit.paginate.iterator(this.octokit.rest.issues.listForRepo, {
      ...this.repository,
      labels: label,
      state: "all",
      per_page: PER_PAGE
    });
    for await (const page of iterator) {
      for (const issue of page.data) if (!issue.pull_request) issues.push(toTracked(issue));
      if (++pages >= MAX_PAGES) break;
    }
    return issues;
  }
  async createIssue(issue) {
    const { data } = await this.octokit.rest.issues.create({ ...this.repository, ...issue });
    return toTracked(data);
  }
  async updateIssue(number, change) {
    const stateReason = change.state === "closed" ? { state_reason: "completed" } : change.state === "open" ? { state_reason: "reopened" } : {};
    await this.octokit.rest.issues.update({
      ...this.repository,
      issue_number: number,
      ...change,
      ...stateReason
    });
  }
  async addComment(number, body) {
    await this.octokit.rest.issues.createComment({ ...this.repository, issue_number: number, body });
  }
  async ensureLabels(labels) {
    for (const name of labels) {
      try {
        await this.octokit.rest.issues.getLabel({ ...this.repository, name });
      } catch (error) {
        if (!(error instanceof GitHubApiError && error.failure === "not-found")) throw error;
        try {
          await this.octokit.rest.issues.createLabel({
            ...this.repository,
            name,
            color: LABEL_COLOR,
            description: LABEL_DESCRIPTION
          });
        } catch (createError) {
          if (!(createError instanceof GitHubApiError && createError.status === 422)) throw createError;
        }
      }
    }
  }
};
export {
  OctokitIssueTracker
};
