/**
 * Orchestration of one run (DESIGN.md "Data flow"): Config → plan → observe (bounded
 * concurrency) → evaluate (pure) → CheckResult. Shared by the action and the CLI.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { mapAdaptive } from './adaptive-concurrency.js';
import { attachFixes, type FixContext } from './core/fix/attach.js';
import { ConfigurationError, parseDomainList, uniqueSorted, type Config } from './config.js';
import { baseEvidence, markChangeStatus, preferLocated } from './core/change-status.js';
import { evaluateDomain, type DomainJudgement } from './core/evaluate.js';
import { compareFindings, finding, isEnforceRisk, type Finding } from './core/findings.js';
import { MAX_POLICY_BYTES } from './core/policy.js';
import { reportWindow } from './core/report-window.js';
import type { DomainObservation } from './core/observation.js';
import { retainObservation, type RetainedObservation } from './core/retained-observation.js';
import type { ProposedDomain } from './core/proposed.js';
import type { CheckResult, ShardBlock } from './core/result.js';
import type { DomainEvidence, JudgementSettings, PolicyFileInput } from './core/rules/evidence.js';
import { applyResolverFailed } from './core/rules/dns-lookup.js';
import { applySmtpPortBlocked } from './core/rules/port-blocked.js';
import { localResourceError } from './core/runner-network.js';
import { listFingerprint, shardDomains } from './core/shard.js';
import {
  describeInputProblem,
  MAX_DOMAINS_FILE_BYTES,
  MAX_ZONE_FILE_BYTES,
  readInputFile,
} from './input-file.js';
import type { ObserveDeps } from './net/observe.js';
import { failedObservation, observeDomain } from './net/observe.js';
import type { Clock, Logger, ProgressReporter } from './ports.js';
import { loadReports, type LoadedReports, type ReportSource } from './reports/load.js';
import { openBaseRevision, type RevisionReader } from './git/revision.js';
import type { LoadedZones } from './zones/load.js';
import { atSourceLines } from './zones/source-positions.js';
import { TOOL_NAME, TOOL_VERSION } from './version.js';

export interface CheckDeps {
  clock: Clock;
  logger: Logger;
  /** Live network adapters; required unless config.offline. */
  network?: ObserveDeps;
  /** Report archives fetched by the action (reports-artifact). */
  reportArchives?: ReportSource['archives'];
  /** Told as each domain completes (the entries pace what they show: src/progress.ts). */
  progress?: ProgressReporter;
}

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
    enforceReadinessDays: config.enforceReadinessDays,
  };

  const base = await openBase(config, logger);
  const compare = base.reader !== null;
  const zones = await readZones(config, base.reader, logger);
  const { files: policyFiles, findings: policyFileFindings } = await readPolicyFiles(config, {
    atBase: zones.basePolicyFiles,
    baseUnavailable: base.unavailable,
    logger,
  });
  const reports: LoadedReports = await loadReports(
    { paths: config.reports, archives: deps.reportArchives },
    reportWindow(now, config.reportWindowDays),
    logger,
  );

  const listed = [...config.domains];
  if (config.domainsFile) {
    const fromFile = parseDomainList(
      '--domains-file',
      (await readConfigFile('--domains-file', config.domainsFile, MAX_DOMAINS_FILE_BYTES)) ?? '',
    );
    // DESIGN.md: a run with nothing to check is a configuration error, never a PASS of 0 domains.
    if (fromFile.length === 0) {
      throw new ConfigurationError(
        `--domains-file: ${config.domainsFile} lists no domain (only comments or blank lines)`,
      );
    }
    listed.push(...fromFile);
  }
  // Issue 9 class 11: only domains the operator named (list, domains file, zone and policy
  // files) are probed live. Anyone can mail a report to a `rua` address, so a domain that only
  // report files name is judged from its reports alone: a report never makes the runner connect.
  const trusted = new Set([...listed, ...config.policyFiles.map((p) => p.domain), ...zones.byDomain.keys()]);
  const candidates = uniqueSorted([
    ...trusted,
    // With no listed domain, the reports name further domains to judge (from the reports only).
    ...(config.offline || listed.length === 0 ? reports.byDomain.keys() : []),
  ]);
  const reportOnly = candidates.filter((d) => !trusted.has(d));
  if (!config.offline && reportOnly.length > 0) {
    logger.info(
      `reports: ${reportOnly.length} domain(s) named only by report files are judged from the reports, not probed live`,
    );
  }
  const domains = shardDomains(candidates, config.shard);
  if (config.shard) {
    logger.info(
      `shard ${config.shard.index}/${config.shard.total}: ${domains.length} of ${candidates.length} domains`,
    );
  }

  if (!config.offline && domains.some((d) => trusted.has(d)) && !deps.network) {
    throw new Error('internal: a live check needs network adapters');
  }

  let done = 0;
  let errorsSoFar = 0;
  deps.progress?.update({ done, total: domains.length, errors: errorsSoFar });
  // Only what the run-level passes below read (issue 11 item 4): the full observation is
  // garbage once its domain is judged.
  const observations: RetainedObservation[] = [];
  // Live domains start only while the event loop keeps up, so deadlines measure the network.
  const judgements = await mapAdaptive(
    domains,
    config.concurrency,
    async (domain): Promise<DomainJudgement> => {
      const live = !config.offline && trusted.has(domain);
      const observation = live ? await observeSafely(domain, deps.network!, logger) : null;
      const evidence: DomainEvidence = {
        domain,
        observation,
        policyFile: policyFiles.get(domain) ?? null,
        basePolicyFile: zones.basePolicyFiles.get(domain) ?? null,
        proposed: zones.byDomain.get(domain) ?? null,
        baseProposed: zones.baseByDomain.get(domain) ?? null,
        reports: reports.byDomain.get(domain) ?? null,
      };
      const judgement = judgeAgainstBase(evidence, settings, compare);
      if (observation) observations.push(retainObservation(observation));
      done++;
      errorsSoFar += judgement.findings.filter((f) => f.severity === 'error').length;
      deps.progress?.update({ done, total: domains.length, errors: errorsSoFar });
      return judgement;
    },
  );

  failOnLocalResourceErrors(observations, domains.length, config.concurrency);

  let findings: Finding[] = [
    ...(compare ? markChangeStatus(zones.findings, zones.baseFindings) : zones.findings),
    ...reports.findings,
    ...policyFileFindings,
    ...judgements.flatMap((j) => j.findings),
  ];
  if (!config.offline) {
    findings = applyResolverFailed(findings, observations, deps.network?.dnsServer ?? 'the resolver');
    findings = applySmtpPortBlocked(findings, observations, settings);
  }
  // With --base, what no revision of the files decides (reports, the runner's port 25) is not the change's doing.
  if (compare) findings = findings.map((f) => (f.status ? f : { ...f, status: 'existing' as const }));
  findings.sort(compareFindings);
  findings = attachFixes(findings, {
    policyFiles: policyTexts(policyFiles),
    zoneFiles: await zoneTexts(findings, zones.byDomain),
    records: [...zones.byDomain.values()].flatMap((p) => [
      ...p.stsTxt.map((r) => ({ kind: 'sts' as const, domain: p.domain, ...r })),
      ...p.tlsRptTxt.map((r) => ({ kind: 'tlsrpt' as const, domain: p.domain, ...r })),
    ]),
    live: liveDomains(observations),
    proposedMx: new Map(
      [...zones.byDomain.values()].map((p) => [
        p.domain,
        p.mx.map((m) => m.value.exchange).filter((host) => host !== ''),
      ]),
    ),
    now,
  });
  // Fixes edit the IR lines above; people read and annotate the dnsconfig.js lines.
  findings = atSourceLines(findings, zones.sources);

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
    ...(config.shard
      ? { shard: shardBlock(config, candidates, judgements, settings.reportsGiven === true) }
      : {}),
  };
}

/** The contract's `shard` block: who this shard is, of which list and run, and its report evidence. */
function shardBlock(
  config: Config,
  list: string[],
  judgements: DomainJudgement[],
  reportsJudged: boolean,
): ShardBlock {
  return {
    index: config.shard!.index,
    total: config.shard!.total,
    list: { fingerprint: listFingerprint(list), count: list.length, domains: list },
    toolVersion: TOOL_VERSION,
    run: config.runId,
    reportsJudged,
    evidence: Object.fromEntries(judgements.map((j) => [j.result.domain, j.reportEvidence])),
  };
}

/** The policy files by path, with the sha256 that `fix` checks before it edits one. */
function policyTexts(files: Map<string, PolicyFileInput>): FixContext['policyFiles'] {
  return new Map(
    [...files].map(([domain, f]) => [
      f.path,
      { domain, text: f.text, sha256: sha256(Buffer.from(f.text, 'utf8')) },
    ]),
  );
}

/**
 * The files holding records that findings of the records rules point at, and the `_mta-sts`
 * records of domains whose fix needs a new id, for their fixes.
 */
async function zoneTexts(
  findings: Finding[],
  proposed: ReadonlyMap<string, ProposedDomain>,
): Promise<NonNullable<FixContext['zoneFiles']>> {
  const wanted = new Set(
    findings
      .filter((f) => ['sts-record-invalid', 'tlsrpt-record-invalid', 'policy-id-not-bumped'].includes(f.rule))
      .flatMap((f) => (f.location ? [f.location.file] : [])),
  );
  for (const f of findings) {
    if (!NEEDS_NEW_ID.has(f.rule) || f.domain === null) continue;
    for (const r of proposed.get(f.domain)?.stsTxt ?? []) wanted.add(r.location.file);
  }
  const texts = new Map<string, { text: string; sha256: string }>();
  for (const file of wanted) {
    const read = await readInputFile(file, MAX_ZONE_FILE_BYTES);
    if (read.kind !== 'ok') continue; // no fix for a file that cannot be read again
    texts.set(file, { text: read.bytes.toString('utf8'), sha256: sha256(read.bytes) });
  }
  return texts;
}

/** What each live observation saw, for the records and policy body `fix.publish` corrects. */
function liveDomains(observations: RetainedObservation[]): NonNullable<FixContext['live']> {
  const records = (a: RetainedObservation['stsTxt']): string[] => (a.kind === 'records' ? a.records : []);
  return new Map(
    observations.map((o) => [
      o.domain,
      {
        stsTxt: records(o.stsTxt),
        tlsRptTxt: records(o.tlsRptTxt),
        policyText: o.policyFetches.find((p) => p.status === 200 && p.body !== null)?.body ?? null,
        mx:
          o.mx.kind === 'records'
            ? o.mx.records.map((m) => m.exchange).filter((h) => h !== '' && h !== '.')
            : [],
      },
    ]),
  );
}

/** Rules whose fix changes the policy, and so the `_mta-sts` id (RFC 8461 §3.1). */
const NEEDS_NEW_ID = new Set(['mx-not-in-policy', 'policy-mx-unmatched', 'enforce-ready']);

function sha256(bytes: Buffer | string): string {
  return createHash('sha256').update(bytes).digest('hex');
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

/**
 * --base, opened when zone or policy files are given: only they have revisions to compare
 * (issue 10 item 8: a pull request run with domains only needs no git repository). A null
 * reader means the run judges without comparison; `unavailable` when --base was wanted but
 * could not be read (a shallow clone whose fetch failed), which is said in one warning.
 */
async function openBase(
  config: Config,
  logger: Logger,
): Promise<{ reader: RevisionReader | null; unavailable: boolean }> {
  if (config.base === null) return { reader: null, unavailable: false };
  if (config.zones.length === 0 && config.policyFiles.length === 0) {
    logger.debug(`--base ${config.base}: no zone or policy file to compare; not used`);
    return { reader: null, unavailable: false };
  }
  const base = await openBaseRevision(config.base, process.cwd(), { logger });
  if (base.kind === 'unavailable') {
    logger.warning(base.warning);
    return { reader: null, unavailable: true };
  }
  logger.info(
    `--base ${config.base}: comparing zone and policy files with commit ${base.reader.commit.slice(0, 12)}`,
  );
  return { reader: base.reader, unavailable: false };
}

/**
 * The repository's policy files. RFC 8461 §3.3 caps a served policy at 64 KiB; a file over it
 * gets `policy-too-large`, as the live fetch does, and is not judged further (issue 9 class 8).
 * A file missing from the working tree that the base has is deleted by the change: it is left
 * out here and judged as a removal (src/core/rules/zones-policy.ts), not refused as unreadable.
 */
/**
 * The --zone files (and, with --base, the same files and the policy files at that revision).
 * The zone readers (BIND, octoDNS YAML, DNSControl) load only when a run has them (issue 11
 * item 6, cold start).
 */
async function readZones(config: Config, base: RevisionReader | null, logger: Logger): Promise<LoadedZones> {
  if (config.zones.length === 0 && base === null) {
    return {
      byDomain: new Map(),
      baseByDomain: new Map(),
      basePolicyFiles: new Map(),
      findings: [],
      baseFindings: [],
      sources: new Map(),
    };
  }
  const { loadZones } = await import('./zones/load.js');
  return loadZones(config.zones, config.policyFiles, base, logger, {
    includeRoot: config.includeRoot,
    unmatchedPattern: config.unmatchedZonePattern,
  });
}

async function readPolicyFiles(
  config: Config,
  base: {
    atBase: ReadonlyMap<string, PolicyFileInput>;
    /** --base was wanted and could not be read: a missing file may be one the change deletes. */
    baseUnavailable: boolean;
    logger: Logger;
  },
): Promise<{ files: Map<string, PolicyFileInput>; findings: Finding[] }> {
  const { atBase } = base;
  const files = new Map<string, PolicyFileInput>();
  const findings: Finding[] = [];
  const seen = new Set<string>();
  for (const spec of config.policyFiles) {
    if (seen.has(spec.domain)) {
      throw new ConfigurationError(`--policy-file: ${spec.domain} is given more than once`);
    }
    seen.add(spec.domain);
    if (atBase.has(spec.domain) && (await isMissing(spec.path))) continue;
    if (base.baseUnavailable && (await isMissing(spec.path))) {
      // Never a configuration error for the missing base (issue 10 item 8): said, and left out.
      base.logger.warning(
        `--policy-file: ${spec.path} does not exist, and without the base it cannot be told whether this change deletes it; ${spec.domain} is judged without it`,
      );
      continue;
    }
    const text = await readConfigFile('--policy-file', spec.path, MAX_POLICY_BYTES);
    if (text === null) {
      findings.push(
        finding('policy-too-large', null, {
          domain: spec.domain,
          subject: spec.path,
          location: { file: spec.path, line: 1 },
          message: `${spec.path} is larger than ${MAX_POLICY_BYTES} bytes (RFC 8461 §3.3): senders refuse a policy this large, so it was not judged`,
          resultType: 'sts-policy-fetch-error',
        }),
      );
      continue;
    }
    files.set(spec.domain, { path: spec.path, text });
  }
  return { files, findings };
}

/** True when nothing exists at `path` (a file the change deletes). */
async function isMissing(path: string): Promise<boolean> {
  return stat(path).then(
    () => false,
    (error: NodeJS.ErrnoException) => error.code === 'ENOENT',
  );
}

/**
 * A file a flag names: a regular file of at most `maxBytes`, else a configuration error naming
 * the flag and the file. A policy file over the cap gives null: that is a finding, not a
 * configuration error.
 */
async function readConfigFile(flag: string, path: string, maxBytes: number): Promise<string | null> {
  const read = await readInputFile(path, maxBytes);
  if (read.kind === 'ok') return read.bytes.toString('utf8');
  if (read.kind === 'too-large' && flag === '--policy-file') return null;
  const problem = describeInputProblem(read, maxBytes);
  throw new ConfigurationError(
    read.kind === 'error' ? `${flag}: cannot read ${path}: ${problem}` : `${flag}: ${path} ${problem}`,
  );
}

/**
 * Issue 9 class 10: when this runner runs out of file descriptors, what was observed is about the
 * runner, not the domains (every MX "has no address", every fetch fails). That is said once, as
 * the local problem it is, instead of as a false finding per host.
 */
function failOnLocalResourceErrors(
  observations: RetainedObservation[],
  total: number,
  concurrency: number,
): void {
  let code: string | null = null;
  let affected = 0;
  for (const observation of observations) {
    const found = localResourceError(localErrorTexts(observation).join('\n'));
    if (found === null) continue;
    code ??= found;
    affected++;
  }
  if (code === null) return;
  throw new ConfigurationError(
    `this runner ran out of file descriptors (${code}) while observing ${affected} of ${total} domains, so their results would describe the runner: raise the limit (ulimit -n) or lower --concurrency (now ${concurrency})`,
  );
}

/**
 * The error texts of an observation that this machine wrote (Node error codes and messages of
 * connects and lookups), never text a peer sent (banners, replies, bodies): a hostile server
 * must not be able to end the run by saying "EMFILE".
 */
function localErrorTexts(o: RetainedObservation): string[] {
  const answers = [o.stsTxt, o.tlsRptTxt, o.mx, o.policyHostAddresses, ...Object.values(o.mxAddresses)];
  return [
    ...answers.flatMap((a) => (a?.kind === 'error' ? [a.error] : [])),
    ...o.smtp.flatMap((p) => (p.error ? [p.error.code] : [])),
    ...o.policyFetches.flatMap((f) => (f.error?.code === 'connect' ? [f.error.message] : [])),
  ];
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
