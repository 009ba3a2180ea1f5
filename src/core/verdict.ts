/**
 * What a run's first line says (issue 14 item 1, issue 10 item 9): whether it fails, with the
 * counts, and under --base what the change introduces apart from what already existed at the
 * base. The verdict follows --fail-on exactly as the exit code does (fail-policy.ts), so the
 * headline never says FAIL for a run that exits 0.
 */
import { failingFindings, type FailOn } from './fail-policy.js';
import { isEnforceRisk, type Finding, type Severity } from './findings.js';

export type SeverityCounts = Record<Severity, number>;

export interface Verdict {
  /** Some finding fails the run under --fail-on (the exit code is 1). */
  failed: boolean;
  /** A failing finding is an error of an enforce-mode domain: compliant senders refuse mail. */
  enforceRisk: boolean;
  /** --base: the findings were compared with the base revision (they carry a status). */
  compared: boolean;
  all: SeverityCounts;
  /** Not present at the base (every finding when not compared). */
  introduced: SeverityCounts;
  /** Present at the base already (none when not compared). */
  existing: SeverityCounts;
  /** Domains with at least one error or warning. */
  domainsWithProblems: number;
  /** Errors and warnings about no domain: files (reports, zones) or the run itself. */
  elsewhere: number;
  domains: number;
}

/** The verdict of `findings` over `domains` domains under `failOn`. */
export function judgeVerdict(
  findings: readonly Finding[],
  domains: number,
  failOn: FailOn = 'error',
): Verdict {
  const failing = failingFindings(findings, failOn);
  const existing = findings.filter((f) => f.status === 'existing');
  const introduced = findings.filter((f) => f.status !== 'existing');
  const problemsFound = findings.filter((f) => f.severity !== 'notice');
  const problemDomains = new Set(problemsFound.filter((f) => f.domain !== null).map((f) => f.domain));
  return {
    failed: failing.length > 0,
    enforceRisk: failing.some(isEnforceRisk),
    compared: findings.some((f) => f.status !== undefined),
    all: countBySeverity(findings),
    introduced: countBySeverity(introduced),
    existing: countBySeverity(existing),
    domainsWithProblems: problemDomains.size,
    elsewhere: problemsFound.filter((f) => f.domain === null).length,
    domains,
  };
}

export function countBySeverity(findings: readonly Finding[]): SeverityCounts {
  const counts: SeverityCounts = { error: 0, warning: 0, notice: 0 };
  for (const f of findings) counts[f.severity]++;
  return counts;
}
