/**
 * A CA's revocation endpoints on loopback: an OCSP responder (POST, RFC 6960 Appendix A.1)
 * whose answers come from `openssl ocsp` (TestCa.answerOcspRequest) and a CRL from
 * `openssl ca -gencrl` at /crl.der. Hostile behaviours prove the client's bounds.
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestCa } from './pki.js';

export interface RevocationServerSpec {
  ca: TestCa;
  /** Loopback address to listen on (default 127.0.0.1). */
  address?: string;
  /** Default 0 (any free port). */
  port?: number;
  /** 'stall': accept and never answer; 'http-500'; 'huge': an endless body. */
  behaviour?: 'normal' | 'stall' | 'http-500' | 'huge';
}

export interface RevocationServer {
  /** URL to put in a leaf's AIA (LeafOptions.ocspUrl). */
  ocspUrl: string;
  /** URL to put in a leaf's CRL distribution point (LeafOptions.crlUrl). */
  crlUrl: string;
  /** Requests received, for cache assertions ('ocsp' | 'crl'). */
  requests: string[];
  close(): Promise<void>;
}

/** Starts the endpoints; close() stops them and drops stalled connections. */
export async function startRevocationServer(spec: RevocationServerSpec): Promise<RevocationServer> {
  const requests: string[] = [];
  const behaviour = spec.behaviour ?? 'normal';
  const server = http.createServer((req, res) => {
    const kind = req.url?.startsWith('/crl') ? 'crl' : 'ocsp';
    requests.push(kind);
    if (behaviour === 'stall') return;
    if (behaviour === 'http-500') {
      res.writeHead(500).end();
      return;
    }
    if (behaviour === 'huge') {
      res.writeHead(200, { 'content-type': 'application/octet-stream' });
      const chunk = Buffer.alloc(64 * 1024, 0x30);
      const pump = (): void => {
        while (res.write(chunk));
        res.once('drain', pump);
      };
      res.on('close', () => res.removeAllListeners('drain'));
      pump();
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const answer = kind === 'crl' ? spec.ca.crlDer() : spec.ca.answerOcspRequest(Buffer.concat(chunks));
      answer.then(
        (der) => {
          const type = kind === 'crl' ? 'application/pkix-crl' : 'application/ocsp-response';
          res.writeHead(200, { 'content-type': type, 'content-length': der.length }).end(der);
        },
        () => res.writeHead(500).end(),
      );
    });
  });
  server.listen(spec.port ?? 0, spec.address ?? '127.0.0.1');
  await once(server, 'listening');
  const { address, port } = server.address() as AddressInfo;
  const base = `http://${address}:${port}`;
  return {
    ocspUrl: `${base}/ocsp`,
    crlUrl: `${base}/crl.der`,
    requests,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
