/** Which GitHub failures are retried, and after how long. */
import { describe, expect, it } from 'vitest';
import {
  classifyFailure,
  MAX_RETRIES,
  MAX_WAIT_MS,
  retryDelayMs,
  type FailedResponse,
} from '../../src/github/rate-limit.js';

const NOW = 1_800_000_000_000;
const r = (status: number, headers: FailedResponse['headers'] = {}, message = ''): FailedResponse => ({
  status,
  headers,
  message,
});

describe('classifyFailure and retryDelayMs', () => {
  it.each([
    ['secondary limit with retry-after', r(403, { 'retry-after': '30' }), 'rate-limited', 30_000],
    ['429 with retry-after', r(429, { 'retry-after': '2' }), 'rate-limited', 2_000],
    [
      'primary limit: remaining 0, reset in 10 s',
      r(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 10) }),
      'rate-limited',
      11_000,
    ],
    // a primary limit resetting in an hour is not waited for
    [
      'primary limit an hour away',
      r(403, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(NOW / 1000 + 3600) }),
      'rate-limited',
      null,
    ],
    [
      'secondary limit said only in the message',
      r(403, {}, 'You have exceeded a secondary rate limit'),
      'rate-limited',
      60_000,
    ],
    // a missing permission is never retried
    ['403 without rate-limit signs', r(403, {}, 'Resource not accessible by integration'), 'forbidden', null],
    ['404', r(404), 'not-found', null],
    ['422', r(422), 'other', null],
    ['502', r(502), 'server', 1_000],
    ['no response (timeout)', r(0), 'server', 1_000],
    // retry-after longer than we accept
    [
      'retry-after past the cap',
      r(403, { 'retry-after': String(MAX_WAIT_MS / 1000 + 1) }),
      'rate-limited',
      null,
    ],
  ])('%s', (_, response, kind, wait) => {
    expect(classifyFailure(response)).toBe(kind);
    expect(retryDelayMs(response, 1, NOW)).toBe(wait);
  });

  it('backs off exponentially and stops after MAX_RETRIES', () => {
    const waits = Array.from({ length: MAX_RETRIES + 1 }, (_, i) => retryDelayMs(r(503), i + 1, NOW));
    expect(waits).toEqual([1_000, 2_000, 4_000, null]);
  });
});
