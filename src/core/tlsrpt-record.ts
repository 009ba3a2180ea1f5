/**
 * `_smtp._tls` TXT record (RFC 8460 §3):
 *
 *   tlsrpt-record  = tlsrpt-version 1*(field-delim tlsrpt-field) [field-delim]
 *   tlsrpt-field   = tlsrpt-rua / tlsrpt-extension      ; tlsrpt-rua is required
 *   tlsrpt-version = %s"v=TLSRPTv1"
 *   tlsrpt-rua     = %s"rua=" tlsrpt-uri *(*WSP "," *WSP tlsrpt-uri)
 *
 * Like the STS record, "not a TLS-RPT record" (discarded) is told apart from "a broken one".
 */
import { ruaUriProblem } from './rua-uri.js';
import {
  extensionProblem,
  selectRecord,
  splitTagRecord,
  startsWithVersion,
  type RecordSelection,
} from './tag-record.js';

/** A valid `v=TLSRPTv1` record (RFC 8460 §3). */
export interface TlsRptRecord {
  raw: string;
  /** Each rua URI as written (mailto: or https:). */
  rua: string[];
  extensions: { key: string; value: string }[];
}

/** Selection over the whole RRset, as a sender does it (RFC 8460 §3). */
export type TlsRptRecordSelection = RecordSelection<TlsRptRecord>;

/** One TXT string judged alone: not a TLS-RPT record, a valid one, or a broken one (with why). */
export type TlsRptRecordParse =
  | { kind: 'not-tlsrpt' }
  | { kind: 'valid'; record: TlsRptRecord }
  | { kind: 'invalid'; raw: string; error: string };

/** RFC 8460 §3: the case-sensitive version literal every TLS-RPT record starts with. */
export const TLSRPT_VERSION = 'v=TLSRPTv1';

const URI_SEPARATOR = /[ \t]*,[ \t]*/;

/**
 * Parses one TXT record (character-strings joined). Records that do not open with `v=TLSRPTv1`
 * (followed by the end, whitespace or `;`) are `not-tlsrpt`: RFC 8460 §3 has senders discard them.
 */
export function parseTlsRptRecord(txt: string): TlsRptRecordParse {
  if (!startsWithVersion(txt, TLSRPT_VERSION)) return { kind: 'not-tlsrpt' };
  const invalid = (error: string): TlsRptRecordParse => ({ kind: 'invalid', raw: txt, error });
  const split = splitTagRecord(txt, TLSRPT_VERSION);
  if (!split.ok) return invalid(split.error);

  let sawRua = false;
  const rua: string[] = [];
  const extensions: TlsRptRecord['extensions'] = [];
  for (const field of split.fields) {
    if (field.name === 'rua') {
      // spec: the ABNF lets a field repeat and the prose does not forbid a second rua; its URIs
      // are a list of destinations, so we keep all of them (as mox does; checkdmarc refuses).
      sawRua = true;
      for (const uri of field.value.split(URI_SEPARATOR)) {
        const problem = ruaUriProblem(uri);
        if (problem !== null) return invalid(`rua at column ${field.column}: ${problem}`);
        rua.push(uri);
      }
      continue;
    }
    const problem = extensionProblem(field);
    if (problem !== null) return invalid(problem);
    extensions.push({ key: field.name, value: field.value });
  }
  if (!sawRua) {
    const hint = extensions.some((e) => e.key.toLowerCase() === 'rua') ? ' ("rua" is case-sensitive)' : '';
    return invalid(`no "rua=" field: at least one report destination is required${hint}`);
  }
  return { kind: 'valid', record: { raw: txt, rua, extensions } };
}

/**
 * RFC 8460 §3: records not beginning with `v=TLSRPTv1` are discarded; if the number left is not
 * one, senders must assume the domain does not implement TLS-RPT (even identical duplicates).
 */
export function selectTlsRptRecord(txts: string[]): TlsRptRecordSelection {
  return selectRecord(txts, (raw) => {
    const parsed = parseTlsRptRecord(raw);
    return parsed.kind === 'not-tlsrpt' ? null : parsed;
  });
}

/** The record as it should be published: `v=TLSRPTv1; rua=a,b` then extensions (RFC 8460 §3). */
export function renderTlsRptRecord(record: Pick<TlsRptRecord, 'rua' | 'extensions'>): string {
  return [
    TLSRPT_VERSION,
    `rua=${record.rua.join(',')}`,
    ...record.extensions.map((e) => `${e.key}=${e.value}`),
  ].join('; ');
}
