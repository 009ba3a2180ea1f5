/**
 * Records to publish (issue 15 item 3): a live finding no DNS-as-code file holds gets
 * `fix.publish`, the exact TXT records and the policy body to serve (entries of type `policy`,
 * named by the policy URL: an extension of the DESIGN.md `publish` types), ready to paste.
 * Only where the content is determined: the live record or policy corrected, the mx lines made
 * to match the live MX, the policy in enforce for an enforce-ready domain. A policy change
 * comes with the `_mta-sts` record carrying a new id (RFC 8461 §3.1).
 */
import type { Finding, Fix, PublishRecord } from '../findings.js';
import { parseStsRecord, renderStsRecord } from '../mta-sts-record.js';
import { normalizeHost, parsePolicy, renderPolicy } from '../policy.js';
import { applyEdits, type FileEdit } from './edit.js';
import { enforcePolicyEdits, MIN_ENFORCE_MAX_AGE } from './enforce-fix.js';
import { policyMxEdit } from './mx-fix.js';
import { newPolicyId } from './policy-id.js';
import { policyFileEdits } from './policy-fix.js';
import { correctedStsRecord, correctedTlsRptRecord, withNewId } from './record-fix.js';

/** What the run saw live of one domain. */
export interface LiveDomain {
  /** The `_mta-sts` and `_smtp._tls` TXT values as published (character-strings joined). */
  stsTxt: string[];
  tlsRptTxt: string[];
  /** The policy body as fetched, when one was. */
  policyText: string | null;
  /** The MX hosts (no null MX). */
  mx: string[];
}

const policyUrl = (domain: string): string => `https://mta-sts.${domain}/.well-known/mta-sts.txt`;

/** The one STS record of the domain, or null. */
function liveSts(live: LiveDomain): { raw: string; id: string } | null {
  const valid = live.stsTxt.flatMap((raw) => {
    const parsed = parseStsRecord(raw);
    return parsed.kind === 'valid' ? [{ raw, id: parsed.record.id }] : [];
  });
  return valid.length === 1 ? valid[0]! : null;
}

/** The `_mta-sts` record to publish with a changed policy: the live one with a new id, else a fresh one. */
function stsWithNewId(domain: string, live: LiveDomain, now: Date): PublishRecord {
  const current = liveSts(live);
  const id = newPolicyId(now, current?.id);
  const value =
    (current && withNewId(current.raw, current.id, id)) ?? renderStsRecord({ id, extensions: [] });
  return { name: `_mta-sts.${domain}`, type: 'TXT', value };
}

/** A policy body to serve plus the record that makes senders fetch it. */
function servePolicy(domain: string, body: string, live: LiveDomain, now: Date, what: string): Fix {
  const record = stsWithNewId(domain, live, now);
  return {
    summary: `Serve ${what} at ${policyUrl(domain)}, then publish ${record.name} TXT "${record.value}".`,
    publish: [{ name: policyUrl(domain), type: 'policy', value: body }, record],
  };
}

/** The live policy text with `edits` applied, when that parses as a policy. */
function edited(text: string, edits: FileEdit[]): string | null {
  if (edits.length === 0) return null;
  const after = applyEdits(text, edits);
  return parsePolicy(after).policy ? after : null;
}

/** The publish fix of a live (unlocated) finding, or null when none is determined. */
export function publishFix(f: Finding, live: LiveDomain | undefined, now: Date): Fix | null {
  const domain = f.domain;
  if (!live || domain === null || f.location) return null;
  const policy = live.policyText;
  switch (f.rule) {
    case 'sts-record-invalid': {
      const raw = live.stsTxt.find((t) => parseStsRecord(t).kind === 'invalid');
      const value = raw === undefined ? null : correctedStsRecord(raw);
      return value === null ? null : txt(`_mta-sts.${domain}`, value, 'in place of the broken one');
    }
    case 'tlsrpt-record-invalid': {
      const values = live.tlsRptTxt.map(correctedTlsRptRecord).filter((v): v is string => v !== null);
      return values.length === 1
        ? txt(`_smtp._tls.${domain}`, values[0]!, 'in place of the broken one')
        : null;
    }
    case 'tlsrpt-record-missing':
      return txt(
        `_smtp._tls.${domain}`,
        `v=TLSRPTv1; rua=mailto:tlsrpt@${domain}`,
        '(a mailbox that receives the reports)',
      );
    case 'sts-record-missing': {
      if (live.mx.length === 0) return null;
      // A first policy starts in testing: reports show what enforce would break before it does.
      const hosts = [...new Set(live.mx.map(normalizeHost))];
      const mx = hosts.map((h) => ({ wildcard: false, domain: h, raw: h }));
      const body = renderPolicy({
        version: 'STSv1',
        mode: 'testing',
        maxAge: MIN_ENFORCE_MAX_AGE,
        extensions: [],
        mx,
      });
      return servePolicy(domain, body, live, now, 'a first policy in mode testing listing every MX');
    }
    case 'mx-not-in-policy':
    case 'policy-mx-unmatched': {
      const edit = policy === null ? null : policyMxEdit('policy', policy, live.mx);
      const body = edit && edited(policy!, [edit]);
      return body ? servePolicy(domain, body, live, now, 'the policy with mx lines for every MX') : null;
    }
    case 'policy-invalid':
    case 'policy-key-typo':
    case 'policy-line-endings': {
      const body = policy === null ? null : edited(policy, policyFileEdits('policy', policy));
      if (body === null) return null;
      const after = parsePolicy(body);
      const clear = after.errors.length === 0 && after.typos.length === 0 && after.lineEndings !== 'mixed';
      return clear ? servePolicy(domain, body, live, now, 'the corrected policy') : null;
    }
    case 'enforce-ready': {
      const body = policy === null ? null : edited(policy, enforcePolicyEdits('policy', policy));
      return body ? servePolicy(domain, body, live, now, 'the policy in mode enforce') : null;
    }
    default:
      return null;
  }
}

function txt(name: string, value: string, note: string): Fix {
  return { summary: `Publish ${name} TXT "${value}" ${note}.`, publish: [{ name, type: 'TXT', value }] };
}
