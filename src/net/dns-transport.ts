/**
 * How one DNS question travels: UDP to `--resolver` with TCP when the answer is truncated
 * (RFC 1035 §4.2.1, RFC 7766 §6.2.1), or DNS over HTTPS (RFC 8484) to `--doh`. One try, one
 * deadline; retries and the meaning of the answer live in dns.ts.
 *
 * Messages are encoded and parsed by dns-message.ts (validated, linear in the packet size); UDP
 * goes over a small pool of reused sockets (dns-socket-pool.ts). dns2 is no longer on this path:
 * its reader trusted the header's counts (issue 9, class 3) and was a CPU hot spot (issue 11).
 */
import { randomInt } from 'node:crypto';
import type { request as httpsRequest } from 'node:https';
import { connect, isIP } from 'node:net';
import {
  DnsMessageError,
  encodeQuery,
  parseMessage,
  type DnsMessage,
  type QueryType,
} from './dns-message.js';
import { DnsSocketPool } from './dns-socket-pool.js';
import { clearNetworkTimeout, setNetworkTimeout } from './network-timer.js';

export type DnsPacket = DnsMessage;
export type { QueryType };

/** A failed try, with a short machine-readable code ('timeout', 'network', 'malformed', 'http'). */
export class DnsTransportError extends Error {
  constructor(
    readonly code: 'timeout' | 'network' | 'malformed' | 'http',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** One try of one question; rejects with DnsTransportError. */
export type DnsTransport = (name: string, type: QueryType, timeoutMs: number) => Promise<DnsPacket>;

/** RFC 1035 §4.2.2: TCP messages carry a two-byte length, so 65535 is the most there can be. */
const MAX_DNS_MESSAGE_BYTES = 65_535;

export interface ServerAddress {
  host: string;
  port: number;
}

/** UDP first; on TC=1 the same question over TCP to the same server and port. */
export function udpTransport(server: ServerAddress): DnsTransport {
  const pool = new DnsSocketPool(server.host, server.port);
  return async (name, type, timeoutMs) => {
    const started = Date.now();
    const what = `${type} ${name} over UDP to ${describe(server)}`;
    const outcome = await pool.query(name, type, timeoutMs);
    switch (outcome.kind) {
      case 'timeout':
        throw new DnsTransportError('timeout', `${what}: no answer within ${timeoutMs} ms`);
      case 'network':
        throw new DnsTransportError('network', `${what}: ${outcome.error}`);
      case 'malformed':
        throw new DnsTransportError('malformed', `${what}: ${outcome.error}`);
    }
    if (!outcome.message.header.tc) return outcome.message;
    return tcpQuery(server, name, type, Math.max(1, timeoutMs - (Date.now() - started)));
  };
}

/** One question over TCP (RFC 7766), with a deadline that destroys the socket. */
export function tcpQuery(
  server: ServerAddress,
  name: string,
  type: QueryType,
  timeoutMs: number,
): Promise<DnsPacket> {
  const id = randomInt(0x10000);
  const message = encodeQuery(id, name, type);
  const framed = Buffer.alloc(2 + message.length);
  framed.writeUInt16BE(message.length, 0);
  message.copy(framed, 2);
  const what = `${type} ${name} over TCP to ${describe(server)}`;
  return new Promise<DnsPacket>((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    let received = Buffer.alloc(0);
    const finish = (error: DnsTransportError | null, packet?: DnsPacket): void => {
      clearNetworkTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(packet!);
    };
    const timer = setNetworkTimeout(
      () => finish(new DnsTransportError('timeout', `${what}: no answer within ${timeoutMs} ms`)),
      timeoutMs,
    );
    socket.on('connect', () => socket.write(framed));
    socket.on('error', (error) => finish(asTransportError(error, what)));
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      if (received.length < 2) return;
      const length = received.readUInt16BE(0);
      if (received.length < 2 + length) return;
      try {
        const packet = parseMessage(received.subarray(2, 2 + length));
        if (packet.header.id !== id) {
          finish(new DnsTransportError('malformed', `${what}: answer has the wrong message id`));
        } else {
          finish(null, packet);
        }
      } catch (error) {
        finish(
          new DnsTransportError('malformed', `${what}: unreadable answer: ${reason(error)}`, {
            cause: error,
          }),
        );
      }
    });
    socket.on('end', () =>
      finish(new DnsTransportError('network', `${what}: connection closed before a full answer`)),
    );
  });
}

/**
 * RFC 8484 §4.1 GET with `?dns=<base64url>`. Trust is Node's roots plus NODE_EXTRA_CA_CERTS.
 * The DoH server's own name (if the URL has one) is the one name resolved by the system.
 */
export function dohTransport(url: string): DnsTransport {
  // node:https loads at the first DoH query: a run over UDP never needs it, and it costs a tenth
  // of the action's start (issue 11 item 6). The timer below starts after it is loaded.
  let https: Promise<{ request: typeof httpsRequest }> | null = null;
  return async (name, type, timeoutMs) => {
    const { request } = await (https ??= import('node:https'));
    // RFC 8484 §4.1: use id 0 so answers can be cached by HTTP caches.
    const query = encodeQuery(0, name, type);
    const target = new URL(url);
    target.searchParams.set('dns', query.toString('base64url'));
    const what = `${type} ${name} over DoH to ${target.origin}`;
    return new Promise<DnsPacket>((resolve, reject) => {
      const req = request(target, { headers: { accept: 'application/dns-message' } });
      const finish = (error: DnsTransportError | null, packet?: DnsPacket): void => {
        clearNetworkTimeout(timer);
        req.destroy();
        if (error) reject(error);
        else resolve(packet!);
      };
      const timer = setNetworkTimeout(
        () => finish(new DnsTransportError('timeout', `${what}: no answer within ${timeoutMs} ms`)),
        timeoutMs,
      );
      req.on('error', (error) => finish(asTransportError(error, what)));
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        let bytes = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (bytes > MAX_DNS_MESSAGE_BYTES) {
            finish(
              new DnsTransportError(
                'malformed',
                `${what}: answer larger than ${MAX_DNS_MESSAGE_BYTES} bytes`,
              ),
            );
          } else {
            chunks.push(chunk);
          }
        });
        res.on('error', (error) => finish(asTransportError(error, what)));
        res.on('end', () => {
          if (res.statusCode !== 200) {
            finish(new DnsTransportError('http', `${what}: HTTP ${res.statusCode}`));
            return;
          }
          try {
            finish(null, parseMessage(Buffer.concat(chunks)));
          } catch (error) {
            finish(
              new DnsTransportError('malformed', `${what}: unreadable answer: ${reason(error)}`, {
                cause: error,
              }),
            );
          }
        });
      });
      req.end();
    });
  };
}

function reason(error: unknown): string {
  return error instanceof DnsMessageError ? error.message : String(error);
}

function asTransportError(error: unknown, what: string): DnsTransportError {
  if (error instanceof DnsTransportError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code === 'ETIMEDOUT') return new DnsTransportError('timeout', `${what}: ${text}`, { cause: error });
  return new DnsTransportError('network', `${what}: ${code ?? text}`, { cause: error });
}

function describe(server: ServerAddress): string {
  return isIP(server.host) === 6 ? `[${server.host}]:${server.port}` : `${server.host}:${server.port}`;
}
