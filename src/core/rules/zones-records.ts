/**
 * The records rules (RFC 8461 §3.1, RFC 8460 §3) applied to the `_mta-sts` and `_smtp._tls` TXT
 * records a DNS-as-code change proposes, with the same parse/select functions as the live
 * records family and the same subjects (`_mta-sts.<domain>`), but each finding on its file and line.
 */
import { finding, type Finding, type JudgedMode, type Location } from '../findings.js';
import { selectStsRecord, type StsRecordSelection } from '../mta-sts-record.js';
import type { Proposed, ProposedDomain } from '../proposed.js';
import { selectTlsRptRecord, type TlsRptRecordSelection } from '../tlsrpt-record.js';

/**
 * An RRset is a set: the same text written twice is published once, so duplicates are merged
 * before selection (the first line written is kept as the location).
 */
export function uniqueTxt(records: Proposed<string>[]): Proposed<string>[] {
  const seen = new Map<string, Proposed<string>>();
  for (const record of records) if (!seen.has(record.value)) seen.set(record.value, record);
  return [...seen.values()];
}

export function proposedSts(p: ProposedDomain): StsRecordSelection {
  return selectStsRecord(uniqueTxt(p.stsTxt).map((r) => r.value));
}

export function proposedTlsRpt(p: ProposedDomain): TlsRptRecordSelection {
  return selectTlsRptRecord(uniqueTxt(p.tlsRptTxt).map((r) => r.value));
}

/** Where a given TXT text is written (first occurrence). */
export function locationOf(records: Proposed<string>[], value: string): Location | undefined {
  return records.find((r) => r.value === value)?.location;
}

/**
 * A record senders discard (it does not begin with the exact version literal) but that was
 * clearly meant as one: leading blanks, quotes, or a different case (` v=STSv1`, `V=STSV1`).
 */
function lookalike(records: Proposed<string>[], version: string): Proposed<string> | undefined {
  const wanted = version.toLowerCase();
  return records.find((r) => {
    const text = r.value.replace(/^[\s"']+/, '').toLowerCase();
    return text.startsWith(wanted) && !r.value.startsWith(version);
  });
}

function quoted(texts: string[]): string {
  return texts.map((t) => JSON.stringify(t)).join(', ');
}

/** Records rules on the proposed TXT records of one domain. */
export function judgeProposedRecords(p: ProposedDomain, mode: JudgedMode, hasPolicyFile: boolean): Finding[] {
  const findings: Finding[] = [];
  const domain = p.domain;
  const stsName = `_mta-sts.${domain}`;
  const rptName = `_smtp._tls.${domain}`;

  const sts = proposedSts(p);
  if (sts.kind === 'invalid') {
    findings.push(
      finding('sts-record-invalid', mode, {
        domain,
        subject: stsName,
        location: locationOf(p.stsTxt, sts.raw),
        message: `Proposed ${stsName} TXT ${JSON.stringify(sts.raw)} is not a valid MTA-STS record: ${sts.error}`,
      }),
    );
  } else if (sts.kind === 'multiple') {
    findings.push(
      finding('sts-record-multiple', mode, {
        domain,
        subject: stsName,
        // The second record is the one that breaks the set.
        location: locationOf(p.stsTxt, sts.raws[1]!),
        message: `Proposed ${stsName} has ${sts.raws.length} v=STSv1 records (${quoted(sts.raws)}); senders treat the domain as having no policy`,
      }),
    );
  } else if (sts.kind === 'none') {
    const near = lookalike(p.stsTxt, 'v=STSv1');
    if (near) {
      findings.push(
        finding('sts-record-invalid', mode, {
          domain,
          subject: stsName,
          location: near.location,
          message: `Proposed ${stsName} TXT ${JSON.stringify(near.value)} does not begin exactly with "v=STSv1" (case-sensitive, nothing before it): RFC 8461 §3.1 has senders discard it, so the domain has no MTA-STS`,
        }),
      );
    } else if (p.stsTxt.length === 0 && (p.tlsRptTxt.length > 0 || hasPolicyFile)) {
      const anchor = p.tlsRptTxt[0]?.location ?? p.mx[0]?.location;
      findings.push(
        finding('sts-record-missing', mode, {
          domain,
          subject: stsName,
          location: anchor,
          message: hasPolicyFile
            ? `The zone files publish no ${stsName} record although a policy file is kept for ${domain}: senders never fetch the policy`
            : `The zone files publish ${rptName} but no ${stsName} record: senders apply no MTA-STS policy to ${domain}`,
        }),
      );
    }
  }

  const rpt = proposedTlsRpt(p);
  if (rpt.kind === 'invalid') {
    findings.push(
      finding('tlsrpt-record-invalid', mode, {
        domain,
        subject: rptName,
        location: locationOf(p.tlsRptTxt, rpt.raw),
        message: `Proposed ${rptName} TXT ${JSON.stringify(rpt.raw)} is not a valid TLS-RPT record: ${rpt.error}`,
      }),
    );
  } else if (rpt.kind === 'multiple') {
    findings.push(
      finding('tlsrpt-record-multiple', mode, {
        domain,
        subject: rptName,
        location: locationOf(p.tlsRptTxt, rpt.raws[1]!),
        message: `Proposed ${rptName} has ${rpt.raws.length} v=TLSRPTv1 records (${quoted(rpt.raws)}); senders send no reports`,
      }),
    );
  } else if (rpt.kind === 'none') {
    const near = lookalike(p.tlsRptTxt, 'v=TLSRPTv1');
    if (near) {
      findings.push(
        finding('tlsrpt-record-invalid', mode, {
          domain,
          subject: rptName,
          location: near.location,
          message: `Proposed ${rptName} TXT ${JSON.stringify(near.value)} does not begin exactly with "v=TLSRPTv1": RFC 8460 §3 has senders discard it`,
        }),
      );
    } else if (p.tlsRptTxt.length === 0 && sts.kind === 'one') {
      findings.push(
        finding('tlsrpt-record-missing', mode, {
          domain,
          subject: rptName,
          location: locationOf(p.stsTxt, sts.record.raw),
          message: `The zone files publish ${stsName} but no ${rptName} record: senders will not report TLS failures for ${domain}`,
        }),
      );
    }
  }
  return findings;
}
