/**
 * The one place that builds the @actions/github (Octokit) client: every request gets a time
 * limit, rate limits and server errors are retried with bounded backoff (src/github/rate-limit.ts),
 * and failures leave as GitHubApiError told apart by status.
 */
import { getOctokit } from '@actions/github';
import type { Logger } from '../ports.js';
import { GitHubApiError, type GitHubFailure } from './issue-tracker.js';
import { classifyFailure, retryDelayMs, type FailedResponse } from './rate-limit.js';

export type GitHubClient = ReturnType<typeof getOctokit>;

export interface Repository {
  owner: string;
  repo: string;
}

export interface ClientOptions {
  token: string;
  /** Default: GITHUB_API_URL (read by @actions/github), else https://api.github.com. */
  baseUrl?: string;
  /** Time limit of one request. */
  timeoutMs: number;
  logger: Logger;
  /** Least time between two writes; default WRITE_INTERVAL_MS. */
  writeIntervalMs?: number;
  /** Injected for tests; real time otherwise. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/**
 * GitHub ("Best practices for using the REST API"): wait at least one second between POST,
 * PATCH, PUT or DELETE requests, which keeps a first run over hundreds of domains clear of the
 * secondary rate limit (about 80 content-creating requests a minute) instead of hitting it.
 */
export const WRITE_INTERVAL_MS = 1_000;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Octokit's RequestError, read by shape (its package is not a direct dependency). */
function responseOf(error: unknown): FailedResponse {
  const e = error as { status?: unknown; message?: unknown; response?: { headers?: unknown } };
  const status = typeof e.status === 'number' ? e.status : 0;
  const headers = (e.response?.headers ?? {}) as FailedResponse['headers'];
  // Octokit reports aborts and network failures as status 500 without a response.
  return { status: e.response ? status : 0, headers, message: String(e.message ?? error) };
}

function failureOf(response: FailedResponse): GitHubFailure {
  const kind = classifyFailure(response);
  return kind === 'server' ? 'other' : kind;
}

export function createGitHubClient(options: ClientOptions): GitHubClient {
  const sleep = options.sleep ?? realSleep;
  const now = options.now ?? Date.now;
  const writeInterval = options.writeIntervalMs ?? WRITE_INTERVAL_MS;
  let lastWrite = -Infinity;
  const octokit = getOctokit(options.token, options.baseUrl ? { baseUrl: options.baseUrl } : {});
  octokit.hook.wrap('request', async (request, requestOptions) => {
    for (let attempt = 1; ; attempt++) {
      if (requestOptions.method !== 'GET' && requestOptions.method !== 'HEAD') {
        const wait = lastWrite + writeInterval - now();
        if (wait > 0) await sleep(wait);
        lastWrite = now();
      }
      const signal = requestOptions.request?.signal ?? AbortSignal.timeout(options.timeoutMs);
      try {
        return await request({ ...requestOptions, request: { ...requestOptions.request, signal } });
      } catch (error) {
        const response = responseOf(error);
        const route = `${requestOptions.method} ${requestOptions.url}`;
        const wait = retryDelayMs(response, attempt, now());
        if (wait === null) {
          const status = response.status === 0 ? 'no response' : `status ${response.status}`;
          throw new GitHubApiError(
            `${route}: ${status}: ${response.message}`,
            failureOf(response),
            response.status || null,
            {
              cause: error,
            },
          );
        }
        options.logger.info(
          `GitHub ${route} answered ${response.status || 'nothing'} (${classifyFailure(response)}); retrying in ${Math.ceil(wait / 1000)} s`,
        );
        await sleep(wait);
      }
    }
  });
  return octokit;
}
