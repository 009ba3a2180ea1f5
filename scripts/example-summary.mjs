#!/usr/bin/env node
// Regenerates docs/example-summary.md: the job summary the BUILT action (dist/index.js) writes
// for the four demo domains of scripts/demo.mjs, checked live on a loopback world (throwaway CA,
// unbound or dns2, HTTPS policy hosts, SMTP servers), with a few days of TLS-RPT reports and the
// local GitHub stand-in for issues, so the summary shows every part: verdict, findings with
// fixes, domain tables, the per-day chart and issue links.
//
// Needs root (the action probes the standard ports 443 and 25; it has no policy-port input).
// Usage: npm run bundle && node scripts/example-summary.mjs
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { demoDomains } from './demo/domains.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const addressPrefix = process.env.EXAMPLE_ADDRESS_PREFIX ?? '127.0.62';
const DAY_MS = 86_400_000;

if (process.getuid?.() !== 0) {
  console.error('example-summary: run as root (the action probes ports 443 and 25)');
  process.exit(2);
}
const bundle = join(root, 'dist/index.js');
if (!existsSync(bundle)) {
  console.error('example-summary: dist/index.js is missing: run npm run bundle first');
  process.exit(2);
}

/** One RFC 8460 §4 report per day from one reporter: `failed(day)` sessions fail with `type` at `mx`. */
function reports(domain, policyLines, mx, type, days, failed) {
  return Array.from({ length: days }, (_, i) => {
    const start = new Date(Date.UTC(2026, 10, 16 + i));
    const end = new Date(start.getTime() + DAY_MS - 1000);
    const failures = failed(i);
    return {
      name: `${domain}-${start.toISOString().slice(0, 10)}.json`,
      report: {
        'organization-name': 'Example Mail Provider',
        'date-range': { 'start-datetime': start.toISOString(), 'end-datetime': end.toISOString() },
        'contact-info': 'smtp-tls-reporting@provider.example',
        'report-id': `${start.toISOString()}_${domain}`,
        policies: [
          {
            policy: {
              'policy-type': 'sts',
              'policy-string': policyLines,
              'policy-domain': domain,
              'mx-host': [mx],
            },
            summary: {
              'total-successful-session-count': 120 + 7 * i,
              'total-failure-session-count': failures,
            },
            ...(failures > 0
              ? {
                  'failure-details': [
                    {
                      'result-type': type,
                      'sending-mta-ip': '192.0.2.25',
                      'receiving-mx-hostname': mx,
                      'failed-session-count': failures,
                    },
                  ],
                }
              : {}),
          },
        ],
      },
    };
  });
}

const work = await mkdtemp(join(tmpdir(), 'mta-sts-guard-example-'));
const cleanups = [() => rm(work, { recursive: true, force: true })];
try {
  const entry = join(work, 'entry.mjs');
  await build({
    entryPoints: [join(root, 'scripts/example-summary/entry.ts')],
    outfile: entry,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
    banner: {
      js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);",
    },
  });
  const harness = await import(pathToFileURL(entry).href);
  const caDir = join(work, 'ca');
  await mkdir(caDir);
  const ca = await harness.createTestCa(caDir);
  const dns = spawnSync('unbound', ['-V'], { stdio: 'ignore' }).error === undefined ? 'unbound' : 'dns2';
  const domains = demoDomains(harness);
  const world = await harness.startWorld(domains, { ca, addressPrefix, policyPort: 443, smtpPort: 25, dns });
  cleanups.unshift(() => world.stop());
  const standIn = new harness.GitHubStandIn(
    'your-org',
    'dns',
    join(root, 'test/fixtures/github/openapi-subset.json'),
  );
  await standIn.start();
  cleanups.unshift(() => standIn.stop());

  const reportDir = join(work, 'tlsrpt');
  await mkdir(reportDir);
  const written = [
    ...reports(
      'broken.example',
      ['version: STSv1', 'mode: enforce', 'mx: mx1.broken.example', 'max_age: 604800'],
      'mx1.broken.example',
      'certificate-expired',
      7,
      (i) => (i < 3 ? 0 : 20 + 15 * (i - 3)),
    ),
    ...reports(
      'trial.example',
      ['version: STSv1', 'mode: testing', 'mx: *.trial.example', 'max_age: 86400'],
      'relay.trial.example',
      'certificate-host-mismatch',
      7,
      (i) => 9 + (i % 3),
    ),
  ];
  for (const { name, report } of written) await writeFile(join(reportDir, name), JSON.stringify(report));

  const run = await harness.runAction({
    bundle,
    cwd: work,
    inputs: {
      domains: domains.map((d) => d.domain).join(' '),
      resolver: world.resolver,
      'smtp-probe': 'on',
      'timeout-seconds': '5',
      reports: reportDir,
      'report-window-days': '14',
    },
    eventName: 'schedule',
    apiUrl: standIn.baseUrl,
    repository: 'your-org/dns',
    root,
    extraEnv: { NODE_EXTRA_CA_CERTS: ca.caFile },
  });
  if (standIn.mismatches.length > 0)
    throw new Error(`GitHub stand-in mismatches: ${standIn.mismatches.join('; ')}`);
  if (!run.summary)
    throw new Error(`the action wrote no summary (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  const header =
    '<!-- The job summary of the action for the demo domains, written by `node scripts/example-summary.mjs` (the built dist/index.js, live on a loopback world, with TLS-RPT reports and a GitHub stand-in). Do not edit by hand. -->\n\n';
  await writeFile(join(root, 'docs/example-summary.md'), header + run.summary);
  console.log(`docs/example-summary.md: ${run.summary.length} characters (action exit ${run.code})`);
} finally {
  for (const step of cleanups) await step().catch(() => undefined);
}
