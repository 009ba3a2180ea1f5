/**
 * The SMTP prober (port SmtpProber): one session with one address of one MX, as a sender
 * applying MTA-STS runs it (RFC 8461 §4, RFC 3207): the 220 banner, EHLO, STARTTLS, the TLS
 * handshake with SNI = the MX name, then QUIT. It records facts (chain, version, cipher, chain
 * verification against Node's roots + NODE_EXTRA_CA_CERTS, host name check, revocation) and
 * judges nothing: src/core/certificate.ts and src/core/rules/mx.ts do.
 *
 * Every step has a deadline of `timeoutSeconds` and the whole probe, revocation included, ends
 * within PROBE_BUDGET_FACTOR × timeoutSeconds. A peer that stalls, floods, drops or refuses
 * yields `error: {stage, code, message}`; probe() never throws for a network outcome.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { CertificateFacts, SmtpObservation, TlsFacts } from '../core/observation.js';
import type { SmtpProber } from '../ports.js';
import { cachedCertificateFacts } from './cert-facts-cache.js';
import type { RevocationChecker } from './revocation.js';
import { ProbeFailure, ReplyReader, type SmtpReply, timeout } from './smtp-reply-reader.js';
import { closeGently, destroyLater } from './socket-teardown.js';
import { sharedSecureContext } from './tls-context.js';
import { clearNetworkTimeout, setNetworkTimeout } from './network-timer.js';

/** The whole probe ends within this many step timeouts (issue 3: a run with a stalled MX ends in 3×). */
export const PROBE_BUDGET_FACTOR = 2;
/**
 * The probe's TLS configuration, one SecureContext for the run. Old servers must still be
 * measured so mx-tls-version / mx-tls-cipher-weak can be reported (FIELD-NOTES): OpenSSL 3's
 * default security level refuses TLS 1.0/1.1.
 */
const PROBE_TLS = { minVersion: 'TLSv1', ciphers: 'DEFAULT:@SECLEVEL=0' } as const;
/**
 * RFC 5321 §4.1.4: a server must not refuse a session because the EHLO name does not resolve;
 * `.invalid` (RFC 2606) says honestly that this is a probe, not a mail system.
 */
export const DEFAULT_EHLO_NAME = 'mta-sts-guard.invalid';

export interface SmtpProbeOptions {
  port: number;
  timeoutSeconds: number;
  ehloName?: string;
  /** Checks the leaf's revocation after the session; absent: revocation is not observed. */
  revocation?: RevocationChecker | null;
}

/** The real SmtpProber on node:net + node:tls. */
export class NodeSmtpProber implements SmtpProber {
  constructor(private readonly options: SmtpProbeOptions) {}

  async probe(host: string, address: string, deadlineAt?: number): Promise<SmtpObservation> {
    const started = Date.now();
    const stepMs = this.options.timeoutSeconds * 1000;
    // The caller's deadline (the domain's budget) wins when DNS already used part of the time.
    const budgetEnd = Math.min(started + PROBE_BUDGET_FACTOR * stepMs, deadlineAt ?? Infinity);
    const deadline = (): number => Math.min(Date.now() + stepMs, budgetEnd);
    const mxName = host.replace(/\.$/, '').toLowerCase();
    const observation: SmtpObservation = {
      host,
      address,
      port: this.options.port,
      connected: false,
      banner: null,
      extensions: [],
      starttlsOffered: null,
      tls: null,
      error: null,
      ms: 0,
    };
    const sockets: net.Socket[] = [];
    try {
      const socket = await connect(address, this.options.port, deadline());
      sockets.push(socket);
      observation.connected = true;
      const reader = new ReplyReader(socket);

      const banner = await reader.read('banner', deadline());
      observation.banner = banner.lines.join('\n');
      // RFC 5321 §3.1: 554 (or any non-220) instead of 220 means "no service here".
      if (banner.code !== 220) throw refused('banner', 'banner-rejected', banner);

      const ehlo = await command(
        socket,
        reader,
        `EHLO ${this.options.ehloName ?? DEFAULT_EHLO_NAME}`,
        'ehlo',
        deadline(),
      );
      if (ehlo.code !== 250) {
        // HELO only tells "EHLO refused, plain SMTP accepted" (no STARTTLS possible) from "refused".
        const helo = await command(
          socket,
          reader,
          `HELO ${this.options.ehloName ?? DEFAULT_EHLO_NAME}`,
          'ehlo',
          deadline(),
        );
        if (helo.code === 250) observation.starttlsOffered = false;
        throw new ProbeFailure(
          'ehlo',
          'ehlo-rejected',
          `EHLO answered ${describe(ehlo)}; HELO answered ${describe(helo)}`,
        );
      }
      // RFC 5321 §4.1.1.1: the first line is the greeting, then one keyword (and parameters) per line.
      observation.extensions = ehlo.lines.slice(1).map((line) => (line.split(' ')[0] ?? '').toUpperCase());
      observation.starttlsOffered = observation.extensions.includes('STARTTLS');
      if (!observation.starttlsOffered) {
        quit(socket, reader);
        return observation;
      }

      const starttls = await command(socket, reader, 'STARTTLS', 'starttls', deadline());
      if (starttls.code !== 220) throw refused('starttls', 'starttls-rejected', starttls);
      // RFC 3207 §5: anything the server sent after its 220 is discarded, never read as TLS data.
      reader.detach();

      const { secure, facts, stapled, ders } = await upgrade(socket, mxName, deadline());
      sockets.push(secure);
      observation.tls = facts;
      // Revocation starts as soon as the chain is known; QUIT needs no answer (no fact depends on it).
      const revocation =
        this.options.revocation && ders[0]
          ? this.options.revocation.check({
              leaf: ders[0],
              issuer: ders[1] ?? null,
              stapled,
              deadline: budgetEnd,
            })
          : null;
      quit(secure, null);
      if (revocation) facts.revocation = await revocation;
    } catch (error) {
      observation.error =
        error instanceof ProbeFailure
          ? { stage: error.stage, code: error.code, message: error.message }
          : { stage: observation.tls ? 'quit' : 'tls', code: 'internal', message: String(error) };
    } finally {
      closeGently(sockets);
      observation.ms = Date.now() - started;
    }
    return observation;
  }
}

function describe(reply: SmtpReply): string {
  return `${reply.code} ${reply.lines.join(' ').slice(0, 200)}`.trim();
}

function refused(stage: 'banner' | 'starttls', code: string, reply: SmtpReply): ProbeFailure {
  return new ProbeFailure(stage, code, `the server answered ${describe(reply)}`);
}

function connect(address: string, port: number, deadline: number): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const timer = setNetworkTimeout(() => {
      destroyLater(socket);
      reject(timeout('connect'));
    }, deadline - Date.now());
    socket.once('connect', () => {
      clearNetworkTimeout(timer);
      socket.removeAllListeners('error');
      // Issue 9 class 1: the socket keeps an error path for its whole life, also between the
      // reply reader's detach and the TLS upgrade and during the revocation check; the facts
      // come from the reader and the upgrade, so a late error only ends the session.
      socket.on('error', () => undefined);
      resolve(socket);
    });
    socket.once('error', (error: Error & { code?: string }) => {
      clearNetworkTimeout(timer);
      destroyLater(socket);
      reject(new ProbeFailure('connect', error.code ?? 'connect-failed', error.message));
    });
  });
}

async function command(
  socket: net.Socket,
  reader: ReplyReader,
  line: string,
  stage: 'ehlo' | 'starttls' | 'quit',
  deadline: number,
): Promise<SmtpReply> {
  socket.write(`${line}\r\n`);
  return reader.read(stage, deadline);
}

/**
 * Sends QUIT and does not wait for the 221 (RFC 5321 §4.1.1.10): the session's facts are
 * complete, and the close that follows ends the session either way.
 */
function quit(socket: net.Socket, reader: ReplyReader | null): void {
  reader?.detach();
  if (socket.writable) socket.write('QUIT\r\n');
}

interface Upgraded {
  secure: tls.TLSSocket;
  facts: TlsFacts;
  stapled: Buffer | null;
  /** DER of the chain, leaf first, as walked from the peer certificate. */
  ders: Buffer[];
}

function upgrade(socket: net.Socket, mxName: string, deadline: number): Promise<Upgraded> {
  return new Promise((resolve, reject) => {
    let stapled: Buffer | null = null;
    // Node reads the peer chain for checkServerIdentity when the chain verified; keep that copy
    // instead of asking OpenSSL for it a second time (getPeerCertificate(true) is costly).
    let peerSeen: tls.DetailedPeerCertificate | null = null;
    // requestOCSP is honoured by tls.connect (passed on to the TLSSocket) but missing from its types.
    const options: tls.ConnectionOptions & { requestOCSP: boolean } = {
      socket,
      servername: net.isIP(mxName) ? undefined : mxName,
      // This adapter OBSERVES certificates, it does not trust them: the handshake must complete
      // for a bad certificate too, so that its facts can be reported. rejectUnauthorized: false
      // is deliberate here and nowhere else; judgement is made from `authorized` /
      // `authorizationError` (chain) and tls.checkServerIdentity (host) below, and no mail or
      // credentials are ever sent over this session.
      rejectUnauthorized: false,
      // Keep `authorized` about the chain only; the host is checked separately below.
      checkServerIdentity: (_host, cert) => {
        peerSeen = cert as tls.DetailedPeerCertificate;
        return undefined;
      },
      secureContext: sharedSecureContext(PROBE_TLS),
      requestOCSP: true,
    };
    const secure = tls.connect(options);
    const timer = setNetworkTimeout(() => {
      destroyLater(secure);
      reject(timeout('tls'));
    }, deadline - Date.now());
    secure.on('OCSPResponse', (response: Buffer | null) => {
      // Node emits null when the server staples nothing.
      if (response && response.length > 0) stapled = response;
    });
    secure.once('error', (error: Error & { code?: string }) => {
      clearNetworkTimeout(timer);
      // Emitted from inside the TLS read path: destroying here is the TLSWrap use-after-free.
      destroyLater(secure);
      const dropped = error.code === 'ECONNRESET' || /disconnected before secure/.test(error.message);
      reject(
        new ProbeFailure(
          'tls',
          dropped ? 'connection-closed' : 'tls-handshake-failed',
          error.code ? `${error.code}: ${error.message}` : error.message,
        ),
      );
    });
    secure.once('secureConnect', () => {
      clearNetworkTimeout(timer);
      secure.removeAllListeners('error');
      secure.on('error', () => undefined); // later errors end the session, they change no fact
      const peer = peerSeen ?? secure.getPeerCertificate(true);
      const { chain, ders } = walkChain(peer);
      const hostError = peer.raw ? tls.checkServerIdentity(mxName, peer) : new Error('no certificate');
      const authorizationError = secure.authorizationError as unknown;
      const facts: TlsFacts = {
        version: secure.getProtocol(),
        cipher: secure.getCipher()?.name ?? null,
        chainError: secure.authorized ? null : String(authorizationError ?? 'UNKNOWN'),
        hostnameError: hostError ? hostError.message : null,
        chain,
        revocation: null,
      };
      resolve({ secure, facts, stapled, ders });
    });
  });
}

/** The leaf, then each issuer Node knows (sent by the peer or completed from the trust store). */
function walkChain(leaf: tls.DetailedPeerCertificate): { chain: CertificateFacts[]; ders: Buffer[] } {
  const chain: CertificateFacts[] = [];
  const ders: Buffer[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = leaf;
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    try {
      chain.push(cachedCertificateFacts(cert.fingerprint256, cert.raw));
      ders.push(cert.raw);
    } catch {
      break; // a certificate our reader cannot parse ends the walk; what came before stands
    }
    cert = cert.issuerCertificate;
  }
  return { chain, ders };
}
