/**
 * A scenario builder: from a declarative list of mail domains (their records, how their policy
 * is served, their MX hosts and how each SMTP server behaves), starts a whole small internet on
 * loopback, namely a DNS server (unbound, or dns2's server), HTTPS policy hosts and SMTP
 * servers, each host on its own 127.0.x.y address, and returns what a check run needs
 * (`--resolver`, `--policy-port`, `--smtp-port`, the CA file for NODE_EXTRA_CA_CERTS).
 * Used by the integration tests (test/integration) and the demo (scripts/demo.mjs).
 */
import {
  startFakeDns,
  startUnbound,
  type DnsZone,
  type MxData,
  type NameData,
  type RunningDns,
} from './dns-server.js';
import {
  defaultPolicyPort,
  startPolicyHost,
  type PolicyHostHandle,
  type PolicyResponse,
} from './https-server.js';
import type { IssuedCert, LeafOptions, TestCa } from './pki.js';
import { defaultSmtpPort, startSmtpServer, type SmtpBehaviour, type SmtpServerSpec } from './smtp-servers.js';

const DAY_MS = 86_400_000;

/** Certificate cases a host can present (issued by the test CA unless self-signed). */
export type CertCase =
  | 'valid'
  | 'expired'
  | 'not-yet-valid'
  /** Valid, but for another name. */
  | 'wrong-host'
  | 'self-signed'
  /** Valid for 5 more days (under the default 14-day warning). */
  | 'expiring'
  /** `*.` + the parent domain of the host. */
  | 'wildcard'
  | 'rsa1024'
  | 'sha1'
  /** Valid, revoked at the CA, with the revoked OCSP response stapled. */
  | 'revoked';

export interface WorldMx {
  host: string;
  /** Default 10, 20, 30... in list order. */
  preference?: number;
  /** How many addresses the host has (default 1); 0 publishes no address at all. */
  addresses?: number;
  /** Certificate for STARTTLS; null: the server does not offer STARTTLS. Default 'valid'. */
  cert?: CertCase | null;
  behaviour?: SmtpBehaviour;
  tls?: SmtpServerSpec['tls'];
}

export interface WorldPolicy {
  /** The policy text served (see policyText()). */
  text: string;
  /** Overrides of how it is served (status, content type, trickling, stalling...). */
  response?: Omit<PolicyResponse, 'body'>;
  /** Default 'valid'. */
  cert?: CertCase;
  /** How many addresses the policy host has (default 1); 0 publishes none. */
  addresses?: number;
  /** Per-address overrides, by index, e.g. the second address serving an expired certificate. */
  perAddress?: { cert?: CertCase; response?: Omit<PolicyResponse, 'body'>; text?: string }[];
}

export interface WorldDomain {
  domain: string;
  /** `_mta-sts` TXT records (string[] parts = one record of several strings); default one valid record; null none. */
  sts?: (string | string[])[] | null;
  /** `_smtp._tls` TXT records; default one valid record; null none. */
  tlsRpt?: (string | string[])[] | null;
  /** MX hosts; 'null' publishes a null MX (RFC 7505); [] publishes none. */
  mx: WorldMx[] | 'null';
  /** Served at https://mta-sts.<domain>/.well-known/mta-sts.txt; null: no policy host in DNS. */
  policy: WorldPolicy | null;
  /** Any further records. */
  records?: DnsZone;
}

export interface WorldOptions {
  ca: TestCa;
  /** First three octets of the addresses hosts get, e.g. '127.0.10' (each run its own block). */
  addressPrefix: string;
  /** Default: 443 as root, 8443 otherwise. */
  policyPort?: number;
  /** Default: 25 as root, 2525 otherwise. */
  smtpPort?: number;
  /** 'unbound' (a real server from Debian's packages, the default) or 'dns2' (in-process). */
  dns?: 'unbound' | 'dns2';
}

export interface World {
  /** `--resolver` value. */
  resolver: string;
  policyPort: number;
  smtpPort: number;
  /** For NODE_EXTRA_CA_CERTS of the process that runs the check. */
  caFile: string;
  /** The addresses given to each host name (MX hosts and policy hosts). */
  addresses: Record<string, string[]>;
  /** Certificates issued per host address (`host@address`), for asserting facts. */
  certificates: Record<string, IssuedCert>;
  policyHosts: PolicyHostHandle[];
  stop(): Promise<void>;
}

/** A policy file (RFC 8461 §3.2) with CRLF line endings. */
export function policyText(p: {
  mode: 'enforce' | 'testing' | 'none';
  mx: string[];
  maxAge?: number;
}): string {
  const lines = [
    'version: STSv1',
    `mode: ${p.mode}`,
    ...p.mx.map((m) => `mx: ${m}`),
    `max_age: ${p.maxAge ?? 604800}`,
  ];
  return lines.map((l) => `${l}\r\n`).join('');
}

export async function startWorld(domains: WorldDomain[], options: WorldOptions): Promise<World> {
  const policyPort = options.policyPort ?? defaultPolicyPort();
  const smtpPort = options.smtpPort ?? defaultSmtpPort();
  const zone: DnsZone = {};
  const addresses: Record<string, string[]> = {};
  const certificates: Record<string, IssuedCert> = {};
  const starters: (() => Promise<{ close(): Promise<void> }>)[] = [];
  const policyHosts: PolicyHostHandle[] = [];
  let next = 1;
  const allocate = (host: string, count: number): string[] => {
    const list: string[] = [];
    for (let i = 0; i < count; i++) {
      if (next > 254) throw new Error(`world: more than 254 addresses in ${options.addressPrefix}.0/24`);
      list.push(`${options.addressPrefix}.${next++}`);
    }
    addresses[host] = list;
    return list;
  };
  const add = (name: string, data: NameData): void => {
    const entry = (zone[name] ??= {});
    if (data.A) entry.A = [...(entry.A ?? []), ...data.A];
    if (data.AAAA) entry.AAAA = [...(entry.AAAA ?? []), ...data.AAAA];
    if (data.MX) entry.MX = [...(entry.MX ?? []), ...data.MX];
    if (data.TXT) entry.TXT = [...(entry.TXT ?? []), ...data.TXT];
    if (data.CNAME) entry.CNAME = data.CNAME;
  };

  for (const d of domains) {
    const domain = d.domain;
    if (d.sts !== null) add(`_mta-sts.${domain}`, { TXT: d.sts ?? ['v=STSv1; id=20261122T000000'] });
    if (d.tlsRpt !== null)
      add(`_smtp._tls.${domain}`, { TXT: d.tlsRpt ?? [`v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`] });
    if (d.mx === 'null') {
      add(domain, { MX: [{ preference: 0, exchange: '.' }] });
    } else {
      const mxRecords: MxData[] = d.mx.map((m, i) => ({
        preference: m.preference ?? 10 * (i + 1),
        exchange: m.host,
      }));
      if (mxRecords.length > 0) add(domain, { MX: mxRecords });
      for (const m of d.mx) {
        if (addresses[m.host]) continue; // one host listed by several domains is served once
        const list = allocate(m.host, m.addresses ?? 1);
        if (list.length > 0) add(m.host, { A: list });
        for (const address of list) {
          starters.push(async () => {
            const certCase = m.cert === undefined ? 'valid' : m.cert;
            const cert = certCase === null ? null : await issueFor(options.ca, m.host, certCase);
            if (cert) certificates[`${m.host}@${address}`] = cert;
            const ocspResponse =
              certCase === 'revoked' && cert ? await revokedStaple(options.ca, cert) : undefined;
            return startSmtpServer({
              address,
              port: smtpPort,
              hostname: m.host,
              cert,
              behaviour: m.behaviour,
              // OpenSSL 3 refuses to even load an RSA-1024 or SHA-1 certificate at its default level.
              tls: weakCert(certCase) ? { ciphers: 'DEFAULT:@SECLEVEL=0', ...m.tls } : m.tls,
              ocspResponse,
            });
          });
        }
      }
    }
    if (d.policy) {
      const policy = d.policy;
      const host = `mta-sts.${domain}`;
      const list = allocate(host, policy.addresses ?? 1);
      if (list.length > 0) add(host, { A: list });
      list.forEach((address, index) => {
        const override = policy.perAddress?.[index] ?? {};
        starters.push(async () => {
          const cert = await issueFor(options.ca, host, override.cert ?? policy.cert ?? 'valid');
          certificates[`${host}@${address}`] = cert;
          const handle = await startPolicyHost({
            address,
            port: policyPort,
            cert,
            response: { ...(override.response ?? policy.response ?? {}), body: override.text ?? policy.text },
          });
          policyHosts.push(handle);
          return handle;
        });
      });
    }
    for (const [name, data] of Object.entries(d.records ?? {})) add(name, data);
  }

  const running: { close(): Promise<void> }[] = [];
  let dns: RunningDns | null = null;
  const stop = async (): Promise<void> => {
    await Promise.allSettled(running.map((r) => r.close()));
    await dns?.stop();
  };
  try {
    dns = options.dns === 'dns2' ? await startFakeDns(zone) : await startUnbound(zone);
    // Servers start one after another: certificate issuing is CPU-bound anyway.
    for (const start of starters) running.push(await start());
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    resolver: dns.resolver,
    policyPort,
    smtpPort,
    caFile: options.ca.caFile,
    addresses,
    certificates,
    policyHosts,
    stop,
  };
}

/** Issues the certificate a host presents in a given case. */
export async function issueFor(ca: TestCa, host: string, certCase: CertCase): Promise<IssuedCert> {
  const now = Date.now();
  const parent = host.split('.').slice(1).join('.');
  const options: Record<CertCase, LeafOptions> = {
    valid: { hosts: [host] },
    expired: { hosts: [host], notBefore: new Date(now - 100 * DAY_MS), notAfter: new Date(now - 3 * DAY_MS) },
    'not-yet-valid': {
      hosts: [host],
      notBefore: new Date(now + 10 * DAY_MS),
      notAfter: new Date(now + 100 * DAY_MS),
    },
    'wrong-host': { hosts: [`wrong-host.${parent}`] },
    'self-signed': { hosts: [host], selfSigned: true },
    expiring: { hosts: [host], notAfter: new Date(now + 5 * DAY_MS) },
    wildcard: { hosts: [`*.${parent}`] },
    rsa1024: { hosts: [host], key: 'rsa1024' },
    sha1: { hosts: [host], signature: 'sha1' },
    revoked: { hosts: [host] },
  };
  return ca.issue(options[certCase]);
}

function weakCert(certCase: CertCase | null): boolean {
  return certCase === 'rsa1024' || certCase === 'sha1';
}

async function revokedStaple(ca: TestCa, cert: IssuedCert): Promise<Buffer> {
  ca.revoke(cert.serial, new Date(Date.now() - DAY_MS));
  return ca.ocspResponse(cert);
}
