/**
 * How one DNS question travels: UDP to `--resolver` with TCP when the answer is truncated
 * (RFC 1035 §4.2.1, RFC 7766 §6.2.1), or DNS over HTTPS (RFC 8484) to `--doh`. One try, one
 * deadline; retries and the meaning of the answer live in dns.ts.
 *
 * dns2 encodes and parses every message. Its UDP client is used as is (with the socket family
 * chosen from the server literal, since it defaults to udp4). Its TCP and DoH clients have no
 * deadline (a stalled server hangs them forever) and the TCP one cannot take an IPv6 literal, so
 * those two transports are written here on node:net / node:https around dns2's Packet.
 */
import { randomInt } from 'node:crypto';
import { connect, isIP } from 'node:net';
import { request } from 'node:https';
import dns2 from 'dns2';

const { Packet } = dns2;

export type DnsPacket = InstanceType<typeof Packet>;
export type QueryType = 'A' | 'AAAA' | 'MX' | 'TXT' | 'CNAME';

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
  const socketType = isIP(server.host) === 6 ? 'udp6' : 'udp4';
  return async (name, type, timeoutMs) => {
    const started = Date.now();
    const query = dns2.UDPClient({
      dns: server.host,
      port: server.port,
      socketType,
      timeout: timeoutMs,
      retryOverTCP: false,
    });
    let response: DnsPacket;
    try {
      response = await query(name, type);
    } catch (error) {
      throw asTransportError(error, `${type} ${name} over UDP to ${describe(server)}`);
    }
    if (!response.header.tc) return response;
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
  const query = buildQuery(name, type);
  const message = query.toBuffer();
  const framed = Buffer.alloc(2 + message.length);
  framed.writeUInt16BE(message.length, 0);
  message.copy(framed, 2);
  const what = `${type} ${name} over TCP to ${describe(server)}`;
  return new Promise<DnsPacket>((resolve, reject) => {
    const socket = connect({ host: server.host, port: server.port });
    let received = Buffer.alloc(0);
    const finish = (error: DnsTransportError | null, packet?: DnsPacket): void => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(packet!);
    };
    const timer = setTimeout(
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
        const packet = Packet.parse(received.subarray(2, 2 + length));
        if (packet.header.id !== query.header.id) {
          finish(new DnsTransportError('malformed', `${what}: answer has the wrong message id`));
        } else {
          finish(null, packet);
        }
      } catch (error) {
        finish(new DnsTransportError('malformed', `${what}: unreadable answer`, { cause: error }));
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
  return (name, type, timeoutMs) => {
    const query = buildQuery(name, type);
    // RFC 8484 §4.1: use id 0 so answers can be cached by HTTP caches.
    query.header.id = 0;
    const target = new URL(url);
    target.searchParams.set('dns', query.toBase64URL());
    const what = `${type} ${name} over DoH to ${target.origin}`;
    return new Promise<DnsPacket>((resolve, reject) => {
      const req = request(target, { headers: { accept: 'application/dns-message' } });
      const finish = (error: DnsTransportError | null, packet?: DnsPacket): void => {
        clearTimeout(timer);
        req.destroy();
        if (error) reject(error);
        else resolve(packet!);
      };
      const timer = setTimeout(
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
            finish(null, Packet.parse(Buffer.concat(chunks)));
          } catch (error) {
            finish(new DnsTransportError('malformed', `${what}: unreadable answer`, { cause: error }));
          }
        });
      });
      req.end();
    });
  };
}

function buildQuery(name: string, type: QueryType): DnsPacket {
  const packet = new Packet();
  packet.header.id = randomInt(0x10000);
  packet.header.rd = 1;
  // dns2 encodes plain question objects; its type insists on a toBuffer it does not use.
  const question = { name, type: Packet.TYPE[type], class: Packet.CLASS.IN };
  packet.questions.push(question as (typeof packet.questions)[number]);
  return packet;
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
