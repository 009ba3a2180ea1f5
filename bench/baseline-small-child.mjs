// Benchmark child: the bare single-threaded baseline for a folder of small .json.gz reports.
// Lists the folder, then per file: read, gunzip, JSON.parse, sum the sessions. Nothing else.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

const dir = process.argv[2];
const started = process.hrtime.bigint();
let parsed = 0;
let successful = 0;
let failed = 0;
for (const name of readdirSync(dir)) {
  if (!name.endsWith('.json.gz')) continue;
  const report = JSON.parse(gunzipSync(readFileSync(join(dir, name))).toString('utf8'));
  for (const p of report.policies) {
    successful += p.summary['total-successful-session-count'];
    failed += p.summary['total-failure-session-count'];
  }
  parsed++;
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
// CPU of the whole process, as the ingest child reports it.
const cpu = process.cpuUsage();
process.stdout.write(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssKiB: process.resourceUsage().maxRSS,
    parsed,
    successful,
    failed,
  }) + '\n',
);
