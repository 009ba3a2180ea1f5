/**
 * A userspace delay proxy (this kernel has no netem): every byte that crosses it, in either
 * direction, is held for half a round trip, and a TCP connection is held for one whole round
 * trip before the backend is reached, as a SYN / SYN-ACK would be. So a client on loopback
 * sees the same number of round trips per protocol step as it would across a real network.
 *
 * TCP: one listener per front address (each host of the world has its own loopback address),
 * all forwarding to one backend. UDP (DNS): one front socket; each client port gets its own
 * upstream socket, so answers find their way back without rewriting message ids.
 */
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { connect, createServer, type Server, type Socket } from 'node:net';

/** An upstream UDP socket unused this long is closed (clients use a fresh port per query). */
const UDP_IDLE_MS = 5_000;

export interface Delay {
  /** Round-trip time in ms; changeable between runs. */
  rttMs: number;
}

function later(delay: Delay, ms: number, action: () => void): void {
  if (delay.rttMs <= 0) action();
  else setTimeout(action, ms);
}

export interface TcpDelayProxy {
  close(): Promise<void>;
}

/** Listens on each of `fronts` at `port` and forwards to backendHost:backendPort. */
export async function startTcpDelayProxy(
  fronts: string[],
  port: number,
  backend: { host: string; port: number },
  delay: Delay,
): Promise<TcpDelayProxy> {
  const sockets = new Set<Socket>();
  const servers: Server[] = [];
  const onConnection = (client: Socket): void => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    const held: Buffer[] = [];
    let upstream: Socket | null = null;
    let clientEnded = false;
    const fail = (): void => {
      client.destroy();
      upstream?.destroy();
    };
    client.on('error', fail);
    client.on('data', (chunk: Buffer) =>
      later(delay, delay.rttMs / 2, () => {
        if (upstream?.writable) upstream.write(chunk);
        else if (!upstream) held.push(chunk);
      }),
    );
    client.on('end', () =>
      later(delay, delay.rttMs / 2, () => {
        clientEnded = true;
        upstream?.end();
      }),
    );
    later(delay, delay.rttMs, () => {
      if (client.destroyed) return;
      const up = connect({ host: backend.host, port: backend.port });
      upstream = up;
      sockets.add(up);
      up.on('close', () => sockets.delete(up));
      up.on('error', fail);
      // A socket that is still connecting queues writes in order, so the held bytes go first.
      for (const chunk of held.splice(0)) up.write(chunk);
      if (clientEnded) up.end();
      up.on('data', (chunk: Buffer) =>
        later(delay, delay.rttMs / 2, () => {
          if (client.writable) client.write(chunk);
        }),
      );
      up.on('end', () => later(delay, delay.rttMs / 2, () => client.end()));
      up.on('close', () => later(delay, delay.rttMs / 2, () => client.destroy()));
    });
  };
  for (const front of fronts) {
    const server = createServer(onConnection);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: front, port, backlog: 4096 }, () => resolve());
    });
    servers.push(server);
  }
  return {
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((s) => new Promise((resolve) => s.close(resolve))));
    },
  };
}

export interface UdpDelayProxy {
  host: string;
  port: number;
  close(): Promise<void>;
}

/** One UDP front on host:port (port 0: any free port) forwarding to the backend. */
export async function startUdpDelayProxy(
  host: string,
  port: number,
  backend: { host: string; port: number },
  delay: Delay,
): Promise<UdpDelayProxy> {
  const front = createSocket('udp4');
  const upstreams = new Map<string, { socket: UdpSocket; idle: NodeJS.Timeout }>();
  const upstreamFor = (address: string, clientPort: number): UdpSocket => {
    const key = `${address}:${clientPort}`;
    const known = upstreams.get(key);
    if (known) {
      known.idle.refresh();
      return known.socket;
    }
    const socket = createSocket('udp4');
    socket.on('error', () => undefined);
    socket.on('message', (message) =>
      later(delay, delay.rttMs / 2, () => front.send(message, clientPort, address)),
    );
    const idle = setTimeout(() => {
      upstreams.delete(key);
      socket.close();
    }, UDP_IDLE_MS);
    upstreams.set(key, { socket, idle });
    return socket;
  };
  front.on('error', () => undefined);
  front.on('message', (message, rinfo) => {
    const upstream = upstreamFor(rinfo.address, rinfo.port);
    later(delay, delay.rttMs / 2, () => upstream.send(message, backend.port, backend.host));
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.bind(port, host, () => resolve());
  });
  return {
    host,
    port: front.address().port,
    close: async () => {
      for (const { socket, idle } of upstreams.values()) {
        clearTimeout(idle);
        socket.close();
      }
      upstreams.clear();
      await new Promise<void>((resolve) => front.close(() => resolve()));
    },
  };
}
