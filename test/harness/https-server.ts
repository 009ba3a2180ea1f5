/**
 * MTA-STS policy hosts for tests (RFC 8461 §3.3): real HTTPS servers on loopback, each on its
 * own 127.0.0.x address with a certificate from the test PKI, serving
 * /.well-known/mta-sts.txt the way the scenario says: correctly, or with a redirect, a 404,
 * the wrong media type, a body over 64 KiB, a body that trickles, or no answer at all.
 *
 * Port: 443 as root (like a real policy host), POLICY_TEST_PORT otherwise; configurable per
 * server. An address already in use fails with a message saying so.
 */
import type { ServerResponse } from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import type tls from 'node:tls';
import type { IssuedCert } from './pki.js';
import { listenOn } from './listen.js';

/** The port an unprivileged test run uses (root uses 443). */
export const POLICY_TEST_PORT = 8443;

/** 443 as root (like a real policy host), POLICY_TEST_PORT otherwise. */
export function defaultPolicyPort(): number {
  // Lets two checkouts run their suites at once on one machine without EADDRINUSE.
  const override = Number(process.env.MTA_STS_GUARD_TEST_POLICY_PORT);
  if (Number.isInteger(override) && override > 0) return override;
  return process.getuid?.() === 0 ? 443 : POLICY_TEST_PORT;
}

/** How the policy URL is answered. Other paths get 404. */
export interface PolicyResponse {
  /** Default 200. */
  status?: number;
  /** Default 'text/plain'; null sends no Content-Type at all. */
  contentType?: string | null;
  body?: string | Buffer;
  /** Extra headers, e.g. {location: 'https://elsewhere.test/'}. */
  headers?: Record<string, string>;
  /** Send the body in `trickleBytes`-byte pieces this many ms apart (a slow or hostile host). */
  trickleMs?: number;
  trickleBytes?: number;
  /** Complete the TLS handshake, read the request, and never answer. */
  stall?: boolean;
  /** Answer with these bytes instead of an HTTP response, then close (a host that is not HTTP). */
  raw?: string;
}

export interface PolicyHostSpec {
  /** Loopback address, e.g. 127.0.0.41. */
  address: string;
  /** Default: defaultPolicyPort(). 0 picks a free port (read it back from the handle). */
  port?: number;
  cert: IssuedCert;
  response: PolicyResponse;
}

export interface PolicyRequestLog {
  path: string;
  host: string | undefined;
  /** TLS SNI the client sent. */
  servername: string | null;
}

export interface PolicyHostHandle {
  address: string;
  port: number;
  /** Every request received, in order. */
  requests: PolicyRequestLog[];
  close(): Promise<void>;
}

export async function startPolicyHost(spec: PolicyHostSpec): Promise<PolicyHostHandle> {
  const port = spec.port ?? defaultPolicyPort();
  const requests: PolicyRequestLog[] = [];
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const server = https.createServer({ key: spec.cert.keyPem, cert: spec.cert.chainPem }, (req, res) => {
    const socket = req.socket as tls.TLSSocket;
    requests.push({
      path: req.url ?? '',
      host: req.headers.host,
      servername: typeof socket.servername === 'string' ? socket.servername : null,
    });
    if (req.url !== '/.well-known/mta-sts.txt') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
      return;
    }
    answer(spec.response, res, timers);
  });
  server.on('secureConnection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('tlsClientError', () => undefined); // refused certificates are the point of some tests
  await listenOn(server, spec.address, port, 'HTTPS');
  const bound = server.address() as net.AddressInfo;
  return {
    address: bound.address,
    port: bound.port,
    requests,
    close: async () => {
      for (const timer of timers) clearInterval(timer);
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function answer(response: PolicyResponse, res: ServerResponse, timers: Set<NodeJS.Timeout>): void {
  if (response.stall) return;
  if (response.raw !== undefined) {
    res.socket?.end(response.raw);
    return;
  }
  const body = Buffer.from(response.body ?? '');
  const headers: Record<string, string> = { ...(response.headers ?? {}) };
  const contentType = response.contentType === undefined ? 'text/plain' : response.contentType;
  if (contentType !== null) headers['content-type'] = contentType;
  if (!response.trickleMs) {
    headers['content-length'] = String(body.length);
    res.writeHead(response.status ?? 200, headers).end(body);
    return;
  }
  res.writeHead(response.status ?? 200, headers);
  res.flushHeaders();
  const step = response.trickleBytes ?? 1;
  let offset = 0;
  const timer = setInterval(() => {
    if (res.destroyed || offset >= body.length) {
      clearInterval(timer);
      timers.delete(timer);
      if (!res.destroyed) res.end();
      return;
    }
    res.write(body.subarray(offset, offset + step));
    offset += step;
  }, response.trickleMs);
  timers.add(timer);
}
