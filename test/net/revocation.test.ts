/**
 * Revocation checking against real OpenSSL output: `openssl ocsp` answers (stapled and from a
 * responder on loopback) and `openssl ca -gencrl` CRLs, plus responders that stall, fail or flood.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DerNode, children, parseDer } from '../../src/net/der.js';
import { createRevocationChecker } from '../../src/net/revocation.js';
import { type IssuedCert, type TestCa, loadTestCa } from '../harness/pki.js';
import { type RevocationServer, startRevocationServer } from '../harness/revocation-server.js';

const der = (pem: string): Buffer => Buffer.from(pem.replace(/-----[^-]+-----|\s/g, ''), 'base64');
const soon = (): number => Date.now() + 10_000;

let ca: TestCa;
let responder: RevocationServer;
let stalled: RevocationServer;
let failing: RevocationServer;
let flooding: RevocationServer;

beforeAll(async () => {
  ca = await loadTestCa();
  responder = await startRevocationServer({ ca, address: '127.0.0.1' });
  stalled = await startRevocationServer({ ca, behaviour: 'stall' });
  failing = await startRevocationServer({ ca, behaviour: 'http-500' });
  flooding = await startRevocationServer({ ca, behaviour: 'huge' });
});

afterAll(async () => {
  await Promise.all([responder, stalled, failing, flooding].map((s) => s?.close()));
});

function input(leaf: IssuedCert, stapled: Buffer | null = null, deadline = soon()) {
  return { leaf: der(leaf.certPem), issuer: der(ca.caPem), stapled, deadline };
}

describe('stapled OCSP (openssl ocsp output)', () => {
  it('reads good and revoked answers with the revocation time', async () => {
    const checker = createRevocationChecker({ timeoutSeconds: 5 });
    const good = await ca.issue({ hosts: ['good.stapled.test'] });
    const bad = await ca.issue({ hosts: ['bad.stapled.test'] });
    const revokedAt = new Date(Math.floor(Date.now() / 1000 - 3600) * 1000);
    ca.revoke(bad.serial, revokedAt);
    expect(await checker.check(input(good, await ca.ocspResponse(good)))).toEqual({
      status: 'good',
      source: 'stapled-ocsp',
    });
    expect(await checker.check(input(bad, await ca.ocspResponse(bad)))).toEqual({
      status: 'revoked',
      source: 'stapled-ocsp',
      revokedAt: revokedAt.toISOString(),
    });
  });

  it('does not trust a stapled answer about another certificate or from another signer', async () => {
    const checker = createRevocationChecker({ timeoutSeconds: 5 });
    const a = await ca.issue({ hosts: ['a.stapled.test'] });
    const b = await ca.issue({ hosts: ['b.stapled.test'] });
    ca.revoke(b.serial);
    // b's "revoked" stapled by a's server: names another serial, so it says nothing about a.
    const wrong = await checker.check(input(a, await ca.ocspResponse(b)));
    expect(wrong).toMatchObject({ status: 'unknown', source: 'stapled-ocsp' });
    expect(wrong.detail).toMatch(/another certificate/);
    // A corrupted signature: no longer the CA's word. (Nodes share memory with `resp`.)
    const resp = await ca.ocspResponse(b);
    const responseBytes = children(children(parseDer(resp))[1] as DerNode)[0] as DerNode;
    const basic = parseDer((children(responseBytes)[1] as DerNode).content);
    const signature = (children(basic)[2] as DerNode).content;
    signature[signature.length - 1] = (signature[signature.length - 1] ?? 0) ^ 0xff;
    const forged = await checker.check(input(b, resp));
    expect(forged).toMatchObject({ status: 'unknown', source: 'stapled-ocsp' });
    expect(forged.detail).toMatch(/signature does not verify/);
    // Garbage is unreadable, not an exception.
    expect((await checker.check(input(a, Buffer.from('not der')))).status).toBe('unknown');
  });
});

describe('OCSP responder named in the AIA', () => {
  it('asks the responder and caches the answer for the run', async () => {
    const checker = createRevocationChecker({ timeoutSeconds: 5 });
    const leaf = await ca.issue({ hosts: ['ocsp.test'], ocspUrl: responder.ocspUrl });
    const before = responder.requests.length;
    expect(await checker.check(input(leaf))).toEqual({ status: 'good', source: 'ocsp' });
    ca.revoke(leaf.serial);
    // Same run: the cached answer is used (one request), even though the CA changed its mind.
    expect(await checker.check(input(leaf))).toEqual({ status: 'good', source: 'ocsp' });
    expect(responder.requests.length - before).toBe(1);
    // A new run sees the revocation.
    const fresh = await createRevocationChecker({ timeoutSeconds: 5 }).check(input(leaf));
    expect(fresh).toMatchObject({ status: 'revoked', source: 'ocsp' });
  });
});

describe('CRL distribution point (openssl ca -gencrl output)', () => {
  it('finds a revoked serial and passes one that is not listed', async () => {
    const checker = createRevocationChecker({ timeoutSeconds: 5 });
    const good = await ca.issue({ hosts: ['crl-good.test'], crlUrl: responder.crlUrl });
    const bad = await ca.issue({ hosts: ['crl-bad.test'], crlUrl: responder.crlUrl });
    ca.revoke(bad.serial);
    const before = responder.requests.filter((r) => r === 'crl').length;
    expect(await checker.check(input(bad))).toMatchObject({ status: 'revoked', source: 'crl' });
    expect(await checker.check(input(good))).toEqual({ status: 'good', source: 'crl' });
    // One CRL download serves both certificates.
    expect(responder.requests.filter((r) => r === 'crl').length - before).toBe(1);
  });

  it('falls back from an unreachable OCSP responder to the CRL', async () => {
    const checker = createRevocationChecker({ timeoutSeconds: 1 });
    const leaf = await ca.issue({
      hosts: ['fallback.test'],
      ocspUrl: failing.ocspUrl,
      crlUrl: responder.crlUrl,
    });
    ca.revoke(leaf.serial);
    expect(await checker.check(input(leaf))).toMatchObject({ status: 'revoked', source: 'crl' });
  });
});

describe('bounded downloads: an unreachable responder is unknown, never a finding', () => {
  it.each([
    ['stalls', () => stalled, /timeout/],
    ['answers 500', () => failing, /HTTP 500/],
    ['floods', () => flooding, /more than/],
  ])('responder that %s', async (_name, server, detail) => {
    const checker = createRevocationChecker({ timeoutSeconds: 1 });
    const leaf = await ca.issue({ hosts: ['x.test'], ocspUrl: server().ocspUrl, crlUrl: server().crlUrl });
    const started = Date.now();
    const result = await checker.check(input(leaf));
    expect(result).toMatchObject({ status: 'unknown', source: 'crl' });
    expect(result.detail).toMatch(detail);
    // Two downloads (OCSP then CRL), each bounded by timeoutSeconds.
    expect(Date.now() - started).toBeLessThan(2_500);
  });

  it('refused connection and no URLs at all', async () => {
    const checker = createRevocationChecker({ timeoutSeconds: 1 });
    const closed = await ca.issue({ hosts: ['closed.test'], ocspUrl: 'http://127.0.0.1:1/ocsp' });
    expect(await checker.check(input(closed))).toMatchObject({ status: 'unknown', source: 'ocsp' });
    const bare = await ca.issue({ hosts: ['bare.test'] });
    expect(await checker.check(input(bare))).toEqual({
      status: 'unknown',
      source: 'none',
      detail: 'no stapled response, OCSP responder or CRL',
    });
    const noIssuer = await checker.check({ ...input(bare), issuer: null });
    expect(noIssuer).toMatchObject({ status: 'unknown', source: 'none' });
  });

  it('stops at the caller deadline even when the per-download timeout is longer', async () => {
    const checker = createRevocationChecker({ timeoutSeconds: 30 });
    const leaf = await ca.issue({ hosts: ['deadline.test'], crlUrl: stalled.crlUrl });
    const started = Date.now();
    expect((await checker.check(input(leaf, null, Date.now() + 300))).status).toBe('unknown');
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});
