/**
 * Issue 9 class 1 through the BUILT CLI: a policy host and MX hosts that resolve to addresses no
 * sender can use (broadcast, multicast, link-local, IPv6 multicast) next to a good domain. Before
 * the fix the first such connect ended the process with `Unhandled 'error' event … ENETUNREACH`
 * and every domain was lost. Now each is `host-address-unusable` with the mode's severity, no
 * connection is made to it, and the good domain is judged clean.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import type { CheckResult } from '../../src/core/result.js';
import { loadTestCa } from '../harness/pki.js';
import { policyText, startWorld, type World, type WorldDomain } from '../harness/world.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from '../integration/built-cli.js';

const TIMEOUT_SECONDS = 2;
/** Issue 9 acceptance: network cases end within 3 × timeout + 3 s. */
const LIMIT_MS = (3 * TIMEOUT_SECONDS + 3) * 1000;

const domains: WorldDomain[] = [
  {
    domain: 'good.test',
    mx: [{ host: 'mx.good.test' }],
    policy: { text: policyText({ mode: 'enforce', mx: ['mx.good.test'] }) },
  },
  {
    domain: 'special.test',
    mx: [{ host: 'mx1.special.test' }, { host: 'mx2.special.test', addresses: 0 }],
    policy: { text: policyText({ mode: 'enforce', mx: ['*.special.test'] }) },
    records: {
      // Beside the policy host's real address: a broadcast and the cloud metadata address.
      'mta-sts.special.test': { A: ['255.255.255.255', '169.254.169.254'] },
      'mx1.special.test': { A: ['224.0.0.1'] },
      // Only unusable addresses: no sender can deliver through mx2 at all.
      'mx2.special.test': { A: ['0.0.0.0', '240.0.0.1'], AAAA: ['ff02::1', 'fe80::1'] },
    },
  },
];

let cli: BuiltCli;
let world: World;
let run: CliRun;
let result: CheckResult;

beforeAll(async () => {
  const [built, ca] = await Promise.all([buildCli(), loadTestCa()]);
  cli = built;
  world = await startWorld(domains, { ca, addressPrefix: '127.0.91', dns: 'dns2' });
  run = await runCli(
    cli.path,
    [
      'check',
      'good.test',
      'special.test',
      ...['--resolver', world.resolver, '--policy-port', String(world.policyPort)],
      ...['--smtp-port', String(world.smtpPort), '--smtp-probe', 'on'],
      ...['--timeout-seconds', String(TIMEOUT_SECONDS), '--format', 'json'],
    ],
    { NODE_EXTRA_CA_CERTS: world.caFile, MTA_STS_GUARD_DEBUG: '1' },
    LIMIT_MS,
  );
  result = JSON.parse(run.stdout) as CheckResult;
}, 60_000);

afterAll(async () => {
  await world?.stop();
  await cli?.remove();
});

const unusable = (): Finding[] => result.findings.filter((f) => f.rule === 'host-address-unusable');

describe('special addresses (issue 9 class 1)', () => {
  it('the run ends normally, with findings, in bounded time', () => {
    expect(run.stderr).not.toMatch(/Unhandled|ENETUNREACH|EINVAL|at .*\.js:\d+/);
    expect(run.code).toBe(1);
    expect(run.ms).toBeLessThan(LIMIT_MS);
  });

  it('the good domain beside them is judged clean', () => {
    expect(result.findings.filter((f) => f.domain === 'good.test')).toEqual([]);
    expect(result.domains.find((d) => d.domain === 'good.test')?.mx[0]?.tls?.starttls).toBe(true);
  });

  it('reports each host with unusable addresses once, as an error under enforce', () => {
    expect(
      unusable()
        .map((f) => [f.subject, f.severity])
        .sort(),
    ).toEqual([
      ['mta-sts.special.test', 'error'],
      ['mx1.special.test', 'error'],
      ['mx2.special.test', 'error'],
    ]);
    const mx2 = unusable().find((f) => f.subject === 'mx2.special.test')!;
    for (const word of ['0.0.0.0', '240.0.0.1', 'ff02::1', 'fe80::1', 'no other address'])
      expect(mx2.message).toContain(word);
    const host = unusable().find((f) => f.subject === 'mta-sts.special.test')!;
    expect(host.message).toContain('255.255.255.255 is limited broadcast');
    expect(host.message).toContain('169.254.169.254 is link-local');
    expect(host.message).toMatch(/only 127\.0\.91\.\d+ can be used$/);
  });

  it('never connects to them: the policy is fetched from the usable address only', () => {
    const special = result.domains.find((d) => d.domain === 'special.test')!;
    expect(special.mtaSts.policy?.mode).toBe('enforce');
    expect(
      result.findings.filter((f) => f.domain === 'special.test' && f.rule !== 'host-address-unusable'),
    ).toEqual([]);
    for (const [host, address] of [
      ['mta-sts.special.test', '255.255.255.255'],
      ['mta-sts.special.test', '169.254.169.254'],
      ['mx1.special.test', '224.0.0.1'],
      ['mx2.special.test', '0.0.0.0'],
      ['mx2.special.test', 'ff02::1'],
    ])
      expect(run.stderr).toContain(`not connecting to ${host} [${address}]`);
    expect(run.stderr).not.toMatch(/smtp: mx\d\.special\.test \[(224|0\.0|240|ff02|fe80)/);
    expect(world.policyHosts.flatMap((h) => h.requests)).not.toHaveLength(0);
  });
});
