/** --fail-on / fail-on: which findings fail the run. */
import { atLeast, type Finding } from './findings.js';

export type FailOn = 'error' | 'warning' | 'never';

/**
 * The findings that fail the run. With --base, findings the change did not introduce
 * (status 'existing') never fail it: a PR is judged on what it changes.
 */
export function failingFindings(findings: readonly Finding[], failOn: FailOn): Finding[] {
  if (failOn === 'never') return [];
  return findings.filter((f) => f.status !== 'existing' && atLeast(f.severity, failOn));
}
