/**
 * action.yml inputs → the same Config as the CLI (DESIGN.md "The CLI contract": the action maps
 * its inputs 1:1 onto it), plus the settings only the action has (issues, output files, token).
 * Validation reuses src/config.ts, so a bad input fails the step with the same message the CLI
 * gives, naming the input: `timeout-seconds: expected a whole number from 1 to 600, got 'x'`.
 *
 * Pure: inputs come through a getter (core.getInput in src/main.ts), the event as plain data.
 */
import {
  ConfigurationError,
  defaultConfig,
  normalizeDomain,
  parseChoice,
  parseDohUrl,
  parseInteger,
  parsePolicyFileSpec,
  parseResolver,
  parseShard,
  type Config,
} from './config.js';

/** Reads one input by its action.yml name; '' when unset (as core.getInput does). */
export type InputGetter = (name: string) => string;

export interface ActionEvent {
  /** GITHUB_EVENT_NAME. */
  name: string;
  /** The parsed GITHUB_EVENT_PATH file. */
  payload: Record<string, unknown>;
}

export interface ActionSettings {
  config: Config;
  /** The open-issues input; src/main.ts also skips issues on pull request events. */
  openIssues: boolean;
  issueLabels: string[];
  closeResolvedIssues: boolean;
  token: string;
  sarifFile: string | null;
  jsonFile: string | null;
  /**
   * Issue 12. `shard`: a matrix job of a merged workflow; it makes no issue writes and no
   * annotations (the merge job does). `check`: a run on its own.
   */
  mode: 'check' | 'shard';
  /** merge-results: files or globs of shard results; set, the run merges them instead of checking. */
  mergeResults: string[] | null;
  allowMissingShards: boolean;
  /** suggest-fixes (issue 15): review suggestions for `fix.edits` on pull requests. */
  suggestFixes: boolean;
}

/** The pull request a pull_request(_target) event is about: where review suggestions go. */
export interface PullRequestRef {
  number: number;
  /** The head commit: review comments are placed on its lines. */
  headSha: string;
}

/** action.yml's default for issue-labels, also used when the input is blank. */
const DEFAULT_LABEL = 'mta-sts-guard';
/** GitHub's limit for a label name. */
const MAX_LABEL_CHARS = 50;

/** Events that judge a proposed change: the check fails instead of touching issues (issue 5). */
const PULL_REQUEST_EVENTS = new Set(['pull_request', 'pull_request_target', 'merge_group']);

export function isPullRequestEvent(eventName: string): boolean {
  return PULL_REQUEST_EVENTS.has(eventName);
}

/** Words separated by new lines, commas or spaces (domains, labels). */
function words(raw: string): string[] {
  return raw.split(/[\s,]+/).filter((w) => w !== '');
}

/** One value a line (globs and paths may hold commas and spaces); blank lines and `#` lines skipped. */
function lines(raw: string): string[] {
  return raw
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
}

/**
 * `DOMAIN=PATH` items, one a line or separated by commas; a line of several `D=P` words
 * separated by spaces is split too (paths with spaces need a line of their own).
 */
function policyFileItems(raw: string): string[] {
  return lines(raw)
    .flatMap((l) => l.split(','))
    .map((item) => item.trim())
    .filter((item) => item !== '')
    .flatMap((item) => (/^\S+=\S+(\s+\S+=\S+)+$/.test(item) ? item.split(/\s+/) : [item]));
}

/** YAML 1.2 core schema booleans, as core.getBooleanInput accepts them. */
function parseBoolean(name: string, raw: string, fallback: boolean): boolean {
  const text = raw.trim();
  if (text === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(text)) return true;
  if (['false', 'False', 'FALSE'].includes(text)) return false;
  throw new ConfigurationError(`${name}: expected true or false, got '${raw}'`);
}

function optional(raw: string): string | null {
  const text = raw.trim();
  return text === '' ? null : text;
}

/** The pull request's base commit, the default of base-ref on pull request events. */
export function baseShaFromEvent(event: ActionEvent): string | null {
  const pr = event.payload['pull_request'] as { base?: { sha?: unknown } } | undefined;
  if (typeof pr?.base?.sha === 'string') return pr.base.sha;
  const group = event.payload['merge_group'] as { base_sha?: unknown } | undefined;
  if (typeof group?.base_sha === 'string') return group.base_sha;
  return null;
}

/** The pull request of a pull_request or pull_request_target event, or null (merge_group has none). */
export function pullRequestFromEvent(event: ActionEvent): PullRequestRef | null {
  if (event.name !== 'pull_request' && event.name !== 'pull_request_target') return null;
  const pr = event.payload['pull_request'] as { number?: unknown; head?: { sha?: unknown } } | undefined;
  if (typeof pr?.number !== 'number' || typeof pr.head?.sha !== 'string') return null;
  return { number: pr.number, headSha: pr.head.sha };
}

/** CLI flags as they appear in ConfigurationError messages from shared code, and their inputs. */
const INPUT_OF_FLAG: Record<string, string> = {
  '--domains-file': 'domains-file',
  '--zone': 'zone-files',
  '--policy-file': 'policy-files',
  '--reports': 'reports',
  '--base': 'base-ref',
  '--include-root': 'include-root',
  '--concurrency': 'concurrency',
  '--resolver': 'resolver',
  '--doh': 'doh',
  '--shard': 'shard',
  '--allow-missing-shards': 'allow-missing-shards',
};

/**
 * A configuration message from code shared with the CLI (check, zones, reports) names a flag;
 * in the action it names the input instead, so the user knows which line of the workflow to fix.
 */
export function nameInputs(message: string): string {
  return message.replace(/--[a-z-]+/g, (flag) => INPUT_OF_FLAG[flag] ?? flag);
}

export function readActionInputs(get: InputGetter, event: ActionEvent): ActionSettings {
  const config = defaultConfig();
  const int = (name: string, min: number, max: number, fallback: number): number => {
    const raw = get(name);
    return raw.trim() === '' ? fallback : parseInteger(name, raw, min, max);
  };

  config.domains = words(get('domains')).map((d) => normalizeDomain('domains', d));
  config.domainsFile = optional(get('domains-file'));
  config.zones = lines(get('zone-files'));
  config.unmatchedZonePattern = 'warning';
  config.policyFiles = policyFileItems(get('policy-files')).map((p) =>
    parsePolicyFileSpec('policy-files', p),
  );
  config.reports = lines(get('reports'));
  config.reportsArtifact = optional(get('reports-artifact'));
  config.reportWindowDays = int('report-window-days', 1, 3650, config.reportWindowDays);
  const resolver = optional(get('resolver'));
  const doh = optional(get('doh'));
  if (resolver !== null) config.resolver = parseResolver('resolver', resolver);
  if (doh !== null) config.doh = parseDohUrl('doh', doh);
  if (config.resolver && config.doh)
    throw new ConfigurationError('resolver and doh exclude each other: set one');
  const probe = optional(get('smtp-probe'));
  if (probe !== null) config.smtpProbe = parseChoice('smtp-probe', probe, ['auto', 'on', 'off'] as const);
  config.smtpPort = int('smtp-port', 1, 65535, config.smtpPort);
  config.policyPort = int('policy-port', 1, 65535, config.policyPort);
  config.timeoutSeconds = int('timeout-seconds', 1, 600, config.timeoutSeconds);
  config.concurrency = int('concurrency', 1, 256, config.concurrency);
  config.certExpiryWarningDays = int('cert-expiry-warning-days', 0, 3650, config.certExpiryWarningDays);
  const shard = optional(get('shard'));
  if (shard !== null) config.shard = parseShard('shard', shard);
  config.offline = parseBoolean('offline', get('offline'), false);
  const failOn = optional(get('fail-on'));
  if (failOn !== null) config.failOn = parseChoice('fail-on', failOn, ['error', 'warning', 'never'] as const);
  config.includeRoot = optional(get('include-root'));
  config.base =
    optional(get('base-ref')) ?? (isPullRequestEvent(event.name) ? baseShaFromEvent(event) : null);

  const openIssues = parseBoolean('open-issues', get('open-issues'), true);
  // Label names may hold spaces: only commas and new lines separate them.
  const listed = get('issue-labels')
    .split(/[\n,]/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  const labels = listed.length === 0 ? [DEFAULT_LABEL] : [...new Set(listed)];
  for (const label of labels) {
    if (label.length > MAX_LABEL_CHARS) {
      throw new ConfigurationError(`issue-labels: '${label}' is longer than ${MAX_LABEL_CHARS} characters`);
    }
  }
  return {
    config,
    openIssues,
    issueLabels: labels,
    closeResolvedIssues: parseBoolean('close-resolved-issues', get('close-resolved-issues'), true),
    token: get('github-token').trim(),
    sarifFile: optional(get('sarif-file')),
    jsonFile: optional(get('json-file')),
    suggestFixes: parseBoolean('suggest-fixes', get('suggest-fixes'), true),
    ...shardInputs(get, config),
  };
}

/** mode, merge-results and allow-missing-shards (issue 12), and how they combine with shard. */
function shardInputs(
  get: InputGetter,
  config: Config,
): Pick<ActionSettings, 'mode' | 'mergeResults' | 'allowMissingShards'> {
  const mode = parseChoice('mode', optional(get('mode')) ?? 'check', ['check', 'shard'] as const);
  const merge = lines(get('merge-results'));
  const mergeResults = merge.length > 0 ? merge : null;
  if (mergeResults && config.shard) {
    throw new ConfigurationError(
      'merge-results and shard exclude each other: the merge job checks no shard itself',
    );
  }
  if (mergeResults && mode === 'shard') {
    throw new ConfigurationError('merge-results and mode: shard exclude each other');
  }
  if (mode === 'shard' && !config.shard)
    throw new ConfigurationError('mode: shard needs the shard input (I/N)');
  return {
    mode,
    mergeResults,
    allowMissingShards: parseBoolean('allow-missing-shards', get('allow-missing-shards'), false),
  };
}
