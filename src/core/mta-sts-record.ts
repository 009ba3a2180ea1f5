/**
 * `_mta-sts` TXT record (RFC 8461 §3.1).
 * OWNER: core-parsers helper. The exported names and types below are shared contracts.
 */

export interface StsRecord {
  /** The record as published (character-strings joined). */
  raw: string;
  /** 1-32 ALPHA/DIGIT. */
  id: string;
  extensions: { key: string; value: string }[];
}

/** Selection over the whole RRset, as a sender does it (RFC 8461 §3.1). */
export type StsRecordSelection =
  | { kind: 'none'; discarded: string[] }
  | { kind: 'one'; record: StsRecord }
  | { kind: 'invalid'; raw: string; error: string }
  | { kind: 'multiple'; raws: string[] };
