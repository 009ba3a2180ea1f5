/**
 * One GitHub issue per domain with at least one error finding (DESIGN.md "Rule catalogue": an
 * error is an enforce-mode risk or a deployment compliant senders cannot use). The issue is found
 * again by its hidden domain marker among the issues carrying the first label, so runs never
 * duplicate it; its body is rewritten when the risks change (with a comment naming the new
 * ones), it is closed with a comment when none remain and reopened when they come back.
 *
 * Only domains checked in this run are touched: with --shard, the issues of domains another
 * shard owns are left alone. A risk this run could not observe (unobserved.ts) never opens or
 * closes an issue: an open issue keeps such risks as "not re-checked in this run", and a domain
 * with no live part observed (the resolver failed) has its issue left exactly as it is.
 * Works against the IssueTracker port only.
 */
import type { Finding } from '../core/findings.js';
import type { CheckResult } from '../core/result.js';
import type { Logger } from '../ports.js';
import {
  issueTitle,
  parseIssueItems,
  parseIssueMarker,
  renderIssueBody,
  renderNewRisksComment,
  renderResolvedComment,
  riskKey,
  sameBody,
  type IssueItem,
} from './issue-body.js';
import { GitHubApiError, type IssueTracker, type TrackedIssue } from './issue-tracker.js';
import { unobservedParts, whollyUnobserved } from './unobserved.js';

export interface IssueOptions {
  /** Labels set on new issues; the first one is how issues are found again. */
  labels: string[];
  closeResolved: boolean;
  /** Link to this workflow run, used in comments only (a body must not change per run). */
  runUrl: string | null;
  /** False with --smtp-probe off: MX TLS risks were not observed. Default true. */
  smtpProbeRan?: boolean;
}

export type IssueAction = 'opened' | 'updated' | 'reopened' | 'closed' | 'unchanged';

export interface IssueOutcome {
  domain: string;
  number: number;
  url: string;
  action: IssueAction;
  /** Risks not listed in the issue before this run. */
  newRisks: number;
}

export interface IssueSyncReport {
  outcomes: IssueOutcome[];
  /** Why issue handling stopped early, when it did (the run itself goes on). */
  warning: string | null;
}

/** The error findings of each domain checked in this run (empty list: no risk left). */
export function risksByDomain(result: CheckResult): Map<string, Finding[]> {
  const risks = new Map<string, Finding[]>(result.domains.map((d) => [d.domain, []]));
  for (const f of result.findings) {
    if (f.severity === 'error' && f.domain !== null) risks.get(f.domain)?.push(f);
  }
  return risks;
}

/** Among several issues with one domain's marker (made by hand, say), prefer open, then oldest. */
function pickIssue(current: TrackedIssue | undefined, candidate: TrackedIssue): TrackedIssue {
  if (!current) return candidate;
  if (current.state !== candidate.state) return current.state === 'open' ? current : candidate;
  return current.number < candidate.number ? current : candidate;
}

export async function syncIssues(
  result: CheckResult,
  tracker: IssueTracker,
  options: IssueOptions,
  logger: Logger,
): Promise<IssueSyncReport> {
  const outcomes: IssueOutcome[] = [];
  const [findLabel] = options.labels;
  if (findLabel === undefined) throw new Error('internal: issue handling needs at least one label');
  const risks = risksByDomain(result);
  const modes = new Map(result.domains.map((d) => [d.domain, d.mtaSts.policy?.mode ?? null]));
  let labelsReady = false;

  try {
    const existing = new Map<string, TrackedIssue>();
    for (const issue of await tracker.listIssues(findLabel)) {
      const marker = parseIssueMarker(issue.body);
      if (marker && risks.has(marker.domain)) {
        existing.set(marker.domain, pickIssue(existing.get(marker.domain), issue));
      }
    }

    for (const [domain, domainRisks] of [...risks].sort(([a], [b]) => a.localeCompare(b))) {
      const issue = existing.get(domain);
      const unobserved = unobservedParts(result, domain, { smtpProbeRan: options.smtpProbeRan ?? true });
      let carried: IssueItem[] = [];
      if (unobserved.size > 0 && issue?.state === 'open') {
        const items = parseIssueItems(issue.body ?? '');
        const leaveAlone = domainRisks.length === 0 && (whollyUnobserved(unobserved) || items === null);
        if (leaveAlone) {
          logger.info(`issue #${issue.number} left as it is: ${domain} was not observed in this run`);
          outcomes.push({ domain, number: issue.number, url: issue.url, action: 'unchanged', newRisks: 0 });
          continue;
        }
        const observed = new Set(domainRisks.map(riskKey));
        carried = (items ?? []).filter((i) => unobserved.has(i.part) && !observed.has(i.key));
      }
      if (domainRisks.length === 0 && carried.length === 0) {
        if (issue?.state === 'open' && options.closeResolved) {
          await tracker.addComment(issue.number, renderResolvedComment(domain, options.runUrl));
          await tracker.updateIssue(issue.number, { state: 'closed' });
          logger.info(`issue #${issue.number} closed: ${domain} has no risk left`);
          outcomes.push({ domain, number: issue.number, url: issue.url, action: 'closed', newRisks: 0 });
        }
        continue;
      }

      if (domainRisks.length === 0 && issue?.state !== 'open') continue;
      const body = renderIssueBody(domain, domainRisks, {
        mode: modes.get(domain) ?? null,
        unobserved,
        carried,
      });
      if (!issue) {
        if (!labelsReady) {
          await tracker.ensureLabels(options.labels);
          labelsReady = true;
        }
        const created = await tracker.createIssue({
          title: issueTitle(domain),
          body,
          labels: options.labels,
        });
        logger.info(`issue #${created.number} opened for ${domain}`);
        outcomes.push({
          domain,
          number: created.number,
          url: created.url,
          action: 'opened',
          newRisks: domainRisks.length,
        });
        continue;
      }

      const known = new Set(parseIssueMarker(issue.body)?.keys ?? []);
      const added = domainRisks.filter((f) => !known.has(riskKey(f)));
      if (issue.state === 'closed') {
        await tracker.updateIssue(issue.number, { body, state: 'open' });
        await tracker.addComment(
          issue.number,
          renderNewRisksComment(domain, added.length > 0 ? added : domainRisks, options.runUrl, true),
        );
        logger.info(`issue #${issue.number} reopened for ${domain}`);
        outcomes.push({
          domain,
          number: issue.number,
          url: issue.url,
          action: 'reopened',
          newRisks: added.length,
        });
      } else if (!sameBody(issue.body, body)) {
        await tracker.updateIssue(issue.number, { body });
        if (added.length > 0) {
          await tracker.addComment(issue.number, renderNewRisksComment(domain, added, options.runUrl, false));
        }
        logger.info(`issue #${issue.number} updated for ${domain} (${added.length} new)`);
        outcomes.push({
          domain,
          number: issue.number,
          url: issue.url,
          action: 'updated',
          newRisks: added.length,
        });
      } else {
        outcomes.push({ domain, number: issue.number, url: issue.url, action: 'unchanged', newRisks: 0 });
      }
    }
    return { outcomes, warning: null };
  } catch (error) {
    // API failures are reported and the run goes on; anything else is a bug and propagates.
    if (!(error instanceof GitHubApiError)) throw error;
    return { outcomes, warning: describeFailure(error) };
  }
}

/** A warning that says what to do, told apart by status (STYLE.md "Errors"). */
export function describeFailure(error: GitHubApiError): string {
  switch (error.failure) {
    case 'forbidden':
      return `issues were not updated: the token may not write issues (${error.message}). Grant \`permissions: issues: write\` to the job, or set open-issues: false.`;
    case 'rate-limited':
      return `issues were not all updated: GitHub's rate limit outlasted the retries (${error.message}); the next run continues.`;
    default:
      return `issues were not all updated: ${error.message}`;
  }
}
