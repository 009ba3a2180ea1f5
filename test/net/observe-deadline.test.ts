/**
 * The per-domain budget: when slow DNS answers used part of the time, a stalled MX is cut short
 * so that one domain's observation stays within domainBudgetMs (issue 3: a run with a stalled MX
 * ends within 3 × --timeout-seconds).
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { DnsAnswer } from '../../src/core/observation.js';
import { observeDomain } from '../../src/net/observe.js';
import { NodeSmtpProber } from '../../src/net/smtp-probe.js';
import { silentLogger, type PolicyFetcher, type Resolver } from '../../src/ports.js';
import { startSmtpServer, type SmtpServerHandle } from '../harness/smtp-servers.js';

const DNS_DELAY_MS = 600;
let stalled: SmtpServerHandle;

beforeAll(async () => {
  stalled = await startSmtpServer({
    address: '127.0.3.40',
    port: 0,
    hostname: 'mx.slow.example',
    behaviour: 'no-banner',
  });
});
afterAll(async () => {
  await stalled?.close();
});

const later = <T>(value: T): Promise<T> =>
  new Promise((resolve) => setTimeout(() => resolve(value), DNS_DELAY_MS));

const slowResolver: Resolver = {
  txt: () => later<DnsAnswer<string>>({ kind: 'nxdomain' }),
  mx: () =>
    later<DnsAnswer<{ exchange: string; preference: number }>>({
      kind: 'records',
      records: [{ exchange: 'mx.slow.example', preference: 10 }],
    }),
  addresses: (name) =>
    later<DnsAnswer<string>>(
      name === 'mx.slow.example' ? { kind: 'records', records: ['127.0.3.40'] } : { kind: 'nxdomain' },
    ),
};

const noFetch: PolicyFetcher = {
  fetch: () => Promise.reject(new Error('no policy fetch expected without an STS record')),
};

it('cuts a stalled MX short at the domain budget after slow DNS', async () => {
  const timeoutSeconds = 1;
  const prober = new NodeSmtpProber({ port: stalled.port, timeoutSeconds });
  const budgetMs = 1500;
  const started = Date.now();
  const observation = await observeDomain('slow.example', {
    resolver: slowResolver,
    policyFetcher: noFetch,
    smtpProber: prober,
    logger: silentLogger,
    domainBudgetMs: budgetMs,
  });
  const elapsed = Date.now() - started;
  // DNS alone took 2 × 600 ms; the probe's own budget (2 × timeout) would end at ~3.2 s.
  expect(elapsed).toBeGreaterThanOrEqual(2 * DNS_DELAY_MS);
  expect(elapsed).toBeLessThan(budgetMs + 400);
  expect(observation.smtp).toHaveLength(1);
  expect(observation.smtp[0]?.error?.stage).toBe('banner');
  expect(observation.smtp[0]?.error?.code).toMatch(/^timeout/);
});
