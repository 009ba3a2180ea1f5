/**
 * `mta-sts-guard merge RESULTS.json... [options]` (issue 12, DESIGN.md "The CLI contract"):
 * shard results files → one result, rendered and exiting as `check` does.
 */
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { capHeapGrowth } from './heap-growth-cap.js';
import { ConfigurationError, parseChoice, parseInteger, type OutputFormat } from './config.js';
import { failingFindings, type FailOn } from './core/fail-policy.js';
import { mergeResultsFiles } from './merge-files.js';
import { systemClock, type Logger } from './ports.js';
import { render } from './render/index.js';
import { colorWanted } from './render/text-style.js';

export const MERGE_USAGE = `Usage: mta-sts-guard merge RESULTS.json... [options]

Combines the results files of \`check --shard I/N --format json\` (every shard of one run) into
one result: every domain once, the summary recomputed.

Options:
  --allow-missing-shards       merge what is there and list the domains no file covers
  --reports GLOB               judge TLS-RPT reports here, once, against the shards' observations
  --report-window-days N       default 7
  --format text|json|markdown|sarif   default text
  --output FILE                write the rendering there instead of stdout
  --fail-on error|warning|never       default error
  --verbose                    text: also list clean domains, notices, MX and report details

Exit: 0 nothing at or above --fail-on, 1 findings at or above it, 2 usage or configuration error
(a missing, repeated or foreign shard file among them).`;

const OPTIONS = {
  'allow-missing-shards': { type: 'boolean' },
  reports: { type: 'string', multiple: true },
  'report-window-days': { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** Runs `merge` with the arguments after the word `merge`; returns the exit code. */
export async function runMerge(argv: string[], logger: Logger): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return usageError(new ConfigurationError(message.replace(/\. To specify a positional argument.*$/s, '')));
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(MERGE_USAGE + '\n');
    return 0;
  }
  // 20 shard files of 500 domains make a long run too (src/heap-growth-cap.ts).
  capHeapGrowth();
  try {
    const format: OutputFormat =
      values.format === undefined
        ? 'text'
        : parseChoice('--format', values.format, ['text', 'json', 'markdown', 'sarif'] as const);
    const failOn: FailOn =
      values['fail-on'] === undefined
        ? 'error'
        : parseChoice('--fail-on', values['fail-on'], ['error', 'warning', 'never'] as const);
    const windowDays =
      values['report-window-days'] === undefined
        ? 7
        : parseInteger('--report-window-days', values['report-window-days'], 1, 3650);
    const { result } = await mergeResultsFiles(
      {
        flag: 'merge',
        paths: positionals,
        allowMissingShards: values['allow-missing-shards'] ?? false,
        reports: values.reports ? { paths: values.reports, windowDays } : null,
      },
      { clock: systemClock, logger },
    );
    const text = render(result, format, {
      verbose: values.verbose ?? false,
      failOn,
      color: !values.output && colorWanted({ isTTY: process.stdout.isTTY === true, env: process.env }),
    });
    if (values.output) await writeFile(values.output, text);
    else process.stdout.write(text);
    return failingFindings(result.findings, failOn).length > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof ConfigurationError) return usageError(error);
    throw error;
  }
}

function usageError(error: Error): number {
  process.stderr.write(`mta-sts-guard: ${error.message}\n`);
  return 2;
}
