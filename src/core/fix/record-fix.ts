/**
 * Corrected `_mta-sts` and `_smtp._tls` TXT values (RFC 8461 §3.1, RFC 8460 §3) where the intent
 * is unambiguous, and the edit that writes one into the line of a DNS-as-code file that holds the
 * record, in that file's own quoting (BIND `\"`, JSON `\"`, YAML `''`), columns and TTL untouched.
 */
import { parseStsRecord, renderStsRecord, STS_VERSION } from '../mta-sts-record.js';
import { parseTlsRptRecord, TLSRPT_VERSION } from '../tlsrpt-record.js';
import { splitFileLines, type FileEdit } from './edit.js';

/** Fields split at `;`, `,` (STS only) or whitespace before a `key=`: a missing `;` is still a boundary. */
function fields(value: string, commas: boolean): { key: string; value: string }[] {
  const boundary = commas ? /[;,]|\s+(?=[A-Za-z][A-Za-z0-9_.-]*=)/ : /;|\s+(?=[A-Za-z][A-Za-z0-9_.-]*=)/;
  return value
    .replace(/"/g, '') // a stray quote (the record quoted twice) belongs to no field
    .split(boundary)
    .map((f) => f.trim())
    .filter((f) => f !== '')
    .map((f) => {
      const eq = f.indexOf('=');
      return eq < 0 ? { key: f, value: '' } : { key: f.slice(0, eq).trim(), value: f.slice(eq + 1).trim() };
    });
}

/** The STS record a broken one meant: version first, one id of letters and digits, `;` between. */
export function correctedStsRecord(raw: string): string | null {
  const parts = fields(raw, true);
  const version = parts.filter((p) => `${p.key}=${p.value}`.toLowerCase() === STS_VERSION.toLowerCase());
  const ids = parts.filter((p) => p.key.toLowerCase() === 'id');
  if (version.length !== 1 || ids.length !== 1) return null;
  const id = ids[0]!.value.replace(/[^A-Za-z0-9]/g, '');
  if (id === '' || id.length > 32) return null;
  const extensions = parts.filter((p) => !version.includes(p) && !ids.includes(p) && p.value !== '');
  const fixed = renderStsRecord({ id, extensions });
  return fixed !== raw && parseStsRecord(fixed).kind === 'valid' ? fixed : null;
}

/** The TLS-RPT record a broken one meant: version first, `rua=` kept whole (its URIs are comma-separated). */
export function correctedTlsRptRecord(raw: string): string | null {
  const parts = fields(raw, false);
  const version = parts.filter((p) => `${p.key}=${p.value}`.toLowerCase() === TLSRPT_VERSION.toLowerCase());
  const rua = parts.filter((p) => p.key.toLowerCase() === 'rua');
  if (version.length !== 1 || rua.length !== 1) return null;
  const extensions = parts.filter((p) => !version.includes(p) && !rua.includes(p) && p.value !== '');
  const fixed = [
    TLSRPT_VERSION,
    `rua=${rua[0]!.value}`,
    ...extensions.map((e) => `${e.key}=${e.value}`),
  ].join('; ');
  return fixed !== raw && parseTlsRptRecord(fixed).kind === 'valid' ? fixed : null;
}

/** The record with its id replaced (`id=old` → `id=new`), everything else as written. */
export function withNewId(raw: string, oldId: string, newId: string): string | null {
  const pattern = new RegExp(`(^|[;\\s])id=${oldId}(?=$|[;\\s])`);
  return pattern.test(raw) ? raw.replace(pattern, `$1id=${newId}`) : null;
}

/** How a TXT value may be spelled on its line: as is, octoDNS `\;`, BIND/JSON-escaped, YAML single-quoted. */
const SPELLINGS: ((value: string) => string)[] = [
  (v) => v,
  (v) => v.replace(/;/g, '\\;'),
  (v) => v.replace(/[\\"]/g, '\\$&'),
  (v) => JSON.stringify(v).slice(1, -1),
  (v) => v.replace(/'/g, "''"),
];

/**
 * The edit of `line` of `file` that writes `after` where the record `before` is spelled, in the
 * same spelling; null when the value is not on that one line exactly once (a record split
 * across character-strings or lines is left to a person).
 */
export function recordLineEdit(
  file: string,
  text: string,
  line: number,
  before: string,
  after: string,
): FileEdit | null {
  const lines = splitFileLines(text);
  const target = lines[line - 1];
  if (!target) return null;
  for (const spell of SPELLINGS) {
    const from = spell(before);
    const at = target.content.indexOf(from);
    if (at < 0 || target.content.indexOf(from, at + 1) >= 0) continue;
    const content = target.content.slice(0, at) + spell(after) + target.content.slice(at + from.length);
    return { file, startLine: line, endLine: line, text: content + target.ending };
  }
  return null;
}

/**
 * DNSControl IR (`print-ir` JSON): a record is an object over several lines, its value in
 * `target` and again in `txtstrings`, or (DNSControl 4.2x+) as one zone-file string in `rdata`
 * and `comparablev3`; all are rewritten, from the record's first line to the object's end. Null
 * unless the value is found whole (JSON-escaped) on at least one line.
 */
export function irRecordEdit(
  file: string,
  text: string,
  line: number,
  before: string,
  after: string,
): FileEdit | null {
  const lines = splitFileLines(text);
  const spellings = [
    [JSON.stringify(before), JSON.stringify(after)],
    [JSON.stringify(zoneQuoted(before)), JSON.stringify(zoneQuoted(after))],
  ] as const;
  let last = -1;
  const replaced = [];
  for (let i = line - 1; i < lines.length; i++) {
    const l = lines[i]!;
    if (i > line - 1 && /^\s*\{/.test(l.content)) break; // the next record
    const spelling = spellings.find(([from]) => l.content.split(from).length - 1 === 1);
    replaced.push(spelling ? { content: l.content.replace(spelling[0], spelling[1]), ending: l.ending } : l);
    if (spelling) last = i;
    if (/^\s*\},?\s*$/.test(l.content)) break;
  }
  if (last < 0) return null;
  const text2 = replaced
    .slice(0, last - (line - 1) + 1)
    .map((l) => l.content + l.ending)
    .join('');
  return { file, startLine: line, endLine: last + 1, text: text2 };
}

/** One zone-file character-string (RFC 1035 §5.1): quoted, with `"` and `\` escaped. */
function zoneQuoted(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}
