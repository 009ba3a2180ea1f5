/**
 * Records to publish (issue 15 item 3): live findings without a file get the exact TXT records
 * and policy body to serve; every policy body given parses and clears what the finding said.
 */
import { describe, expect, it } from 'vitest';
import { finding, type Finding, type RuleId } from '../../../src/core/findings.js';
import { attachFixes } from '../../../src/core/fix/attach.js';
import { publishFix, type LiveDomain } from '../../../src/core/fix/publish-fix.js';
import { parsePolicy, policyCoversMx } from '../../../src/core/policy.js';

const NOW = new Date('2026-11-22T10:11:12Z');
const D = 'live.example';
const POLICY = 'version: STSv1\r\nmode: testing\r\nmx: old.live.example\r\nmax_age: 86400\r\n';

function live(over: Partial<LiveDomain> = {}): LiveDomain {
  return {
    stsTxt: ['v=STSv1; id=20260101'],
    tlsRptTxt: [`v=TLSRPTv1; rua=mailto:tls@${D}`],
    policyText: POLICY,
    mx: ['mx1.live.example', 'mx2.live.example'],
    ...over,
  };
}

const f = (rule: RuleId, over: Partial<Finding> = {}): Finding => ({
  ...finding(rule, 'testing', { domain: D, message: 'm' }),
  ...over,
});

function body(fix: ReturnType<typeof publishFix>): string {
  return fix!.publish!.find((p) => p.type === 'policy')!.value;
}

describe('publishFix', () => {
  it('serves the policy with mx lines for every live MX, and the record with a new id', () => {
    for (const rule of ['mx-not-in-policy', 'policy-mx-unmatched'] as const) {
      const fix = publishFix(f(rule), live(), NOW)!;
      expect(fix.publish).toEqual([
        {
          name: `https://mta-sts.${D}/.well-known/mta-sts.txt`,
          type: 'policy',
          value:
            'version: STSv1\r\nmode: testing\r\nmx: mx1.live.example\r\nmx: mx2.live.example\r\nmax_age: 86400\r\n',
        },
        { name: `_mta-sts.${D}`, type: 'TXT', value: 'v=STSv1; id=20261122101112' },
      ]);
      expect(fix.summary).toContain(`_mta-sts.${D} TXT "v=STSv1; id=20261122101112"`);
    }
  });

  it('corrects broken live records when the intent is clear', () => {
    expect(
      publishFix(f('sts-record-invalid'), live({ stsTxt: ['v=STSv1; id=2026-01-01'] }), NOW)!.publish,
    ).toEqual([{ name: `_mta-sts.${D}`, type: 'TXT', value: 'v=STSv1; id=20260101' }]);
    expect(
      publishFix(f('tlsrpt-record-invalid'), live({ tlsRptTxt: [`v=TLSRPTv1 rua=mailto:tls@${D}`] }), NOW)!
        .publish,
    ).toEqual([{ name: `_smtp._tls.${D}`, type: 'TXT', value: `v=TLSRPTv1; rua=mailto:tls@${D}` }]);
    expect(publishFix(f('tlsrpt-record-missing'), live({ tlsRptTxt: [] }), NOW)!.publish).toEqual([
      { name: `_smtp._tls.${D}`, type: 'TXT', value: `v=TLSRPTv1; rua=mailto:tlsrpt@${D}` },
    ]);
    // Two ids: which one was meant is not determined.
    expect(publishFix(f('sts-record-invalid'), live({ stsTxt: ['v=STSv1; id=1; id=2'] }), NOW)).toBeNull();
  });

  it('gives a first policy in testing listing every MX when there is no MTA-STS record', () => {
    const fix = publishFix(f('sts-record-missing'), live({ stsTxt: [], policyText: null }), NOW)!;
    const policy = parsePolicy(body(fix)).policy!;
    expect(policy.mode).toBe('testing');
    expect(['mx1.live.example', 'mx2.live.example'].every((h) => policyCoversMx(policy, h))).toBe(true);
    expect(fix.publish![1]).toEqual({
      name: `_mta-sts.${D}`,
      type: 'TXT',
      value: 'v=STSv1; id=20261122101112',
    });
    expect(publishFix(f('sts-record-missing'), live({ mx: [] }), NOW)).toBeNull();
  });

  it('serves the corrected policy for policy-invalid, key typos and line endings', () => {
    const broken = 'version: STSv1\r\nmode: Testing\nmx: mx1.live.example\r\nmax-age: 86400\r\n';
    for (const rule of ['policy-invalid', 'policy-key-typo', 'policy-line-endings'] as const) {
      const parsed = parsePolicy(body(publishFix(f(rule), live({ policyText: broken }), NOW)));
      expect([parsed.errors, parsed.typos, parsed.lineEndings]).toEqual([[], [], 'crlf']);
    }
    // No determined correction: nothing to publish.
    expect(publishFix(f('policy-invalid'), live({ policyText: 'mode: maybe\r\n' }), NOW)).toBeNull();
  });

  it('serves the policy in enforce with max_age of a week for enforce-ready', () => {
    const policy = parsePolicy(body(publishFix(f('enforce-ready'), live(), NOW))).policy!;
    expect([policy.mode, policy.maxAge]).toEqual(['enforce', 604800]);
  });

  it('gives nothing for a located finding, an unknown domain or a rule without a publish', () => {
    expect(publishFix(f('mx-not-in-policy', { location: { file: 'z', line: 1 } }), live(), NOW)).toBeNull();
    expect(publishFix(f('mx-not-in-policy'), undefined, NOW)).toBeNull();
    expect(publishFix(f('mx-unreachable'), live(), NOW)).toBeNull();
  });

  it('is what attachFixes gives live findings', () => {
    const [fixed] = attachFixes([f('enforce-ready')], {
      policyFiles: new Map(),
      live: new Map([[D, live()]]),
      now: NOW,
    });
    expect(fixed!.fix!.publish).toHaveLength(2);
  });
});

describe('enforce-ready on a policy file', () => {
  const text = 'version: STSv1\r\nmode: testing\r\nmx: mx.live.example\r\nmax_age: 86400\r\n';
  const zone = '_mta-sts IN TXT "v=STSv1; id=20260101"\n';
  const ready = f('enforce-ready', { location: { file: 'mta-sts.txt', line: 2 } });
  const context = {
    policyFiles: new Map([['mta-sts.txt', { domain: D, text, sha256: 'p' }]]),
    zoneFiles: new Map([['db.live', { text: zone, sha256: 'z' }]]),
    records: [
      {
        kind: 'sts' as const,
        domain: D,
        value: 'v=STSv1; id=20260101',
        location: { file: 'db.live', line: 1 },
      },
    ],
    now: NOW,
  };

  it('edits mode and max_age in the file and gives the zone record the new id', () => {
    const fix = attachFixes([ready], context)[0]!.fix!;
    expect(fix.edits!.map((e) => [e.file, e.startLine, e.endLine, e.text])).toEqual([
      ['mta-sts.txt', 2, 2, 'mode: enforce\r\n'],
      ['mta-sts.txt', 4, 4, 'max_age: 604800\r\n'],
      ['db.live', 1, 1, '_mta-sts IN TXT "v=STSv1; id=20261122101112"\n'],
    ]);
    expect(fix.summary).toContain('db.live line 1');
  });

  it('without the zone record, says to publish a new id; nothing for an unreadable file', () => {
    const fix = attachFixes([ready], { ...context, records: [] })[0]!.fix!;
    expect(fix.edits).toHaveLength(2);
    expect(fix.summary).toContain('publish _mta-sts.live.example with a new id (e.g. id=20261122101112)');
    const broken = {
      ...context,
      policyFiles: new Map([['mta-sts.txt', { domain: D, text: 'mode: x\r\n', sha256: 'p' }]]),
    };
    expect(attachFixes([ready], broken)[0]!.fix).toBeUndefined();
  });
});
