/**
 * Orchestration of one run (DESIGN.md "Data flow"): Config → plan → observe (bounded
 * concurrency) → evaluate (pure) → CheckResult. Shared by the action and the CLI.
 */
import { readFile } from 'node:fs/promises';
import { mapAdaptive } from './adaptive-concurrency.js';
import { ConfigurationError, parseDomainList, shardDomains, uniqueSorted, type Config } from './config.js';
import { baseEvidence, markChangeStatus, preferLocated } from './core/change-status.js';
import { evaluateDomain, type DomainJudgement } from './core/evaluate.js';
import { compareFindings, isEnforceRisk, type Finding } from './core/findings.js';
import type { DomainObservation } from './core/observation.js';
import type { CheckResult } from './core/result.js';
import type { DomainEvidence, JudgementSettings, PolicyFileInput } from './core/rules/evidence.js';
import { applySmtpPortBlocked } from './core/rules/port-blocked.js';
import type { ObserveDeps } from './net/observe.js';
import { failedObservation, observeDomain } from './net/observe.js';
import type { Clock, Logger } from './ports.js';
import { loadReports, type LoadedReports, type ReportSource } from './reports/load.js';
import { loadZones } from './zones/load.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface CheckDeps {
  clock: Clock;
  logger: Logger;
  /** Live network adapters; required unless config.offline. */
  network?: ObserveDeps;
  /** Report archives fetched by the action (reports-artifact). */
  reportArchives?: ReportSource['archives'];
}

/** Above this many domains, progress is logged as domains complete. */
const PROGRESS_THRESHOLD = 5;

export async function check(config: Config, deps: CheckDeps): Promise<CheckResult> {
  const { logger } = deps;
  if (nothingToCheck(config, deps)) {
    throw new ConfigurationError(
      'nothing to check: give a domain, domains file, zone, policy file or reports input',
    );
  }
  const now = deps.clock.now();
  const settings: JudgementSettings = {
    now,
    certExpiryWarningDays: config.certExpiryWarningDays,
    smtpProbe: config.smtpProbe,
    offline: config.offline,
    reportsGiven: config.reports.length > 0 || (deps.reportArchives?.length ?? 0) > 0,
    reportWindowDays: config.reportWindowDays,
  };

  const policyFiles = await readPolicyFiles(config);
  const zones = await loadZones(config.zones, config.policyFiles, config.base, logger);
  const reports: LoadedReports = await loadReports(
    { paths: config.reports, archives: deps.reportArchives },
    config.reportWindowDays,
    logger,
  );

  const listed = [...config.domains];
  if (config.domainsFile) {
    const fromFile = parseDomainList(
      '--domains-file',
      await readConfigFile('--domains-file', config.domainsFile),
    );
    // DESIGN.md: a run with nothing to check is a configuration error, never a PASS of 0 domains.
    if (fromFile.length === 0) {
      throw new ConfigurationError(
        `--domains-file: ${config.domainsFile} lists no domain (only comments or blank lines)`,
      );
    }
    listed.push(...fromFile);
  }
  const candidates = uniqueSorted([
    ...listed,
    ...policyFiles.keys(),
    ...zones.byDomain.keys(),
    // Offline, the reports name the domains to judge; live, only listed domains are probed.
    ...(config.offline || listed.length === 0 ? reports.byDomain.keys() : []),
  ]);
  const domains = shardDomains(candidates, config.shard);
  if (config.shard) {
    logger.info(
      `shard ${config.shard.index}/${config.shard.total}: ${domains.length} of ${candidates.length} domains`,
    );
  }

  if (!config.offline && domains.length > 0 && !deps.network) {
    throw new Error('internal: a live check needs network adapters');
  }

  let done = 0;
  const observations: DomainObservation[] = [];
  // Live domains start only while the event loop keeps up, so deadlines measure the network.
  const judgements = await mapAdaptive(
    domains,
    config.concurrency,
    async (domain): Promise<DomainJudgement> => {
      const observation = config.offline ? null : await observeSafely(domain, deps.network!, logger);
      if (observation) observations.push(observation);
      const evidence: DomainEvidence = {
        domain,
        observation,
        policyFile: policyFiles.get(domain) ?? null,
        basePolicyFile: zones.basePolicyFiles.get(domain) ?? null,
        proposed: zones.byDomain.get(domain) ?? null,
        baseProposed: zones.baseByDomain.get(domain) ?? null,
        reports: reports.byDomain.get(domain) ?? null,
      };
      const judgement = judgeAgainstBase(evidence, settings, config.base !== null);
      done++;
      if (domains.length > PROGRESS_THRESHOLD)
        logger.progress(`checked ${done}/${domains.length}: ${domain}`);
      return judgement;
    },
  );

  let findings: Finding[] = [
    ...(config.base === null ? zones.findings : markChangeStatus(zones.findings, zones.baseFindings)),
    ...reports.findings,
    ...judgements.flatMap((j) => j.findings),
  ];
  if (!config.offline) findings = applySmtpPortBlocked(findings, observations, settings);
  // With --base, what no revision of the files decides (reports, the runner's port 25) is not the change's doing.
  if (config.base !== null)
    findings = findings.map((f) => (f.status ? f : { ...f, status: 'existing' as const }));
  findings.sort(compareFindings);

  return {
    schemaVersion: 1,
    tool: { name: TOOL_NAME, version: TOOL_VERSION },
    generatedAt: now.toISOString(),
    summary: {
      domains: domains.length,
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      notices: findings.filter((f) => f.severity === 'notice').length,
      enforceRisk: findings.some(isEnforceRisk),
    },
    findings,
    domains: judgements.map((j) => j.result),
    reports: reports.summary,
  };
}

/** DESIGN.md "The CLI contract": no domain, zone, policy or report input is a configuration error. */
function nothingToCheck(config: Config, deps: CheckDeps): boolean {
  return (
    config.domains.length === 0 &&
    config.domainsFile === null &&
    config.zones.length === 0 &&
    config.policyFiles.length === 0 &&
    config.reports.length === 0 &&
    config.reportsArtifact === null &&
    (deps.reportArchives?.length ?? 0) === 0
  );
}

/**
 * Judges one domain; the same problem seen live and in the proposed files is kept once, on its
 * file line. With --base, the domain is judged again as the base revision had it, and each
 * finding is marked new or existing (the check fails only on new ones).
 */
function judgeAgainstBase(
  evidence: DomainEvidence,
  settings: JudgementSettings,
  compare: boolean,
): DomainJudgement {
  const judgement = evaluateDomain(evidence, settings);
  const findings = preferLocated(judgement.findings);
  if (!compare) return { ...judgement, findings };
  const base = preferLocated(evaluateDomain(baseEvidence(evidence), settings).findings);
  return { ...judgement, findings: markChangeStatus(findings, base) };
}

async function readPolicyFiles(config: Config): Promise<Map<string, PolicyFileInput>> {
  const files = new Map<string, PolicyFileInput>();
  for (const spec of config.policyFiles) {
    if (files.has(spec.domain)) {
      throw new ConfigurationError(`--policy-file: ${spec.domain} is given more than once`);
    }
    files.set(spec.domain, { path: spec.path, text: await readConfigFile('--policy-file', spec.path) });
  }
  return files;
}

async function readConfigFile(flag: string, path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a folder' : String(error);
    throw new ConfigurationError(`${flag}: cannot read ${path}: ${reason}`, { cause: error });
  }
}

/** One domain whose observation crashes (a bug) becomes an error observation, not a failed run. */
async function observeSafely(
  domain: string,
  network: ObserveDeps,
  logger: Logger,
): Promise<DomainObservation> {
  try {
    return await observeDomain(domain, network);
  } catch (error) {
    logger.warning(`${domain}: observation failed unexpectedly: ${String(error)}`);
    return failedObservation(domain, error);
  }
}
