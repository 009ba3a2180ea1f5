/**
 * Throwaway test PKI: one CA (made once per test run by global-setup.ts) that issues leaves with
 * any dates, key sizes and signature hashes, and answers revocation questions the way a real CA
 * does (CRL from `openssl ca -gencrl`, OCSP responses from `openssl ocsp`), so the adapters are
 * proved on real OpenSSL output.
 *
 * Trust: processes that must trust the CA get NODE_EXTRA_CA_CERTS=caFile at start-up
 * (global-setup.ts for vitest workers; the demo and the built-CLI tests pass it to `node dist/cli.js`).
 * Nothing here turns verification off.
 */
import 'reflect-metadata';
import { execFile } from 'node:child_process';
import { randomBytes, webcrypto } from 'node:crypto';
type CryptoKey = webcrypto.CryptoKey;
type CryptoKeyPair = webcrypto.CryptoKeyPair;
type Algorithm = webcrypto.Algorithm;
type EcdsaParams = webcrypto.EcdsaParams;
type RsaHashedKeyGenParams = webcrypto.RsaHashedKeyGenParams;
type EcKeyGenParams = webcrypto.EcKeyGenParams;
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as x509 from '@peculiar/x509';

const run = promisify(execFile);
const crypto = webcrypto;
x509.cryptoProvider.set(crypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);

/** Where global-setup.ts puts the CA of this run. */
export const TEST_CA_DIR_ENV = 'MTA_STS_GUARD_TEST_CA_DIR';
const CA_CERT_FILE = 'ca.pem';
const CA_KEY_FILE = 'ca.key';
const CA_NAME = 'CN=mta-sts-guard test CA,O=mta-sts-guard tests';
const DAY_MS = 86_400_000;
/** openssl subprocesses are local and quick; anything slower is a broken test machine. */
const OPENSSL_TIMEOUT_MS = 15_000;

export interface IssuedCert {
  certPem: string;
  keyPem: string;
  /** The leaf followed by intermediates (none: this CA issues leaves directly). */
  chainPem: string;
  /** Hex serial, upper case, as openssl prints it. */
  serial: string;
}

export interface LeafOptions {
  /** dNSName SANs (an IP literal becomes an iPAddress SAN); the first is also the subject CN. */
  hosts: string[];
  notBefore?: Date;
  notAfter?: Date;
  key?: 'rsa2048' | 'rsa1024' | 'ec256';
  signature?: 'sha256' | 'sha1';
  selfSigned?: boolean;
  /** AIA OCSP responder URL. */
  ocspUrl?: string;
  /** CRL distribution point URL. */
  crlUrl?: string;
  /** Hex serial; random 16 bytes when absent. */
  serial?: string;
  /** Leave the SAN extension out, so only the subject CN names the host (RFC 6125 §6.4.4 fallback). */
  noSan?: boolean;
}

export interface TestCa {
  caPem: string;
  /** Path of ca.pem: give it to NODE_EXTRA_CA_CERTS of child processes. */
  caFile: string;
  dir: string;
  issue(opts: LeafOptions): Promise<IssuedCert>;
  /** Marks a serial (hex, as in IssuedCert.serial) revoked in this process's view of the CA. */
  revoke(serial: string, at?: Date): void;
  /** A CRL (DER) listing every revoked serial, made by `openssl ca -gencrl`. */
  crlDer(): Promise<Buffer>;
  /** An OCSP response (DER) for `cert`, made by `openssl ocsp` acting as the CA's responder. */
  ocspResponse(cert: IssuedCert): Promise<Buffer>;
  /** Answers an OCSP request (DER) with `openssl ocsp`, as an HTTP responder would. */
  answerOcspRequest(requestDer: Buffer): Promise<Buffer>;
}

interface KeySpec {
  generate: RsaHashedKeyGenParams | EcKeyGenParams;
  sign(hash: 'SHA-256' | 'SHA-1'): Algorithm | EcdsaParams;
}

const KEYS: Record<NonNullable<LeafOptions['key']>, KeySpec> = {
  rsa2048: {
    generate: rsaParams(2048),
    sign: (hash) => ({ name: 'RSASSA-PKCS1-v1_5', hash }) as Algorithm,
  },
  rsa1024: {
    generate: rsaParams(1024),
    sign: (hash) => ({ name: 'RSASSA-PKCS1-v1_5', hash }) as Algorithm,
  },
  ec256: {
    generate: { name: 'ECDSA', namedCurve: 'P-256' },
    sign: (hash) => ({ name: 'ECDSA', hash }) as EcdsaParams,
  },
};

function rsaParams(bits: number): RsaHashedKeyGenParams {
  return {
    name: 'RSASSA-PKCS1-v1_5',
    hash: 'SHA-256',
    publicExponent: new Uint8Array([1, 0, 1]),
    modulusLength: bits,
  };
}

/** Creates a new CA in `dir` (ca.pem, ca.key) and returns it. Works outside vitest too. */
export async function createTestCa(dir: string): Promise<TestCa> {
  const keys = await crypto.subtle.generateKey(KEYS.rsa2048.generate, true, ['sign', 'verify']);
  const now = Date.now();
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: CA_NAME,
    notBefore: new Date(now - 3650 * DAY_MS),
    notAfter: new Date(now + 3650 * DAY_MS),
    keys,
    signingAlgorithm: KEYS.rsa2048.sign('SHA-256'),
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
    ],
  });
  const keyPem = await exportKeyPem(keys.privateKey);
  await writeFile(join(dir, CA_CERT_FILE), cert.toString('pem') + '\n');
  await writeFile(join(dir, CA_KEY_FILE), keyPem, { mode: 0o600 });
  return openTestCa(dir);
}

/** The CA made by global-setup.ts for this test run. */
export async function loadTestCa(): Promise<TestCa> {
  const dir = process.env[TEST_CA_DIR_ENV];
  if (!dir) throw new Error(`${TEST_CA_DIR_ENV} is not set: is test/harness/global-setup.ts configured?`);
  return openTestCa(dir);
}

/** Opens an existing CA directory (ca.pem + ca.key). */
export async function openTestCa(dir: string): Promise<TestCa> {
  const caFile = join(dir, CA_CERT_FILE);
  const caKeyFile = join(dir, CA_KEY_FILE);
  const caPem = await readFile(caFile, 'utf8');
  const caKeyPem = await readFile(caKeyFile, 'utf8');
  const caCert = new x509.X509Certificate(caPem);
  const signingKeys = {
    'SHA-256': await importRsaKey(caKeyPem, 'SHA-256'),
    'SHA-1': await importRsaKey(caKeyPem, 'SHA-1'),
  };
  const authorityKeyId = await x509.AuthorityKeyIdentifierExtension.create(caCert);
  const leafKeys = new Map<string, Promise<CryptoKeyPair>>();
  const issued = new Map<string, { notAfter: Date; subject: string }>();
  const revoked = new Map<string, Date>();

  function leafKey(kind: NonNullable<LeafOptions['key']>): Promise<CryptoKeyPair> {
    // Keys are reused per kind: a test needs distinct certificates, not distinct keys, and RSA
    // generation dominates the cost of a leaf.
    let keys = leafKeys.get(kind);
    if (!keys) {
      keys = crypto.subtle.generateKey(KEYS[kind].generate, true, [
        'sign',
        'verify',
      ]) as Promise<CryptoKeyPair>;
      leafKeys.set(kind, keys);
    }
    return keys;
  }

  async function issue(opts: LeafOptions): Promise<IssuedCert> {
    const kind = opts.key ?? 'rsa2048';
    const keys = await leafKey(kind);
    const hash = opts.signature === 'sha1' ? 'SHA-1' : 'SHA-256';
    const serial = normaliseSerial(opts.serial ?? randomSerial());
    const now = Date.now();
    const notBefore = opts.notBefore ?? new Date(now - DAY_MS);
    const notAfter = opts.notAfter ?? new Date(now + 90 * DAY_MS);
    const subject = `CN=${opts.hosts[0] ?? 'no-host.invalid'}`;
    const extensions: x509.Extension[] = [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(
        x509.KeyUsageFlags.digitalSignature | (kind === 'ec256' ? 0 : x509.KeyUsageFlags.keyEncipherment),
        true,
      ),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth]),
    ];
    if (!opts.noSan && opts.hosts.length > 0) {
      extensions.push(
        new x509.SubjectAlternativeNameExtension(
          opts.hosts.map((h) =>
            /^[\d.]+$|:/.test(h) ? { type: 'ip', value: h } : { type: 'dns', value: h },
          ),
        ),
      );
    }
    if (opts.ocspUrl) extensions.push(new x509.AuthorityInfoAccessExtension({ ocsp: opts.ocspUrl }));
    if (opts.crlUrl) extensions.push(new x509.CRLDistributionPointsExtension([opts.crlUrl]));
    let cert: x509.X509Certificate;
    if (opts.selfSigned) {
      cert = await x509.X509CertificateGenerator.createSelfSigned({
        serialNumber: serial,
        name: subject,
        notBefore,
        notAfter,
        // WebCrypto RSA keys carry their hash: a SHA-1 self-signature needs the key re-imported.
        keys:
          hash === 'SHA-1' && kind !== 'ec256'
            ? {
                publicKey: keys.publicKey,
                privateKey: await importRsaKey(await exportKeyPem(keys.privateKey), 'SHA-1'),
              }
            : keys,
        signingAlgorithm: KEYS[kind].sign(hash),
        extensions,
      });
    } else {
      extensions.push(authorityKeyId);
      cert = await x509.X509CertificateGenerator.create({
        serialNumber: serial,
        subject,
        issuer: caCert.subject,
        notBefore,
        notAfter,
        publicKey: keys.publicKey,
        signingKey: signingKeys[hash],
        signingAlgorithm: KEYS.rsa2048.sign(hash),
        extensions,
      });
      issued.set(serial, { notAfter, subject: '/' + subject });
    }
    const certPem = cert.toString('pem') + '\n';
    return { certPem, keyPem: await exportKeyPem(keys.privateKey), chainPem: certPem, serial };
  }

  /** Writes an openssl `ca` database reflecting what this process issued and revoked. */
  async function opensslWorkDir(): Promise<string> {
    const work = await mkdtemp(join(dir, 'openssl-'));
    const lines = [...issued].map(([serial, info]) => {
      const rev = revoked.get(serial);
      const fields = rev
        ? ['R', opensslTime(info.notAfter), opensslTime(rev), serial, 'unknown', info.subject]
        : ['V', opensslTime(info.notAfter), '', serial, 'unknown', info.subject];
      return fields.join('\t');
    });
    await writeFile(join(work, 'index.txt'), lines.join('\n') + (lines.length ? '\n' : ''));
    // Tests issue many leaves for one host name; openssl refuses duplicate subjects unless told.
    await writeFile(join(work, 'index.txt.attr'), 'unique_subject = no\n');
    await writeFile(join(work, 'crlnumber'), '01\n');
    await writeFile(
      join(work, 'ca.cnf'),
      [
        '[ca]',
        'default_ca = test_ca',
        '[test_ca]',
        `database = ${join(work, 'index.txt')}`,
        `crlnumber = ${join(work, 'crlnumber')}`,
        `certificate = ${caFile}`,
        `private_key = ${caKeyFile}`,
        'default_md = sha256',
        'default_crl_days = 7',
        '',
      ].join('\n'),
    );
    return work;
  }

  async function withWorkDir<T>(body: (work: string) => Promise<T>): Promise<T> {
    const work = await opensslWorkDir();
    try {
      return await body(work);
    } finally {
      await rm(work, { recursive: true, force: true });
    }
  }

  async function answerOcspRequest(requestDer: Buffer): Promise<Buffer> {
    return withWorkDir(async (work) => {
      await writeFile(join(work, 'req.der'), requestDer);
      await openssl([
        'ocsp',
        '-index',
        join(work, 'index.txt'),
        '-rsigner',
        caFile,
        '-rkey',
        caKeyFile,
        '-CA',
        caFile,
        '-reqin',
        join(work, 'req.der'),
        '-respout',
        join(work, 'resp.der'),
        '-ndays',
        '1',
      ]);
      return readFile(join(work, 'resp.der'));
    });
  }

  return {
    caPem,
    caFile,
    dir,
    issue,
    revoke(serial: string, at = new Date()): void {
      revoked.set(normaliseSerial(serial), at);
    },
    crlDer: () =>
      withWorkDir(async (work) => {
        const out = join(work, 'crl.der');
        await openssl(['ca', '-config', join(work, 'ca.cnf'), '-gencrl', '-out', join(work, 'crl.pem')]);
        await openssl(['crl', '-in', join(work, 'crl.pem'), '-outform', 'DER', '-out', out]);
        return readFile(out);
      }),
    ocspResponse: (cert: IssuedCert) =>
      withWorkDir(async (work) => {
        await writeFile(join(work, 'leaf.pem'), cert.certPem);
        await openssl([
          'ocsp',
          '-issuer',
          caFile,
          '-cert',
          join(work, 'leaf.pem'),
          '-no_nonce',
          '-reqout',
          join(work, 'req.der'),
        ]);
        return answerOcspRequest(await readFile(join(work, 'req.der')));
      }),
    answerOcspRequest,
  };
}

/** 16 random bytes, positive, without a leading zero byte (so DER and openssl agree on the spelling). */
function randomSerial(): string {
  const bytes = randomBytes(16);
  bytes[0] = ((bytes[0] ?? 0) & 0x7f) | 0x10;
  return bytes.toString('hex');
}

function normaliseSerial(hex: string): string {
  const upper = hex.toUpperCase().replace(/^0+(?=.)/, '');
  return upper.length % 2 ? '0' + upper : upper;
}

async function openssl(args: string[]): Promise<void> {
  try {
    await run('openssl', args, { timeout: OPENSSL_TIMEOUT_MS });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new Error(`openssl ${args[0]} failed: ${stderr.trim()}`, { cause: error });
  }
}

/** openssl index.txt time: YYMMDDHHMMSSZ (UTCTime). */
function opensslTime(date: Date): string {
  return date.toISOString().replace(/[-:T]/g, '').slice(2, 14) + 'Z';
}

async function exportKeyPem(key: CryptoKey): Promise<string> {
  const der = await crypto.subtle.exportKey('pkcs8', key);
  return x509.PemConverter.encode(der, 'PRIVATE KEY') + '\n';
}

async function importRsaKey(pem: string, hash: 'SHA-256' | 'SHA-1'): Promise<CryptoKey> {
  const der = x509.PemConverter.decode(pem)[0];
  if (!der) throw new Error('CA key file holds no PEM block');
  return crypto.subtle.importKey('pkcs8', der, { name: 'RSASSA-PKCS1-v1_5', hash }, false, ['sign']);
}
