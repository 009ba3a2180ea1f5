// Benchmark child: the bare baseline. Reads the same gzipped reports (uint32 length + bytes,
// streamed), gunzips and JSON.parses each, and sums the sessions so the work is not optimised
// away. No MIME, no base64, no validation, no aggregation.
import { createReadStream } from 'node:fs';
import { gunzipSync } from 'node:zlib';

const path = process.argv[2];
const started = process.hrtime.bigint();
let pending = Buffer.alloc(0);
let parsed = 0;
let successful = 0;
let failed = 0;
for await (const chunk of createReadStream(path, { highWaterMark: 1024 * 1024 })) {
  let buf = pending.length ? Buffer.concat([pending, chunk]) : chunk;
  let at = 0;
  while (buf.length - at >= 4) {
    const len = buf.readUInt32LE(at);
    if (buf.length - at - 4 < len) break;
    const report = JSON.parse(gunzipSync(buf.subarray(at + 4, at + 4 + len)).toString('utf8'));
    for (const p of report.policies) {
      successful += p.summary['total-successful-session-count'];
      failed += p.summary['total-failure-session-count'];
    }
    parsed++;
    at += 4 + len;
  }
  pending = Buffer.from(buf.subarray(at));
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
process.stdout.write(
  JSON.stringify({ seconds, maxRssKiB: process.resourceUsage().maxRSS, parsed, successful, failed }) + '\n',
);
