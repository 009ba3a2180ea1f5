import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/core/findings.js';
import type { DnsAnswer, PolicyFetchObservation } from '../../../src/core/observation.js';
import { judgePolicy } from '../../../src/core/rules/policy.js';
import {
  certificate,
  DOMAIN,
  ENFORCE_POLICY,
  evidence,
  fetched,
  observation,
  result,
  settings,
  tls,
  URL,
} from './policy-observations.js';

function live(fetches: PolicyFetchObservation[], over: Parameters<typeof observation>[0] = {}) {
  const out = result();
  const judged = judgePolicy(
    evidence({ observation: observation({ policyFetches: fetches, ...over }) }),
    settings(),
    out,
  );
  return { ...judged, out };
}

function rules(findings: Finding[]): string[] {
  return findings.map((f) => f.rule).sort();
}

describe('judgePolicy: live fetch (RFC 8461 §3.3)', () => {
  it('finds nothing wrong with a clean enforce policy, and fills the result', () => {
    const { findings, verdict, out } = live([fetched(ENFORCE_POLICY)]);
    expect(findings).toEqual([]);
    expect(verdict.mode).toBe('enforce');
    expect(verdict.policy).toEqual(verdict.livePolicy);
    expect(verdict.livePolicyText).toBe(ENFORCE_POLICY);
    expect(out.mtaSts.policy).toEqual({
      raw: ENFORCE_POLICY,
      mode: 'enforce',
      mx: ['mail.example.com'],
      maxAge: 604800,
    });
    expect(out.mtaSts.fetch).toEqual({
      url: URL,
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      bytes: ENFORCE_POLICY.length,
      ms: 12,
      error: null,
    });
  });

  it('reports testing mode and a short max_age as notices; LF-only line endings are silent', () => {
    const body = 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 86400\n';
    const { findings, verdict } = live([fetched(body)]);
    expect(verdict.mode).toBe('testing');
    expect(rules(findings)).toEqual(['policy-max-age-short', 'policy-mode-testing']);
    expect(findings.every((f) => f.severity === 'notice')).toBe(true);
    const short = findings.find((f) => f.rule === 'policy-max-age-short');
    expect(short?.message).toContain('max_age 86400 (1 day)');
    expect(short?.subject).toBe(URL);
    expect(short?.location).toBeUndefined();
  });

  it('warns about a short max_age under enforce, and names mode none', () => {
    expect(live([fetched(ENFORCE_POLICY.replace('604800', '60'))]).findings[0]?.message).toContain(
      '(60 seconds)',
    );
    const short = live([fetched(ENFORCE_POLICY.replace('604800', '3600'))]).findings;
    expect(short).toMatchObject([{ rule: 'policy-max-age-short', severity: 'warning', mode: 'enforce' }]);
    expect(short[0]?.message).toContain('(1 hour)');
    const none = live([fetched('version: STSv1\r\nmode: none\r\nmax_age: 604800\r\n')]);
    expect(none.verdict.mode).toBe('none');
    expect(none.findings).toMatchObject([{ rule: 'policy-mode-none', severity: 'notice' }]);
  });

  // [fetch overrides, rule, fragments of the message]
  const failures: [string, Partial<PolicyFetchObservation>, string, string[]][] = [
    ['404', { status: 404 }, 'policy-fetch-failed', ['192.0.2.10', 'HTTP 404']],
    ['500', { status: 500 }, 'policy-fetch-failed', ['HTTP 500']],
    [
      '301',
      { status: 301, location: 'https://www.example.com/' },
      'policy-redirect',
      ['301', 'https://www.example.com/'],
    ],
    ['302 without Location', { status: 302 }, 'policy-redirect', ['without a Location']],
    [
      'text/html',
      { contentType: 'text/html; charset=utf-8' },
      'policy-content-type',
      ['"text/html; charset=utf-8"'],
    ],
    ['no Content-Type', { contentType: null }, 'policy-content-type', ['without a Content-Type']],
    [
      'truncated at the cap',
      { truncated: true, bytes: 70000, error: { code: 'too-large', message: 'x' } },
      'policy-too-large',
      ['70000 bytes'],
    ],
    ['oversized 200', { bytes: 65537 }, 'policy-too-large', ['65536']],
    [
      'timeout',
      { status: null, body: null, error: { code: 'timeout', message: 'no answer in 15 s' } },
      'policy-fetch-failed',
      ['timeout: no answer in 15 s'],
    ],
    [
      'refused',
      { status: null, body: null, tls: null, error: { code: 'connect', message: 'ECONNREFUSED' } },
      'policy-fetch-failed',
      ['connect: ECONNREFUSED'],
    ],
    ['no response', { status: null }, 'policy-fetch-failed', ['no HTTP response']],
    ['200 without body', { body: null }, 'policy-fetch-failed', ['without a body']],
    [
      'untrusted chain',
      { tls: tls({ chainError: 'SELF_SIGNED_CERT_IN_CHAIN' }) },
      'policy-tls-invalid',
      ['SELF_SIGNED_CERT_IN_CHAIN'],
    ],
    [
      'wrong host',
      { tls: tls({ hostnameError: 'ERR_TLS_CERT_ALTNAME_INVALID' }) },
      'policy-tls-invalid',
      ['not valid for mta-sts.example.com'],
    ],
    [
      'handshake failure',
      { status: null, body: null, tls: null, error: { code: 'tls', message: 'alert 40' } },
      'policy-tls-invalid',
      ['TLS handshake failed: alert 40'],
    ],
    [
      'expired, failing',
      {
        status: null,
        body: null,
        tls: tls({ chainError: 'CERT_HAS_EXPIRED' }),
        error: { code: 'tls', message: 'x' },
      },
      'policy-tls-invalid',
      ['CERT_HAS_EXPIRED'],
    ],
  ];
  it.each(failures)('%s → %s', (_name, over, rule, fragments) => {
    const { findings, verdict, out } = live([fetched(ENFORCE_POLICY, over)]);
    expect(rules(findings)).toEqual([rule]);
    const [f] = findings;
    expect(f?.severity).toBe('error');
    expect(f?.resultType).toBe(
      rule === 'policy-tls-invalid' ? 'sts-webpki-invalid' : 'sts-policy-fetch-error',
    );
    for (const fragment of fragments) expect(f?.message).toContain(fragment);
    // A policy senders cannot fetch has no mode senders apply.
    expect(verdict.mode).toBeNull();
    expect(verdict.livePolicy).toBeNull();
    expect(out.mtaSts.fetch?.url).toBe(URL);
  });

  it('accepts text/plain in any case, with parameters', () => {
    expect(live([fetched(ENFORCE_POLICY, { contentType: 'Text/Plain ;charset=US-ASCII' })]).findings).toEqual(
      [],
    );
  });

  it('says what failed in the fetch summary', () => {
    const { out } = live([fetched(null, { status: null, error: { code: 'timeout', message: 'slow' } })]);
    expect(out.mtaSts.fetch?.error).toBe('timeout: slow');
    expect(out.mtaSts.policy).toBeNull();
  });

  it('reports an invalid policy at line and column, as an error, with no mode', () => {
    const body = 'version: STSv1\nmode: enforce\nmax_age: 1w\nmx: mail.example.com\n';
    const { findings, verdict } = live([fetched(body)]);
    expect(verdict.mode).toBeNull();
    expect(verdict.livePolicyText).toBe(body);
    expect(findings).toMatchObject([
      { rule: 'policy-invalid', severity: 'error', resultType: 'sts-policy-invalid', subject: URL },
    ]);
    expect(findings[0]?.message).toBe(
      `Policy at ${URL}, line 3, column 10: max_age "1w" is not a whole number of seconds of 1 to 10 digits`,
    );
  });

  it('reports a key typo with the key and its spelling', () => {
    const body = ENFORCE_POLICY + 'modes: testing\r\n';
    const { findings } = live([fetched(body)]);
    expect(findings).toMatchObject([{ rule: 'policy-key-typo', severity: 'warning', mode: 'enforce' }]);
    expect(findings[0]?.message).toContain('line 5: key "modes" looks like a typo of "mode"');
    expect(findings[0]?.remediation).toBe('Rename "modes" to "mode" (keys are case-sensitive).');
  });

  it('caps the syntax findings of a page that is not a policy', () => {
    const html = Array.from({ length: 30 }, (_, i) => `<p>line ${i}</p>`).join('\n');
    const { findings } = live([fetched(html)]);
    const invalid = findings.filter((f) => f.rule === 'policy-invalid');
    expect(invalid).toHaveLength(20);
    expect(invalid[19]?.message).toMatch(/\(and 13 more errors\)$/);
  });
});

describe('judgePolicy: addresses this runner cannot reach', () => {
  it('leaves out an address the runner has no route to (no IPv6 here): no finding, the policy governs', () => {
    const { findings, verdict } = live([
      fetched(ENFORCE_POLICY),
      fetched(null, {
        address: '2001:db8::10',
        status: null,
        tls: null,
        error: { code: 'connect', message: 'ENETUNREACH: connect ENETUNREACH 2001:db8::10:443' },
      }),
    ]);
    expect(findings.filter((f) => f.severity !== 'notice')).toEqual([]);
    expect(verdict.mode).toBe('enforce');
  });
});

describe('judgePolicy: several addresses', () => {
  const second = (over: Partial<PolicyFetchObservation>) =>
    fetched(ENFORCE_POLICY, { address: '2001:db8::10', ...over });

  it('finds nothing when every address serves the same policy (line endings aside)', () => {
    const lf = ENFORCE_POLICY.replaceAll('\r\n', '\n');
    const { findings } = live([fetched(ENFORCE_POLICY), second({ body: lf })]);
    expect(findings).toEqual([]);
  });

  it('names the failing address and says the addresses disagree', () => {
    const { findings, verdict } = live([fetched(ENFORCE_POLICY), second({ status: 503 })]);
    expect(verdict.mode).toBe('enforce');
    expect(rules(findings)).toEqual(['policy-fetch-failed', 'policy-fetch-failed']);
    expect(findings[0]?.message).toBe(
      `${URL} from 2001:db8::10: answered HTTP 503 (a policy must be served with 200)`,
    );
    expect(findings[1]?.message).toContain('1 of 2 addresses fail while 1 serve a policy');
  });

  it('groups the same failure across addresses into one finding', () => {
    const { findings } = live([fetched(ENFORCE_POLICY, { status: 404 }), second({ status: 404 })]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('from 192.0.2.10, 2001:db8::10: answered HTTP 404');
  });

  it('reports an address that serves a different policy, judged under the first one', () => {
    const testing = ENFORCE_POLICY.replace('enforce', 'testing');
    const { findings, verdict } = live([fetched(ENFORCE_POLICY), second({ body: testing })]);
    expect(verdict.mode).toBe('enforce');
    const disagree = findings.find((f) => f.rule === 'policy-fetch-failed');
    expect(disagree?.message).toContain('2001:db8::10 serves a different policy than 192.0.2.10');
    expect(disagree?.remediation).toContain('every address');
    // The other body is judged for syntax but its mode notices do not apply.
    expect(findings.some((f) => f.rule === 'policy-mode-testing')).toBe(false);
  });

  it('judges a broken body from a second address and names it', () => {
    const { findings } = live([fetched(ENFORCE_POLICY), second({ body: 'garbage' })]);
    const invalid = findings.find((f) => f.rule === 'policy-invalid');
    expect(invalid?.message).toContain(`Policy at ${URL} (from 2001:db8::10), line 1, column 1`);
  });

  it('falls back to the host name when the address is not recorded', () => {
    const { findings } = live([fetched(ENFORCE_POLICY, { address: null, status: 404 })]);
    expect(findings[0]?.message).toContain(`from mta-sts.${DOMAIN}:`);
  });
});

describe('judgePolicy: certificate expiry of the policy host', () => {
  const days = (n: number) => new Date(Date.UTC(2026, 10, 22, 12) + n * 86_400_000).toISOString();
  it.each([
    [10, true], // within 14 days
    [14, true], // on the threshold
    [30, false], // far enough
    [-1, false], // expired: the chain error says so (policy-tls-invalid)
  ])('leaf expiring in %i days → %s', (n, expected) => {
    const { findings } = live([fetched(ENFORCE_POLICY, { tls: tls({ chain: [certificate(days(n))] }) })]);
    const expiring = findings.filter((f) => f.rule === 'policy-host-cert-expiring');
    expect(expiring.length).toBe(expected ? 1 : 0);
    if (expected) {
      expect(expiring[0]).toMatchObject({ severity: 'warning', subject: `mta-sts.${DOMAIN}` });
      expect(expiring[0]?.message).toContain(`in ${n} days (warning at 14 days)`);
    }
  });
  it('reports one certificate once across addresses, and ignores unreadable dates', () => {
    const soon = tls({ chain: [certificate(days(3))] });
    const { findings } = live([
      fetched(ENFORCE_POLICY, { tls: soon }),
      fetched(ENFORCE_POLICY, { address: '192.0.2.11', tls: soon }),
    ]);
    expect(findings).toHaveLength(1);
    expect(findings[0]?.message).toContain('served from 192.0.2.10, 192.0.2.11');
    const odd = live([fetched(ENFORCE_POLICY, { tls: tls({ chain: [certificate('not a date')] }) })]);
    expect(odd.findings).toEqual([]);
  });
});

describe('judgePolicy: the _mta-sts record decides whether the policy counts', () => {
  it('judges nothing and sets no mode without a record', () => {
    const answers: DnsAnswer<string>[] = [
      { kind: 'nxdomain' },
      { kind: 'nodata' },
      { kind: 'records', records: ['v=spf1 -all'] },
    ];
    for (const stsTxt of answers) {
      const { findings, verdict, out } = live([fetched(ENFORCE_POLICY, { status: 404 })], { stsTxt });
      expect(findings).toEqual([]);
      expect(verdict.mode).toBeNull();
      expect(out.mtaSts.fetch?.status).toBe(404);
    }
  });
  it('keeps a served policy as livePolicy but not as the mode without a record', () => {
    const { verdict, out } = live([fetched(ENFORCE_POLICY)], { stsTxt: { kind: 'nxdomain' } });
    expect(verdict.livePolicy?.mode).toBe('enforce');
    expect(verdict.policy).toBeNull();
    expect(verdict.mode).toBeNull();
    expect(out.mtaSts.policy?.mode).toBe('enforce');
  });
  it('still judges the policy when the TXT lookup failed (the record may exist)', () => {
    const { verdict } = live([fetched(ENFORCE_POLICY)], { stsTxt: { kind: 'error', error: 'SERVFAIL' } });
    expect(verdict.mode).toBe('enforce');
  });
  it.each([
    [{ kind: 'nxdomain' } as const, 'does not exist in DNS (NXDOMAIN)'],
    [{ kind: 'nodata' } as const, 'has no A or AAAA records'],
  ])('reports an unresolvable policy host %j', (policyHostAddresses, fragment) => {
    const { findings } = live([], { policyHostAddresses });
    expect(findings).toMatchObject([
      { rule: 'policy-fetch-failed', severity: 'error', subject: `mta-sts.${DOMAIN}` },
    ]);
    expect(findings[0]?.message).toContain(fragment);
  });
  it('a failed lookup of the policy host is dns-lookup-failed, not a failed fetch (issue 10)', () => {
    const { findings } = live([], { policyHostAddresses: { kind: 'error', error: 'timeout: A mta-sts' } });
    expect(findings).toMatchObject([
      { rule: 'dns-lookup-failed', severity: 'warning', subject: `mta-sts.${DOMAIN}` },
    ]);
    expect(findings[0]?.message).toContain('the policy was not fetched');
    expect(findings[0]?.remediation).toContain('did not answer in time');
  });
  it('says nothing when no fetch was attempted', () => {
    expect(live([], { policyHostAddresses: null }).findings).toEqual([]);
    expect(live([]).findings).toEqual([]);
  });
});

describe('judgePolicy: the repository policy file', () => {
  const file = (text: string) => ({ path: 'mta-sts/example.com.txt', text });

  it('offline, judges the file in full, with locations, and takes its mode', () => {
    const text = 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 86400\n';
    const out = result();
    const { findings, verdict } = judgePolicy(
      evidence({ observation: null, policyFile: file(text) }),
      settings({ offline: true }),
      out,
    );
    expect(verdict.mode).toBe('testing');
    expect(verdict.policy).toEqual(verdict.filePolicy);
    expect(verdict.livePolicy).toBeNull();
    expect(out.mtaSts.policy).toEqual({
      raw: text,
      mode: 'testing',
      mx: ['mail.example.com'],
      maxAge: 86400,
    });
    expect(findings.map((f) => [f.rule, f.location?.line, f.subject])).toEqual([
      ['policy-mode-testing', 2, 'mta-sts/example.com.txt'],
      ['policy-max-age-short', 4, 'mta-sts/example.com.txt'],
    ]);
    expect(findings[0]?.location).toEqual({ file: 'mta-sts/example.com.txt', line: 2 });
    expect(findings[1]?.message).toContain('Policy file mta-sts/example.com.txt has max_age 86400');
  });

  it('offline, reports each error of a broken file at its line', () => {
    const text = 'version: STSv1\r\nmode: enforce\r\nmx: 192.0.2.25\r\nmax-age: 86400\r\n';
    const { findings, verdict } = judgePolicy(
      evidence({ observation: null, policyFile: file(text) }),
      settings({ offline: true }),
      result(),
    );
    expect(verdict.mode).toBeNull();
    expect(verdict.filePolicy).toBeNull();
    expect(findings.map((f) => [f.rule, f.severity, f.location?.line])).toEqual([
      ['policy-invalid', 'error', 3],
      ['policy-invalid', 'error', 5],
      ['policy-key-typo', 'notice', 4],
    ]);
    expect(findings[0]?.message).toBe(
      'Policy file mta-sts/example.com.txt, line 3, column 5: mx "192.0.2.25" is not a host name or "*." and a host name: an IP address is not a host name',
    );
    expect(findings[1]?.message).toContain(
      'no "max_age" line: it is required exactly once (line 4 has "max-age"',
    );
  });

  it('offline without a file, judges nothing', () => {
    const { findings, verdict } = judgePolicy(
      evidence({ observation: null }),
      settings({ offline: true }),
      result(),
    );
    expect(findings).toEqual([]);
    expect(verdict).toEqual({
      policy: null,
      mode: null,
      livePolicy: null,
      livePolicyText: null,
      filePolicy: null,
    });
  });

  it('live, the served policy governs, but a broken file still fails', () => {
    const text = 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 86400\nmode: enforce\n';
    const { findings, verdict } = judgePolicy(evidence({ policyFile: file(text) }), settings(), result());
    expect(verdict.mode).toBe('enforce');
    expect(verdict.filePolicy).toBeNull();
    expect(findings).toMatchObject([
      { rule: 'policy-invalid', severity: 'error', location: { file: 'mta-sts/example.com.txt', line: 5 } },
    ]);
  });

  it('live, a valid file adds no semantic findings of its own', () => {
    const text = 'version: STSv1\nmode: testing\nmx: mail.example.com\nmax_age: 86400\n';
    const { findings, verdict } = judgePolicy(evidence({ policyFile: file(text) }), settings(), result());
    expect(findings).toEqual([]);
    expect(verdict.filePolicy?.mode).toBe('testing');
  });
});

describe('policy-line-endings (DESIGN.md: only a mix of line endings)', () => {
  it('notes a policy that mixes CRLF and LF', () => {
    const body = 'version: STSv1\r\nmode: testing\nmx: mail.example.com\r\nmax_age: 86400\r\n';
    const { findings } = live([fetched(body)]);
    expect(rules(findings)).toContain('policy-line-endings');
  });
});

describe('judgePolicy: the remediation follows the cause (issue 10)', () => {
  it.each([
    [{ code: 'timeout', message: 'no answer in 15 s' }, /did not answer in time/],
    [{ code: 'connect', message: 'ECONNREFUSED: connect ECONNREFUSED' }, /Nothing listens on port 443/],
    [{ code: 'connect', message: 'EHOSTUNREACH: no route' }, /failed \(EHOSTUNREACH\).*route and firewall/],
    [{ code: 'http', message: 'HPE_INVALID_CONSTANT' }, /does not speak HTTP/],
  ])('%j', (error, remediation) => {
    const { findings } = live([fetched(null, { status: null, body: null, tls: null, error })]);
    expect(findings).toMatchObject([{ rule: 'policy-fetch-failed' }]);
    expect(findings[0]?.remediation).toMatch(remediation);
  });
});
