/**
 * argv → Config for `mta-sts-guard check` (DESIGN.md "The CLI contract"). Every usage error is
 * a ConfigurationError whose message names the flag; the CLI turns it into exit code 2.
 */
import { parseArgs } from 'node:util';
import {
  ConfigurationError,
  defaultConfig,
  normalizeDomain,
  parseChoice,
  parseDohUrl,
  parseInteger,
  parsePolicyFileSpec,
  parseResolver,
  parseRunId,
  parseShard,
  type Config,
} from './config.js';

export const USAGE = `Usage: mta-sts-guard check [DOMAIN...] [options]
       mta-sts-guard fix [RESULTS.json | DOMAIN... options] [--dry-run]
       mta-sts-guard merge RESULTS.json... [options]   (see merge --help)

Checks MTA-STS (RFC 8461) and TLS-RPT (RFC 8460) for the given domains, DNS-as-code files,
policy files and TLS-RPT reports.

Options:
  --domains-file FILE          one domain a line, # comments
  --zone GLOB                  DNS-as-code files (BIND, octoDNS YAML, DNSControl IR JSON); repeatable
  --policy-file DOMAIN=PATH    an mta-sts.txt kept in the repo; repeatable
  --reports GLOB               TLS-RPT reports: .json .json.gz .eml .mbox .zip or folders; repeatable
  --report-window-days N       default 7
  --enforce-readiness-days N   default 14: days of clean reports before a testing domain is
                               enforce-ready (the report window must reach that far)
  --resolver IP[:PORT]         DNS server; default: the system's first nameserver
  --doh URL                    DNS over HTTPS instead of --resolver
  --smtp-probe auto|on|off     default auto
  --smtp-port N                default 25
  --policy-port N              default 443 (test rigs and the demo only)
  --timeout-seconds N          per network operation, default 15
  --concurrency N              domains checked at once, default 16
  --cert-expiry-warning-days N default 14
  --shard I/N                  check only the I-th of N slices of the domain list
  --run-id ID                  the run shards belong to (default: GITHUB_RUN_ID); merge checks it
  --offline                    no network: only zone, policy and report files are judged
  --base REV                   git revision to compare zone and policy files against
  --include-root DIR           how far BIND $INCLUDE may reach (default: the zone file's git
                               repository, else its own folder)
  --format text|json|markdown|sarif   default text
  --output FILE                write the rendering there instead of stdout
  --fail-on error|warning|never       default error
  --verbose                    text: also list clean domains, notices, MX and report details
  --dry-run                    fix: print the edits as a unified diff instead of applying them
  -h, --help                   this text
  -V, --version                the version

Exit: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error.`;

const OPTIONS = {
  'domains-file': { type: 'string' },
  zone: { type: 'string', multiple: true },
  'policy-file': { type: 'string', multiple: true },
  reports: { type: 'string', multiple: true },
  'report-window-days': { type: 'string' },
  'enforce-readiness-days': { type: 'string' },
  resolver: { type: 'string' },
  doh: { type: 'string' },
  'smtp-probe': { type: 'string' },
  'smtp-port': { type: 'string' },
  'policy-port': { type: 'string' },
  'timeout-seconds': { type: 'string' },
  concurrency: { type: 'string' },
  'cert-expiry-warning-days': { type: 'string' },
  shard: { type: 'string' },
  'run-id': { type: 'string' },
  offline: { type: 'boolean' },
  base: { type: 'string' },
  'include-root': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  'dry-run': { type: 'boolean' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export type CliCommand =
  | { kind: 'help' }
  | { kind: 'version' }
  | { kind: 'check'; config: Config }
  /** DESIGN.md `fix`: the edits of a results file, or of a fresh run with check's flags. */
  | { kind: 'fix'; resultsFile: string | null; config: Config; dryRun: boolean };

export function parseCliArgs(argv: string[]): CliCommand {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util names the flag in its message ("Unknown option '--x'", "Option '--zone <value>' argument missing").
    const message = error instanceof Error ? error.message : String(error);
    throw new ConfigurationError(message.replace(/\. To specify a positional argument.*$/s, ''));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const [command, ...rest] = positionals;
  if (command === undefined) throw new ConfigurationError('missing command: expected `check` (see --help)');
  if (command === 'fix') {
    // One positional that names a .json file is a results file; anything else is a fresh run.
    const resultsFile = rest.length === 1 && rest[0]!.endsWith('.json') ? rest[0]! : null;
    const config = buildConfig(values, resultsFile ? [] : rest);
    return { kind: 'fix', resultsFile, config, dryRun: values['dry-run'] ?? false };
  }
  if (command !== 'check')
    throw new ConfigurationError(`unknown command '${command}': expected \`check\` or \`fix\``);
  if (values['dry-run']) throw new ConfigurationError('--dry-run goes with `fix`, not `check`');
  return { kind: 'check', config: buildConfig(values, rest) };
}

type ParsedValues = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values'];

function buildConfig(values: ParsedValues, domains: string[]): Config {
  const config = defaultConfig();
  config.domains = domains.map((d) => normalizeDomain('DOMAIN', d));
  config.domainsFile = values['domains-file'] ?? null;
  config.zones = values.zone ?? [];
  config.policyFiles = (values['policy-file'] ?? []).map((v) => parsePolicyFileSpec('--policy-file', v));
  config.reports = values.reports ?? [];
  const int = (flag: keyof typeof values, min: number, max: number, fallback: number): number => {
    const raw = values[flag];
    return typeof raw === 'string' ? parseInteger(`--${flag}`, raw, min, max) : fallback;
  };
  config.reportWindowDays = int('report-window-days', 1, 3650, config.reportWindowDays);
  config.enforceReadinessDays = int('enforce-readiness-days', 1, 3650, config.enforceReadinessDays);
  if (values.resolver !== undefined) config.resolver = parseResolver('--resolver', values.resolver);
  if (values.doh !== undefined) config.doh = parseDohUrl('--doh', values.doh);
  if (config.resolver && config.doh) throw new ConfigurationError('--resolver and --doh exclude each other');
  if (values['smtp-probe'] !== undefined) {
    config.smtpProbe = parseChoice('--smtp-probe', values['smtp-probe'], ['auto', 'on', 'off'] as const);
  }
  config.smtpPort = int('smtp-port', 1, 65535, config.smtpPort);
  config.policyPort = int('policy-port', 1, 65535, config.policyPort);
  config.timeoutSeconds = int('timeout-seconds', 1, 600, config.timeoutSeconds);
  config.concurrency = int('concurrency', 1, 256, config.concurrency);
  config.certExpiryWarningDays = int('cert-expiry-warning-days', 0, 3650, config.certExpiryWarningDays);
  if (values.shard !== undefined) config.shard = parseShard('--shard', values.shard);
  if (values['run-id'] !== undefined) config.runId = parseRunId('--run-id', values['run-id']);
  config.offline = values.offline ?? false;
  config.base = values.base ?? null;
  config.includeRoot = values['include-root'] ?? null;
  if (values.format !== undefined) {
    config.format = parseChoice('--format', values.format, ['text', 'json', 'markdown', 'sarif'] as const);
  }
  config.output = values.output ?? null;
  if (values['fail-on'] !== undefined) {
    config.failOn = parseChoice('--fail-on', values['fail-on'], ['error', 'warning', 'never'] as const);
  }
  config.verbose = values.verbose ?? false;
  return config;
}
