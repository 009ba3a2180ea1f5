/**
 * One Config for the action and the CLI (DESIGN.md "The CLI contract": the action maps its
 * inputs 1:1 onto the same Config). Validation lives here so both entries fail the same way,
 * with a message naming the flag or input at fault.
 */
import { toALabels } from './core/idn.js';

export type SmtpProbeMode = 'auto' | 'on' | 'off';
export type OutputFormat = 'text' | 'json' | 'markdown' | 'sarif';
export type FailOn = 'error' | 'warning' | 'never';

export interface PolicyFileSpec {
  domain: string;
  path: string;
}

export interface ResolverAddress {
  host: string;
  port: number;
}

export interface Shard {
  /** 1-based. */
  index: number;
  total: number;
}

export interface RunIdentity {
  id: string;
  /** GITHUB_RUN_ATTEMPT; recorded, not compared (re-running failed shard jobs bumps it). */
  attempt: number | null;
}

export interface Config {
  domains: string[];
  domainsFile: string | null;
  zones: string[];
  /**
   * What a --zone pattern that matches no file is. The CLI says `error` (a typo on the command
   * line); the action says `warning`, because one workflow's zone-files list often names the
   * formats of several repositories. Either way, when no pattern matches anything it is an error.
   */
  unmatchedZonePattern: 'error' | 'warning';
  policyFiles: PolicyFileSpec[];
  reports: string[];
  /** Action only: name of a workflow artifact holding reports. */
  reportsArtifact: string | null;
  reportWindowDays: number;
  resolver: ResolverAddress | null;
  doh: string | null;
  smtpProbe: SmtpProbeMode;
  smtpPort: number;
  policyPort: number;
  timeoutSeconds: number;
  concurrency: number;
  certExpiryWarningDays: number;
  shard: Shard | null;
  /** The run a shard belongs to (--run-id, else GITHUB_RUN_ID/GITHUB_RUN_ATTEMPT): merge refuses foreign shards. */
  runId: RunIdentity | null;
  offline: boolean;
  base: string | null;
  /** --include-root: how far BIND $INCLUDE may reach; null: the zone file's git repository, else its folder. */
  includeRoot: string | null;
  format: OutputFormat;
  output: string | null;
  failOn: FailOn;
}

/** Bad configuration: the message names the flag or input. Exit code 2 in the CLI. */
export class ConfigurationError extends Error {
  override name = 'ConfigurationError';
}

export const DEFAULTS = {
  reportWindowDays: 7,
  smtpProbe: 'auto' as SmtpProbeMode,
  smtpPort: 25,
  policyPort: 443,
  timeoutSeconds: 15,
  concurrency: 16,
  certExpiryWarningDays: 14,
  format: 'text' as OutputFormat,
  failOn: 'error' as FailOn,
};

export function defaultConfig(): Config {
  return {
    domains: [],
    domainsFile: null,
    zones: [],
    unmatchedZonePattern: 'error',
    policyFiles: [],
    reports: [],
    reportsArtifact: null,
    reportWindowDays: DEFAULTS.reportWindowDays,
    resolver: null,
    doh: null,
    smtpProbe: DEFAULTS.smtpProbe,
    smtpPort: DEFAULTS.smtpPort,
    policyPort: DEFAULTS.policyPort,
    timeoutSeconds: DEFAULTS.timeoutSeconds,
    concurrency: DEFAULTS.concurrency,
    certExpiryWarningDays: DEFAULTS.certExpiryWarningDays,
    shard: null,
    runId: null,
    offline: false,
    base: null,
    includeRoot: null,
    format: DEFAULTS.format,
    output: null,
    failOn: DEFAULTS.failOn,
  };
}

/** `name` is how the user spelled the setting: `--timeout-seconds` or `timeout-seconds`. */
export function parseInteger(name: string, raw: string, min: number, max: number): number {
  const text = raw.trim();
  if (!/^\d+$/.test(text)) {
    throw new ConfigurationError(`${name}: expected a whole number from ${min} to ${max}, got '${raw}'`);
  }
  const value = Number(text);
  if (value < min || value > max) {
    throw new ConfigurationError(`${name}: expected a whole number from ${min} to ${max}, got '${raw}'`);
  }
  return value;
}

export function parseChoice<T extends string>(name: string, raw: string, choices: readonly T[]): T {
  const text = raw.trim();
  if (!(choices as readonly string[]).includes(text)) {
    throw new ConfigurationError(`${name}: expected one of ${choices.join(', ')}, got '${raw}'`);
  }
  return text as T;
}

/** `I/N` with 1 ≤ I ≤ N. */
export function parseShard(name: string, raw: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(raw);
  if (!match) throw new ConfigurationError(`${name}: expected I/N (for example 1/4), got '${raw}'`);
  const index = Number(match[1]);
  const total = Number(match[2]);
  if (total < 1 || index < 1 || index > total) {
    throw new ConfigurationError(`${name}: expected I/N with 1 ≤ I ≤ N, got '${raw}'`);
  }
  return { index, total };
}

/** The longest run id accepted: GitHub's are 64-bit integers; a CLI id is a short label. */
const MAX_RUN_ID_LENGTH = 100;

/** A --run-id value: printable, no spaces, at most MAX_RUN_ID_LENGTH characters. */
export function parseRunId(name: string, raw: string): RunIdentity {
  const id = raw.trim();
  if (!/^[\x21-\x7e]+$/.test(id) || id.length > MAX_RUN_ID_LENGTH) {
    throw new ConfigurationError(
      `${name}: expected a printable id of at most ${MAX_RUN_ID_LENGTH} characters, got '${raw}'`,
    );
  }
  return { id, attempt: null };
}

/** The run identity GitHub Actions gives every job of one workflow run, or null outside Actions. */
export function runIdentityFromEnv(env: Record<string, string | undefined>): RunIdentity | null {
  const id = env['GITHUB_RUN_ID']?.trim();
  if (!id) return null;
  const attempt = Number(env['GITHUB_RUN_ATTEMPT']);
  return { id, attempt: Number.isSafeInteger(attempt) && attempt > 0 ? attempt : null };
}

/** `IP`, `IP:PORT`, `[IPv6]:PORT` or a bare IPv6 literal. Port defaults to 53. */
export function parseResolver(name: string, raw: string): ResolverAddress {
  const text = raw.trim();
  let host = text;
  let port = 53;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(text);
  if (bracketed) {
    host = bracketed[1]!;
    if (bracketed[2] !== undefined) port = parseInteger(name, bracketed[2], 1, 65535);
  } else if ((text.match(/:/g) ?? []).length === 1) {
    const [h, p] = text.split(':');
    host = h!;
    port = parseInteger(name, p!, 1, 65535);
  }
  if (!isIpLiteral(host)) {
    throw new ConfigurationError(`${name}: expected an IP address with an optional :PORT, got '${raw}'`);
  }
  return { host, port };
}

export function isIpLiteral(text: string): boolean {
  if (/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(text)) {
    return text.split('.').every((octet) => Number(octet) <= 255);
  }
  return /^[0-9a-fA-F:.]+$/.test(text) && text.includes(':');
}

export function parseDohUrl(name: string, raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigurationError(`${name}: expected an https:// URL, got '${raw}'`);
  }
  if (url.protocol !== 'https:') {
    throw new ConfigurationError(`${name}: expected an https:// URL, got '${raw}'`);
  }
  return url.toString();
}

/** `DOMAIN=PATH`. */
export function parsePolicyFileSpec(name: string, raw: string): PolicyFileSpec {
  const eq = raw.indexOf('=');
  if (eq <= 0 || eq === raw.length - 1) {
    throw new ConfigurationError(`${name}: expected DOMAIN=PATH, got '${raw}'`);
  }
  const domain = normalizeDomain(name, raw.slice(0, eq));
  return { domain, path: raw.slice(eq + 1).trim() };
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/**
 * Lower case, no trailing dot, each label an LDH label. An IDN may be written with U-labels
 * (`bücher.example`): it becomes its A-label (`xn--bcher-kva.example`, UTS #46), the form DNS
 * and senders use, so both spellings name one domain.
 */
export function normalizeDomain(name: string, raw: string): string {
  const checked = checkDomain(raw);
  if ('problem' in checked) throw new ConfigurationError(`${name}: '${raw}' ${checked.problem}`);
  return checked.domain;
}

function checkDomain(raw: string): { domain: string } | { problem: string } {
  const converted = toALabels(raw.trim());
  if ('problem' in converted) return { problem: `is not a domain name: ${converted.problem}` };
  const domain = converted.name.replace(/\.$/, '');
  const labels = domain.split('.');
  if (
    domain.length === 0 ||
    domain.length > 253 ||
    labels.length < 2 ||
    !labels.every((l) => LABEL.test(l))
  ) {
    return { problem: 'is not a domain name' };
  }
  return { domain };
}

/** Domains-file text: one domain a line, `#` starts a comment, blank lines ignored. */
export function parseDomainList(name: string, text: string): string[] {
  const domains: string[] = [];
  text.split(/\r?\n/).forEach((line, index) => {
    const content = line.replace(/#.*/, '').trim();
    if (content === '') return;
    for (const word of content.split(/[\s,]+/)) {
      if (word === '') continue;
      const checked = checkDomain(word);
      if ('problem' in checked)
        throw new ConfigurationError(`${name}: line ${index + 1}: '${word}' ${checked.problem}`);
      domains.push(checked.domain);
    }
  });
  return domains;
}

export function uniqueSorted(values: Iterable<string>): string[] {
  return [...new Set(values)].sort();
}
