/**
 * Builds the real network adapters of a live check from the Config: one resolver for the whole
 * run (so each name/type is asked once), the policy fetcher, and the SMTP prober with its
 * revocation checker (absent with --smtp-probe off). Every adapter connects only to addresses
 * this resolver returned (docs/adr/0001-direct-connections-to-resolved-addresses.md).
 */
import { isIP } from 'node:net';
import type { Config, ResolverAddress } from '../config.js';
import { partitionAddresses } from '../core/special-address.js';
import type { Logger, PolicyFetcher, SmtpProber } from '../ports.js';
import { DnsResolver } from './dns.js';
import { dohTransport, udpTransport, type DnsTransport } from './dns-transport.js';
import type { ObserveDeps } from './observe.js';
import { loadOnce } from './load-once.js';
import { SharedSmtpProbes } from './shared-probes.js';
import { systemNameserver } from './system-resolver.js';

/**
 * One domain's observation ends within this many × --timeout-seconds (issue 3 promises a run with
 * a stalled MX ends within 3 ×); the rest of the 3 is left for process start and rendering.
 */
const DOMAIN_BUDGET_FACTOR = 2.75;

export interface Network extends ObserveDeps {
  /** Where DNS questions go, for logs and resolver-failed: `127.0.0.1:53`, `[::1]:53` or the DoH URL. */
  dnsServer: string;
  close(): Promise<void>;
}

export async function createNetwork(config: Config, logger: Logger): Promise<Network> {
  const timeoutMs = config.timeoutSeconds * 1000;
  let dnsServer: string;
  let transport: DnsTransport;
  if (config.doh) {
    dnsServer = config.doh;
    transport = dohTransport(config.doh);
  } else {
    const server = config.resolver ?? (await systemNameserver());
    dnsServer = describeServer(server);
    transport = udpTransport(server);
  }
  logger.debug(`dns: asking ${dnsServer}`);
  const resolver = new DnsResolver({ transport, timeoutMs, server: dnsServer, logger });
  // Both built at their first use (./load-once.ts).
  const fetcher = loadOnce(async () => {
    const { HttpPolicyFetcher } = await import('./policy-fetch.js');
    return new HttpPolicyFetcher({ port: config.policyPort, timeoutSeconds: config.timeoutSeconds });
  });
  const policyFetcher: PolicyFetcher = {
    fetch: async (domain, address) => (await fetcher()).fetch(domain, address),
  };
  const prober = loadOnce(async (): Promise<SmtpProber> => {
    const [{ NodeSmtpProber }, { createRevocationChecker }] = await Promise.all([
      import('./smtp-probe.js'),
      import('./revocation.js'),
    ]);
    return new NodeSmtpProber({
      port: config.smtpPort,
      timeoutSeconds: config.timeoutSeconds,
      revocation: createRevocationChecker({
        timeoutSeconds: config.timeoutSeconds,
        // OCSP responders and CRL hosts are resolved by the run's resolver too.
        lookup: async (host) => {
          const answer = await resolver.addresses(host);
          // Issue 9 class 1: a certificate's URL host is never a way onto a special address.
          return answer.kind === 'records' ? partitionAddresses(answer.records).usable : [];
        },
      }),
    });
  });
  const smtpProber =
    config.smtpProbe === 'off'
      ? null
      : new SharedSmtpProbes({
          probe: async (host, address, deadline) => (await prober()).probe(host, address, deadline),
        });
  return {
    resolver,
    policyFetcher,
    smtpProber,
    logger,
    dnsServer,
    domainBudgetMs: DOMAIN_BUDGET_FACTOR * timeoutMs,
    // Every adapter closes its own sockets when each operation ends; the DNS socket pool's idle
    // sockets are unref'd, so they never keep the process alive.
    close: async () => undefined,
  };
}

function describeServer(server: ResolverAddress): string {
  return isIP(server.host.replace(/%.*$/, '')) === 6
    ? `[${server.host}]:${server.port}`
    : `${server.host}:${server.port}`;
}
