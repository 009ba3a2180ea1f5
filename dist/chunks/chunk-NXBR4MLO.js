import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/github/issue-tracker.ts
var GitHubApiError = class extends Error {
  constructor(message, failure, status, options) {
    super(message, options);
    this.failure = failure;
    this.status = status;
  }
  failure;
  status;
  name = "GitHubApiError";
};

export {
  GitHubApiError
};
