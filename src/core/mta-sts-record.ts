/**
 * `_mta-sts` TXT record (RFC 8461 §3.1):
 *
 *   sts-text-record = sts-version 1*(sts-field-delim sts-field) [sts-field-delim]
 *   sts-field       = sts-id / sts-extension        ; sts-id is required
 *   sts-version     = %s"v=STSv1"
 *   sts-id          = %s"id=" 1*32(ALPHA / DIGIT)
 *
 * The parser tells "not an STS record" (discarded by senders) apart from "a broken STS record"
 * (starts with `v=STSv1` but does not follow the grammar), because only the second is a mistake of
 * the domain owner worth an error.
 */
import {
  extensionProblem,
  selectRecord,
  splitTagRecord,
  startsWithVersion,
  type RecordSelection,
} from './tag-record.js';

/** A valid `v=STSv1` record (RFC 8461 §3.1). */
export interface StsRecord {
  /** The record as published (character-strings joined). */
  raw: string;
  /** 1-32 ALPHA/DIGIT. */
  id: string;
  extensions: { key: string; value: string }[];
}

/** Selection over the whole RRset, as a sender does it (RFC 8461 §3.1). */
export type StsRecordSelection = RecordSelection<StsRecord>;

/** One TXT string judged alone: not an STS record, a valid one, or a broken one (with why). */
export type StsRecordParse =
  | { kind: 'not-sts' }
  | { kind: 'valid'; record: StsRecord }
  | { kind: 'invalid'; raw: string; error: string };

/** RFC 8461 §3.1: the case-sensitive version literal every STS record starts with. */
export const STS_VERSION = 'v=STSv1';
/** RFC 8461 §3.1: `id` is 1 to 32 letters or digits. */
export const MAX_STS_ID_LENGTH = 32;

const STS_ID = /^[A-Za-z0-9]{1,32}$/;

/**
 * Parses one TXT record (its character-strings already joined). A record that does not open with
 * `v=STSv1` (followed by the end, whitespace or `;`) is `not-sts`: RFC 8461 §3.1 has senders
 * discard it, so `v=STSv10`, `v=STSv2` and `V=STSv1` are other records, not broken ones.
 *
 * spec: §3.1 prose discards records that do not begin with `v=STSv1;`, while its ABNF allows
 * whitespace before the `;` and needs at least one field. We count `v=STSv1 ; id=1` and a bare
 * `v=STSv1` as STS records (valid and broken respectively), so a broken record is reported rather
 * than silently discarded.
 */
export function parseStsRecord(txt: string): StsRecordParse {
  if (!startsWithVersion(txt, STS_VERSION)) return { kind: 'not-sts' };
  const invalid = (error: string): StsRecordParse => ({ kind: 'invalid', raw: txt, error });
  const split = splitTagRecord(txt, STS_VERSION);
  if (!split.ok) return invalid(split.error);

  let id: string | null = null;
  const extensions: StsRecord['extensions'] = [];
  for (const field of split.fields) {
    if (field.name === 'id') {
      // spec: the ABNF does not say whether id may repeat; two ids leave no single value to
      // compare against the cached one (§3.1 "id ... MUST uniquely identify a given instance of a
      // policy"), so a second id is an error (as in checkdmarc).
      if (id !== null)
        return invalid(`a second "id" at column ${field.column}: the record must have exactly one id`);
      if (!STS_ID.test(field.value)) {
        return invalid(
          `id "${field.value}" at column ${field.column} is not 1 to ${MAX_STS_ID_LENGTH} letters or digits`,
        );
      }
      id = field.value;
      continue;
    }
    const problem = extensionProblem(field);
    if (problem !== null) return invalid(problem);
    extensions.push({ key: field.name, value: field.value });
  }
  if (id === null) {
    const hint = extensions.some((e) => e.key.toLowerCase() === 'id') ? ' ("id" is case-sensitive)' : '';
    return invalid(`no "id=" field: it is required${hint}`);
  }
  return { kind: 'valid', record: { raw: txt, id, extensions } };
}

/**
 * RFC 8461 §3.1: TXT records that do not begin with `v=STSv1` are discarded; if the number left is
 * not one, or the one left is invalid, senders assume the domain has no MTA-STS policy.
 */
export function selectStsRecord(txts: string[]): StsRecordSelection {
  return selectRecord(txts, (raw) => {
    const parsed = parseStsRecord(raw);
    return parsed.kind === 'not-sts' ? null : parsed;
  });
}

/** The record as it should be published: `v=STSv1; id=...` then extensions (RFC 8461 §3.1). */
export function renderStsRecord(record: Pick<StsRecord, 'id' | 'extensions'>): string {
  return [STS_VERSION, `id=${record.id}`, ...record.extensions.map((e) => `${e.key}=${e.value}`)].join('; ');
}
