// Benchmark child: our ingest of one mailbox (src/reports via loadReports), compiled with
// esbuild by bench/run.mjs. Prints one JSON line: timing, peak RSS and what was counted.
import { capHeapGrowth } from '../src/heap-growth-cap.js';
import { loadReports } from '../src/reports/load.js';
import { silentLogger } from '../src/ports.js';
import { reportWindow } from '../src/core/report-window.js';
import { GENERATED_CLOCK, GENERATED_WINDOW_DAYS } from './generate.mjs';

const path = process.argv[2]!;
// As the CLI's and the action's check do (src/heap-growth-cap.ts), so the figures are theirs.
capHeapGrowth();
const started = process.hrtime.bigint();
// The window of a run the day after the generated reports: it keeps every one of them.
const window = reportWindow(GENERATED_CLOCK, GENERATED_WINDOW_DAYS);
const loaded = await loadReports({ paths: [path] }, window, silentLogger);
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
let successful = 0;
let failed = 0;
for (const d of loaded.byDomain.values()) {
  successful += d.summary.successfulSessions;
  failed += d.summary.failedSessions;
}
process.stdout.write(
  JSON.stringify({
    seconds,
    maxRssKiB: process.resourceUsage().maxRSS,
    cpuSeconds: cpuSeconds(),
    parsed: loaded.summary.parsed,
    invalid: loaded.summary.invalid.length,
    domains: loaded.byDomain.size,
    successful,
    failed,
  }) + '\n',
);

/** CPU time of the whole process (every thread), user and system, in seconds. */
function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}
