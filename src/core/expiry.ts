/**
 * How far a certificate's notAfter is from the run's clock, in whole days as people count them
 * (issue 10 item 6). `daysLeft` in the JSON contract is Math.floor of the signed distance, so a
 * certificate that expired 3.2 days ago has daysLeft -4; said in words, that is "3 days ago".
 */
import { plural } from './plural.js';

const DAY_MS = 86_400_000;

export type ExpiryDistance = { expired: false; daysLeft: number } | { expired: true; daysAgo: number };

/** Whole days left (rounded down), or whole days since expiry (rounded down). */
export function expiryDistance(validTo: string, now: Date): ExpiryDistance {
  const ms = Date.parse(validTo) - now.getTime();
  return ms >= 0
    ? { expired: false, daysLeft: Math.floor(ms / DAY_MS) }
    : { expired: true, daysAgo: Math.floor(-ms / DAY_MS) };
}

/** "in 3 days", "in 1 day", "in less than a day", "3 days ago", "less than a day ago". */
export function describeExpiry(distance: ExpiryDistance): string {
  if (!distance.expired) {
    return distance.daysLeft === 0 ? 'in less than a day' : `in ${plural(distance.daysLeft, 'day')}`;
  }
  return distance.daysAgo === 0 ? 'less than a day ago' : `${plural(distance.daysAgo, 'day')} ago`;
}
