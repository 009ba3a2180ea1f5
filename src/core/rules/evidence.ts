/**
 * What the rule families judge: everything known about one domain, and the settings that
 * shape judgement. Pure data; built by src/check.ts.
 */
import type { JudgedMode } from '../findings.js';
import type { DomainObservation } from '../observation.js';
import type { StsPolicy } from '../policy.js';
import type { ProposedDomain } from '../proposed.js';
import type { DomainReports } from '../aggregate.js';

export interface PolicyFileInput {
  /** Path as given on the command line (used for finding locations). */
  path: string;
  text: string;
}

export interface DomainEvidence {
  domain: string;
  /** Live observation; null with --offline. */
  observation: DomainObservation | null;
  /** The repository's policy file for this domain (--policy-file), if any. */
  policyFile: PolicyFileInput | null;
  /** The same policy file at --base, if it existed there. */
  basePolicyFile: PolicyFileInput | null;
  /** Records proposed by DNS-as-code files (--zone), if any name this domain. */
  proposed: ProposedDomain | null;
  /** The same zone files at --base. */
  baseProposed: ProposedDomain | null;
  /** Aggregated TLS-RPT reports for this domain within the window, if reports were given. */
  reports: DomainReports | null;
}

export interface JudgementSettings {
  /** The run's clock (core code never reads the clock itself). */
  now: Date;
  certExpiryWarningDays: number;
  smtpProbe: 'auto' | 'on' | 'off';
  offline: boolean;
  /** Reports were given at all (--reports or an artifact): only then is a missing report news. */
  reportsGiven?: boolean;
  /** --report-window-days, for messages. */
  reportWindowDays?: number;
  /** --enforce-readiness-days (the rollout advisor); default DEFAULT_ENFORCE_READINESS_DAYS. */
  enforceReadinessDays?: number;
}

/** What the policy family learned, handed on to the families judged after it. */
export interface PolicyVerdict {
  /** The policy senders apply now (the live one) or, offline, the proposed one. */
  policy: StsPolicy | null;
  /** The mode severities are judged under. */
  mode: JudgedMode;
  /** The live policy, when it was fetched and parsed. */
  livePolicy: StsPolicy | null;
  livePolicyText: string | null;
  /** The repository's policy file, when given and parsed. */
  filePolicy: StsPolicy | null;
}
