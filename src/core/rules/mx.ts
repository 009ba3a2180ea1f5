/** MX family (RFC 8461 §4, RFC 8460 result types). OWNER: smtp helper. */
import type { Finding } from '../findings.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

export function judgeMx(
  _e: DomainEvidence,
  _s: JudgementSettings,
  _v: PolicyVerdict,
  _out: DomainResult,
): Finding[] {
  return [];
}
