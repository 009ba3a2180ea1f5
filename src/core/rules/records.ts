/**
 * Records family: the live `_mta-sts` (RFC 8461 §3.1) and `_smtp._tls` (RFC 8460 §3) TXT answers.
 * Offline these rules do not run; records proposed by zone files are judged by the zones family
 * with the same parse/select functions.
 *
 * A DNS *error* (SERVFAIL, REFUSED, timeout after the adapter's retries) is not a missing record
 * and not an invalid one: the record may well exist. It is `dns-lookup-failed` (a runner rule, see
 * dns-lookup.ts). `-missing` is kept for a definite NXDOMAIN/NODATA or no matching TXT.
 */
import { finding, type Finding, type JudgedMode } from '../findings.js';
import type { DnsAnswer } from '../observation.js';
import { dnsLookupFailed } from './dns-lookup.js';
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

function judgeSts(domain: string, answer: DnsAnswer<string>, v: PolicyVerdict, out: DomainResult): Finding[] {
  const name = `_mta-sts.${domain}`;
  const mode = v.mode;
  if (answer.kind === 'error') {
    return [dnsLookupFailed(domain, name, 'TXT', answer.error, 'the MTA-STS record was not judged', mode)];
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
    return [dnsLookupFailed(domain, name, 'TXT', answer.error, 'the TLS-RPT record was not judged', mode)];
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
