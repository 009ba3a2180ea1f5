/**
 * Issue 14 item 3 and issue 10 items 9-10: the job summary reads in the order a postmaster
 * needs (verdict, domains at risk, fixes, detail), with readable dates, charts with a legend and
 * axis titles, every problem on its MX row, --base findings apart, and honest policy states.
 */
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import { emptyDomainResult, type DomainResult } from '../../src/core/result.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { enforceDomain, enforceFindings, resultOf } from '../github/fixtures.js';

function withReportDays(d: DomainResult): DomainResult {
  d.reports = {
    successfulSessions: 300,
    failedSessions: 35,
    byResultType: { 'certificate-expired': 35 },
    byMx: { [`mx2.${d.domain}`]: 35 },
    byReporter: { 'Reporter Inc.': 35 },
    days: [
      { date: '2026-11-18', successful: 100, failed: 0 },
      { date: '2026-11-19', successful: 100, failed: 15 },
      { date: '2026-11-20', successful: 100, failed: 20 },
    ],
  };
  return d;
}

describe('the order of the job summary', () => {
  const result = resultOf(enforceFindings('a.example'), [withReportDays(enforceDomain('a.example'))]);
  const md = renderMarkdown(result, {
    issues: [{ domain: 'a.example', number: 7, url: 'https://github.com/o/r/issues/7', action: 'opened' }],
  });
  const at = (text: string) => {
    const i = md.indexOf(text);
    expect(i, text).toBeGreaterThanOrEqual(0);
    return i;
  };

  it('is verdict, domains at risk, fixes, issues, then the detail', () => {
    expect(at('## mta-sts-guard: ❌ FAIL')).toBe(0);
    expect(at('### Domains at risk (1)')).toBeLessThan(at('### Fixes'));
    expect(at('### Fixes')).toBeLessThan(at('### Issues'));
    expect(at('### Issues')).toBeLessThan(at('### ❌ Errors (2)'));
    expect(at('### ❌ Errors (2)')).toBeLessThan(at('### Domains\n'));
  });

  it('says per domain at risk its mode, what breaks, since when (from the reports) and its issue', () => {
    expect(md).toContain(
      '| `a.example` | `enforce` | ❌ MX not covered by the policy `mx2.a.example`<br>❌ MX certificate has expired `mx2.a.example`<br>⚠️ No TLS\\-RPT record | 2026\\-11\\-19 (first failed report, 3 days ago) | [#7](https://github.com/o/r/issues/7) |',
    );
  });

  it('lists each fix once with where it applies', () => {
    expect(md).toContain(
      '- ❌ **MX certificate has expired** · `mx2.a.example` (a\\.example): Renew the MX certificate and reload the mail server\\.',
    );
    expect(md.match(/Renew the MX certificate and reload/g)).toHaveLength(1);
  });

  it('leaves out the table and the fixes when nothing is at risk', () => {
    const clean = renderMarkdown(resultOf([], [enforceDomain('b.example')]));
    expect(clean).not.toContain('Domains at risk');
    expect(clean).not.toContain('### Fixes');
  });
});

describe('dates, charts and URLs in the job summary', () => {
  const d = withReportDays(enforceDomain('a.example'));
  d.mx[1]!.tls!.certificate!.validTo = '2026-11-19T14:48:02.000Z';
  // Failures are reported from the 20th on: the certificate's expiry is the earlier "since".
  d.reports!.days[1]!.failed = 0;
  const expired = finding('mx-cert-expired', 'enforce', {
    domain: 'a.example',
    subject: 'mx2.a.example',
    message: 'the certificate of mx2.a.example expired on 2026-11-19T14:48:02.000Z',
  });
  const redirect = finding('policy-redirect', 'enforce', {
    domain: 'a.example',
    subject: 'https://mta-sts.a.example/.well-known/mta-sts.txt',
    message:
      'https://mta-sts.a.example/.well-known/mta-sts.txt answered HTTP 301 redirecting to https://www.a.example/x; see www.a.example',
  });
  const md = renderMarkdown(resultOf([expired, redirect], [d]));

  it('writes timestamps as `2026-11-19 14:48 UTC`, never as raw ISO strings', () => {
    expect(md).toContain('expired on 2026\\-11\\-19 14:48 UTC');
    expect(md).toContain('2026\\-11\\-19 14:48 UTC (certificate expired, 3 days ago)');
    expect(md).toContain('2026\\-11\\-22 04:17 UTC</sub>');
    expect(md).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('holds no zero-width character: URLs are code spans, copyable as they are', () => {
    for (const invisible of ['\u200b', '\u200c', '\u200d', '\u2060', '\ufeff'])
      expect(md).not.toContain(invisible);
    expect(md).toContain(
      '`https://mta-sts.a.example/.well-known/mta-sts.txt answered HTTP 301 redirecting to https://www.a.example/x; see www.a.example`',
    );
  });

  it('draws the per-day chart with axis titles and a legend naming the series', () => {
    expect(md).toContain('  x-axis "day (UTC, month-day)" ["11-18", "11-19", "11-20"]');
    expect(md).toContain('  y-axis "TLS sessions" 0 --> 120');
    expect(md).toContain('"plotColorPalette":"#55acee, #dd2e44"');
    expect(md).toContain('🟦 bars: all TLS sessions reported that day · 🟥 line: failed sessions');
  });
});

describe('the per-day chart', () => {
  it('ends at the last day with a report: a later window day is no data, not zero sessions', () => {
    const d = withReportDays(enforceDomain('a.example'));
    d.reports!.days = [
      ...d.reports!.days.map((day) => ({ ...day, reports: 1 })),
      { date: '2026-11-21', successful: 0, failed: 0, reports: 0 },
    ] as NonNullable<DomainResult['reports']>['days'];
    const md = renderMarkdown(resultOf([], [d]));
    expect(md).toContain('  x-axis "day (UTC, month-day)" ["11-18", "11-19", "11-20"]');
  });
});

describe('every MX row shows each problem of its host', () => {
  const d = enforceDomain('a.example');
  // The certificate is valid for 89 more days, but not for the MX name, and TLS is old.
  d.mx[0]!.tls!.certificate!.daysLeft = 89;
  const problems = [
    finding('mx-cert-hostname-mismatch', 'enforce', {
      domain: 'a.example',
      subject: 'MX1.a.example.',
      message: 'the certificate of mx1.a.example does not cover that name',
    }),
    finding('mx-tls-version', 'enforce', {
      domain: 'a.example',
      subject: 'mx1.a.example',
      message: 'TLSv1.1',
    }),
    finding('mx-cert-expiring', 'testing', {
      domain: 'a.example',
      subject: 'mx1.a.example',
      message: 'soon',
    }),
  ];
  const md = renderMarkdown(resultOf(problems, [d]));

  it('names the mismatch, the TLS version and the expiry beside "89 days left"', () => {
    const row = md.split('\n').find((l) => l.startsWith('| `mx1.a.example` | 10 |'))!;
    expect(row).toContain('89 days left');
    expect(row).toContain('❌ MX certificate does not cover the MX name');
    expect(row).toContain('❌ MX negotiates TLS older than 1\\.2');
    expect(row).toContain('⚠️ MX certificate expires soon');
    const other = md.split('\n').find((l) => l.startsWith('| `mx2.a.example` | 20 |'))!;
    expect(other.endsWith('| — |')).toBe(true);
  });
});

describe('with --base', () => {
  const d = enforceDomain('a.example');
  const [notInPolicy, expired, tlsrpt] = enforceFindings('a.example');
  const allExisting = resultOf(
    [
      { ...notInPolicy!, status: 'existing' },
      { ...expired!, status: 'existing' },
      { ...tlsrpt!, status: 'existing' },
    ],
    [d],
  );

  it('says the change introduces no new problem when every error existed at the base (issue 10 item 9)', () => {
    const md = renderMarkdown(allExisting);
    expect(md.split('\n')[0]).toBe(
      '## mta-sts-guard: ✅ PASS: this change introduces no new problem; 3 existing problems remain from the base',
    );
    expect(md).not.toContain('FAIL');
    expect(md).toContain('against the base: 0 new, 3 existing');
    expect(md).not.toContain('Domains at risk');
    expect(md).toContain('### Already at the base (3)');
  });

  it('puts what the change introduces and what the base had in separate sections', () => {
    const mixed = resultOf(
      [
        { ...notInPolicy!, status: 'new' },
        { ...expired!, status: 'existing' },
      ],
      [d],
    );
    const md = renderMarkdown(mixed);
    expect(md.split('\n')[0]).toBe(
      '## mta-sts-guard: ❌ FAIL: this change introduces 1 error, an enforce-mode risk; 1 existing problem remains from the base',
    );
    const fresh = md.slice(md.indexOf('### ❌ New errors (1)'), md.indexOf('### Already at the base (1)'));
    const old = md.slice(md.indexOf('### Already at the base (1)'), md.indexOf('### Domains\n'));
    expect(fresh).toContain('mx-not-in-policy');
    expect(fresh).not.toContain('mx-cert-expired');
    expect(old).toContain('mx-cert-expired');
    expect(old).toContain('Fix: Renew the MX certificate');
    expect(md).toContain('### Fixes for what this change introduces');
    const fixes = md.slice(md.indexOf('### Fixes'), md.indexOf('### ❌ New errors'));
    expect(fixes).not.toContain('Renew the MX certificate');
  });
});

describe('"no policy" means no policy (issue 10 item 10)', () => {
  const fetchOf = (status: number | null, error: string | null): DomainResult['mtaSts']['fetch'] => ({
    url: 'https://mta-sts.x.example/.well-known/mta-sts.txt',
    status,
    contentType: null,
    bytes: 0,
    ms: 5,
    error,
  });
  const domain = (name: string, edit: (d: DomainResult) => void): DomainResult => {
    const d = emptyDomainResult(name);
    d.mtaSts.record = { raw: 'v=STSv1; id=20261122', id: '20261122' };
    edit(d);
    return d;
  };
  const md = renderMarkdown(
    resultOf(
      [],
      [
        domain('none.example', (d) => (d.mtaSts.record = null)),
        domain('offline.example', () => undefined),
        domain('moved.example', (d) => (d.mtaSts.fetch = fetchOf(301, null))),
        domain('down.example', (d) => (d.mtaSts.fetch = fetchOf(null, 'ECONNREFUSED: connect refused'))),
        domain('gone.example', (d) => (d.mtaSts.fetch = fetchOf(404, null))),
        domain('bad.example', (d) => (d.mtaSts.fetch = fetchOf(200, null))),
        domain('file.example', (d) => {
          d.mtaSts.policy = { raw: '', mode: 'testing', mx: [], maxAge: 86400 };
        }),
      ],
    ),
  );
  const modeOf = (name: string) => {
    const head = md.indexOf(`#### ${name.replace('.', '\\.')}`);
    return md.slice(head).split('\n')[4]!.split(' | ')[0]!.slice(2);
  };

  it('is said only for a missing STS record', () => {
    expect(modeOf('none.example')).toBe('no policy \\(no STS record\\)');
    expect(md.match(/no policy/g)).toHaveLength(2); // its heading and its table
  });

  it('says an offline run did not fetch the policy, and a failed fetch that it failed', () => {
    expect(modeOf('offline.example')).toBe('policy not fetched \\(offline\\)');
    expect(modeOf('moved.example')).toBe('policy fetch failed: HTTP 301 redirect');
    expect(modeOf('down.example')).toBe('policy fetch failed: ECONNREFUSED');
    expect(modeOf('gone.example')).toBe('policy fetch failed: HTTP 404');
    expect(modeOf('bad.example')).toBe('policy invalid');
    expect(modeOf('file.example')).toBe('`testing` (policy file)');
    expect(md).toContain('#### moved\\.example · policy fetch failed: HTTP 301 redirect · 0 errors');
  });

  it('says a policy file that could not be used is invalid, not that there is no policy', () => {
    const invalid = finding('policy-invalid', 'enforce', {
      domain: 'file.example',
      message: 'max_age is missing',
      location: { file: 'mta-sts/file.example.txt', line: 4 },
    });
    const offline = renderMarkdown(resultOf([invalid], [emptyDomainResult('file.example')]));
    expect(offline).toContain('#### file\\.example · policy file invalid · 1 error');
    expect(offline).not.toContain('no policy');
  });
});
