/**
 * smtp-port-blocked (DESIGN.md): with --smtp-probe auto, "no MX of any domain accepted TCP"
 * replaces every mx-unreachable with one notice; with `on` nothing changes.
 */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../../src/core/findings.js';
import type { DomainObservation, SmtpObservation } from '../../../src/core/observation.js';
import type { JudgementSettings } from '../../../src/core/rules/evidence.js';
import { applySmtpPortBlocked } from '../../../src/core/rules/port-blocked.js';

const NOW = new Date('2026-11-22T12:00:00Z');
const settings = (smtpProbe: JudgementSettings['smtpProbe']): JudgementSettings => ({
  now: NOW,
  certExpiryWarningDays: 14,
  smtpProbe,
  offline: false,
});

function attempt(host: string, connected: boolean, code = 'timeout-connect'): SmtpObservation {
  return {
    host,
    address: '192.0.2.1',
    port: 25,
    connected,
    banner: null,
    extensions: [],
    starttlsOffered: null,
    tls: null,
    error: connected ? null : { stage: 'connect', code, message: code },
    ms: 1000,
  };
}

function domain(name: string, smtp: SmtpObservation[]): DomainObservation {
  return {
    domain: name,
    stsTxt: { kind: 'nodata' },
    tlsRptTxt: { kind: 'nodata' },
    mx: { kind: 'nodata' },
    mxAddresses: {},
    policyHostAddresses: null,
    policyFetches: [],
    smtp,
  };
}

const unreachable = (d: string): Finding =>
  finding('mx-unreachable', 'enforce', { domain: d, subject: `mx.${d}`, message: 'no SMTP session' });
const other = finding('mx-cert-expired', 'enforce', {
  domain: 'b.example',
  subject: 'mx.b.example',
  message: 'x',
});

describe('applySmtpPortBlocked', () => {
  const allBlocked = [
    domain('a.example', [attempt('mx.a.example', false)]),
    domain('b.example', [attempt('mx.b.example', false, 'ECONNREFUSED')]),
  ];
  const findings = [unreachable('a.example'), unreachable('b.example'), other];

  it('auto, every attempt failed to connect: one notice replaces every mx-unreachable', () => {
    const result = applySmtpPortBlocked(findings, allBlocked, settings('auto'));
    expect(result.map((f) => `${f.rule}:${f.severity}:${f.domain}`)).toEqual([
      'mx-cert-expired:error:b.example',
      'smtp-port-blocked:notice:null',
    ]);
    expect(result[1]?.message).toContain(
      'none of 2 SMTP connection attempts succeeded (ECONNREFUSED, timeout-connect)',
    );
  });

  it('keeps what the blocked port does not explain: an MX lookup that failed was never probed', () => {
    const lookupFailed = finding('mx-unreachable', 'enforce', {
      domain: 'c.example',
      subject: 'c.example',
      message: 'the MX records of c.example could not be read (SERVFAIL)',
    });
    const result = applySmtpPortBlocked([...findings, lookupFailed], allBlocked, settings('auto'));
    expect(result.map((f) => `${f.rule}:${f.subject ?? ''}`)).toEqual([
      'mx-cert-expired:mx.b.example',
      'mx-unreachable:c.example',
      'smtp-port-blocked:',
    ]);
  });

  it.each<[string, DomainObservation[], JudgementSettings['smtpProbe']]>([
    // --smtp-probe on: every failure is reported per MX.
    ['on', allBlocked, 'on'],
    // One TCP connection succeeded somewhere: port 25 is open, the MX are at fault.
    ['one connected', [...allBlocked, domain('c.example', [attempt('mx.c.example', true)])], 'auto'],
    // No probe attempted at all (no MX anywhere): nothing to conclude.
    ['nothing attempted', [domain('a.example', [])], 'auto'],
    // Probing off.
    ['off', allBlocked, 'off'],
  ])('%s: findings unchanged', (_name, observations, mode) => {
    expect(applySmtpPortBlocked(findings, observations, settings(mode))).toEqual(findings);
  });
});
