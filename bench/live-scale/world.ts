/**
 * The live-scale world: N all-valid mail domains, each with an MTA-STS record and policy, a
 * TLS-RPT record and 2 MX hosts, served by real servers on loopback behind the delay proxy:
 * unbound (DNS), one HTTPS policy server and one STARTTLS SMTP server, which pick their
 * certificate by SNI. As on the internet, hosts are shared: MX hosts belong to a few providers
 * and policy hosts sit on shared addresses with multi-name certificates, so the same few dozen
 * certificates recur across thousands of handshakes.
 */
import { mkdir } from 'node:fs/promises';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { createSecureContext, TLSSocket, type SecureContext } from 'node:tls';
import { startUnbound, type DnsZone, type RunningDns } from '../../test/harness/dns-server.js';
import { createTestCa } from '../../test/harness/pki.js';
import {
  startTcpDelayProxy,
  startUdpDelayProxy,
  type Delay,
  type TcpDelayProxy,
  type UdpDelayProxy,
} from './delay-proxy.js';

/** Mail providers; each runs 2 MX hosts that many domains share. */
const PROVIDERS = 25;
/** Policy host names per certificate and per shared address. */
const POLICY_HOSTS_PER_CERT = 40;
/** 127.77.0.x: MX hosts; 127.77.1.x: shared policy host addresses. */
const ADDRESS_PREFIX = '127.77';

export interface LiveWorld {
  domains: string[];
  resolver: string;
  smtpPort: number;
  policyPort: number;
  caFile: string;
  delay: Delay;
  stop(): Promise<void>;
}

export function domainName(i: number): string {
  return `d${i}.bench.example`;
}

function mxHosts(i: number): [string, string] {
  const p = i % PROVIDERS;
  return [`mx1.p${p}.bench-mx.example`, `mx2.p${p}.bench-mx.example`];
}

function policyBody(i: number): string {
  const [a, b] = mxHosts(i);
  return `version: STSv1\r\nmode: enforce\r\nmx: ${a}\r\nmx: ${b}\r\nmax_age: 604800\r\n`;
}

export async function startLiveWorld(options: {
  n: number;
  dir: string;
  smtpPort: number;
  policyPort: number;
}): Promise<LiveWorld> {
  const { n } = options;
  const groups = Math.ceil(n / POLICY_HOSTS_PER_CERT);
  if (groups > 250) throw new Error(`live-scale: at most ${250 * POLICY_HOSTS_PER_CERT} domains`);
  await mkdir(options.dir, { recursive: true });
  const caDir = join(options.dir, `ca-${process.pid}`);
  await mkdir(caDir, { recursive: true });
  const ca = await createTestCa(caDir);
  const contexts = new Map<string, SecureContext>();
  const zone: DnsZone = {};
  const mxAddress = (p: number, k: number): string => `${ADDRESS_PREFIX}.0.${1 + 2 * p + k}`;
  for (let p = 0; p < PROVIDERS; p++) {
    for (const k of [0, 1]) {
      const host = `mx${k + 1}.p${p}.bench-mx.example`;
      zone[host] = { A: [mxAddress(p, k)] };
      const cert = await ca.issue({ hosts: [host], key: 'ec256' });
      contexts.set(host, createSecureContext({ key: cert.keyPem, cert: cert.chainPem }));
    }
  }
  const domains: string[] = [];
  for (let g = 0; g < groups; g++) {
    const names: string[] = [];
    for (let i = g * POLICY_HOSTS_PER_CERT; i < Math.min(n, (g + 1) * POLICY_HOSTS_PER_CERT); i++) {
      const domain = domainName(i);
      domains.push(domain);
      const policyHost = `mta-sts.${domain}`;
      names.push(policyHost);
      const [a, b] = mxHosts(i);
      zone[domain] = {
        MX: [
          { preference: 10, exchange: a },
          { preference: 20, exchange: b },
        ],
      };
      zone[`_mta-sts.${domain}`] = { TXT: ['v=STSv1; id=20261201T000000'] };
      zone[`_smtp._tls.${domain}`] = { TXT: [`v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`] };
      zone[policyHost] = { A: [`${ADDRESS_PREFIX}.1.${g + 1}`] };
    }
    const cert = await ca.issue({ hosts: names, key: 'ec256' });
    const context = createSecureContext({ key: cert.keyPem, cert: cert.chainPem });
    for (const name of names) contexts.set(name, context);
  }
  const sni = (name: string, callback: (error: Error | null, context?: SecureContext) => void): void =>
    callback(null, contexts.get(name.toLowerCase()));

  const delay: Delay = { rttMs: 0 };
  const stops: (() => Promise<void>)[] = [];
  const stop = async (): Promise<void> => {
    for (const s of stops.reverse()) await s().catch(() => undefined);
  };
  try {
    const dns: RunningDns = await startUnbound(zone);
    stops.push(() => dns.stop());
    const udp: UdpDelayProxy = await startUdpDelayProxy('127.0.0.1', 0, dns, delay);
    stops.push(() => udp.close());

    const policyServer = startPolicyBackend(sni);
    const policyBackend = await listen(policyServer);
    stops.push(() => closeServer(policyServer));
    const smtpServer = startSmtpBackend(sni);
    const smtpBackend = await listen(smtpServer);
    stops.push(() => closeServer(smtpServer));

    const policyFronts = Array.from({ length: groups }, (_, g) => `${ADDRESS_PREFIX}.1.${g + 1}`);
    const mxFronts = Array.from({ length: 2 * PROVIDERS }, (_, j) => `${ADDRESS_PREFIX}.0.${1 + j}`);
    const proxies: TcpDelayProxy[] = [
      await startTcpDelayProxy(policyFronts, options.policyPort, policyBackend, delay),
      await startTcpDelayProxy(mxFronts, options.smtpPort, smtpBackend, delay),
    ];
    for (const proxy of proxies) stops.push(() => proxy.close());
    return {
      domains,
      resolver: `${udp.host}:${udp.port}`,
      smtpPort: options.smtpPort,
      policyPort: options.policyPort,
      caFile: ca.caFile,
      delay,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

type Sni = (name: string, callback: (error: Error | null, context?: SecureContext) => void) => void;

function startPolicyBackend(sni: Sni): HttpsServer {
  return createHttpsServer({ SNICallback: sni }, (req, res) => {
    const host = (req.headers.host ?? '').replace(/:\d+$/, '').toLowerCase();
    const match = /^mta-sts\.d(\d+)\.bench\.example$/.exec(host);
    if (!match || req.url !== '/.well-known/mta-sts.txt') {
      res.writeHead(404).end();
      return;
    }
    const body = policyBody(Number(match[1]));
    res.writeHead(200, { 'content-type': 'text/plain', 'content-length': Buffer.byteLength(body) });
    res.end(body);
  });
}

/** A minimal ESMTP server (RFC 5321 + RFC 3207 STARTTLS): banner, EHLO, STARTTLS, QUIT. */
function startSmtpBackend(sni: Sni): Server {
  return createServer((socket) => {
    socket.on('error', () => undefined);
    socket.write('220 mx.bench-mx.example ESMTP\r\n');
    serveLines(socket, false, sni);
  });
}

function serveLines(socket: Socket | TLSSocket, secure: boolean, sni: Sni): void {
  let buffered = '';
  const onData = (chunk: Buffer): void => {
    buffered += chunk.toString('latin1');
    let end: number;
    while ((end = buffered.indexOf('\r\n')) >= 0) {
      const line = buffered.slice(0, end);
      buffered = buffered.slice(end + 2);
      const verb = line.slice(0, 4).toUpperCase();
      if (verb === 'EHLO') {
        socket.write(
          secure
            ? '250-mx.bench-mx.example\r\n250 8BITMIME\r\n'
            : '250-mx.bench-mx.example\r\n250-8BITMIME\r\n250 STARTTLS\r\n',
        );
      } else if (verb === 'HELO') {
        socket.write('250 mx.bench-mx.example\r\n');
      } else if (line.toUpperCase() === 'STARTTLS' && !secure) {
        socket.off('data', onData);
        socket.write('220 go ahead\r\n');
        const upgraded = new TLSSocket(socket, { isServer: true, SNICallback: sni });
        upgraded.on('error', () => socket.destroy());
        serveLines(upgraded, true, sni);
        return;
      } else if (verb === 'QUIT') {
        socket.end('221 bye\r\n');
        return;
      } else {
        socket.write('502 not here\r\n');
      }
    }
  };
  socket.on('data', onData);
}

function listen(server: Server): Promise<{ host: string; port: number }> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port: 0, backlog: 4096 }, () => {
      const address = server.address();
      if (!address || typeof address === 'string') reject(new Error('no address'));
      else resolve({ host: '127.0.0.1', port: address.port });
    });
  });
}

function closeServer(server: Server): Promise<void> {
  (server as Server & { closeAllConnections?: () => void }).closeAllConnections?.();
  return new Promise((resolve) => server.close(() => resolve()));
}
