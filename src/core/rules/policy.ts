/** Policy family (RFC 8461 §3.2, §3.3). OWNER: core-parsers helper. */
import type { Finding } from '../findings.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

export function judgePolicy(
  _e: DomainEvidence,
  _s: JudgementSettings,
  _out: DomainResult,
): { findings: Finding[]; verdict: PolicyVerdict } {
  return {
    findings: [],
    verdict: { policy: null, mode: null, livePolicy: null, livePolicyText: null, filePolicy: null },
  };
}
