/**
 * Live observation of one domain as a compliant sender sees it (DESIGN.md "observe"): the
 * `_mta-sts` TXT (RFC 8461 §3.1), the `_smtp._tls` TXT (RFC 8460 §3), the MX RRset and the
 * addresses of every MX, the policy fetched from EVERY address of `mta-sts.<domain>` (§3.3), and
 * a STARTTLS probe of EVERY address of every MX (§4), all in parallel where they do not depend
 * on each other. Facts only: nothing here judges, and one failing step never stops the others.
 */
import type {
  DnsAnswer,
  DomainObservation,
  MxRecord,
  PolicyFetchObservation,
  SmtpObservation,
} from '../core/observation.js';
import type { Logger, PolicyFetcher, Resolver, SmtpProber } from '../ports.js';
import { partitionAddresses } from '../core/special-address.js';
import { NULL_MX_EXCHANGE, normalizeName } from './dns.js';
import { policyHost, policyUrl } from './policy-url.js';

export interface ObserveDeps {
  resolver: Resolver;
  policyFetcher: PolicyFetcher;
  /** null when --smtp-probe off. */
  smtpProber: SmtpProber | null;
  logger: Logger;
  /** Where DNS questions go (`127.0.0.1:53` or the DoH URL), named by resolver-failed. */
  dnsServer?: string;
  /**
   * Time one domain's observation may take, in ms: SMTP sessions still running then are cut
   * short (recorded as timeouts). Issue 3: a run with a stalled MX ends within 3 × timeout,
   * even when slow DNS answers used part of it before the probes started.
   */
  domainBudgetMs?: number;
}

/**
 * RFC 8461 §3.1: only a TXT record starting with `v=STSv1` is an STS record. This prefix test
 * decides whether a fetch is worth trying; whether the record is valid is the records rules' job.
 */
const STS_RECORD_PREFIX = 'v=STSv1';

export async function observeDomain(domain: string, deps: ObserveDeps): Promise<DomainObservation> {
  const { resolver, logger } = deps;
  const name = normalizeName(domain);
  const deadline = deps.domainBudgetMs === undefined ? undefined : Date.now() + deps.domainBudgetMs;
  const stsTxt = safeDns(() => resolver.txt(`_mta-sts.${name}`), `TXT _mta-sts.${name}`, logger);
  const tlsRptTxt = safeDns(() => resolver.txt(`_smtp._tls.${name}`), `TXT _smtp._tls.${name}`, logger);
  const mx = safeDns(() => resolver.mx(name), `MX ${name}`, logger);
  const policyHostAddresses = safeDns(
    () => resolver.addresses(policyHost(name)),
    `addresses of ${policyHost(name)}`,
    logger,
  );

  const [policy, mxSide, tlsRpt] = await Promise.all([
    observePolicy(name, stsTxt, policyHostAddresses, deps),
    observeMx(mx, deps, deadline),
    tlsRptTxt,
  ]);
  return {
    domain: name,
    stsTxt: policy.stsTxt,
    tlsRptTxt: tlsRpt,
    mx: mxSide.mx,
    mxAddresses: mxSide.mxAddresses,
    policyHostAddresses: policy.addresses,
    policyFetches: policy.fetches,
    smtp: mxSide.smtp,
  };
}

/** True when the TXT answer holds at least one record that starts like an STS record. */
export function hasStsRecord(answer: DnsAnswer<string>): boolean {
  return answer.kind === 'records' && answer.records.some((r) => r.startsWith(STS_RECORD_PREFIX));
}

async function observePolicy(
  domain: string,
  stsTxtAnswer: Promise<DnsAnswer<string>>,
  addressesAnswer: Promise<DnsAnswer<string>>,
  deps: ObserveDeps,
): Promise<{ stsTxt: DnsAnswer<string>; addresses: DnsAnswer<string>; fetches: PolicyFetchObservation[] }> {
  const [stsTxt, addresses] = await Promise.all([stsTxtAnswer, addressesAnswer]);
  // RFC 8461 §3.3: without an STS record a sender never fetches the policy, and neither do we.
  if (!hasStsRecord(stsTxt) || addresses.kind !== 'records') return { stsTxt, addresses, fetches: [] };
  const fetches = await Promise.all(
    connectable(addresses.records, policyHost(domain), deps.logger).map((address) =>
      safeFetch(domain, address, deps),
    ),
  );
  return { stsTxt, addresses, fetches };
}

async function observeMx(
  mxAnswer: Promise<DnsAnswer<MxRecord>>,
  deps: ObserveDeps,
  deadline: number | undefined,
): Promise<{
  mx: DnsAnswer<MxRecord>;
  mxAddresses: Record<string, DnsAnswer<string>>;
  smtp: SmtpObservation[];
}> {
  const mx = await mxAnswer;
  const hosts =
    mx.kind === 'records'
      ? [...new Set(mx.records.map((r) => normalizeName(r.exchange)))].filter(
          // RFC 7505: a null MX names no host; there is nothing to resolve or probe.
          (host) => host !== NULL_MX_EXCHANGE && host !== '',
        )
      : [];
  const mxAddresses: Record<string, DnsAnswer<string>> = {};
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      const addresses = await safeDns(
        () => deps.resolver.addresses(host),
        `addresses of ${host}`,
        deps.logger,
      );
      mxAddresses[host] = addresses;
      if (!deps.smtpProber || addresses.kind !== 'records') return [];
      const prober = deps.smtpProber;
      return Promise.all(
        connectable(addresses.records, host, deps.logger).map((address) =>
          safeProbe(prober, host, address, deadline, deps.logger),
        ),
      );
    }),
  );
  // Keep the MX order of the answer for the addresses map, whatever order lookups finished in.
  const ordered: Record<string, DnsAnswer<string>> = {};
  for (const host of hosts) ordered[host] = mxAddresses[host]!;
  return { mx, mxAddresses: ordered, smtp: perHost.flat() };
}

/**
 * The addresses of `host` a connection may be made to. Issue 9 class 1: an address no sender can
 * use (broadcast, multicast, link-local...) is never connected to; it stays in the observation,
 * where the host-address-unusable rule reports it.
 */
function connectable(addresses: string[], host: string, logger: Logger): string[] {
  const { usable, unusable } = partitionAddresses(addresses);
  for (const u of unusable) logger.debug(`net: not connecting to ${host} [${u.address}]: ${u.reason}`);
  return usable;
}

/** A resolver that throws (a bug, not a DNS outcome) still yields an answer: an error. */
async function safeDns<T>(
  ask: () => Promise<DnsAnswer<T>>,
  what: string,
  logger: Logger,
): Promise<DnsAnswer<T>> {
  try {
    const answer = await ask();
    logger.debug(
      `dns: ${what}: ${answer.kind === 'records' ? answer.records.length + ' records' : answer.kind}`,
    );
    return answer;
  } catch (error) {
    logger.warning(`dns: ${what} failed unexpectedly: ${String(error)}`);
    return { kind: 'error', error: `internal error: ${String(error)}` };
  }
}

async function safeFetch(
  domain: string,
  address: string,
  deps: ObserveDeps,
): Promise<PolicyFetchObservation> {
  try {
    const fetch = await deps.policyFetcher.fetch(domain, address);
    deps.logger.debug(
      `policy: ${fetch.url} via ${address}: ${fetch.status ?? '-'} ${fetch.error ? fetch.error.code : 'ok'} (${fetch.ms} ms)`,
    );
    return fetch;
  } catch (error) {
    deps.logger.warning(`policy: fetch for ${domain} from ${address} failed unexpectedly: ${String(error)}`);
    return {
      url: policyUrl(domain, 443),
      address,
      status: null,
      contentType: null,
      location: null,
      body: null,
      bytes: 0,
      truncated: false,
      ms: 0,
      tls: null,
      error: { code: 'internal', message: String(error) },
    };
  }
}

async function safeProbe(
  prober: SmtpProber,
  host: string,
  address: string,
  deadline: number | undefined,
  logger: Logger,
): Promise<SmtpObservation> {
  try {
    const probe = await prober.probe(host, address, deadline);
    logger.debug(
      `smtp: ${host} [${address}]: ${probe.error ? `${probe.error.stage} ${probe.error.code}` : (probe.tls?.version ?? 'no tls')} (${probe.ms} ms)`,
    );
    return probe;
  } catch (error) {
    logger.warning(`smtp: probe of ${host} [${address}] failed unexpectedly: ${String(error)}`);
    return {
      host,
      address,
      port: 0,
      connected: false,
      banner: null,
      extensions: [],
      starttlsOffered: null,
      tls: null,
      error: { stage: 'connect', code: 'internal', message: String(error) },
      ms: 0,
    };
  }
}

/**
 * What check.ts records for a domain whose observation crashed (a bug, never a network outcome):
 * every DNS fact is that error, so the rules report the domain as unobservable and the run
 * goes on with the other domains.
 */
export function failedObservation(domain: string, error: unknown): DomainObservation {
  const message = error instanceof Error ? error.message : String(error);
  const failed = { kind: 'error' as const, error: `internal error: ${message}` };
  return {
    domain,
    stsTxt: failed,
    tlsRptTxt: failed,
    mx: failed,
    mxAddresses: {},
    policyHostAddresses: null,
    policyFetches: [],
    smtp: [],
  };
}
