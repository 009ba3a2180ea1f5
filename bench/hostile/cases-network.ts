/**
 * Network cases (issue 9 classes 1, 3, 10's EMFILE and 11) against one loopback world
 * (test/harness/world.ts: DNS, HTTPS policy hosts, SMTP servers on 127.0.97.x) behind the
 * hostile DNS front of dns-proxy.ts. good.test is a healthy enforce domain in every run. The only
 * addresses outside 127.0.0.0/8 handed out are the special ones of class 1, which the CLI must
 * refuse to connect to.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createTestCa } from '../../test/harness/pki.js';
import { policyText, startWorld, type World } from '../../test/harness/world.js';
import type { DnsZone } from '../../test/harness/dns-server.js';
import { report } from '../../test/reports/helpers.js';
import { domainOf, findingsOf, missing, type BenchCase } from './case.js';
import { countBomb, startDnsProxy, trailingGarbage, type DnsProxy } from './dns-proxy.js';

const TIMEOUT_SECONDS = 3;
const EMFILE_DOMAINS = 60;
/** Ports of their own, so the bench runs beside a test suite. */
const SMTP_PORT = Number(
  process.env['BENCH_HOSTILE_SMTP_PORT'] ?? process.env['MTA_STS_GUARD_TEST_SMTP_PORT'] ?? 2692,
);
const POLICY_PORT = Number(
  process.env['BENCH_HOSTILE_POLICY_PORT'] ?? process.env['MTA_STS_GUARD_TEST_POLICY_PORT'] ?? 4692,
);

export interface NetworkCases {
  cases: BenchCase[];
  stop(): Promise<void>;
}

const goodDomainJudged: BenchCase['goodJudged'] = (_run, result) =>
  domainOf(result, 'good.test')?.mx[0]?.tls?.starttls === true &&
  domainOf(result, 'good.test')?.mtaSts.policy?.mode === 'enforce' &&
  // Notices (e.g. reports-missing when no report is for it) are not problems of the domain.
  !result?.findings.some((f) => f.domain === 'good.test' && f.severity !== 'notice');

export async function networkCases(work: string): Promise<NetworkCases> {
  mkdirSync(join(work, 'ca'), { recursive: true });
  const ca = await createTestCa(join(work, 'ca'));
  const emfile: DnsZone = {};
  for (let i = 0; i < EMFILE_DOMAINS; i++) {
    emfile[`d${i}.test`] = { MX: [{ preference: 10, exchange: `mx.d${i}.test` }] };
    emfile[`mx.d${i}.test`] = { A: ['127.0.97.250'] };
    emfile[`_mta-sts.d${i}.test`] = { TXT: ['v=STSv1; id=1'] };
    emfile[`mta-sts.d${i}.test`] = { A: ['127.0.97.251'] };
  }
  const world: World = await startWorld(
    [
      {
        domain: 'good.test',
        mx: [{ host: 'mx.good.test' }],
        policy: { text: policyText({ mode: 'enforce', mx: ['mx.good.test'] }) },
        records: {
          ...emfile,
          // Class 11: what an attacker's report points at (resolving it is already a step too far).
          'victim.test': { MX: [{ preference: 10, exchange: 'mx.victim.test' }] },
          'mx.victim.test': { A: ['127.0.97.252'] },
        },
      },
      {
        domain: 'special.test',
        mx: [{ host: 'mx1.special.test' }, { host: 'mx2.special.test', addresses: 0 }],
        policy: { text: policyText({ mode: 'enforce', mx: ['*.special.test'] }) },
        records: {
          'mta-sts.special.test': { A: ['255.255.255.255', '169.254.169.254'] },
          'mx1.special.test': { A: ['224.0.0.1'] },
          'mx2.special.test': { A: ['0.0.0.0', '240.0.0.1'], AAAA: ['ff02::1', 'fe80::1'] },
        },
      },
      // Class 3: their _mta-sts TXT answers are malformed (dns-proxy.ts); the rest is served.
      ...['garbage.test', 'countbomb.test'].map((domain) => ({
        domain,
        mx: [{ host: 'mx.good.test' }],
        policy: { text: policyText({ mode: 'enforce', mx: ['mx.good.test'] }) },
      })),
    ],
    { ca, addressPrefix: '127.0.97', dns: 'dns2', smtpPort: SMTP_PORT, policyPort: POLICY_PORT },
  );
  const [host, port] = world.resolver.split(':') as [string, string];
  let proxy: DnsProxy;
  try {
    proxy = await startDnsProxy(
      { host, port: Number(port) },
      { '_mta-sts.garbage.test': trailingGarbage, '_mta-sts.countbomb.test': countBomb },
    );
  } catch (error) {
    await world.stop();
    throw error;
  }
  const live = [
    ...['--resolver', proxy.resolver, '--policy-port', String(world.policyPort)],
    ...['--smtp-port', String(world.smtpPort), '--timeout-seconds', String(TIMEOUT_SECONDS)],
  ];
  const env = { NODE_EXTRA_CA_CERTS: world.caFile, MTA_STS_GUARD_DEBUG: '1' };
  const victim = join(work, 'c11');
  mkdirSync(victim, { recursive: true });
  writeFileSync(join(victim, 'good.txt'), policyText({ mode: 'enforce', mx: ['mx.good.test'] }));
  const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
  writeFileSync(
    join(victim, 'victim.json'),
    JSON.stringify(report({ domain: 'victim.test', day: yesterday, successful: 5 })),
  );

  const cases: BenchCase[] = [
    {
      cls: '1',
      name: 'policy host and MX on 255.255.255.255, 169.254/16, 224/4, 0/8, 240/4, ff02::, fe80::',
      inputBytes: 0,
      timeoutSeconds: TIMEOUT_SECONDS,
      args: ['check', 'good.test', 'special.test', ...live, '--smtp-probe', 'on', '--format', 'json'],
      env,
      expectExit: 1,
      goodJudged: goodDomainJudged,
      shows: (run, result) =>
        missing(
          [
            findingsOf(result, 'host-address-unusable')
              .map((f) => f.subject)
              .sort()
              .join() === 'mta-sts.special.test,mx1.special.test,mx2.special.test',
            'host-address-unusable on the 3 hosts',
          ],
          [!/Unhandled|ENETUNREACH/.test(run.stderr), 'no unhandled error'],
          [run.stderr.includes('not connecting to mx1.special.test [224.0.0.1]'), 'never connected'],
          [
            domainOf(result, 'special.test')?.mtaSts.policy?.mode === 'enforce',
            'policy fetched from the usable address',
          ],
        ),
    },
    {
      cls: '3',
      name: '_mta-sts TXT answers: id + trailing garbage; 27 bytes claiming 65,535 records',
      inputBytes: 604 + 27,
      timeoutSeconds: TIMEOUT_SECONDS,
      args: [
        'check',
        'good.test',
        'garbage.test',
        'countbomb.test',
        ...live,
        '--smtp-probe',
        'on',
        '--format',
        'json',
      ],
      env,
      expectExit: 0,
      goodJudged: goodDomainJudged,
      shows: (_run, result) => {
        const failed = findingsOf(result, 'dns-lookup-failed');
        return missing(
          [
            failed.some((f) => f.subject === '_mta-sts.garbage.test' && f.message.includes('malformed')),
            'garbage: dns-lookup-failed (malformed)',
          ],
          [
            failed.some((f) => f.subject === '_mta-sts.countbomb.test' && f.message.includes('malformed')),
            'count bomb: dns-lookup-failed (malformed)',
          ],
          [
            !result?.findings.some(
              (f) => /countbomb|garbage/.test(f.domain ?? '') && f.rule === 'sts-record-missing',
            ),
            'never "no record"',
          ],
        );
      },
    },
    {
      cls: '10a',
      name: `out of file descriptors: ulimit -n 30, ${EMFILE_DOMAINS} domains`,
      inputBytes: 0,
      timeoutSeconds: TIMEOUT_SECONDS,
      maxOpenFiles: 30,
      args: [
        'check',
        ...Object.keys(emfile).filter((n) => /^d\d+\.test$/.test(n)),
        ...live,
        '--smtp-probe',
        'on',
      ],
      env,
      expectExit: 2,
      goodJudged: () => null,
      shows: (run) => {
        const lines = run.stderr.split('\n').filter((l) => l.startsWith('mta-sts-guard:'));
        return missing(
          [
            lines.length === 1 &&
              /ran out of file descriptors \(EMFILE\).*ulimit -n.*--concurrency/.test(lines[0]!),
            'said once, naming ulimit -n and --concurrency',
          ],
          [run.stdout === '', 'no per-MX findings'],
        );
      },
    },
    {
      cls: '11',
      name: 'live run; a report names victim.test, which nothing else lists',
      inputBytes: 0,
      timeoutSeconds: TIMEOUT_SECONDS,
      args: [
        'check',
        '--policy-file',
        `good.test=${join(victim, 'good.txt')}`,
        '--reports',
        join(victim, 'victim.json'),
        ...live,
        '--smtp-probe',
        'on',
        '--format',
        'json',
      ],
      env,
      before: () => proxy.names.splice(0),
      expectExit: 0,
      goodJudged: goodDomainJudged,
      shows: (run, result) =>
        missing(
          [proxy.names.includes('_mta-sts.good.test'), 'the policy file domain resolved live'],
          [!proxy.names.some((n) => n.includes('victim')), 'victim.test never resolved'],
          [
            domainOf(result, 'victim.test')?.reports?.successfulSessions === 5,
            'victim.test judged from its report',
          ],
          [run.stderr.includes('not probed live'), 'said so'],
        ),
    },
  ];
  return {
    cases,
    stop: async () => {
      await proxy.stop();
      await world.stop();
    },
  };
}
