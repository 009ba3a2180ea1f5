/** Reports family (RFC 8460). OWNER: reports helper. */
import type { Finding } from '../findings.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

export function judgeReports(
  _e: DomainEvidence,
  _s: JudgementSettings,
  _v: PolicyVerdict,
  _out: DomainResult,
): Finding[] {
  return [];
}
