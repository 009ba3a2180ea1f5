/**
 * Real SMTP servers for the probe and the integration scenarios, on loopback only.
 *
 * - behaviour 'normal': the `smtp-server` package with STARTTLS and the given certificate (or no
 *   STARTTLS at all when `cert` is null), TLS versions/ciphers configurable, and optionally a
 *   stapled OCSP response. Note its fixed ~100 ms "early talker" pause before the banner.
 * - the other behaviours: raw `node:net` peers that misbehave on purpose (stall, flood, drop,
 *   refuse), to prove the probe's deadlines and error codes.
 *
 * Each scenario uses its own 127.0.0.x address so that one --smtp-port serves them all: port 25
 * when running as root (like a real MX), SMTP_TEST_PORT (2525) otherwise. Both are
 * configurable per server; an address already in use fails with a message saying so.
 */
import net from 'node:net';
import { SMTPServer } from 'smtp-server';
import type { IssuedCert } from './pki.js';
import { listenOn } from './listen.js';

/** The port an unprivileged test run uses (root uses 25). */
export const SMTP_TEST_PORT = 2525;

/** 25 as root (like a real MX), SMTP_TEST_PORT otherwise. */
export function defaultSmtpPort(): number {
  // Lets two checkouts run their suites at once on one machine without EADDRINUSE.
  const override = Number(process.env.MTA_STS_GUARD_TEST_SMTP_PORT);
  if (Number.isInteger(override) && override > 0) return override;
  return process.getuid?.() === 0 ? 25 : SMTP_TEST_PORT;
}

export type SmtpBehaviour =
  /** A real SMTP server (smtp-server): STARTTLS with `cert`, or no STARTTLS when cert is null. */
  | 'normal'
  /** Accepts the connection and never says anything. */
  | 'no-banner'
  /** Starts a 220 line and never ends it. */
  | 'endless-line'
  /** Sends `220-` continuation lines forever (each short, so only the total cap stops it). */
  | 'endless-reply'
  /** Greets with 554 (RFC 5321 §3.1 "no SMTP service here"). */
  | 'reject-banner'
  /** Answers EHLO with 550 and HELO with 250. */
  | 'reject-ehlo'
  /** Answers EHLO with 421 (temporary) and HELO with 421. */
  | 'tempfail-ehlo'
  /** Offers STARTTLS and answers it with 454. */
  | 'reject-starttls'
  /** Answers STARTTLS with 220, then closes the connection. */
  | 'drop-after-starttls'
  /** Answers STARTTLS with 220, then never speaks TLS. */
  | 'stall-after-starttls'
  /** Closes the connection as soon as it is accepted. */
  | 'drop-on-connect'
  /** Behaves like a plain STARTTLS-offering peer but answers everything after `delayMs`. */
  | 'slow';

export interface SmtpServerSpec {
  /** Loopback address, e.g. 127.0.0.31. */
  address: string;
  /** Default: defaultSmtpPort(). 0 picks a free port (then read it back from the handle). */
  port?: number;
  /** Name in the banner and EHLO greeting. */
  hostname: string;
  /** Certificate for STARTTLS; null (or absent) for a server without STARTTLS ('normal' only). */
  cert?: IssuedCert | null;
  /** TLS settings of the server, e.g. {minVersion: 'TLSv1', maxVersion: 'TLSv1'} for a TLS-1.0-only MX. */
  tls?: {
    minVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
    maxVersion?: 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';
    ciphers?: string;
  };
  /** DER OCSP response to staple when the client asks (TestCa.ocspResponse). */
  ocspResponse?: Buffer;
  behaviour?: SmtpBehaviour;
  /** Delay of every reply for 'slow' (default 1000 ms). */
  delayMs?: number;
}

export interface SmtpServerHandle {
  address: string;
  port: number;
  /** Stops listening and drops every open connection (bounded: no waiting for clients). */
  close(): Promise<void>;
}

/**
 * Starts one SMTP server per `spec` and resolves once it listens. Throws (with the address)
 * when the address/port is taken, e.g. by another session on a developer's machine.
 */
export async function startSmtpServer(spec: SmtpServerSpec): Promise<SmtpServerHandle> {
  const behaviour = spec.behaviour ?? 'normal';
  const port = spec.port ?? defaultSmtpPort();
  const sockets = new Set<net.Socket>();
  let listener: net.Server;
  if (behaviour === 'normal') {
    const smtp = new SMTPServer({
      name: spec.hostname,
      banner: `${spec.hostname} ESMTP test MX`,
      logger: false,
      authOptional: true,
      disabledCommands: ['AUTH'],
      hideSTARTTLS: !spec.cert,
      closeTimeout: 100,
      ...(spec.cert ? { key: spec.cert.keyPem, cert: spec.cert.chainPem } : {}),
      // A test MX must be able to serve weak certificates (a SHA-1-signed leaf fails with "ca md
      // too weak" at OpenSSL's default level), so the harness lowers the level unless told.
      ciphers: 'DEFAULT:@SECLEVEL=0',
      ...(spec.tls ?? {}),
      onData(stream, _session, callback) {
        stream.resume();
        stream.on('end', () => callback());
      },
    });
    listener = smtp.server;
    if (spec.ocspResponse) {
      const response = spec.ocspResponse;
      listener.on(
        'OCSPRequest',
        (_cert: Buffer, _issuer: Buffer, callback: (e: Error | null, r: Buffer) => void) =>
          callback(null, response),
      );
    }
    smtp.on('error', () => undefined); // client misbehaviour is the point of some tests
  } else {
    listener = net.createServer((socket) => hostile(socket, spec.hostname, behaviour, spec.delayMs ?? 1000));
  }
  listener.on('connection', (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
  });
  await listenOn(listener, spec.address, port, 'SMTP');
  const bound = listener.address() as net.AddressInfo;
  return {
    address: bound.address,
    port: bound.port,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => listener.close(() => resolve()));
    },
  };
}

/** The raw misbehaving peers (everything that is not 'normal'). */
function hostile(socket: net.Socket, hostname: string, behaviour: SmtpBehaviour, delayMs: number): void {
  // Each reply goes out in one write; 'slow' queues each behind the previous one, delayMs apart.
  let last = Date.now();
  const say = (...lines: string[]): void => {
    const send = (): void => {
      if (!socket.destroyed && socket.writable) socket.write(lines.map((l) => `${l}\r\n`).join(''));
    };
    if (behaviour !== 'slow') return send();
    last = Math.max(last, Date.now()) + delayMs;
    const timer = setTimeout(send, last - Date.now());
    socket.on('close', () => clearTimeout(timer));
  };
  switch (behaviour) {
    case 'no-banner':
      return;
    case 'drop-on-connect':
      socket.destroy();
      return;
    case 'endless-line': {
      socket.write('220 ');
      const chunk = 'x'.repeat(1024);
      const timer = setInterval(() => !socket.destroyed && socket.write(chunk), 5);
      socket.on('close', () => clearInterval(timer));
      return;
    }
    case 'endless-reply': {
      const timer = setInterval(() => say(`220-${hostname} still greeting`), 1);
      socket.on('close', () => clearInterval(timer));
      return;
    }
    case 'reject-banner':
      say(`554 ${hostname} no SMTP service here`);
      break;
    default:
      say(`220 ${hostname} ESMTP hostile test MX`);
  }
  let buffered = '';
  socket.on('data', (chunk: Buffer) => {
    buffered += chunk.toString('latin1');
    let end: number;
    while ((end = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, end).trim();
      buffered = buffered.slice(end + 1);
      answer(line.split(' ')[0]?.toUpperCase() ?? '');
    }
  });
  function answer(verb: string): void {
    if (verb === 'QUIT') {
      say('221 bye');
      if (behaviour !== 'slow') socket.end();
    } else if (verb === 'EHLO' && behaviour === 'reject-ehlo') say('550 EHLO not accepted here');
    else if ((verb === 'EHLO' || verb === 'HELO') && behaviour === 'tempfail-ehlo')
      say('421 try again later');
    else if (verb === 'EHLO') say(`250-${hostname}`, '250-PIPELINING', '250 STARTTLS');
    else if (verb === 'HELO') say(`250 ${hostname}`);
    else if (verb === 'STARTTLS' && behaviour === 'reject-starttls')
      say('454 TLS not available due to temporary reason');
    else if (verb === 'STARTTLS' && behaviour === 'drop-after-starttls') {
      say('220 go ahead');
      socket.end();
    } else if (verb === 'STARTTLS' && (behaviour === 'stall-after-starttls' || behaviour === 'slow')) {
      // 'slow' never completes TLS either: its point is the probe's total budget.
      say('220 go ahead');
      socket.removeAllListeners('data');
    } else say('502 command not implemented');
  }
}
