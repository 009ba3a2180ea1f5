/**
 * How to react to a failed GitHub REST call, as pure functions of its status, headers and message
 * (GitHub docs "Rate limits for the REST API"): a 403 or 429 with `retry-after`, with
 * `x-ratelimit-remaining: 0`, or saying "rate limit" is a rate limit, retried after the time
 * GitHub names, within bounds; any other 403 is a missing permission and is never retried.
 */

/** Retries after the first attempt, for rate limits and server errors alike. */
export const MAX_RETRIES = 3;
/** Longest single wait we accept; a longer limit gives up and the next run continues. */
export const MAX_WAIT_MS = 90_000;
/** GitHub: without retry-after, wait at least one minute after a secondary rate limit. */
const SECONDARY_DEFAULT_WAIT_MS = 60_000;
/** Server errors (5xx) and timeouts: short exponential backoff. */
const SERVER_BACKOFF_MS = 1_000;

export type FailureKind = 'rate-limited' | 'forbidden' | 'not-found' | 'server' | 'other';

export interface FailedResponse {
  /** HTTP status; 0 when no response came (network error, timeout). */
  status: number;
  headers: Record<string, string | number | undefined>;
  message: string;
}

function header(response: FailedResponse, name: string): string | undefined {
  const value = response.headers[name];
  return value === undefined ? undefined : String(value);
}

export function classifyFailure(response: FailedResponse): FailureKind {
  const { status } = response;
  if (status === 429) return 'rate-limited';
  if (status === 403) {
    const limited =
      header(response, 'retry-after') !== undefined ||
      header(response, 'x-ratelimit-remaining') === '0' ||
      /rate limit/i.test(response.message);
    return limited ? 'rate-limited' : 'forbidden';
  }
  if (status === 404) return 'not-found';
  if (status === 0 || status >= 500) return 'server';
  return 'other';
}

/**
 * Milliseconds to wait before retry number `attempt` (1-based), or null when the call must not
 * be retried (not retryable, out of retries, or a wait longer than MAX_WAIT_MS).
 */
export function retryDelayMs(response: FailedResponse, attempt: number, nowMs: number): number | null {
  if (attempt > MAX_RETRIES) return null;
  const kind = classifyFailure(response);
  let wait: number;
  if (kind === 'server') {
    wait = SERVER_BACKOFF_MS * 2 ** (attempt - 1);
  } else if (kind === 'rate-limited') {
    const retryAfter = Number(header(response, 'retry-after'));
    const reset = Number(header(response, 'x-ratelimit-reset'));
    if (header(response, 'retry-after') !== undefined && Number.isFinite(retryAfter) && retryAfter >= 0) {
      wait = retryAfter * 1000;
    } else if (header(response, 'x-ratelimit-remaining') === '0' && Number.isFinite(reset)) {
      wait = Math.max(0, reset * 1000 - nowMs) + 1000;
    } else {
      wait = SECONDARY_DEFAULT_WAIT_MS * 2 ** (attempt - 1);
    }
  } else {
    return null;
  }
  return wait <= MAX_WAIT_MS ? wait : null;
}
