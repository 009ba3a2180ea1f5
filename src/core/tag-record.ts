/**
 * The field layout shared by the `_mta-sts` (RFC 8461 §3.1) and `_smtp._tls` (RFC 8460 §3) TXT
 * records:
 *
 *   record      = version 1*(field-delim field) [field-delim]
 *   field-delim = *WSP ";" *WSP            (RFC 8461 erratum 6285 aligns §3.1 with RFC 8460)
 *   extension   = ext-name "=" ext-value
 *   ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 *   ext-value   = 1*(%x21-3A / %x3C / %x3E-7E)
 *
 * Whitespace is allowed only around the `;` separators, so whitespace after the last field with no
 * `;` after it does not follow the grammar (spec: some parsers, mox among them, accept it; we follow
 * the ABNF, which is what the message says).
 */

/** One `name=value` field with its 1-based column in the record. */
export interface TagField {
  name: string;
  value: string;
  column: number;
}

export type TagSplit = { ok: true; fields: TagField[] } | { ok: false; error: string };

/** How a TXT record opens: the version literal followed by the end, whitespace or `;`. */
export function startsWithVersion(txt: string, version: string): boolean {
  if (!txt.startsWith(version)) return false;
  const next = txt.charAt(version.length);
  return next === '' || next === ';' || next === ' ' || next === '\t';
}

const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const EXT_VALUE = /^[\x21-\x3A\x3C\x3E-\x7E]+$/;
const LEADING_WSP = /^[ \t]*/;
const TRAILING_WSP = /[ \t]*$/;

/** A printable description of a character for messages (`"x"`, `U+00A0`). */
export function describeChar(ch: string): string {
  const code = ch.codePointAt(0) ?? 0;
  return code >= 0x21 && code <= 0x7e ? `"${ch}"` : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Splits what follows `version` into fields. The caller has checked that `txt` starts with it.
 * Errors name the column (1-based) of the record where the grammar stops matching.
 */
export function splitTagRecord(txt: string, version: string): TagSplit {
  const segments = txt.slice(version.length).split(';');
  const head = segments[0] ?? '';
  if (/[^ \t]/.test(head)) {
    const at = version.length + (head.match(LEADING_WSP)?.[0].length ?? 0);
    return {
      ok: false,
      error: `expected ";" after ${version} at column ${at + 1}, found ${describeChar(txt.charAt(at))}`,
    };
  }
  if (segments.length === 1)
    return { ok: false, error: `no fields: ${version} must be followed by ";" and fields` };

  const fields: TagField[] = [];
  let offset = version.length + head.length + 1;
  for (let i = 1; i < segments.length; i++) {
    const segment = segments[i] ?? '';
    const last = i === segments.length - 1;
    const lead = segment.match(LEADING_WSP)?.[0].length ?? 0;
    const body = segment.slice(lead);
    const column = offset + lead + 1;
    offset += segment.length + 1;
    if (body === '') {
      // A single trailing ";" (with whitespace) is the optional final field-delim.
      if (last && fields.length > 0) break;
      return {
        ok: false,
        error: `empty field at column ${column}: ";" must be followed by a name=value field`,
      };
    }
    const trail = body.match(TRAILING_WSP)?.[0].length ?? 0;
    if (last && trail > 0) {
      return {
        ok: false,
        error: `whitespace after the last field at column ${column + body.length - trail}: only ";" may follow a field`,
      };
    }
    const text = body.slice(0, body.length - trail);
    const eq = text.indexOf('=');
    if (eq < 0)
      return { ok: false, error: `field "${text}" at column ${column} has no "=" (expected name=value)` };
    fields.push({ name: text.slice(0, eq), value: text.slice(eq + 1), column });
  }
  return { ok: true, fields };
}

/** Why `field` is not a valid extension field, or null (ext-name "=" ext-value). */
export function extensionProblem(field: TagField): string | null {
  if (!EXT_NAME.test(field.name)) {
    return `field name "${field.name}" at column ${field.column} is not a letter or digit followed by up to 31 letters, digits, "_", "-" or "."`;
  }
  if (field.value === '') return `field "${field.name}" at column ${field.column} has an empty value`;
  if (!EXT_VALUE.test(field.value)) {
    const bad = [...field.value].find((ch) => !EXT_VALUE.test(ch)) ?? '';
    return `field "${field.name}" at column ${field.column} has ${describeChar(bad)} in its value (not allowed: "=", ";", space, controls, non-ASCII)`;
  }
  return null;
}

/** What a sender makes of a whole TXT RRset of one kind of tag record. */
export type RecordSelection<R> =
  | { kind: 'none'; discarded: string[] }
  | { kind: 'one'; record: R }
  | { kind: 'invalid'; raw: string; error: string }
  | { kind: 'multiple'; raws: string[] };

/**
 * RFC 8461 §3.1 and RFC 8460 §3 select alike: records not beginning with the version tag are
 * discarded; if the number left is not one, or the one left is invalid, the domain has none.
 * `parse` returns null for a record of another kind.
 */
export function selectRecord<R>(
  txts: string[],
  parse: (raw: string) => { kind: 'valid'; record: R } | { kind: 'invalid'; error: string } | null,
): RecordSelection<R> {
  const candidates: { raw: string; parsed: NonNullable<ReturnType<typeof parse>> }[] = [];
  for (const raw of txts) {
    const parsed = parse(raw);
    if (parsed !== null) candidates.push({ raw, parsed });
  }
  if (candidates.length > 1) return { kind: 'multiple', raws: candidates.map((c) => c.raw) };
  const only = candidates[0];
  if (only === undefined) return { kind: 'none', discarded: [...txts] };
  return only.parsed.kind === 'valid'
    ? { kind: 'one', record: only.parsed.record }
    : { kind: 'invalid', raw: only.raw, error: only.parsed.error };
}
