/**
 * DNS servers for tests, on loopback only (DESIGN.md "Real parts, how they start in tests"):
 * - `startUnbound(zone)`: a real DNS server from Debian's packages (unbound with local-zone /
 *   local-data, in the foreground as a child process) for the integration suite and the demo;
 * - `startFakeDns(zone)`: dns2's own server in-process for the edge cases unbound cannot be made
 *   to produce on demand: SERVFAIL, REFUSED, silence, slow answers, flaky first tries, CNAME
 *   chains without their target, and truncation (TC=1, answered again over TCP).
 * Both take the same declarative zone and serve UDP and TCP on the same port.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpsServer } from 'node:https';
import { createServer as createTcpServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import dns2 from 'dns2';
import type { IssuedCert } from './pki.js';

const { Packet } = dns2;

export interface MxData {
  preference: number;
  /** Host name, or '.' for a null MX (RFC 7505). */
  exchange: string;
}

/** Records at one name. A TXT record given as string[] is served as several character-strings. */
export interface NameData {
  A?: string[];
  AAAA?: string[];
  MX?: MxData[];
  TXT?: (string | string[])[];
  CNAME?: string;
}

/** Names (no trailing dot, any case) → records. A name absent from the zone is NXDOMAIN. */
export type DnsZone = Record<string, NameData>;

export interface RunningDns {
  host: string;
  port: number;
  /** `host:port`, as `--resolver` takes it. */
  resolver: string;
  stop(): Promise<void>;
}

/** unbound should be listening well within this on any machine. */
const UNBOUND_START_TIMEOUT_MS = 10_000;
/** RFC 1035 §3.3: a character-string holds at most 255 octets. */
const MAX_CHARACTER_STRING = 255;

// ---------------------------------------------------------------------------------------------
// unbound

/** Starts unbound serving `zone` on host:port (a free high port when port is 0). */
export async function startUnbound(
  zone: DnsZone,
  options: { host?: string; port?: number } = {},
): Promise<RunningDns> {
  const host = options.host ?? '127.0.0.1';
  let lastError: unknown;
  // A port found free can be taken before unbound binds it: try a few.
  for (let attempt = 0; attempt < 5; attempt++) {
    const port = options.port || (await freePort(host));
    const dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-unbound-'));
    await writeFile(join(dir, 'unbound.conf'), unboundConfig(zone, host, port, dir));
    try {
      const child = await spawnUnbound(join(dir, 'unbound.conf'));
      return {
        host,
        port,
        resolver: `${host}:${port}`,
        stop: async () => {
          await stopChild(child);
          await rm(dir, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      await rm(dir, { recursive: true, force: true });
      if (options.port) break;
    }
  }
  throw lastError;
}

/** The unbound.conf for a zone: every name's top-level label becomes a static local zone. */
export function unboundConfig(zone: DnsZone, host: string, port: number, dir: string): string {
  const tlds = new Set<string>();
  const data: string[] = [];
  for (const [rawName, records] of Object.entries(zone)) {
    const name = fqdn(rawName);
    if (name !== '.') tlds.add(`${name.split('.').at(-2)!}.`);
    for (const address of records.A ?? []) data.push(`${name} 300 IN A ${address}`);
    for (const address of records.AAAA ?? []) data.push(`${name} 300 IN AAAA ${address}`);
    for (const mx of records.MX ?? []) data.push(`${name} 300 IN MX ${mx.preference} ${fqdn(mx.exchange)}`);
    for (const txt of records.TXT ?? []) {
      data.push(`${name} 300 IN TXT ${characterStrings(txt).map(quoteTxt).join(' ')}`);
    }
    if (records.CNAME) data.push(`${name} 300 IN CNAME ${fqdn(records.CNAME)}`);
  }
  const lines = [
    'server:',
    `  interface: ${host}@${port}`,
    `  port: ${port}`,
    '  do-daemonize: no',
    '  username: ""',
    '  chroot: ""',
    `  directory: "${dir}"`,
    '  pidfile: ""',
    '  use-syslog: no',
    '  logfile: ""',
    '  verbosity: 1',
    '  do-ip6: no',
    '  access-control: 127.0.0.0/8 allow',
    '  module-config: "iterator"',
    // Never recurse to the internet: anything outside the test zones is refused.
    '  local-zone: "." refuse',
    ...[...tlds].map((tld) => `  local-zone: "${tld}" static`),
    ...data.map((d) => `  local-data: '${d}'`),
    'remote-control:',
    '  control-enable: no',
    '',
  ];
  return lines.join('\n');
}

function spawnUnbound(configFile: string): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    let child: ChildProcess;
    try {
      child = spawn('unbound', ['-d', '-c', configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
    } catch (error) {
      reject(error as Error);
      return;
    }
    let log = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`unbound did not start within ${UNBOUND_START_TIMEOUT_MS} ms:\n${log}`));
    }, UNBOUND_START_TIMEOUT_MS);
    child.on('error', (error) => {
      clearTimeout(timer);
      const hint =
        (error as NodeJS.ErrnoException).code === 'ENOENT'
          ? ' (install the Debian package unbound; .ci/run and npm test do so as root)'
          : '';
      reject(new Error(`cannot start unbound${hint}: ${error.message}`, { cause: error }));
    });
    let ready = false;
    child.on('exit', (code) => {
      if (ready) return;
      clearTimeout(timer);
      reject(new Error(`unbound exited with ${code} before it was ready:\n${log}`));
    });
    child.stderr!.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (!ready && log.includes('start of service')) {
        ready = true;
        clearTimeout(timer);
        resolve(child);
      }
    });
  });
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), 2_000);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

function fqdn(name: string): string {
  if (name === '.' || name === '') return '.';
  return name.endsWith('.') ? name : `${name}.`;
}

function quoteTxt(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/** A TXT value as character-strings: given parts as they are, a long string split at 255. */
function characterStrings(txt: string | string[]): string[] {
  if (Array.isArray(txt)) return txt;
  const parts: string[] = [];
  for (let i = 0; i < txt.length; i += MAX_CHARACTER_STRING)
    parts.push(txt.slice(i, i + MAX_CHARACTER_STRING));
  return parts.length > 0 ? parts : [''];
}

/** A port free for both UDP and TCP on `host`. */
export async function freePort(host: string): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await new Promise<number>((resolve, reject) => {
      const server = createTcpServer();
      server.once('error', reject);
      server.listen(0, host, () => {
        const address = server.address();
        server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
      });
    });
    const udpFree = await new Promise<boolean>((resolve) => {
      const socket = createSocket('udp4');
      socket.once('error', () => resolve(false));
      socket.bind(port, host, () => socket.close(() => resolve(true)));
    });
    if (udpFree) return port;
  }
  throw new Error(`no free port on ${host} for both UDP and TCP`);
}

// ---------------------------------------------------------------------------------------------
// dns2 in-process server for edge cases

/** How the fake server misbehaves for one name (every type unless `types` narrows it). */
export interface Misbehaviour {
  types?: ('A' | 'AAAA' | 'MX' | 'TXT')[];
  /** Answer with this rcode and no records. */
  rcode?: 'SERVFAIL' | 'REFUSED' | 'FORMERR' | 'NOTIMP';
  /** Never answer. */
  silent?: boolean;
  /** Wait this long before answering. */
  delayMs?: number;
  /** The first N questions get SERVFAIL (a transient failure), the rest the real answer. */
  failFirst?: number;
  /** The first N questions get no answer at all. */
  dropFirst?: number;
}

export interface QueryLogEntry {
  name: string;
  type: string;
  transport: 'udp' | 'tcp';
}

export interface FakeDns extends RunningDns {
  /** Every question received, in order. */
  queries: QueryLogEntry[];
}

const RCODES = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

type Request = InstanceType<typeof Packet>;

/** Starts dns2's UDP and TCP servers on one loopback port, serving `zone` with `misbehave`. */
export async function startFakeDns(
  zone: DnsZone,
  misbehave: Record<string, Misbehaviour> = {},
  host = '127.0.0.1',
): Promise<FakeDns> {
  const queries: QueryLogEntry[] = [];
  const seen = new Map<string, number>();
  const byName = new Map(Object.entries(zone).map(([name, data]) => [name.toLowerCase(), data]));
  const misbehaviour = new Map(Object.entries(misbehave).map(([name, m]) => [name.toLowerCase(), m]));
  const typeName = (type: number): string =>
    Object.entries(Packet.TYPE).find(([, value]) => value === type)?.[0] ?? String(type);

  const handle = (transport: 'udp' | 'tcp') => (request: Request, send: (response: Request) => void) => {
    const question = request.questions[0]!;
    const name = question.name.toLowerCase().replace(/\.$/, '');
    const type = typeName(question.type);
    queries.push({ name, type, transport });
    const key = `${type} ${name}`;
    const count = (seen.get(key) ?? 0) + 1;
    seen.set(key, count);
    const response = Packet.createResponseFromRequest(request);
    response.header.ra = 1;
    const m = misbehaviour.get(name);
    const applies = m && (!m.types || (m.types as string[]).includes(type));
    if (applies && (m.silent || (m.dropFirst && count <= m.dropFirst))) return;
    if (applies && m.rcode) {
      response.header.rcode = RCODES[m.rcode];
    } else if (applies && m.failFirst && count <= m.failFirst) {
      response.header.rcode = RCODES.SERVFAIL;
    } else {
      fillAnswer(response, name, question, byName);
    }
    const delay = applies ? (m.delayMs ?? 0) : 0;
    if (delay > 0) setTimeout(() => send(response), delay).unref();
    else send(response);
  };

  for (let attempt = 0; ; attempt++) {
    const port = await freePort(host);
    const udp = dns2.createUDPServer(handle('udp') as never);
    const tcp = dns2.createTCPServer(handle('tcp') as never);
    try {
      await new Promise<void>((resolve, reject) => {
        udp.once('error', reject);
        udp.bind(port, host, () => resolve());
      });
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(port, host, () => resolve());
      });
    } catch (error) {
      udp.close();
      tcp.close();
      if (attempt >= 4) throw error;
      continue;
    }
    return {
      host,
      port,
      resolver: `${host}:${port}`,
      queries,
      stop: async () => {
        await new Promise<void>((resolve) => udp.close(() => resolve()));
        await new Promise<void>((resolve) => tcp.close(() => resolve()));
      },
    };
  }
}

function fillAnswer(
  response: Request,
  name: string,
  question: Request['questions'][number],
  zone: Map<string, NameData>,
): void {
  const data = zone.get(name);
  if (!data) {
    response.header.rcode = RCODES.NXDOMAIN;
    return;
  }
  const base = { name: question.name, class: Packet.CLASS.IN, ttl: 300 };
  if (data.CNAME) {
    // A server that is not authoritative for the target answers with the alias alone.
    response.answers.push({ ...base, type: Packet.TYPE.CNAME, domain: data.CNAME } as never);
    return;
  }
  switch (question.type) {
    case Packet.TYPE.A:
      for (const address of data.A ?? [])
        response.answers.push({ ...base, type: Packet.TYPE.A, address } as never);
      break;
    case Packet.TYPE.AAAA:
      for (const address of data.AAAA ?? [])
        response.answers.push({ ...base, type: Packet.TYPE.AAAA, address } as never);
      break;
    case Packet.TYPE.MX:
      for (const mx of data.MX ?? []) {
        const exchange = mx.exchange === '.' ? '' : mx.exchange;
        response.answers.push({ ...base, type: Packet.TYPE.MX, priority: mx.preference, exchange } as never);
      }
      break;
    case Packet.TYPE.TXT:
      for (const txt of data.TXT ?? [])
        response.answers.push({ ...base, type: Packet.TYPE.TXT, data: characterStrings(txt) } as never);
      break;
  }
}

// ---------------------------------------------------------------------------------------------
// DNS over HTTPS (RFC 8484) for the DoH transport

export interface FakeDoh {
  /** `https://127.0.0.1:PORT/dns-query`, as `--doh` takes it. */
  url: string;
  requests: number;
  stop(): Promise<void>;
}

/**
 * An RFC 8484 GET endpoint serving `zone`; `behaviour` makes it fail with HTTP 500 or never
 * answer. The certificate must cover the host of the URL (an IP SAN for 127.0.0.1).
 */
export async function startFakeDoh(
  zone: DnsZone,
  cert: IssuedCert,
  behaviour: 'normal' | 'http-500' | 'stall' = 'normal',
): Promise<FakeDoh> {
  const byName = new Map(Object.entries(zone).map(([name, data]) => [name.toLowerCase(), data]));
  const state = { requests: 0 };
  const server = createHttpsServer({ key: cert.keyPem, cert: cert.chainPem }, (req, res) => {
    state.requests++;
    if (behaviour === 'stall') return;
    if (behaviour === 'http-500') {
      res.writeHead(500).end();
      return;
    }
    const url = new URL(req.url ?? '/', 'https://doh.invalid');
    const request = Packet.parse(Buffer.from(url.searchParams.get('dns') ?? '', 'base64url'));
    const question = request.questions[0]!;
    const response = Packet.createResponseFromRequest(request);
    response.header.ra = 1;
    fillAnswer(response, question.name.toLowerCase().replace(/\.$/, ''), question, byName);
    res.writeHead(200, { 'content-type': 'application/dns-message' }).end(response.toBuffer());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `https://127.0.0.1:${port}/dns-query`,
    get requests() {
      return state.requests;
    },
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
