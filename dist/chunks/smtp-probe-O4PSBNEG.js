import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);
import {
  cachedCertificateFacts,
  closeGently,
  destroyLater,
  sharedSecureContext
} from "./chunk-4YF7EVS2.js";
import "./chunk-SO4UGQ5I.js";
import {
  clearNetworkTimeout,
  setNetworkTimeout
} from "./chunk-G6YZZX3V.js";
import "./chunk-FDGYIFXX.js";

// src/net/smtp-probe.ts
import net from "node:net";
import tls from "node:tls";

// src/net/smtp-reply-reader.ts
var MAX_LINE_BYTES = 4096;
var MAX_REPLY_LINES = 100;
var MAX_SESSION_BYTES = 64 * 1024;
var ProbeFailure = class extends Error {
  constructor(stage, code, message) {
    super(message);
    this.stage = stage;
    this.code = code;
  }
  stage;
  code;
};
var ReplyReader = class {
  constructor(socket) {
    this.socket = socket;
    socket.on("data", this.onData);
    socket.on("end", this.onEnd);
    socket.on("close", this.onEnd);
    socket.on("error", this.onError);
  }
  socket;
  buffer = Buffer.alloc(0);
  total = 0;
  ended = null;
  wake = null;
  onData = (chunk) => {
    this.total += chunk.length;
    this.buffer = Buffer.concat([this.buffer, chunk]);
    this.wake?.();
  };
  onEnd = () => {
    this.ended ??= "the server closed the connection";
    this.wake?.();
  };
  onError = (error) => {
    this.ended ??= `${error.code ?? "socket error"}: ${error.message}`;
    this.wake?.();
  };
  /** Stops reading (before the socket is handed to TLS); returns bytes the peer sent early. */
  detach() {
    this.socket.off("data", this.onData);
    this.socket.off("end", this.onEnd);
    this.socket.off("close", this.onEnd);
    this.socket.off("error", this.onError);
    return this.buffer;
  }
  /** Reads one complete (possibly multi-line) reply before `deadline` (ms since the epoch). */
  async read(stage, deadline) {
    const lines = [];
    let code = null;
    for (; ; ) {
      const line = await this.nextLine(stage, deadline);
      const match = /^(\d{3})(?:([ -])(.*))?$/s.exec(line);
      if (!match || code !== null && Number(match[1]) !== code) {
        throw new ProbeFailure(
          stage,
          "malformed-reply",
          `not an SMTP reply line: ${JSON.stringify(line.slice(0, 80))}`
        );
      }
      code = Number(match[1]);
      lines.push(match[3] ?? "");
      if (match[2] !== "-") return { code, lines };
      if (lines.length >= MAX_REPLY_LINES) {
        throw new ProbeFailure(stage, "reply-too-long", `more than ${MAX_REPLY_LINES} lines in one reply`);
      }
    }
  }
  async nextLine(stage, deadline) {
    for (; ; ) {
      if (this.total > MAX_SESSION_BYTES) {
        throw new ProbeFailure(
          stage,
          "too-much-data",
          `the server sent more than ${MAX_SESSION_BYTES} bytes`
        );
      }
      const end = this.buffer.indexOf(10);
      if (end >= 0) {
        if (end > MAX_LINE_BYTES) throw this.lineTooLong(stage);
        const line = this.buffer.subarray(0, end).toString("latin1").replace(/\r$/, "");
        this.buffer = this.buffer.subarray(end + 1);
        return line;
      }
      if (this.buffer.length > MAX_LINE_BYTES) throw this.lineTooLong(stage);
      if (this.ended !== null) throw new ProbeFailure(stage, "connection-closed", this.ended);
      await this.waitForData(stage, deadline);
    }
  }
  lineTooLong(stage) {
    return new ProbeFailure(stage, "line-too-long", `a reply line longer than ${MAX_LINE_BYTES} bytes`);
  }
  waitForData(stage, deadline) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return Promise.reject(timeout(stage));
    return new Promise((resolve, reject) => {
      const timer = setNetworkTimeout(() => {
        this.wake = null;
        reject(timeout(stage));
      }, remaining);
      this.wake = () => {
        clearNetworkTimeout(timer);
        this.wake = null;
        resolve();
      };
    });
  }
};
function timeout(stage) {
  return new ProbeFailure(stage, `timeout-${stage}`, `no answer in time during ${stage}`);
}

// src/net/smtp-probe.ts
var PROBE_BUDGET_FACTOR = 2;
var PROBE_TLS = { minVersion: "TLSv1", ciphers: "DEFAULT:@SECLEVEL=0" };
var DEFAULT_EHLO_NAME = "mta-sts-guard.invalid";
var NodeSmtpProber = class {
  constructor(options) {
    this.options = options;
  }
  options;
  async probe(host, address, deadlineAt) {
    const started = Date.now();
    const stepMs = this.options.timeoutSeconds * 1e3;
    const budgetEnd = Math.min(started + PROBE_BUDGET_FACTOR * stepMs, deadlineAt ?? Infinity);
    const deadline = () => Math.min(Date.now() + stepMs, budgetEnd);
    const mxName = host.replace(/\.$/, "").toLowerCase();
    const observation = {
      host,
      address,
      port: this.options.port,
      connected: false,
      banner: null,
      extensions: [],
      starttlsOffered: null,
      tls: null,
      error: null,
      ms: 0
    };
    const sockets = [];
    try {
      const socket = await connect(address, this.options.port, deadline());
      sockets.push(socket);
      observation.connected = true;
      const reader = new ReplyReader(socket);
      const banner = await reader.read("banner", deadline());
      observation.banner = banner.lines.join("\n");
      if (banner.code !== 220) throw refused("banner", "banner-rejected", banner);
      const ehlo = await command(
        socket,
        reader,
        `EHLO ${this.options.ehloName ?? DEFAULT_EHLO_NAME}`,
        "ehlo",
        deadline()
      );
      if (ehlo.code !== 250) {
        const helo = await command(
          socket,
          reader,
          `HELO ${this.options.ehloName ?? DEFAULT_EHLO_NAME}`,
          "ehlo",
          deadline()
        );
        if (helo.code === 250) observation.starttlsOffered = false;
        throw new ProbeFailure(
          "ehlo",
          "ehlo-rejected",
          `EHLO answered ${describe(ehlo)}; HELO answered ${describe(helo)}`
        );
      }
      observation.extensions = ehlo.lines.slice(1).map((line) => (line.split(" ")[0] ?? "").toUpperCase());
      observation.starttlsOffered = observation.extensions.includes("STARTTLS");
      if (!observation.starttlsOffered) {
        quit(socket, reader);
        return observation;
      }
      const starttls = await command(socket, reader, "STARTTLS", "starttls", deadline());
      if (starttls.code !== 220) throw refused("starttls", "starttls-rejected", starttls);
      reader.detach();
      const { secure, facts, stapled, ders } = await upgrade(socket, mxName, deadline());
      sockets.push(secure);
      observation.tls = facts;
      const revocation = this.options.revocation && ders[0] ? this.options.revocation.check({
        leaf: ders[0],
        issuer: ders[1] ?? null,
        stapled,
        deadline: budgetEnd
      }) : null;
      quit(secure, null);
      if (revocation) facts.revocation = await revocation;
    } catch (error) {
      observation.error = error instanceof ProbeFailure ? { stage: error.stage, code: error.code, message: error.message } : { stage: observation.tls ? "quit" : "tls", code: "internal", message: String(error) };
    } finally {
      closeGently(sockets);
      observation.ms = Date.now() - started;
    }
    return observation;
  }
};
function describe(reply) {
  return `${reply.code} ${reply.lines.join(" ").slice(0, 200)}`.trim();
}
function refused(stage, code, reply) {
  return new ProbeFailure(stage, code, `the server answered ${describe(reply)}`);
}
function connect(address, port, deadline) {
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: address, port });
    const timer = setNetworkTimeout(() => {
      destroyLater(socket);
      reject(timeout("connect"));
    }, deadline - Date.now());
    socket.once("connect", () => {
      clearNetworkTimeout(timer);
      socket.removeAllListeners("error");
      socket.on("error", () => void 0);
      resolve(socket);
    });
    socket.once("error", (error) => {
      clearNetworkTimeout(timer);
      destroyLater(socket);
      reject(new ProbeFailure("connect", error.code ?? "connect-failed", error.message));
    });
  });
}
async function command(socket, reader, line, stage, deadline) {
  socket.write(`${line}\r
`);
  return reader.read(stage, deadline);
}
function quit(socket, reader) {
  reader?.detach();
  if (socket.writable) socket.write("QUIT\r\n");
}
function upgrade(socket, mxName, deadline) {
  return new Promise((resolve, reject) => {
    let stapled = null;
    let peerSeen = null;
    const options = {
      socket,
      servername: net.isIP(mxName) ? void 0 : mxName,
      // This adapter OBSERVES certificates, it does not trust them: the handshake must complete
      // for a bad certificate too, so that its facts can be reported. rejectUnauthorized: false
      // is deliberate here and nowhere else; judgement is made from `authorized` /
      // `authorizationError` (chain) and tls.checkServerIdentity (host) below, and no mail or
      // credentials are ever sent over this session.
      rejectUnauthorized: false,
      // Keep `authorized` about the chain only; the host is checked separately below.
      checkServerIdentity: (_host, cert) => {
        peerSeen = cert;
        return void 0;
      },
      secureContext: sharedSecureContext(PROBE_TLS),
      requestOCSP: true
    };
    const secure = tls.connect(options);
    const timer = setNetworkTimeout(() => {
      destroyLater(secure);
      reject(timeout("tls"));
    }, deadline - Date.now());
    secure.on("OCSPResponse", (response) => {
      if (response && response.length > 0) stapled = response;
    });
    secure.once("error", (error) => {
      clearNetworkTimeout(timer);
      destroyLater(secure);
      const dropped = error.code === "ECONNRESET" || /disconnected before secure/.test(error.message);
      reject(
        new ProbeFailure(
          "tls",
          dropped ? "connection-closed" : "tls-handshake-failed",
          error.code ? `${error.code}: ${error.message}` : error.message
        )
      );
    });
    secure.once("secureConnect", () => {
      clearNetworkTimeout(timer);
      secure.removeAllListeners("error");
      secure.on("error", () => void 0);
      const peer = peerSeen ?? secure.getPeerCertificate(true);
      const { chain, ders } = walkChain(peer);
      const hostError = peer.raw ? tls.checkServerIdentity(mxName, peer) : new Error("no certificate");
      const authorizationError = secure.authorizationError;
      const facts = {
        version: secure.getProtocol(),
        cipher: secure.getCipher()?.name ?? null,
        chainError: secure.authorized ? null : String(authorizationError ?? "UNKNOWN"),
        hostnameError: hostError ? hostError.message : null,
        chain,
        revocation: null
      };
      resolve({ secure, facts, stapled, ders });
    });
  });
}
function walkChain(leaf) {
  const chain = [];
  const ders = [];
  const seen = /* @__PURE__ */ new Set();
  let cert = leaf;
  while (cert?.raw && !seen.has(cert.fingerprint256)) {
    seen.add(cert.fingerprint256);
    try {
      chain.push(cachedCertificateFacts(cert.fingerprint256, cert.raw));
      ders.push(cert.raw);
    } catch {
      break;
    }
    cert = cert.issuerCertificate;
  }
  return { chain, ders };
}
export {
  DEFAULT_EHLO_NAME,
  NodeSmtpProber,
  PROBE_BUDGET_FACTOR
};
