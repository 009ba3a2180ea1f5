/**
 * `mta-sts-guard merge` (issue 12): shard results files of one run combined into one result of
 * the same contract. Pure: the files arrive parsed; src/merge-files.ts reads them.
 *
 * Every domain appears once and the summary is recomputed. Files from another run, another list
 * or another N, a shard given twice, or a missing shard are refused, naming the file (or the
 * shard): a merge that silently dropped a shard would close issues it never judged.
 */
import type { DomainReports } from './aggregate.js';
import { compareFindings, isEnforceRisk, RULES, type Finding } from './findings.js';
import type { CheckResult, DomainResult, ReportsSummary, ShardBlock } from './result.js';
import type { JudgementSettings } from './rules/evidence.js';
import { judgeReportsFrom, type ReportEvidence } from './rules/reports.js';
import { judgeRolloutFrom, probeStatesOf } from './rules/rollout.js';
import { allShards, listFingerprint } from './shard.js';

/** One shard results file, parsed, with the name it was given by. */
export interface ShardFile {
  name: string;
  result: CheckResult;
}

/** Reports read once in the merge step (`merge --reports`). */
export interface MergeReports {
  byDomain: Map<string, DomainReports>;
  summary: ReportsSummary;
  /** File-level findings of the reports phase (report-invalid and the like). */
  findings: Finding[];
  settings: JudgementSettings;
}

export interface MergeOptions {
  /** Go on when shards are missing, listing the domains they hold as not checked. */
  allowMissingShards: boolean;
  reports: MergeReports | null;
}

export type MergeOutcome =
  | { kind: 'merged'; result: CheckResult; missingShards: number[]; uncheckedDomains: string[] }
  | { kind: 'refused'; message: string };

const refused = (message: string): MergeOutcome => ({ kind: 'refused', message });

/** Combines shard files; the first file given sets the run, list, N and tool version expected. */
export function mergeShards(files: readonly ShardFile[], options: MergeOptions): MergeOutcome {
  const first = files[0];
  if (!first) return refused('no results file given');
  const byIndex = new Map<number, ShardFile>();
  for (const file of files) {
    const problem = shardProblem(file, first);
    if (problem) return refused(`${file.name}: ${problem}`);
    const shard = file.result.shard!;
    const earlier = byIndex.get(shard.index);
    if (earlier) {
      return refused(
        `${file.name}: shard ${shard.index}/${shard.total} is given twice (also ${earlier.name})`,
      );
    }
    byIndex.set(shard.index, file);
  }

  const reference = first.result.shard!;
  const expected = allShards(reference.list.domains, reference.total);
  for (const [index, file] of byIndex) {
    const domains = file.result.domains.map((d) => d.domain).sort();
    const want = expected[index - 1]!;
    if (domains.length !== want.length || domains.some((d, i) => d !== want[i])) {
      return refused(
        `${file.name}: holds ${domains.length} domains, not the ${want.length} of shard ${index}/${reference.total} of its list`,
      );
    }
  }
  const missingShards = expected.map((_, i) => i + 1).filter((index) => !byIndex.has(index));
  if (missingShards.length > 0 && !options.allowMissingShards) {
    return refused(
      `shard${missingShards.length === 1 ? '' : 's'} ${missingShards.join(', ')} of ${reference.total} missing: ` +
        `no file given holds ${missingShards.length === 1 ? 'it' : 'them'} (--allow-missing-shards merges the rest)`,
    );
  }
  const uncheckedDomains = missingShards.flatMap((index) => expected[index - 1]!);
  const present = [...byIndex.keys()].sort((a, b) => a - b).map((index) => byIndex.get(index)!);
  const result = combine(present, reference, missingShards, uncheckedDomains, options.reports);
  return { kind: 'merged', result, missingShards, uncheckedDomains };
}

/** Why a file cannot be merged with the first one, or null. */
function shardProblem(file: ShardFile, first: ShardFile): string | null {
  const result = file.result as Partial<CheckResult> | null;
  if (!result || typeof result !== 'object' || result.schemaVersion !== 1) {
    return 'not an mta-sts-guard results file (schemaVersion 1)';
  }
  const shard = result.shard;
  if (!isShardBlock(shard) || !Array.isArray(result.domains) || !Array.isArray(result.findings)) {
    return 'has no shard block: it was not written by `check --shard I/N --format json`';
  }
  if (shard.index < 1 || shard.index > shard.total)
    return `shard ${shard.index}/${shard.total} is impossible`;
  if (shard.merged) return 'is already a merged result';
  if (listFingerprint(shard.list.domains) !== shard.list.fingerprint) {
    return 'its domain list does not match its list fingerprint (the file was edited or truncated)';
  }
  const ref = first.result.shard!;
  if (shard === ref) return null;
  if (shard.total !== ref.total)
    return `is shard ${shard.index}/${shard.total}, not of ${ref.total} like ${first.name}`;
  if (shard.list.fingerprint !== ref.list.fingerprint) {
    return `was cut from another domain list (${shard.list.fingerprint}, ${first.name} has ${ref.list.fingerprint})`;
  }
  if ((shard.run?.id ?? null) !== (ref.run?.id ?? null)) {
    return `comes from another run (${shard.run?.id ?? 'no run id'}, ${first.name} has ${ref.run?.id ?? 'no run id'})`;
  }
  if (shard.toolVersion !== ref.toolVersion) {
    return `was written by mta-sts-guard ${shard.toolVersion}, ${first.name} by ${ref.toolVersion}`;
  }
  return null;
}

function isShardBlock(value: unknown): value is ShardBlock {
  const s = value as ShardBlock | undefined;
  return (
    typeof s === 'object' &&
    s !== null &&
    Number.isSafeInteger(s.index) &&
    Number.isSafeInteger(s.total) &&
    typeof s.list === 'object' &&
    s.list !== null &&
    typeof s.list.fingerprint === 'string' &&
    Array.isArray(s.list.domains) &&
    s.list.domains.every((d) => typeof d === 'string') &&
    typeof s.toolVersion === 'string' &&
    typeof s.evidence === 'object' &&
    s.evidence !== null
  );
}

const isReportRule = (f: Finding): boolean => RULES[f.rule]?.family === 'reports';

function combine(
  shards: ShardFile[],
  reference: ShardBlock,
  missingShards: number[],
  uncheckedDomains: string[],
  reports: MergeReports | null,
): CheckResult {
  const domains: DomainResult[] = shards
    .flatMap((s) => s.result.domains)
    .sort((a, b) => (a.domain < b.domain ? -1 : a.domain > b.domain ? 1 : 0));
  const evidence = new Map<string, ReportEvidence>();
  for (const s of shards) {
    for (const [domain, e] of Object.entries(s.result.shard!.evidence)) evidence.set(domain, e);
  }

  let findings = dedupe(shards.flatMap((s) => s.result.findings));
  if (reports) {
    // Reports are judged here, once: what shards judged of reports themselves is replaced.
    findings = findings.filter((f) => !isReportRule(f));
    findings.push(...reports.findings);
    // A shard that judged reports itself already gave its domains the advisor's words.
    const advised = new Set(
      shards
        .filter((s) => s.result.shard!.reportsJudged)
        .flatMap((s) => s.result.domains.map((d) => d.domain)),
    );
    const byDomain = new Map<string | null, Finding[]>();
    for (const f of findings) {
      const list = byDomain.get(f.domain);
      if (list) list.push(f);
      else byDomain.set(f.domain, [f]);
    }
    findings = byDomain.get(null) ?? [];
    byDomain.delete(null);
    for (const domain of domains) {
      const own = byDomain.get(domain.domain) ?? [];
      byDomain.delete(domain.domain);
      const e = evidence.get(domain.domain);
      if (!e) {
        findings.push(...own);
        continue;
      }
      const domainReports = reports.byDomain.get(domain.domain) ?? null;
      own.push(...judgeReportsFrom(domain.domain, domainReports, e, reports.settings, domain));
      if (advised.has(domain.domain)) {
        findings.push(...own);
        continue;
      }
      const rollout = { domain: domain.domain, policy: e.reference?.policy ?? null, reports: domainReports };
      findings.push(
        ...judgeRolloutFrom({ ...rollout, probes: probeStatesOf(domain) }, reports.settings, own, null),
      );
    }
    // Findings of a domain no shard result lists (none expected) are kept as they are.
    for (const rest of byDomain.values()) findings.push(...rest);
  }
  findings.sort(compareFindings);

  const generatedAt = shards
    .map((s) => s.result.generatedAt)
    .sort()
    .at(-1)!;
  return {
    schemaVersion: 1,
    tool: shards[0]!.result.tool,
    generatedAt,
    summary: {
      domains: domains.length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      notices: findings.filter((f) => f.severity === 'notice').length,
      enforceRisk: findings.some(isEnforceRisk),
    },
    findings,
    domains,
    reports: reports ? reports.summary : shards[0]!.result.reports,
    shard: {
      index: 0,
      total: reference.total,
      list: reference.list,
      toolVersion: reference.toolVersion,
      run: reference.run,
      reportsJudged: reports !== null || shards.some((s) => s.result.shard!.reportsJudged),
      evidence: Object.fromEntries(evidence),
      merged: {
        shards: shards.map((s) => s.result.shard!.index),
        missingShards,
        uncheckedDomains,
      },
    },
  };
}

/**
 * Every finding once. Zone and policy-file findings are made by every shard alike; a runner-level
 * finding (domain null: smtp-port-blocked) is one per shard with its own counts, kept once.
 */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  for (const f of findings) {
    const key = f.domain === null && !f.location ? `runner ${f.rule} ${f.subject ?? ''}` : JSON.stringify(f);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
  }
  return out;
}
