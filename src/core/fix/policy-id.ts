/**
 * A new MTA-STS policy id (RFC 8461 §3.1: 1-32 letters or digits, changed whenever the policy
 * changes): the run's clock in UTC as YYYYMMDDhhmmss, which sorts, reads as a date, and differs
 * from any id published before this second. `avoid` (the base id) is stepped past if equal.
 */
export function newPolicyId(now: Date, avoid?: string): string {
  const stamp = now.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  if (stamp !== avoid) return stamp;
  return newPolicyId(new Date(now.getTime() + 1000));
}
