/**
 * TLS teardown under fire (issue 11 item 3): hundreds of SMTP sessions and policy fetches at
 * once, through a delay proxy, with deadlines so short that they fire at every stage: during
 * the TCP connect, the SMTP dialogue, mid-handshake, and mid-read while the peer floods TLS
 * data. Destroying a TLS socket from inside its own read path is the TLSWrap use-after-free
 * that segfaulted whole runs; here every session must end as an observation and the process
 * must live on. (On Node 24 too: bench/live-scale with BENCH_NODE, see docs in bench/.)
 */
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import { createServer, type Server, type Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTcpDelayProxy, type Delay, type TcpDelayProxy } from '../../bench/live-scale/delay-proxy.js';
import { HttpPolicyFetcher } from '../../src/net/policy-fetch.js';
import { NodeSmtpProber } from '../../src/net/smtp-probe.js';
import { loadTestCa, type IssuedCert } from '../harness/pki.js';

const MX = 'mx.stress.test';
const POLICY_DOMAIN = 'stress.test';
const SESSIONS = 300;
const FETCHES = 200;
/** Front addresses of the delay proxy (this suite's own block). */
const SMTP_FRONT = '127.0.91.1';
const POLICY_FRONT = '127.0.91.2';

/** After STARTTLS and the handshake, sends 250- lines forever (a read that never ends). */
function floodingSmtp(cert: IssuedCert): Server {
  return createServer((socket: Socket) => {
    socket.on('error', () => undefined);
    socket.write('220 stress ESMTP\r\n');
    socket.on('data', function onData(chunk: Buffer) {
      const text = chunk.toString('latin1');
      if (/^EHLO/i.test(text)) socket.write('250-stress\r\n250 STARTTLS\r\n');
      if (/^STARTTLS/i.test(text)) {
        socket.off('data', onData);
        socket.write('220 go\r\n');
        const secure = new TLSSocket(socket, { isServer: true, key: cert.keyPem, cert: cert.chainPem });
        secure.on('error', () => socket.destroy());
        secure.on('secure', () => {
          const flood = (): void => {
            while (!secure.destroyed && secure.write('250-flooding flooding flooding flooding\r\n'));
            if (!secure.destroyed) secure.once('drain', flood);
          };
          flood();
        });
      }
    });
  });
}

/** Serves headers, then body bytes forever. */
function tricklingHttps(cert: IssuedCert): HttpsServer {
  return createHttpsServer({ key: cert.keyPem, cert: cert.chainPem }, (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    const more = (): void => {
      while (!res.destroyed && res.write('version: STSv1\r\n'.repeat(64)));
      if (!res.destroyed) res.once('drain', more);
    };
    more();
  });
}

function listen(server: Server): Promise<number> {
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
}

describe('TLS teardown under deadlines', () => {
  const delay: Delay = { rttMs: 10 };
  let smtp: Server;
  let https: HttpsServer;
  let proxies: TcpDelayProxy[] = [];
  let smtpPort = 0;
  let policyPort = 0;

  beforeAll(async () => {
    const ca = await loadTestCa();
    smtp = floodingSmtp(await ca.issue({ hosts: [MX], key: 'ec256' }));
    https = tricklingHttps(await ca.issue({ hosts: [`mta-sts.${POLICY_DOMAIN}`], key: 'ec256' }));
    const smtpBackend = await listen(smtp);
    const httpsBackend = await listen(https);
    smtpPort = 20_000 + (process.pid % 20_000);
    policyPort = smtpPort + 1;
    proxies = [
      await startTcpDelayProxy([SMTP_FRONT], smtpPort, { host: '127.0.0.1', port: smtpBackend }, delay),
      await startTcpDelayProxy([POLICY_FRONT], policyPort, { host: '127.0.0.1', port: httpsBackend }, delay),
    ];
  });
  afterAll(async () => {
    for (const proxy of proxies) await proxy.close();
    https.closeAllConnections();
    await new Promise((resolve) => https.close(resolve));
    await new Promise((resolve) => smtp.close(resolve));
  });

  it('hundreds of sessions cut at every stage all end as observations', async () => {
    // Deadlines from 5 ms (inside connect) to 800 ms (deep in the flood), spread evenly.
    const timeoutFor = (i: number): number => (5 + ((i * 37) % 795)) / 1000;
    const probes = Array.from({ length: SESSIONS }, (_, i) =>
      new NodeSmtpProber({ port: smtpPort, timeoutSeconds: timeoutFor(i) }).probe(MX, SMTP_FRONT),
    );
    const fetches = Array.from({ length: FETCHES }, (_, i) =>
      new HttpPolicyFetcher({ port: policyPort, timeoutSeconds: timeoutFor(i) }).fetch(
        POLICY_DOMAIN,
        POLICY_FRONT,
      ),
    );
    const sessions = await Promise.all(probes);
    const fetched = await Promise.all(fetches);
    // Give teardown (end, then destroy on a later turn) time to run before the servers go.
    await new Promise((resolve) => setTimeout(resolve, 1500));

    expect(sessions).toHaveLength(SESSIONS);
    const stages = new Set(sessions.map((s) => s.error?.stage ?? 'none'));
    // Deadlines fired before and inside TLS, and in the flood after it.
    expect(stages.has('tls') || stages.has('starttls')).toBe(true);
    expect(sessions.some((s) => s.tls !== null)).toBe(true);
    for (const s of sessions) expect(s.error === null || typeof s.error.code === 'string').toBe(true);
    expect(fetched).toHaveLength(FETCHES);
    expect(fetched.filter((f) => f.error?.code === 'timeout').length).toBeGreaterThan(0);
  }, 60_000);
});
