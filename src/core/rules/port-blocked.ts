/**
 * `smtp-port-blocked` (DESIGN.md): with --smtp-probe auto, when no MX of any domain accepted a
 * TCP connection, one notice replaces the per-MX mx-unreachable findings. OWNER: smtp helper.
 */
import type { Finding } from '../findings.js';
import type { DomainObservation } from '../observation.js';
import type { JudgementSettings } from './evidence.js';

export function applySmtpPortBlocked(
  findings: Finding[],
  _observations: DomainObservation[],
  _settings: JudgementSettings,
): Finding[] {
  return findings;
}
