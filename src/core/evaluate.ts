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
import { judgeReports } from './rules/reports.js';
import { judgeZones } from './rules/zones.js';

export interface DomainJudgement {
  result: DomainResult;
  findings: Finding[];
}

export function evaluateDomain(evidence: DomainEvidence, settings: JudgementSettings): DomainJudgement {
  const result = emptyDomainResult(evidence.domain);
  const { findings: policyFindings, verdict } = judgePolicy(evidence, settings, result);
  const findings = [
    ...judgeRecords(evidence, settings, verdict, result),
    ...policyFindings,
    ...judgeMx(evidence, settings, verdict, result),
    ...judgeHostAddresses(evidence, settings, verdict),
    ...judgeReports(evidence, settings, verdict, result),
    ...judgeZones(evidence, settings, verdict, result),
  ];
  return { result, findings: findings.sort(compareFindings) };
}
