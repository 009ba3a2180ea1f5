/**
 * Records family: the live `_mta-sts` (RFC 8461 §3.1) and `_smtp._tls` (RFC 8460 §3) TXT answers.
 * Offline these rules do not run; records proposed by zone files are judged by the zones family
 * with the same parse/select functions.
 *
 * A DNS *error* (SERVFAIL, REFUSED, timeout after the adapter's retries) is not a missing record:
 * the record may well exist. It is reported under the `-invalid` rule of that record ("the record
 * could not be read"), with a message that says it is a DNS failure and may be transient, because a
 * sender meeting the same failure cannot read the record either: new senders apply no policy and
 * no reports are sent. `-missing` is kept for a definite NXDOMAIN/NODATA or no matching TXT.
 */
import { finding, type Finding, type JudgedMode } from '../findings.js';
import type { DnsAnswer } from '../observation.js';
import { selectStsRecord } from '../mta-sts-record.js';
import { selectTlsRptRecord } from '../tlsrpt-record.js';
import type { DomainResult } from '../result.js';
import type { DomainEvidence, JudgementSettings, PolicyVerdict } from './evidence.js';

/** Judges the live TXT answers and fills out.mtaSts.record and out.tlsRpt.record. */
export function judgeRecords(
  e: DomainEvidence,
  _s: JudgementSettings,
  v: PolicyVerdict,
  out: DomainResult,
): Finding[] {
  if (e.observation === null) return [];
  return [
    ...judgeSts(e.domain, e.observation.stsTxt, v, out),
    ...judgeTlsRpt(e.domain, e.observation.tlsRptTxt, v.mode, out),
  ];
}

function quoted(txts: string[]): string {
  return txts.map((t) => JSON.stringify(t)).join(', ');
}

function absence(name: string, answer: DnsAnswer<string>): string {
  if (answer.kind === 'nxdomain') return `${name} does not exist (NXDOMAIN)`;
  if (answer.kind === 'nodata' || (answer.kind === 'records' && answer.records.length === 0)) {
    return `${name} has no TXT records`;
  }
  const records = answer.kind === 'records' ? answer.records : [];
  return `${name} has ${records.length} TXT record${records.length === 1 ? '' : 's'}, none starting with`;
}

function dnsFailure(name: string, error: string): string {
  return `${name} TXT could not be read: DNS error (${error}). This is not a missing record, and it may be transient; senders that meet the same failure cannot read the record either`;
}

const DNS_REMEDIATION =
  'Check that the authoritative name servers answer for this name (and that DNSSEC validates); rerun to rule out a transient failure.';

function judgeSts(domain: string, answer: DnsAnswer<string>, v: PolicyVerdict, out: DomainResult): Finding[] {
  const name = `_mta-sts.${domain}`;
  const mode = v.mode;
  if (answer.kind === 'error') {
    return [
      finding('sts-record-invalid', mode, {
        domain,
        subject: name,
        message: dnsFailure(name, answer.error),
        remediation: DNS_REMEDIATION,
      }),
    ];
  }
  const selection = selectStsRecord(answer.kind === 'records' ? answer.records : []);
  switch (selection.kind) {
    case 'one':
      out.mtaSts.record = { raw: selection.record.raw, id: selection.record.id };
      return [];
    case 'none': {
      const what = absence(name, answer);
      const discarded = answer.kind === 'records' && answer.records.length > 0;
      const served =
        v.livePolicy === null
          ? ''
          : `; mta-sts.${domain} serves a policy (mode ${v.livePolicy.mode}), but without the record senders never fetch it`;
      return [
        finding('sts-record-missing', mode, {
          domain,
          subject: name,
          message: `${what}${discarded ? ` v=STSv1: ${quoted(answer.records)}` : ''}${served}`,
        }),
      ];
    }
    case 'invalid':
      return [
        finding('sts-record-invalid', mode, {
          domain,
          subject: name,
          message: `${name} TXT ${JSON.stringify(selection.raw)} is not a valid MTA-STS record: ${selection.error}`,
        }),
      ];
    case 'multiple':
      return [
        finding('sts-record-multiple', mode, {
          domain,
          subject: name,
          message: `${name} has ${selection.raws.length} v=STSv1 records (${quoted(selection.raws)}); senders treat the domain as having no policy`,
        }),
      ];
  }
}

function judgeTlsRpt(
  domain: string,
  answer: DnsAnswer<string>,
  mode: JudgedMode,
  out: DomainResult,
): Finding[] {
  const name = `_smtp._tls.${domain}`;
  if (answer.kind === 'error') {
    return [
      finding('tlsrpt-record-invalid', mode, {
        domain,
        subject: name,
        message: dnsFailure(name, answer.error),
        remediation: DNS_REMEDIATION,
      }),
    ];
  }
  const selection = selectTlsRptRecord(answer.kind === 'records' ? answer.records : []);
  switch (selection.kind) {
    case 'one':
      out.tlsRpt.record = { raw: selection.record.raw, rua: selection.record.rua };
      return [];
    case 'none': {
      const what = absence(name, answer);
      const discarded = answer.kind === 'records' && answer.records.length > 0;
      return [
        finding('tlsrpt-record-missing', mode, {
          domain,
          subject: name,
          message: `${what}${discarded ? ` v=TLSRPTv1: ${quoted(answer.records)}` : ''}`,
        }),
      ];
    }
    case 'invalid':
      return [
        finding('tlsrpt-record-invalid', mode, {
          domain,
          subject: name,
          message: `${name} TXT ${JSON.stringify(selection.raw)} is not a valid TLS-RPT record: ${selection.error}`,
        }),
      ];
    case 'multiple':
      return [
        finding('tlsrpt-record-multiple', mode, {
          domain,
          subject: name,
          message: `${name} has ${selection.raws.length} v=TLSRPTv1 records (${quoted(selection.raws)}); senders send no reports`,
        }),
      ];
  }
}
