/**
 * judgeMx with synthetic observations: exact rule ids, severities per mode, subjects, result
 * types, one finding per MX per rule, and the JSON contract's `mx` block.
 */
import { describe, expect, it } from 'vitest';
import type { StsMode } from '../../../src/core/findings.js';
import type {
  CertificateFacts,
  DnsAnswer,
  DomainObservation,
  MxRecord,
  SmtpObservation,
  SmtpStage,
  TlsFacts,
} from '../../../src/core/observation.js';
import type { StsPolicy } from '../../../src/core/policy.js';
import { emptyDomainResult } from '../../../src/core/result.js';
import type { JudgementSettings, PolicyVerdict } from '../../../src/core/rules/evidence.js';
import { judgeMx } from '../../../src/core/rules/mx.js';

const DOMAIN = 'example.com';
const NOW = new Date('2026-11-22T12:00:00Z');
const SETTINGS: JudgementSettings = { now: NOW, certExpiryWarningDays: 14, smtpProbe: 'on', offline: false };

function policy(mode: StsMode, patterns: string[]): StsPolicy {
  return {
    version: 'STSv1',
    mode,
    maxAge: 604800,
    mx: patterns.map((raw) => ({ wildcard: raw.startsWith('*.'), domain: raw.replace(/^\*\./, ''), raw })),
    extensions: [],
  };
}

function verdict(
  mode: StsMode | null,
  patterns: string[] = ['mx1.example.com', 'mx2.example.com'],
): PolicyVerdict {
  const p = mode ? policy(mode, patterns) : null;
  return { policy: p, mode, livePolicy: p, livePolicyText: null, filePolicy: null };
}

function leaf(host: string, over: Partial<CertificateFacts> = {}): CertificateFacts {
  return {
    subject: `CN=${host}`,
    issuer: 'CN=Test CA',
    san: [host],
    validFrom: '2026-10-01T00:00:00.000Z',
    validTo: '2027-01-01T00:00:00.000Z',
    sha256: 'AA:BB',
    serialNumber: '01',
    keyType: 'rsa',
    keyBits: 2048,
    signatureAlgorithm: 'sha256WithRSAEncryption',
    commonName: host,
    ocspUrls: [],
    crlUrls: [],
    selfIssued: false,
    ...over,
  };
}

function goodTls(host: string, over: Partial<TlsFacts> = {}, cert: Partial<CertificateFacts> = {}): TlsFacts {
  return {
    version: 'TLSv1.3',
    cipher: 'TLS_AES_256_GCM_SHA384',
    chainError: null,
    hostnameError: null,
    chain: [leaf(host, cert)],
    revocation: null,
    ...over,
  };
}

function probe(host: string, address: string, over: Partial<SmtpObservation> = {}): SmtpObservation {
  return {
    host,
    address,
    port: 25,
    connected: true,
    banner: `${host} ESMTP`,
    extensions: ['PIPELINING', 'STARTTLS'],
    starttlsOffered: true,
    tls: goodTls(host),
    error: null,
    ms: 50,
    ...over,
  };
}

function failed(host: string, address: string, stage: SmtpStage, code: string): SmtpObservation {
  return probe(host, address, {
    connected: stage !== 'connect',
    banner: null,
    extensions: [],
    starttlsOffered: null,
    tls: null,
    error: { stage, code, message: `${code} happened` },
  });
}

const TWO_MX: MxRecord[] = [
  { exchange: 'mx1.example.com', preference: 10 },
  { exchange: 'mx2.example.com.', preference: 20 },
];

function observation(
  over: Partial<DomainObservation> = {},
  mx: DnsAnswer<MxRecord> = { kind: 'records', records: TWO_MX },
): DomainObservation {
  return {
    domain: DOMAIN,
    stsTxt: { kind: 'records', records: ['v=STSv1; id=1'] },
    tlsRptTxt: { kind: 'nodata' },
    mx,
    mxAddresses: {
      'mx1.example.com': { kind: 'records', records: ['192.0.2.1'] },
      'mx2.example.com': { kind: 'records', records: ['192.0.2.2', '2001:db8::2'] },
    },
    policyHostAddresses: null,
    policyFetches: [],
    smtp: [
      probe('mx1.example.com', '192.0.2.1'),
      probe('mx2.example.com', '192.0.2.2'),
      probe('mx2.example.com', '2001:db8::2'),
    ],
    ...over,
  };
}

function judge(obs: DomainObservation | null, v: PolicyVerdict, settings = SETTINGS) {
  const out = emptyDomainResult(DOMAIN);
  const findings = judgeMx(
    {
      domain: DOMAIN,
      observation: obs,
      policyFile: null,
      basePolicyFile: null,
      proposed: null,
      baseProposed: null,
      reports: null,
    },
    settings,
    v,
    out,
  );
  return { findings, out, summary: findings.map((f) => `${f.rule}:${f.severity}:${f.subject ?? ''}`).sort() };
}

describe('judgeMx: everything right', () => {
  it('gives no finding and fills the contract', () => {
    const { findings, out } = judge(observation(), verdict('enforce'));
    expect(findings).toEqual([]);
    expect(out.mx).toEqual([
      {
        host: 'mx1.example.com',
        preference: 10,
        addresses: ['192.0.2.1'],
        matchesPolicy: true,
        tls: {
          starttls: true,
          version: 'TLSv1.3',
          cipher: 'TLS_AES_256_GCM_SHA384',
          resultType: null,
          certificate: {
            subject: 'CN=mx1.example.com',
            issuer: 'CN=Test CA',
            san: ['mx1.example.com'],
            validFrom: '2026-10-01T00:00:00.000Z',
            validTo: '2027-01-01T00:00:00.000Z',
            daysLeft: 39, // 39.5 days, rounded down
            sha256: 'AA:BB',
          },
        },
        error: null,
      },
      expect.objectContaining({
        host: 'mx2.example.com',
        preference: 20,
        addresses: ['192.0.2.2', '2001:db8::2'],
      }),
    ]);
  });

  it('does nothing offline (no observation)', () => {
    const { findings, out } = judge(null, verdict('enforce'));
    expect(findings).toEqual([]);
    expect(out.mx).toEqual([]);
  });
});

describe('judgeMx: severity by mode', () => {
  const expired = observation({
    smtp: [
      probe('mx1.example.com', '192.0.2.1', {
        tls: goodTls(
          'mx1.example.com',
          { chainError: 'CERT_HAS_EXPIRED' },
          { validTo: '2026-11-01T00:00:00.000Z' },
        ),
      }),
      probe('mx2.example.com', '192.0.2.2'),
      probe('mx2.example.com', '2001:db8::2'),
    ],
  });
  it.each([
    ['enforce', 'error'],
    ['testing', 'warning'],
    ['none', 'notice'],
    [null, 'notice'],
  ] as const)('mx-cert-expired under %s is %s', (mode, severity) => {
    const { findings } = judge(expired, verdict(mode));
    expect(findings).toHaveLength(1);
    expect(findings[0]).toMatchObject({
      rule: 'mx-cert-expired',
      severity,
      domain: DOMAIN,
      subject: 'mx1.example.com',
      resultType: 'certificate-expired',
      mode,
    });
  });
});

describe('judgeMx: each rule from its facts (enforce)', () => {
  const mx1 = (over: Partial<SmtpObservation>) =>
    observation({
      smtp: [
        probe('mx1.example.com', '192.0.2.1', over),
        probe('mx2.example.com', '192.0.2.2'),
        probe('mx2.example.com', '2001:db8::2'),
      ],
    });
  const cert = (over: Partial<TlsFacts>, c: Partial<CertificateFacts> = {}) =>
    mx1({ tls: goodTls('mx1.example.com', over, c) });

  it.each<[string, DomainObservation, string[]]>([
    [
      'no STARTTLS',
      mx1({ starttlsOffered: false, extensions: [], tls: null }),
      ['mx-starttls-unsupported:error:mx1.example.com'],
    ],
    // STARTTLS offered then refused: a sender gets no TLS either.
    [
      'STARTTLS refused',
      mx1({ tls: null, error: { stage: 'starttls', code: 'starttls-rejected', message: '454' } }),
      ['mx-starttls-unsupported:error:mx1.example.com'],
    ],
    // EHLO refused, HELO accepted.
    [
      'EHLO refused',
      mx1({
        starttlsOffered: false,
        tls: null,
        error: { stage: 'ehlo', code: 'ehlo-rejected', message: '550' },
      }),
      ['mx-starttls-unsupported:error:mx1.example.com'],
    ],
    [
      'TLS 1.0',
      cert({ version: 'TLSv1', cipher: 'ECDHE-RSA-AES256-SHA' }),
      ['mx-tls-version:error:mx1.example.com'],
    ],
    // Cipher weakness warns even under enforce (mail still flows).
    [
      'weak cipher',
      cert({ version: 'TLSv1.2', cipher: 'AES128-GCM-SHA256' }),
      ['mx-tls-cipher-weak:warning:mx1.example.com'],
    ],
    [
      'not yet valid',
      cert({ chainError: 'CERT_NOT_YET_VALID' }, { validFrom: '2026-12-01T00:00:00.000Z' }),
      ['mx-cert-not-yet-valid:error:mx1.example.com'],
    ],
    [
      'expiring',
      cert({}, { validTo: '2026-11-30T00:00:00.000Z' }),
      ['mx-cert-expiring:warning:mx1.example.com'],
    ],
    [
      'untrusted',
      cert({ chainError: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      ['mx-cert-untrusted:error:mx1.example.com'],
    ],
    [
      'host mismatch',
      cert({}, { san: ['mail.example.net'] }),
      ['mx-cert-hostname-mismatch:error:mx1.example.com'],
    ],
    ['weak key', cert({}, { keyBits: 1024 }), ['mx-cert-weak:error:mx1.example.com']],
    [
      'revoked',
      cert({ revocation: { status: 'revoked', source: 'stapled-ocsp' } }),
      ['mx-cert-revoked:error:mx1.example.com'],
    ],
    [
      'timeout at banner',
      mx1({
        connected: true,
        banner: null,
        extensions: [],
        starttlsOffered: null,
        tls: null,
        error: { stage: 'banner', code: 'timeout-banner', message: 't' },
      }),
      ['mx-unreachable:error:mx1.example.com'],
    ],
    [
      'handshake failed',
      mx1({ tls: null, error: { stage: 'tls', code: 'tls-handshake-failed', message: 'alert' } }),
      ['mx-unreachable:error:mx1.example.com'],
    ],
  ])('%s', (_name, obs, expected) => {
    expect(judge(obs, verdict('enforce')).summary).toEqual(expected);
  });

  it('result types in findings and in the contract', () => {
    const { findings, out } = judge(cert({}, { san: ['mail.example.net'] }), verdict('enforce'));
    expect(findings[0]?.resultType).toBe('certificate-host-mismatch');
    expect(out.mx[0]?.tls?.resultType).toBe('certificate-host-mismatch');
    const handshake = judge(
      mx1({ tls: null, error: { stage: 'tls', code: 'tls-handshake-failed', message: 'x' } }),
      verdict('enforce'),
    );
    expect(handshake.findings[0]?.resultType).toBe('validation-failure');
    expect(handshake.out.mx[0]?.tls).toMatchObject({
      starttls: true,
      resultType: 'validation-failure',
      certificate: null,
    });
    expect(handshake.out.mx[0]?.error).toBe('192.0.2.1: tls tls-handshake-failed: x');
    const banner = judge(
      mx1({
        tls: null,
        starttlsOffered: null,
        error: { stage: 'banner', code: 'timeout-banner', message: 't' },
      }),
      verdict('enforce'),
    );
    expect(banner.findings[0]?.resultType).toBeUndefined();
    expect(banner.out.mx[0]?.tls).toBeNull();
  });
});

describe('judgeMx: one finding per MX per rule, naming the addresses', () => {
  it('mx2 unreachable on both addresses: one finding naming both', () => {
    const obs = observation({
      smtp: [
        probe('mx1.example.com', '192.0.2.1'),
        failed('mx2.example.com', '192.0.2.2', 'connect', 'ECONNREFUSED'),
        failed('mx2.example.com', '2001:db8::2', 'connect', 'timeout-connect'),
      ],
    });
    const { findings, summary, out } = judge(obs, verdict('testing'));
    expect(summary).toEqual(['mx-unreachable:warning:mx2.example.com']);
    expect(findings[0]?.message).toContain('192.0.2.2 (connect: ECONNREFUSED)');
    expect(findings[0]?.message).toContain('2001:db8::2 (connect: timeout-connect)');
    expect(out.mx[1]?.error).toBe('192.0.2.2: connect ECONNREFUSED: ECONNREFUSED happened');
  });

  it('an address this runner has no route to (no IPv6 here) is not judged against the MX', () => {
    const obs = observation({
      smtp: [
        probe('mx1.example.com', '192.0.2.1'),
        probe('mx2.example.com', '192.0.2.2'),
        failed('mx2.example.com', '2001:db8::2', 'connect', 'ENETUNREACH'),
      ],
    });
    const { summary, out } = judge(obs, verdict('enforce'));
    expect(summary).toEqual([]);
    expect(out.mx[1]?.error).toBe('2001:db8::2: not judged, this runner has no route to it (ENETUNREACH)');
    expect(out.mx[1]?.tls?.version).toBe('TLSv1.3');
  });

  it('the same certificate problem on two addresses: one finding naming both', () => {
    const bad = goodTls('mx2.example.com', {}, { keyBits: 1024 });
    const obs = observation({
      smtp: [
        probe('mx1.example.com', '192.0.2.1'),
        probe('mx2.example.com', '192.0.2.2', { tls: bad }),
        probe('mx2.example.com', '2001:db8::2', { tls: bad }),
      ],
    });
    const { findings } = judge(obs, verdict('enforce'));
    expect(findings.map((f) => f.rule)).toEqual(['mx-cert-weak']);
    expect(findings[0]?.message).toContain('(on 192.0.2.2, 2001:db8::2)');
  });

  it('an MX name without addresses is unreachable when probing', () => {
    const obs = observation({
      mxAddresses: {
        'mx1.example.com': { kind: 'nxdomain' },
        'mx2.example.com': { kind: 'records', records: ['192.0.2.2'] },
      },
      smtp: [probe('mx2.example.com', '192.0.2.2')],
    });
    const { summary, out } = judge(obs, verdict('enforce'));
    expect(summary).toEqual(['mx-unreachable:error:mx1.example.com']);
    expect(out.mx[0]).toMatchObject({
      host: 'mx1.example.com',
      addresses: [],
      error: 'no address: NXDOMAIN',
    });
  });
});

describe('judgeMx: MX records and the policy', () => {
  it.each<[string, DnsAnswer<MxRecord>, StsMode | null, string[]]>([
    // Publishes MTA-STS, no MX: senders would use the A record, which we do not probe.
    ['no MX (NODATA)', { kind: 'nodata' }, 'enforce', ['mx-missing:error:example.com']],
    ['no MX (NXDOMAIN)', { kind: 'nxdomain' }, 'testing', ['mx-missing:warning:example.com']],
    // RFC 7505 null MX: a notice, and nothing is probed.
    [
      'null MX',
      { kind: 'records', records: [{ exchange: '.', preference: 0 }] },
      'enforce',
      ['mx-null:notice:example.com'],
    ],
    [
      'null MX (empty exchange)',
      { kind: 'records', records: [{ exchange: '', preference: 0 }] },
      'enforce',
      ['mx-null:notice:example.com'],
    ],
    // Issue 10: a failed lookup is neither "no MX" nor an unreachable MX: nothing was observed.
    [
      'MX lookup failed',
      { kind: 'error', error: 'SERVFAIL from 127.0.0.1:53 for MX example.com' },
      'enforce',
      ['dns-lookup-failed:warning:example.com'],
    ],
    [
      'MX lookup failed, testing',
      { kind: 'error', error: 'timeout: MX example.com' },
      'testing',
      ['dns-lookup-failed:warning:example.com'],
    ],
  ])('%s', (_name, mx, mode, expected) => {
    expect(judge(observation({ smtp: [] }, mx), verdict(mode)).summary).toEqual(expected);
  });

  it('mx-missing needs MTA-STS to be published', () => {
    const obs = observation({ smtp: [], stsTxt: { kind: 'nxdomain' } }, { kind: 'nodata' });
    expect(judge(obs, verdict(null)).summary).toEqual([]);
  });

  it('MX not in policy and a stale pattern, also without probes (smtp off)', () => {
    const obs = observation({ smtp: [] });
    const v = verdict('enforce', ['mx1.example.com', 'old-mx.example.com']);
    const { summary, out } = judge(obs, v, { ...SETTINGS, smtpProbe: 'off' });
    expect(summary).toEqual([
      'mx-not-in-policy:error:mx2.example.com',
      'policy-mx-unmatched:notice:old-mx.example.com',
    ]);
    expect(out.mx.map((m) => [m.host, m.matchesPolicy, m.tls])).toEqual([
      ['mx1.example.com', true, null],
      ['mx2.example.com', false, null],
    ]);
  });

  it('a wildcard pattern covers every MX one label below it; matchesPolicy is null without a policy', () => {
    expect(judge(observation(), verdict('enforce', ['*.example.com'])).summary).toEqual([]);
    expect(judge(observation(), verdict(null)).out.mx.map((m) => m.matchesPolicy)).toEqual([null, null]);
  });

  it('duplicate MX names are judged once, at their best preference', () => {
    const records = [...TWO_MX, { exchange: 'MX1.example.com.', preference: 5 }];
    const { out } = judge(observation({}, { kind: 'records', records }), verdict('enforce'));
    expect(out.mx.map((m) => [m.host, m.preference])).toEqual([
      ['mx1.example.com', 5],
      ['mx2.example.com', 20],
    ]);
  });
});

describe('judgeMx: the remediation follows the cause (issue 10)', () => {
  const failing = (stage: SmtpStage, code: string) =>
    observation({
      smtp: [
        probe('mx1.example.com', '192.0.2.1', {
          connected: stage !== 'connect',
          banner: null,
          extensions: [],
          starttlsOffered: stage === 'tls' ? true : null,
          tls: null,
          error: { stage, code, message: 'm' },
        }),
        probe('mx2.example.com', '192.0.2.2'),
        probe('mx2.example.com', '2001:db8::2'),
      ],
    });
  it.each<[SmtpStage, string, RegExp]>([
    ['connect', 'ECONNREFUSED', /Nothing listens on the SMTP port/],
    ['connect', 'timeout-connect', /time out: check that no firewall/],
    ['banner', 'timeout-banner', /did not complete the SMTP greeting/],
    ['tls', 'tls-handshake-failed', /TLS handshake after STARTTLS failed/],
  ])('%s %s', (stage, code, remediation) => {
    const { findings } = judge(failing(stage, code), verdict('enforce'));
    expect(findings).toMatchObject([{ rule: 'mx-unreachable', subject: 'mx1.example.com' }]);
    expect(findings[0]?.remediation).toMatch(remediation);
  });

  it('an MX address lookup that failed is dns-lookup-failed, not an unreachable MX', () => {
    const obs = observation({
      smtp: [probe('mx2.example.com', '192.0.2.2'), probe('mx2.example.com', '2001:db8::2')],
    });
    obs.mxAddresses['mx1.example.com'] = { kind: 'error', error: 'timeout: A mx1.example.com' };
    const { findings, out } = judge(obs, verdict('enforce'));
    expect(findings.map((f) => `${f.rule}:${f.severity}:${f.subject}`)).toEqual([
      'dns-lookup-failed:warning:mx1.example.com',
    ]);
    expect(out.mx[0]?.error).toContain('address lookup failed');
  });
});
