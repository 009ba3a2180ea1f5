/** DNS-as-code family: what a change proposes. OWNER: zones helper. */
import type { Finding } from '../findings.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

export function judgeZones(
  _e: DomainEvidence,
  _s: JudgementSettings,
  _v: PolicyVerdict,
  _out: DomainResult,
): Finding[] {
  return [];
}
