/**
 * `_smtp._tls` TXT record (RFC 8460 §3).
 * OWNER: core-parsers helper. The exported names and types below are shared contracts.
 */

export interface TlsRptRecord {
  raw: string;
  /** Each rua URI as written (mailto: or https:). */
  rua: string[];
  extensions: { key: string; value: string }[];
}

export type TlsRptRecordSelection =
  | { kind: 'none'; discarded: string[] }
  | { kind: 'one'; record: TlsRptRecord }
  | { kind: 'invalid'; raw: string; error: string }
  | { kind: 'multiple'; raws: string[] };
