/** Records family: `_mta-sts` and `_smtp._tls` TXT. OWNER: core-parsers helper. */
import type { Finding } from '../findings.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

export function judgeRecords(
  _e: DomainEvidence,
  _s: JudgementSettings,
  _v: PolicyVerdict,
  _out: DomainResult,
): Finding[] {
  return [];
}
