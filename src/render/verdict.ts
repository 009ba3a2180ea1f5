/**
 * The verdict of a run in words, shared by the renderings that lead with it (the job summary,
 * issue 14 item 3). Under `--base` it tells what the change does (issue 10 item 9): when every
 * error already existed at the base the change introduces no new problem, and the run says so
 * with how many existing ones remain, instead of "FAIL" beside an exit code of 0.
 */
import type { Finding, Severity } from '../core/findings.js';
import type { CheckResult } from '../core/result.js';

export type VerdictKind = 'fail' | 'warn' | 'pass';

export interface Verdict {
  kind: VerdictKind;
  /** The words after the icon, e.g. "FAIL: enforce-mode risk, compliant senders will refuse mail". */
  text: string;
  /** True when findings carry a change status (the run compared against --base). */
  compared: boolean;
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Whether the run compared zone or policy files against a base revision. */
export function comparedWithBase(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.status !== undefined);
}

function count(findings: readonly Finding[], severity: Severity, status: 'new' | 'existing'): number {
  return findings.filter((f) => f.severity === severity && (f.status ?? 'new') === status).length;
}

export function verdictOf(result: CheckResult): Verdict {
  const { summary, findings } = result;
  if (!comparedWithBase(findings)) {
    if (summary.errors > 0) {
      const text = summary.enforceRisk
        ? 'FAIL: enforce-mode risk, compliant senders will refuse mail'
        : 'FAIL: errors found';
      return { kind: 'fail', text, compared: false };
    }
    return summary.warnings > 0
      ? { kind: 'warn', text: 'PASS with warnings', compared: false }
      : { kind: 'pass', text: 'PASS', compared: false };
  }
  const newErrors = count(findings, 'error', 'new');
  const newWarnings = count(findings, 'warning', 'new');
  const existing = count(findings, 'error', 'existing') + count(findings, 'warning', 'existing');
  const remain =
    existing > 0
      ? `; ${plural(existing, 'existing problem')} ${existing === 1 ? 'remains' : 'remain'} from the base`
      : '';
  if (newErrors > 0) {
    const risk = findings.some(
      (f) => f.status !== 'existing' && f.severity === 'error' && f.mode === 'enforce',
    )
      ? ', an enforce-mode risk'
      : '';
    return {
      kind: 'fail',
      text: `FAIL: this change introduces ${plural(newErrors, 'error')}${risk}${remain}`,
      compared: true,
    };
  }
  if (newWarnings > 0) {
    return {
      kind: 'warn',
      text: `PASS with warnings: this change introduces ${plural(newWarnings, 'warning')} and no error${remain}`,
      compared: true,
    };
  }
  return { kind: 'pass', text: `PASS: this change introduces no new problem${remain}`, compared: true };
}
