/**
 * Pure judgement of one domain: evidence in, findings and the contract's domain result out.
 * The policy family runs first because the mode it finds sets the severity of the others.
 */
import { compareFindings, type Finding } from './findings.js';
import { emptyDomainResult, type DomainResult } from './result.js';
import type { DomainEvidence, JudgementSettings } from './rules/evidence.js';
import { judgeRecords } from './rules/records.js';
import { judgePolicy } from './rules/policy.js';
import { judgeHostAddresses } from './rules/host-address.js';
import { judgeMx } from './rules/mx.js';
import { judgeReportsFrom, reportEvidence, type ReportEvidence } from './rules/reports.js';
import { judgeZones } from './rules/zones.js';
import { judgeRollout } from './rules/rollout.js';

export interface DomainJudgement {
  result: DomainResult;
  findings: Finding[];
  /** What the report rules judged against; a shard hands it to the merge step. */
  reportEvidence: ReportEvidence;
}

export function evaluateDomain(evidence: DomainEvidence, settings: JudgementSettings): DomainJudgement {
  const result = emptyDomainResult(evidence.domain);
  const { findings: policyFindings, verdict } = judgePolicy(evidence, settings, result);
  const forReports = reportEvidence(evidence, settings, verdict);
  const judged = [
    ...judgeRecords(evidence, settings, verdict, result),
    ...policyFindings,
    ...judgeMx(evidence, settings, verdict, result),
    ...judgeHostAddresses(evidence, settings, verdict),
    ...judgeReportsFrom(evidence.domain, evidence.reports, forReports, settings, result),
    ...judgeZones(evidence, settings, verdict, result),
  ];
  const findings = judgeRollout(evidence, settings, verdict, result, judged);
  return { result, findings: findings.sort(compareFindings), reportEvidence: forReports };
}
