/**
 * UDP DNS over a small pool of reused sockets (issue 11): a new socket per question costs a
 * bind, a file descriptor and its teardown, 7.5 % of a live run's CPU with dns2's client. Each
 * socket carries many questions at once, told apart by message id and question (RFC 5452 §4.3:
 * an answer is accepted only from the server asked, with the id and question that were sent),
 * and is replaced after QUERIES_PER_SOCKET questions so the source port keeps changing, as
 * RFC 5452 §9.2 recommends against spoofed answers.
 *
 * A question's deadline starts when its datagram is handed to the kernel, so it measures the
 * network and the server, not our own queue.
 */
import { randomInt } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { isIP } from 'node:net';
import {
  DnsMessageError,
  encodeQuery,
  parseDnsMessage,
  type DnsPacket,
  type QueryType,
} from './dns-message.js';
import { clearNetworkTimeout, setNetworkTimeout, type NetworkTimer } from './network-timer.js';

/** Sockets per server: enough to spread ids, few enough to cost nothing. */
export const DNS_POOL_SOCKETS = 4;
/** Questions a socket carries before it is retired (a fresh random source port, RFC 5452 §9.2). */
export const QUERIES_PER_SOCKET = 256;
/** RFC 1035 §4.1.1: the id is 16 bits. */
const ID_SPACE = 0x10000;

export class DnsPoolError extends Error {
  constructor(
    readonly code: 'timeout' | 'network' | 'malformed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

interface Pending {
  /** The question section we sent, lower-cased (servers may echo 0x20 case changes). */
  question: Buffer;
  resolve(packet: DnsPacket): void;
  reject(error: DnsPoolError): void;
  timer: NetworkTimer;
}

interface PooledSocket {
  socket: Socket;
  pending: Map<number, Pending>;
  used: number;
  retired: boolean;
}

export class DnsSocketPool {
  private readonly slots: (PooledSocket | null)[];
  private next = 0;
  private closed = false;

  constructor(
    private readonly server: { host: string; port: number },
    size = DNS_POOL_SOCKETS,
  ) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => null);
  }

  /** One question, one try; rejects with DnsPoolError. */
  exchange(name: string, type: QueryType, timeoutMs: number): Promise<DnsPacket> {
    if (this.closed) return Promise.reject(new DnsPoolError('network', 'resolver closed'));
    const slot = this.take();
    let id = randomInt(ID_SPACE);
    while (slot.pending.has(id)) id = (id + 1) % ID_SPACE;
    const query = encodeQuery(id, name, type);
    const question = lower(query.subarray(12));
    return new Promise<DnsPacket>((resolve, reject) => {
      const settle = (): void => {
        clearNetworkTimeout(pending.timer);
        slot.pending.delete(id);
        if (slot.retired && slot.pending.size === 0) slot.socket.close();
      };
      const pending: Pending = {
        question,
        resolve: (packet) => {
          settle();
          resolve(packet);
        },
        reject: (error) => {
          settle();
          reject(error);
        },
        timer: setNetworkTimeout(
          () => pending.reject(new DnsPoolError('timeout', `no answer within ${timeoutMs} ms`)),
          timeoutMs,
        ),
      };
      slot.pending.set(id, pending);
      slot.socket.send(query, this.server.port, this.server.host, (error) => {
        if (error) pending.reject(new DnsPoolError('network', error.message, { cause: error }));
      });
    });
  }

  close(): void {
    this.closed = true;
    for (const slot of this.slots) if (slot) this.retire(slot);
  }

  /** The next socket in turn, replacing one that has carried its share. */
  private take(): PooledSocket {
    const index = this.next;
    this.next = (this.next + 1) % this.slots.length;
    let slot = this.slots[index];
    if (!slot || slot.retired || slot.used >= QUERIES_PER_SOCKET) {
      if (slot) this.retire(slot);
      slot = this.open();
      this.slots[index] = slot;
    }
    slot.used++;
    return slot;
  }

  private open(): PooledSocket {
    const socket = createSocket(isIP(this.server.host) === 6 ? 'udp6' : 'udp4');
    const slot: PooledSocket = { socket, pending: new Map(), used: 0, retired: false };
    // Idle pooled sockets must not keep the process alive; pending questions hold their timers.
    socket.unref();
    socket.on('message', (message, from) => this.receive(slot, message, from));
    socket.on('error', (error) => {
      slot.retired = true;
      for (const pending of [...slot.pending.values()]) {
        pending.reject(new DnsPoolError('network', error.message, { cause: error }));
      }
      try {
        socket.close();
      } catch {
        // already closed
      }
    });
    return slot;
  }

  private retire(slot: PooledSocket): void {
    slot.retired = true;
    if (slot.pending.size === 0) {
      try {
        slot.socket.close();
      } catch {
        // already closed
      }
    }
  }

  private receive(slot: PooledSocket, message: Buffer, from: { address: string; port: number }): void {
    // RFC 5452 §4: only the server asked, with an id and question we are waiting for.
    if (from.port !== this.server.port || !sameAddress(from.address, this.server.host)) return;
    if (message.length < 12 || (message[2]! & 0x80) === 0) return;
    const pending = slot.pending.get(message.readUInt16BE(0));
    if (!pending) return;
    let packet: DnsPacket;
    try {
      packet = parseDnsMessage(message);
    } catch (error) {
      // The right id from the right server, but unreadable: a failed lookup now, not a timeout.
      const text = error instanceof DnsMessageError ? error.message : String(error);
      pending.reject(new DnsPoolError('malformed', `unreadable answer: ${text}`, { cause: error }));
      return;
    }
    // A readable answer to another question is stray or spoofed: keep waiting. A server may
    // answer with no question section (some FORMERR replies); else it must be ours.
    const question = message.subarray(12, 12 + pending.question.length);
    if (packet.header.qdcount !== 0 && !lower(question).equals(pending.question)) return;
    pending.resolve(packet);
  }
}

function lower(bytes: Buffer): Buffer {
  const out = Buffer.from(bytes);
  for (let i = 0; i < out.length; i++) if (out[i]! >= 0x41 && out[i]! <= 0x5a) out[i] = out[i]! + 0x20;
  return out;
}

function sameAddress(a: string, b: string): boolean {
  return a === b || a.toLowerCase() === b.toLowerCase() || a === `::ffff:${b}`;
}
