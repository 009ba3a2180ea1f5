/**
 * `smtp-port-blocked` (DESIGN.md): with --smtp-probe auto, when at least one probe was attempted
 * and no MX of any domain accepted a TCP connection, the runner (not the MX) is what blocks port
 * 25 (GitHub-hosted runners do). One notice then replaces every per-MX mx-unreachable finding.
 * With `on` every failure stays reported per MX; with `off` nothing was probed.
 */
import { finding, type Finding } from '../findings.js';
import type { RetainedObservation } from '../retained-observation.js';
import type { JudgementSettings } from './evidence.js';

export function applySmtpPortBlocked(
  findings: Finding[],
  observations: RetainedObservation[],
  settings: JudgementSettings,
): Finding[] {
  if (settings.smtpProbe !== 'auto') return findings;
  const probes = observations.flatMap((o) => o.smtp);
  if (probes.length === 0 || probes.some((p) => p.connected)) return findings;
  const codes = [...new Set(probes.map((p) => p.error?.code ?? 'no connection'))].sort();
  // Only what the blocked port explains goes: an MX whose lookup failed was never probed.
  const probed = new Set(
    observations.flatMap((o) => o.smtp.map((p) => `${o.domain} ${p.host.toLowerCase()}`)),
  );
  const explained = (f: Finding): boolean =>
    f.rule === 'mx-unreachable' && probed.has(`${f.domain ?? ''} ${(f.subject ?? '').toLowerCase()}`);
  return [
    ...findings.filter((f) => !explained(f)),
    finding('smtp-port-blocked', null, {
      domain: null,
      message: `none of ${probes.length} SMTP connection attempts succeeded (${codes.join(', ')}): outbound SMTP looks blocked here, so no MX was judged`,
    }),
  ];
}
