/** judgeHostAddresses with synthetic observations: which hosts, which severity per mode. */
import { describe, expect, it } from 'vitest';
import type { StsMode } from '../../../src/core/findings.js';
import type { DnsAnswer, DomainObservation } from '../../../src/core/observation.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from '../../../src/core/rules/evidence.js';
import { judgeHostAddresses } from '../../../src/core/rules/host-address.js';

const SETTINGS: JudgementSettings = {
  now: new Date('2026-11-22T12:00:00Z'),
  certExpiryWarningDays: 14,
  smtpProbe: 'on',
  offline: false,
};
const records = (...r: string[]): DnsAnswer<string> => ({ kind: 'records', records: r });

function evidence(over: Partial<DomainObservation>): DomainEvidence {
  const observation: DomainObservation = {
    domain: 'example.com',
    stsTxt: records('v=STSv1; id=1'),
    tlsRptTxt: { kind: 'nodata' },
    mx: { kind: 'records', records: [{ exchange: 'mx.example.com', preference: 10 }] },
    mxAddresses: { 'mx.example.com': records('192.0.2.1') },
    policyHostAddresses: records('192.0.2.2'),
    policyFetches: [],
    smtp: [],
    ...over,
  };
  return {
    domain: 'example.com',
    observation,
    policyFile: null,
    basePolicyFile: null,
    proposed: null,
    baseProposed: null,
    reports: null,
  };
}
const verdict = (mode: StsMode | null): PolicyVerdict => ({
  policy: null,
  mode,
  livePolicy: null,
  livePolicyText: null,
  filePolicy: null,
});

describe('judgeHostAddresses', () => {
  it('is silent for ordinary addresses', () => {
    expect(judgeHostAddresses(evidence({}), SETTINGS, verdict('enforce'))).toEqual([]);
  });

  it.each([
    ['enforce', 'error'],
    ['testing', 'warning'],
    ['none', 'notice'],
    [null, 'notice'],
  ] as const)('mode %s: %s, for the MX and the policy host', (mode, severity) => {
    const found = judgeHostAddresses(
      evidence({
        mxAddresses: { 'mx.example.com': records('224.0.0.1', '192.0.2.1') },
        policyHostAddresses: records('255.255.255.255'),
      }),
      SETTINGS,
      verdict(mode),
    );
    expect(found.map((f) => [f.rule, f.subject, f.severity])).toEqual([
      ['host-address-unusable', 'mta-sts.example.com', severity],
      ['host-address-unusable', 'mx.example.com', severity],
    ]);
    expect(found[0]!.message).toContain('no other address');
    expect(found[1]!.message).toContain('only 192.0.2.1 can be used');
  });

  it('does not judge the policy host of a domain without an STS record (senders never resolve it)', () => {
    const found = judgeHostAddresses(
      evidence({ stsTxt: { kind: 'nxdomain' }, policyHostAddresses: records('0.0.0.0') }),
      SETTINGS,
      verdict(null),
    );
    expect(found).toEqual([]);
  });

  it('judges nothing offline', () => {
    const e = evidence({ policyHostAddresses: records('0.0.0.0') });
    expect(judgeHostAddresses(e, { ...SETTINGS, offline: true }, verdict('enforce'))).toEqual([]);
  });
});
