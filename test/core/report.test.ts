/** RFC 8460 §4 report parsing: tolerant of recorded quirks, strict where totals would change. */
/* eslint-disable @typescript-eslint/no-explicit-any -- wire JSON is edited freely to build (bad) inputs */
import { describe, expect, it } from 'vitest';
import { parseReport, policyDomainFromFilename, reportKey, type QuirkCode } from '../../src/core/report.js';

function base(): any {
  return {
    'organization-name': 'Org',
    'date-range': { 'start-datetime': '2024-02-16T00:00:00Z', 'end-datetime': '2024-02-16T23:59:59Z' },
    'contact-info': 'x@org.example',
    'report-id': 'r1',
    policies: [
      {
        policy: {
          'policy-type': 'sts',
          'policy-string': ['version: STSv1', 'mode: enforce'],
          'policy-domain': 'Example.COM.',
        },
        summary: { 'total-successful-session-count': 5, 'total-failure-session-count': 2 },
        'failure-details': [
          {
            'result-type': 'certificate-expired',
            'receiving-mx-hostname': 'MX.example.com.',
            'failed-session-count': 2,
          },
        ],
      },
    ],
  };
}

type Edit = (r: any) => void;

describe('accepted, with the quirk noted', () => {
  const rows: [string, Edit, QuirkCode | null][] = [
    ['the RFC shape', () => undefined, null],
    [
      'mx-host as a string (RFC 8460 Appendix B)',
      (r) => (r.policies[0].policy['mx-host'] = '*.example.com'),
      'mx-host-string',
    ],
    [
      'mx-host-pattern key (the RFC field list)',
      (r) => (r.policies[0].policy['mx-host-pattern'] = ['mx.example.com']),
      'mx-host-pattern-key',
    ],
    [
      'a count as a numeric string',
      (r) => (r.policies[0].summary['total-successful-session-count'] = '5'),
      'count-as-string',
    ],
    [
      'a date without zone (Microsoft)',
      (r) => (r['date-range']['start-datetime'] = '2024-02-16T00:00:00'),
      'date-without-zone',
    ],
    ['no contact-info', (r) => delete r['contact-info'], 'contact-info-missing'],
    ['no report-id', (r) => delete r['report-id'], 'report-id-missing'],
    [
      'sts without policy-string (Mail.ru)',
      (r) => delete r.policies[0].policy['policy-string'],
      'policy-string-missing',
    ],
    [
      'policy-string items ending in CR (Google)',
      (r) => (r.policies[0].policy['policy-string'] = ['mode: enforce\r']),
      'policy-string-cr',
    ],
    [
      'an unknown result type',
      (r) => (r.policies[0]['failure-details'][0]['result-type'] = 'tls-alert'),
      'unknown-result-type',
    ],
    ['an unknown policy type', (r) => (r.policies[0].policy['policy-type'] = 'dane'), 'unknown-policy-type'],
    [
      'failure-error-code (draft spelling)',
      (r) => (r.policies[0]['failure-details'][0]['failure-error-code'] = 'X'),
      'failure-error-code',
    ],
    [
      'receiving-mx-host-name (SocketLabs)',
      (r) => {
        const d = r.policies[0]['failure-details'][0];
        d['receiving-mx-host-name'] = d['receiving-mx-hostname'];
        delete d['receiving-mx-hostname'];
      },
      'receiving-mx-host-name',
    ],
    [
      'empty sending-mta-ip',
      (r) => (r.policies[0]['failure-details'][0]['sending-mta-ip'] = ''),
      'empty-sending-mta-ip',
    ],
    [
      'details that do not add up (Mail.ru)',
      (r) => (r.policies[0].summary['total-failure-session-count'] = 1),
      'summary-details-mismatch',
    ],
    ['an extension member', (r) => (r['x-vendor'] = { a: [1, { b: 2 }] }), null],
  ];
  it.each(rows)('%s', (_name, edit, quirk) => {
    const r = base();
    edit(r);
    const result = parseReport(r);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.report.quirks.map((q) => q.code)).toEqual(quirk ? [quirk] : []);
  });

  it('converts to the typed report', () => {
    const result = parseReport(base());
    expect(result).toMatchObject({
      ok: true,
      report: {
        organizationName: 'Org',
        startMs: Date.parse('2024-02-16T00:00:00Z'),
        reportId: 'r1',
        policies: [
          {
            policyType: 'sts',
            policyDomain: 'example.com',
            mxHost: [],
            totalSuccessfulSessionCount: 5,
            failureDetails: [
              {
                resultType: 'certificate-expired',
                receivingMxHostname: 'mx.example.com',
                failedSessionCount: 2,
              },
            ],
          },
        ],
      },
    });
  });

  it('reads unknown result types as other, keeping the raw value', () => {
    const r = base();
    r.policies[0]['failure-details'][0]['result-type'] = 'tls-alert';
    const result = parseReport(r);
    expect(result.ok && result.report.policies[0]!.failureDetails[0]).toMatchObject({
      resultType: 'other',
      rawResultType: 'tls-alert',
    });
  });

  it('reads a U-label policy-domain as its A-label (RFC 8460 §4.4 requires A-labels), noting it', () => {
    const r = base();
    r.policies[0].policy['policy-domain'] = 'Bücher.example.';
    const result = parseReport(r);
    expect(result).toMatchObject({
      ok: true,
      report: { policies: [{ policyDomain: 'xn--bcher-kva.example' }] },
    });
    expect(result.ok && result.report.quirks.map((q) => q.code)).toContain('policy-domain-u-label');
  });

  it('takes a missing policy-domain from the hint, and refuses without one', () => {
    const r = base();
    delete r.policies[0].policy['policy-domain'];
    expect(parseReport(r, { policyDomain: 'hint.example' })).toMatchObject({
      ok: true,
      report: { policies: [{ policyDomain: 'hint.example' }] },
    });
    expect(parseReport(r)).toMatchObject({
      ok: false,
      error: expect.stringMatching(/policy-domain: missing/),
    });
  });
});

describe('rejected', () => {
  const rows: [string, Edit, RegExp][] = [
    // Not an object at all.
    ['a string', () => undefined, /the report: expected an object, got the string/],
    // Required member missing.
    ['no organization-name', (r) => delete r['organization-name'], /organization-name: missing/],
    ['no date-range', (r) => delete r['date-range'], /date-range: missing/],
    // Issue 10 item 5: a range ending before it starts says nothing about when sessions happened.
    [
      'end before start',
      (r) => (r['date-range']['start-datetime'] = '2024-02-17T00:00:00Z'),
      /date-range: end 2024-02-16T23:59:59.000Z is before start 2024-02-17T00:00:00.000Z/,
    ],
    ['no policies', (r) => delete r.policies, /policies: missing/],
    // Says nothing about any domain.
    ['empty policies', (r) => (r.policies = []), /policies: empty/],
    ['policies not an array', (r) => (r.policies = {}), /policies: expected an array, got an object/],
    ['no summary', (r) => delete r.policies[0].summary, /policies\[0\].summary: missing/],
    [
      'a missing count',
      (r) => delete r.policies[0].summary['total-failure-session-count'],
      /total-failure-session-count: missing/,
    ],
    // Counts must be whole, non-negative and exact.
    [
      'a negative count',
      (r) => (r.policies[0].summary['total-successful-session-count'] = -1),
      /negative count -1/,
    ],
    [
      'a negative count as a string',
      (r) => (r.policies[0].summary['total-successful-session-count'] = '-1'),
      /negative count -1/,
    ],
    [
      'a fractional count',
      (r) => (r.policies[0].summary['total-successful-session-count'] = 1.5),
      /not a whole number/,
    ],
    ['a huge count', (r) => (r.policies[0].summary['total-successful-session-count'] = 2 ** 60), /too large/],
    [
      'a boolean count',
      (r) => (r.policies[0].summary['total-successful-session-count'] = true),
      /got boolean true/,
    ],
    [
      'a non-numeric string count',
      (r) => (r.policies[0].summary['total-successful-session-count'] = 'many'),
      /got the string "many"/,
    ],
    // Wrong types elsewhere.
    [
      'policy-string not an array',
      (r) => (r.policies[0].policy['policy-string'] = 'mode: enforce'),
      /policy-string: expected an array of strings/,
    ],
    [
      'policy-string with a number',
      (r) => (r.policies[0].policy['policy-string'] = [1]),
      /policy-string\[0\]: expected a string/,
    ],
    [
      'failure-details not an array',
      (r) => (r.policies[0]['failure-details'] = {}),
      /failure-details: expected an array/,
    ],
    [
      'result-type missing',
      (r) => delete r.policies[0]['failure-details'][0]['result-type'],
      /result-type: missing/,
    ],
    [
      'a date that is no date',
      (r) => (r['date-range']['end-datetime'] = 'yesterday'),
      /end-datetime: "yesterday" is not an RFC 3339/,
    ],
    [
      'a date out of range',
      (r) => (r['date-range']['end-datetime'] = '2024-13-45T99:00:00Z'),
      /not a valid date/,
    ],
    [
      'a date that is a number',
      (r) => (r['date-range']['end-datetime'] = 1708127999),
      /expected a date-time string/,
    ],
    [
      'mx-host a number',
      (r) => (r.policies[0].policy['mx-host'] = 5),
      /mx-host: expected an array of strings/,
    ],
    [
      'a deep extension',
      (r) => (r.ext = JSON.parse('['.repeat(30) + ']'.repeat(30))),
      /nested deeper than 16/,
    ],
    [
      'a deep value in a failure detail',
      (r) => (r.policies[0]['failure-details'][0].x = JSON.parse('['.repeat(30) + ']'.repeat(30))),
      /nested deeper/,
    ],
  ];
  it.each(rows)('%s', (name, edit, error) => {
    const r = name === 'a string' ? 'report' : base();
    if (typeof r === 'object') edit(r);
    expect(parseReport(r)).toEqual({ ok: false, error: expect.stringMatching(error) });
  });
});

describe('policyDomainFromFilename (RFC 8460 §5.1)', () => {
  const rows: [string, string | null][] = [
    ['google.com!example.com!1708041600!1708127999!001.json.gz', 'example.com'],
    ['dir/mail.sender.example!Example.NET!1013662812!1013749130.json', 'example.net'],
    ['report.json', null], // not the §5.1 shape
    ['a!b!c', null], // too few fields
    ['s!not a domain!1!2.json', null], // spaces
    ['s!localhost!1!2.json', null], // no dot
  ];
  it.each(rows)('%s', (name, domain) => expect(policyDomainFromFilename(name)).toBe(domain));
});

describe('reportKey', () => {
  it('is organization and report-id; without a report-id the dates and domains', () => {
    const a = parseReport(base());
    const r = base();
    delete r['report-id'];
    const b = parseReport(r);
    if (!a.ok || !b.ok) throw new Error('fixture');
    expect(reportKey(a.report)).toBe('Org\u0000r1');
    expect(reportKey(b.report)).toContain('example.com');
    expect(reportKey(b.report)).not.toBe(reportKey(a.report));
  });
});
