/**
 * DNS over UDP (RFC 1035 §4.2.1) on a small pool of reused sockets: a new socket per question
 * was 7.5% of a live run's CPU (issue 11). Each socket carries many questions at once, told apart
 * by message ID and question (RFC 5452 §4.3: an answer must match the ID, the server and the
 * question, else it is ignored and the real answer is still awaited).
 *
 * The deadline of a question starts when it is sent, so it measures the network, not our queue.
 */
import dgram from 'node:dgram';
import { randomInt } from 'node:crypto';
import { isIP } from 'node:net';
import {
  DNS_TYPE,
  DnsMessageError,
  encodeQuery,
  parseMessage,
  type DnsMessage,
  type QueryType,
} from './dns-message.js';
import { clearNetworkTimeout, setNetworkTimeout } from './network-timer.js';

/** Enough sockets to spread the source ports (RFC 5452 §9.2), few enough to cost nothing. */
export const DNS_POOL_SOCKETS = 4;
/** RFC 1035 §4.2.1 allows 512 bytes; EDNS answers can be larger, and we read what arrives. */
const MAX_UDP_ANSWER_BYTES = 65_535;

export type UdpOutcome =
  | { kind: 'answer'; message: DnsMessage }
  | { kind: 'timeout' }
  | { kind: 'malformed'; error: string }
  | { kind: 'network'; error: string };

interface Pending {
  name: string;
  type: QueryType;
  finish: (outcome: UdpOutcome) => void;
}

interface PooledSocket {
  socket: dgram.Socket;
  pending: Map<number, Pending>;
}

/** UDP questions to one server over DNS_POOL_SOCKETS shared sockets. */
export class DnsSocketPool {
  private readonly sockets: PooledSocket[] = [];
  private next = 0;

  constructor(
    private readonly host: string,
    private readonly port: number,
    private readonly size = DNS_POOL_SOCKETS,
  ) {}

  /** Sends one question and waits up to timeoutMs (from the send) for its answer. */
  query(name: string, type: QueryType, timeoutMs: number): Promise<UdpOutcome> {
    const pooled = this.pick();
    let id = randomInt(0x10000);
    for (let i = 0; pooled.pending.has(id) && i < 0x10000; i++) id = (id + 1) & 0xffff;
    let message: Buffer;
    try {
      message = encodeQuery(id, name, type);
    } catch (error) {
      return Promise.resolve({ kind: 'malformed', error: String((error as Error).message) });
    }
    return new Promise<UdpOutcome>((resolve) => {
      const finish = (outcome: UdpOutcome): void => {
        clearNetworkTimeout(timer);
        pooled.pending.delete(id);
        if (pooled.pending.size === 0) pooled.socket.unref();
        resolve(outcome);
      };
      pooled.pending.set(id, { name: name.replace(/\.$/, '').toLowerCase(), type, finish });
      pooled.socket.ref();
      const timer = setNetworkTimeout(() => finish({ kind: 'timeout' }), timeoutMs);
      pooled.socket.send(message, this.port, this.host, (error) => {
        if (error) finish({ kind: 'network', error: (error as NodeJS.ErrnoException).code ?? error.message });
      });
    });
  }

  /** Closes every socket; questions still waiting end as network failures. */
  close(): void {
    for (const pooled of this.sockets.splice(0)) {
      for (const pending of [...pooled.pending.values()])
        pending.finish({ kind: 'network', error: 'resolver closed' });
      pooled.socket.close();
    }
  }

  private pick(): PooledSocket {
    if (this.sockets.length < this.size) {
      const pooled = this.open();
      this.sockets.push(pooled);
      return pooled;
    }
    const pooled = this.sockets[this.next++ % this.sockets.length]!;
    return pooled;
  }

  private open(): PooledSocket {
    const socket = dgram.createSocket(isIP(this.host) === 6 ? 'udp6' : 'udp4');
    const pooled: PooledSocket = { socket, pending: new Map() };
    socket.unref();
    socket.on('message', (packet, from) => this.receive(pooled, packet, from));
    socket.on('error', (error: NodeJS.ErrnoException) => {
      // The socket is unusable: fail what waits on it and let the next question open a new one.
      const index = this.sockets.indexOf(pooled);
      if (index >= 0) this.sockets.splice(index, 1);
      for (const pending of [...pooled.pending.values()])
        pending.finish({ kind: 'network', error: error.code ?? error.message });
      socket.close();
    });
    return pooled;
  }

  private receive(pooled: PooledSocket, packet: Buffer, from: dgram.RemoteInfo): void {
    if (packet.length < 2 || packet.length > MAX_UDP_ANSWER_BYTES) return;
    if (from.port !== this.port || !sameHost(from.address, this.host)) return;
    const pending = pooled.pending.get(packet.readUInt16BE(0));
    if (!pending) return; // a late answer to a question that already timed out
    let message: DnsMessage;
    try {
      message = parseMessage(packet);
    } catch (error) {
      const reason = error instanceof DnsMessageError ? error.message : String(error);
      pending.finish({ kind: 'malformed', error: `unreadable answer: ${reason}` });
      return;
    }
    const question = message.questions[0];
    // An answer that echoes another question is not ours (RFC 5452 §4.3); keep waiting.
    if (
      question &&
      (question.name.toLowerCase() !== pending.name || question.type !== DNS_TYPE[pending.type])
    )
      return;
    pending.finish({ kind: 'answer', message });
  }
}

function sameHost(a: string, b: string): boolean {
  return a === b || a.replace(/^::ffff:/, '') === b.replace(/^::ffff:/, '');
}
