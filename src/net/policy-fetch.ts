/**
 * The PolicyFetcher port (RFC 8461 §3.3) on @actions/http-client: `GET
 * https://mta-sts.<domain>/.well-known/mta-sts.txt` from ONE address of the policy host, the
 * address our own resolver returned (observe.ts calls this once per address).
 *
 * What a compliant sender does, recorded as facts for src/core/rules/policy.ts:
 * - the certificate is verified as any HTTPS client does (Node's roots + NODE_EXTRA_CA_CERTS,
 *   host name = the policy host); a failure is `error.code = 'tls'` with the OpenSSL code, and the
 *   certificate the host presented is still recorded (for the message and the expiry rule);
 * - redirects are never followed (§3.3 "MUST NOT follow"): status and Location are recorded;
 * - the body is read by us, never more than MAX_POLICY_BYTES (§3.3: senders stop at 64 KiB), within
 *   one total deadline, so a host that trickles its body cannot hold a run.
 *
 * Connections always go straight to the resolved address: no proxy, no system name lookup
 * (docs/adr/0001-policy-fetch-direct-connections.md).
 */
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import tls from 'node:tls';
import { HttpClient, type HttpClientResponse } from '@actions/http-client';
import type { RequestHandler } from '@actions/http-client/lib/interfaces';
import type { CertificateFacts, PolicyFetchObservation, TlsFacts } from '../core/observation.js';
import { MAX_POLICY_BYTES } from '../core/policy.js';
import type { PolicyFetcher } from '../ports.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { cachedCertificateFacts } from './cert-facts-cache.js';
import { destroyLater } from './socket-teardown.js';
import { sharedSecureContext } from './tls-context.js';
import { clearNetworkTimeout, setNetworkTimeout, type NetworkTimer } from './network-timer.js';
import { policyHost, policyUrl } from './policy-url.js';

const USER_AGENT = `${TOOL_NAME}/${TOOL_VERSION} (MTA-STS policy check)`;
/** Chains longer than this are not walked further (a loop guard; real chains are 2-4). */
const MAX_CHAIN_LENGTH = 10;

export interface PolicyFetcherOptions {
  /** --policy-port: 443 except on test rigs and the demo. */
  port: number;
  /** The whole fetch (connect, TLS, headers, body) ends within this. */
  timeoutSeconds: number;
}

class Deadline extends Error {}

export class HttpPolicyFetcher implements PolicyFetcher {
  constructor(private readonly options: PolicyFetcherOptions) {}

  async fetch(domain: string, address: string): Promise<PolicyFetchObservation> {
    const host = policyHost(domain);
    const url = policyUrl(domain, this.options.port);
    const started = Date.now();
    const observation: PolicyFetchObservation = {
      url,
      address,
      status: null,
      contentType: null,
      location: null,
      body: null,
      bytes: 0,
      truncated: false,
      ms: 0,
      tls: null,
      error: null,
    };
    const connection = new PinnedConnection(host, address);
    const client = new HttpClient(USER_AGENT, [connection], {
      allowRedirects: false,
      allowRetries: false,
      keepAlive: false,
      socketTimeout: this.options.timeoutSeconds * 1000,
    });
    let timer: NetworkTimer | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setNetworkTimeout(() => {
        connection.destroy();
        reject(new Deadline());
      }, this.options.timeoutSeconds * 1000);
    });
    try {
      const response = await Promise.race([client.get(url), deadline]);
      observation.status = response.message.statusCode ?? null;
      observation.contentType = header(response, 'content-type');
      observation.location = header(response, 'location');
      const body = await Promise.race([readCapped(response, MAX_POLICY_BYTES), deadline]);
      observation.body = body.text;
      observation.bytes = body.bytes;
      observation.truncated = body.truncated;
      // A complete answer is not an error whatever its status: the status is the fact to judge.
      if (body.truncated) {
        observation.error = { code: 'too-large', message: `body larger than ${MAX_POLICY_BYTES} bytes` };
      }
    } catch (error) {
      observation.error = classify(error, this.options.timeoutSeconds);
    } finally {
      clearNetworkTimeout(timer);
      connection.destroy();
      client.dispose();
      observation.ms = Date.now() - started;
    }
    observation.tls = connection.tlsFacts(observation.error);
    return observation;
  }
}

/**
 * The RequestHandler that pins the connection: the TCP connection goes to `address` (a lookup
 * that answers with it), TLS SNI and certificate check use the policy host, and our own agent
 * replaces any proxy agent the client would build from http(s)_proxy. It also watches the
 * handshake so the presented certificate is known even when verification then fails.
 */
class PinnedConnection implements RequestHandler {
  private readonly agent: https.Agent;
  private readonly sockets: tls.TLSSocket[] = [];
  private handshake: Omit<TlsFacts, 'chainError' | 'hostnameError' | 'revocation'> | null = null;
  private hostnameError: string | null = null;

  constructor(
    private readonly host: string,
    private readonly address: string,
  ) {
    // No keep-alive and no session cache: every fetch is a full handshake that shows the certificate.
    this.agent = new https.Agent({ keepAlive: false, maxCachedSessions: 0 });
    const create = this.agent.createConnection.bind(this.agent) as (...args: unknown[]) => tls.TLSSocket;
    (this.agent as unknown as { createConnection: (...args: unknown[]) => tls.TLSSocket }).createConnection =
      (...args: unknown[]) => {
        const socket = create(...args);
        this.sockets.push(socket);
        // 'secure' fires when the handshake is done and before Node judges the certificate, so the
        // facts are read here, for a certificate that will be refused too.
        socket.prependOnceListener('secure', () => this.capture(socket));
        return socket;
      };
  }

  prepareRequest(options: https.RequestOptions): void {
    options.agent = this.agent;
    options.lookup = this.lookup;
    options.servername = this.host;
    options.rejectUnauthorized = true;
    // One context for every fetch of the run (the default trust store + NODE_EXTRA_CA_CERTS).
    (options as tls.ConnectionOptions).secureContext = sharedSecureContext({});
    // Node reads the peer chain for this check when the chain verified: keep that copy rather
    // than reading it again (getPeerCertificate(true) is costly). Same judgement as Node's own.
    options.checkServerIdentity = (host, cert) => {
      this.describe(cert as tls.DetailedPeerCertificate);
      return tls.checkServerIdentity(host, cert);
    };
  }

  canHandleAuthentication(): boolean {
    return false;
  }

  handleAuthentication(): Promise<HttpClientResponse> {
    return Promise.reject(new Error('no authentication for policy fetches'));
  }

  /** Called when a fetch is over, possibly from inside a read: sockets go on the next turn. */
  destroy(): void {
    for (const socket of this.sockets) destroyLater(socket);
    setImmediate(() => this.agent.destroy());
  }

  /** TLS facts of the connection, with the verification outcome taken from the fetch error. */
  tlsFacts(error: PolicyFetchObservation['error']): TlsFacts | null {
    if (!this.handshake) return null;
    const code = error?.code === 'tls' ? error.message.split(':')[0]! : null;
    return {
      ...this.handshake,
      chainError: code && code !== 'ERR_TLS_CERT_ALTNAME_INVALID' ? code : null,
      hostnameError: this.hostnameError,
      revocation: null,
    };
  }

  private readonly lookup: LookupFunction = (_hostname, options, callback) => {
    const family = this.address.includes(':') ? 6 : 4;
    // Answer on a later tick, as dns.lookup does. Issue 9 class 1: answered synchronously, a
    // connect that fails at once (ENETUNREACH) destroys the socket inside tls.connect, which then
    // throws and loses the socket, whose 'error' event has no listener and ends the process.
    process.nextTick(() => this.answerLookup(options, callback, family));
  };

  private answerLookup(
    options: Parameters<LookupFunction>[1],
    callback: Parameters<LookupFunction>[2],
    family: number,
  ): void {
    if ((options as { all?: boolean }).all) {
      (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, [
        { address: this.address, family },
      ]);
    } else {
      callback(null, this.address, family);
    }
  }

  private capture(socket: tls.TLSSocket): void {
    this.handshake = { version: socket.getProtocol(), cipher: socket.getCipher()?.name ?? null, chain: [] };
    // When the chain verified, Node's own onConnectSecure (the next 'secure' listener) hands the
    // chain to checkServerIdentity above; otherwise it never reads it, so it is read here.
    const verifyError = (
      socket as unknown as { _handle?: { verifyError?: () => unknown } }
    )._handle?.verifyError?.();
    if (verifyError === null) return;
    this.describe(socket.getPeerCertificate(true));
  }

  private describe(peer: tls.DetailedPeerCertificate | null | undefined): void {
    if (this.handshake) this.handshake.chain = peer?.raw ? walkChain(peer) : [];
    if (peer?.raw) {
      const mismatch = tls.checkServerIdentity(this.host, peer);
      this.hostnameError = mismatch ? mismatch.message : null;
    } else {
      this.hostnameError = 'no certificate';
    }
  }
}

function walkChain(leaf: tls.DetailedPeerCertificate): CertificateFacts[] {
  const chain: CertificateFacts[] = [];
  const seen = new Set<string>();
  let cert: tls.DetailedPeerCertificate | undefined = leaf;
  while (cert?.raw && !seen.has(cert.fingerprint256) && chain.length < MAX_CHAIN_LENGTH) {
    seen.add(cert.fingerprint256);
    try {
      chain.push(cachedCertificateFacts(cert.fingerprint256, cert.raw));
    } catch {
      break; // an unreadable certificate ends the chain we can describe, not the fetch
    }
    cert = cert.issuerCertificate;
  }
  return chain;
}

function header(response: HttpClientResponse, name: string): string | null {
  const value = response.message.headers[name];
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

interface CappedBody {
  text: string;
  bytes: number;
  truncated: boolean;
}

/** Reads at most `cap` bytes of the body; more than that stops the read (and the connection). */
function readCapped(response: HttpClientResponse, cap: number): Promise<CappedBody> {
  const message = response.message;
  return new Promise<CappedBody>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    let bytes = 0;
    let settled = false;
    const settle = (outcome: { body: CappedBody } | { error: Error }): void => {
      if (settled) return;
      settled = true;
      message.removeAllListeners('data');
      if ('body' in outcome) resolve(outcome.body);
      else reject(outcome.error);
    };
    const body = (truncated: boolean): { body: CappedBody } => ({
      body: { text: Buffer.concat(chunks).toString('utf8'), bytes, truncated },
    });
    message.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (kept < cap) {
        const part = chunk.subarray(0, cap - kept);
        chunks.push(part);
        kept += part.length;
      }
      if (bytes > cap) {
        // Settle first: destroying an incomplete response emits 'aborted' at once.
        settle(body(true));
        // Not from inside this read: the TLS socket under it must not be torn down here.
        setImmediate(() => message.destroy());
      }
    });
    message.once('end', () => settle(body(false)));
    message.once('error', (error) => settle({ error }));
    message.once('aborted', () =>
      settle({
        error: Object.assign(new Error('connection closed before the whole body came'), {
          code: 'ECONNRESET',
        }),
      }),
    );
  });
}

/** TLS failures: OpenSSL verification codes, Node's host check, and handshake errors. */
const TLS_ERROR =
  /^(CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|INVALID_|PATH_LENGTH_|HOSTNAME_|ERR_TLS_|ERR_SSL_|EPROTO$)/;

function classify(error: unknown, timeoutSeconds: number): { code: string; message: string } {
  if (error instanceof Deadline) {
    return { code: 'timeout', message: `no complete answer within ${timeoutSeconds} s` };
  }
  const e = error as (Error & { code?: string }) | undefined;
  const code = e?.code;
  const message = e instanceof Error ? e.message : String(error);
  if (code && TLS_ERROR.test(code)) return { code: 'tls', message: `${code}: ${message}` };
  if (/^Request timeout/.test(message)) return { code: 'timeout', message };
  // llhttp's parse errors: the peer does not speak HTTP/1.1 properly.
  if (code?.startsWith('HPE_')) return { code: 'http', message: `${code}: ${message}` };
  return { code: 'connect', message: code ? `${code}: ${message}` : message };
}
