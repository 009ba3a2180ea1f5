/**
 * Action entry: inputs → Config → check() → issues, outputs, annotations, job summary, exit.
 * The one place that reads inputs, wires the real adapters and calls setFailed (STYLE.md).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import * as core from '@actions/core';
import {
  isPullRequestEvent,
  nameInputs,
  pullRequestFromEvent,
  readActionInputs,
  type ActionSettings,
} from './action-inputs.js';
import { check } from './check.js';
import { ConfigurationError, runIdentityFromEnv } from './config.js';
import { failingFindings } from './core/fail-policy.js';
import type { CheckResult } from './core/result.js';
import { buildAnnotations } from './github/annotations.js';
import type { ReportArchive } from './github/artifacts.js';
import type { GitHubClient, Repository } from './github/client.js';
import { readEditedFiles } from './github/edited-files.js';
import type { IssueOutcome } from './github/issue-lifecycle.js';
import { readRunnerContext, type RunnerContext } from './github/runner-context.js';
import { createNetwork } from './net/network.js';
import { plural } from './core/plural.js';
import { systemClock, type Logger } from './ports.js';
import { pacedProgress } from './progress-reporter.js';
import { MIN_DOMAINS_FOR_LINES } from './progress.js';
import { renderJson } from './render/json.js';
import { renderMarkdown } from './render/markdown.js';
import { safeAnnotation, safeLogLine } from './render/untrusted.js';
import { capHeapGrowth } from './heap-growth-cap.js';

/** Warnings the run logged (a zone-files pattern that matched nothing, a base it could not read), for the job summary. */
const loggedWarnings: string[] = [];
/** The job summary lists this many logged warnings; the log has them all. */
const MAX_SUMMARY_WARNINGS = 20;

const logger: Logger = {
  // Issue 9 class 9: core.info writes the line as is, so a value starting a line with `::`
  // would be a workflow command; every log line goes through the one sanitiser. Messages from
  // code shared with the CLI name flags; here they name the inputs.
  debug: (m) => core.debug(safeLogLine(m)),
  info: (m) => core.info(safeLogLine(nameInputs(m))),
  warning: (m) => {
    const line = safeLogLine(nameInputs(m));
    loggedWarnings.push(line);
    core.warning(line);
  },
  progress: (m) => core.info(safeLogLine(m)),
};

/**
 * Issue 14 item 2: progress at the CLI's log rate (every 10 % or 10 s), folded into a log group
 * so the log stays readable; a short list gets neither.
 */
function actionProgress(): ReturnType<typeof pacedProgress> {
  let grouped = false;
  return pacedProgress('lines', {
    begin(total) {
      if (total < MIN_DOMAINS_FOR_LINES) return;
      core.startGroup(`Checking ${plural(total, 'domain')}`);
      grouped = true;
    },
    show: (line) => core.info(line),
    end() {
      if (grouped) core.endGroup();
      grouped = false;
    },
  });
}

const RESULTS_FILE_NAME = 'mta-sts-guard-results.json';

/** owner/repo of this run, or null outside a runner (GITHUB_REPOSITORY unset). */
function repository(): Repository | null {
  const [owner, repo] = (process.env['GITHUB_REPOSITORY'] ?? '').split('/');
  return owner && repo ? { owner, repo } : null;
}

function runUrl(context: RunnerContext, repo: Repository): string | null {
  return context.runId
    ? `${context.serverUrl}/${repo.owner}/${repo.repo}/actions/runs/${context.runId}`
    : null;
}

/** The GitHub client when a token and repository exist; otherwise why not. */
async function gitHub(
  settings: ActionSettings,
): Promise<{ client: GitHubClient; repo: Repository } | string> {
  const repo = repository();
  if (!repo) return 'GITHUB_REPOSITORY is not set';
  if (!settings.token) return 'github-token is empty';
  // Octokit loads here, only for a run that talks to the API (issue 11 item 6: cold start).
  const { createGitHubClient } = await import('./github/client.js');
  const client = createGitHubClient({
    token: settings.token,
    timeoutMs: settings.config.timeoutSeconds * 1000,
    logger,
  });
  return { client, repo };
}

async function writeFileMaking(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, text);
}

function writeAnnotations(result: CheckResult, sources: ReadonlyMap<string, { text: string } | null>): void {
  for (const a of buildAnnotations(result.findings, process.env['GITHUB_WORKSPACE'] ?? null, sources)) {
    const properties: core.AnnotationProperties = { title: a.title };
    if (a.file) properties.file = a.file;
    if (a.startLine) properties.startLine = a.startLine;
    // Multi-line (the fix's diff): @actions/core escapes line breaks in command data itself.
    const message = safeAnnotation(a.message);
    if (a.level === 'error') core.error(message, properties);
    else if (a.level === 'warning') core.warning(message, properties);
    else core.notice(message, properties);
  }
}

/** How the job summary says what happened to an issue. */
function describeOutcome(outcome: IssueOutcome): string {
  const news = outcome.newRisks === 1 ? '1 new risk' : `${outcome.newRisks} new risks`;
  switch (outcome.action) {
    case 'opened':
      return 'opened';
    case 'updated':
      return outcome.newRisks > 0 ? `updated, ${news}` : 'updated, fewer risks';
    case 'reopened':
      return 'reopened: risks are back';
    case 'closed':
      return 'closed: no risk left';
    case 'unchanged':
      return 'open, unchanged';
  }
}

export async function run(): Promise<void> {
  try {
    const context = readRunnerContext();
    const settings = readActionInputs((name) => core.getInput(name), {
      name: context.eventName,
      payload: context.payload,
    });
    const { config } = settings;
    config.runId ??= runIdentityFromEnv(process.env);
    const pullRequest = isPullRequestEvent(context.eventName);
    const warnings: string[] = [];
    let github: ReturnType<typeof gitHub> | null = null;
    const needGitHub = (): ReturnType<typeof gitHub> => (github ??= gitHub(settings));

    let reportArchives: ReportArchive[] = [];
    if (config.reportsArtifact) {
      const gh = await needGitHub();
      if (typeof gh === 'string') {
        warnings.push(`reports-artifact: not downloaded: ${gh}`);
      } else {
        const { fetchReportsArtifact, OctokitArtifactSource } = await import('./github/artifacts.js');
        const fetched = await fetchReportsArtifact(
          new OctokitArtifactSource(gh.client, gh.repo),
          config.reportsArtifact,
          logger,
        );
        reportArchives = fetched.archives;
        if (fetched.warning) warnings.push(fetched.warning);
      }
    }

    let result: CheckResult;
    const notes: string[] = [];
    if (settings.mergeResults) {
      capHeapGrowth(); // as the CLI's merge: many shard files make a long run
      result = await mergeShardResults(settings, reportArchives);
      notes.push(shardCoverage(result));
    } else {
      // The heap of a long run (live domains, a large mailbox) would grow to 3 x what it holds
      // on Node 24 (issue 11 item 4).
      capHeapGrowth();
      const network = config.offline ? undefined : await createNetwork(config, logger);
      const progress = actionProgress();
      try {
        result = await check(config, { clock: systemClock, logger, network, reportArchives, progress });
      } finally {
        progress.finish();
        await network?.close();
      }
    }
    const shardJob = settings.mode === 'shard';
    if (shardJob) {
      notes.push(
        `mode: shard (${config.shard!.index}/${config.shard!.total}): no issue writes and no annotations here; the merge job makes them.`,
      );
    }

    let issues: IssueOutcome[] = [];
    if (shardJob) {
      // Issue 12: in a merged workflow only the merge job touches issues.
    } else if (settings.openIssues && pullRequest) {
      const note = `${context.eventName} event: issues are not touched; the check fails on risks instead.`;
      core.info(safeLogLine(note));
      notes.push(note);
    } else if (settings.openIssues) {
      const gh = await needGitHub();
      if (typeof gh === 'string') {
        warnings.push(`issues: not updated: ${gh}`);
      } else {
        const [{ syncIssues }, { OctokitIssueTracker }] = await Promise.all([
          import('./github/issue-lifecycle.js'),
          import('./github/octokit-tracker.js'),
        ]);
        const sync = await syncIssues(
          result,
          new OctokitIssueTracker(gh.client, gh.repo),
          {
            labels: settings.issueLabels,
            closeResolved: settings.closeResolvedIssues,
            runUrl: runUrl(context, gh.repo),
            smtpProbeRan: config.smtpProbe !== 'off',
          },
          logger,
        );
        issues = sync.outcomes;
        if (sync.warning) warnings.push(sync.warning);
      }
    }

    // Issue 15 item 5: after the issue pass, the fixes as review suggestions on the pull request.
    const editedFiles = await readEditedFiles(result.findings, process.cwd());
    const pullRequestRef = pullRequestFromEvent({
      name: context.eventName,
      payload: context.payload,
    });
    if (!shardJob && settings.suggestFixes && pullRequestRef) {
      const gh = await needGitHub();
      if (typeof gh === 'string') {
        if (result.findings.some((f) => f.fix?.edits?.length))
          warnings.push(`suggest-fixes: not posted: ${gh}`);
      } else {
        const [{ describeSuggestions, syncSuggestions }, { OctokitPullRequestReviews }] = await Promise.all([
          import('./github/review-suggestions.js'),
          import('./github/octokit-reviews.js'),
        ]);
        const suggestions = await syncSuggestions(
          result,
          new OctokitPullRequestReviews(gh.client, gh.repo, pullRequestRef.number, pullRequestRef.headSha),
          {
            workspace: process.env['GITHUB_WORKSPACE'] || process.cwd(),
            cwd: process.cwd(),
            files: editedFiles,
          },
          logger,
        );
        notes.push(describeSuggestions(suggestions));
        if (suggestions.warning) warnings.push(suggestions.warning);
      }
    }
    for (const warning of warnings) core.warning(safeLogLine(warning));

    const resultsFile = resolve(
      settings.jsonFile ?? join(process.env['RUNNER_TEMP'] || tmpdir(), 'mta-sts-guard', RESULTS_FILE_NAME),
    );
    await writeFileMaking(resultsFile, renderJson(result));
    if (settings.sarifFile) {
      const { renderSarif } = await import('./render/sarif.js');
      await writeFileMaking(
        resolve(settings.sarifFile),
        renderSarif(result, { anchorFile: sarifAnchor(config.domainsFile) }),
      );
    }

    if (!shardJob) writeAnnotations(result, editedFiles);
    if (process.env['GITHUB_STEP_SUMMARY']) {
      const links = issues.map((i) => ({ ...i, action: describeOutcome(i) }));
      const shown = [...loggedWarnings.slice(0, MAX_SUMMARY_WARNINGS), ...warnings];
      if (loggedWarnings.length > MAX_SUMMARY_WARNINGS)
        shown.push(`${loggedWarnings.length - MAX_SUMMARY_WARNINGS} more warnings are in the log`);
      await core.summary
        .addRaw(renderMarkdown(result, { issues: links, warnings: shown, notes }), true)
        .write();
    }

    core.setOutput('errors', result.summary.errors);
    core.setOutput('warnings', result.summary.warnings);
    core.setOutput('enforce-risk', result.summary.enforceRisk);
    core.setOutput('results-file', resultsFile);

    const failing = failingFindings(result.findings, config.failOn);
    if (failing.length > 0) {
      core.setFailed(
        `${failing.length} finding${failing.length === 1 ? '' : 's'} at or above fail-on: ${config.failOn}` +
          (result.summary.enforceRisk ? ' (enforce-mode risk: compliant senders will refuse mail)' : ''),
      );
    }
  } catch (error) {
    if (error instanceof Error && error.stack) core.debug(error.stack);
    if (error instanceof ConfigurationError) core.setFailed(nameInputs(error.message));
    else core.setFailed(error instanceof Error ? error.message : String(error));
  }
}

/** merge-results (issue 12): the shard files merged; reports, when given, judged here once. */
async function mergeShardResults(settings: ActionSettings, archives: ReportArchive[]): Promise<CheckResult> {
  const { config } = settings;
  const { expandResultsPaths, mergeResultsFiles } = await import('./merge-files.js');
  const paths = await expandResultsPaths('merge-results', settings.mergeResults!);
  const withReports = config.reports.length > 0 || archives.length > 0;
  const { result } = await mergeResultsFiles(
    {
      flag: 'merge-results',
      paths,
      allowMissingShards: settings.allowMissingShards,
      reports: withReports ? { paths: config.reports, archives, windowDays: config.reportWindowDays } : null,
    },
    { clock: systemClock, logger },
  );
  return result;
}

/** The job summary's coverage line: which shards were merged and how many domains were checked. */
function shardCoverage(result: CheckResult): string {
  const shard = result.shard!;
  const merged = shard.merged!;
  const line = `Shard coverage: ${merged.shards.length} of ${shard.total} shards, ${result.summary.domains} of ${shard.list.count} domains checked.`;
  if (merged.missingShards.length === 0) return line;
  const shown = merged.uncheckedDomains.slice(0, MAX_UNCHECKED_SHOWN).map((d) => `\`${d}\``);
  const more = merged.uncheckedDomains.length - shown.length;
  return (
    `${line} Missing shard${merged.missingShards.length === 1 ? '' : 's'} ${merged.missingShards.join(', ')}: ` +
    `not checked, their issues left untouched: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}.`
  );
}

/** Unchecked domains named in the job summary; the rest are counted (the results file lists all). */
const MAX_UNCHECKED_SHOWN = 50;

/**
 * The file code scanning shows live findings on: the domains file when there is one, else the
 * workflow file (GITHUB_WORKFLOW_REF is `owner/repo/.github/workflows/x.yml@ref`).
 */
function sarifAnchor(domainsFile: string | null): string | null {
  if (domainsFile) return domainsFile;
  const ref = process.env['GITHUB_WORKFLOW_REF'] ?? '';
  const match = /^[^/]+\/[^/]+\/(.+?)@/.exec(ref);
  return match?.[1] ?? null;
}
