/**
 * Reader for DNSControl's intermediate representation, the JSON that `dnscontrol print-ir`
 * writes from dnsconfig.js (`dnscontrol print-ir --pretty --out dnscontrol-ir.json`).
 *
 * Shape: `{"domains": [{"name": "example.com", "records": [{"type", "name", "target", ...}]}]}`.
 * `name` is relative to the domain (`@` is the apex; D_EXTEND subdomains are already folded in).
 * MX preference is `mxpreference` (DNSControl ≤ 4.x) or `Fields.Preference` (newer rtypes);
 * the exchange is `target` (or `Fields.Mx`). TXT text is `txtstrings` joined when present,
 * else `target`. Targets without a trailing dot are relative to the domain, as in dnsconfig.js.
 * DNSControl 4.2x and later write MX and TXT data only as `rdata`, in zone-file form
 * (`"15 mx.example.com."`, `"\"v=STSv1; id=1\""`), which is read when the older fields are absent.
 * Each record points at the line of its `{` in the JSON file; its `filepos`, when present, gives
 * `source`, the dnsconfig.js line findings are shown at (see source-positions.ts).
 */
import path from 'node:path';
import type { Location } from '../core/findings.js';
import { BindLexError, lexBind } from './bind-tokens.js';
import { JsonLineError, parseJsonWithLines } from './json-lines.js';
import {
  canonicalName,
  joinName,
  namesAt,
  ZoneSyntaxError,
  type ZoneFileContent,
  type ZoneRecord,
} from './zone-record.js';

/** True when the parsed text looks like a print-ir dump (used by format detection). */
export function looksLikeDnscontrolIr(text: string): boolean {
  return /^\s*\{/.test(text) && /"domains"\s*:/.test(text);
}

export function readDnscontrolIr(display: string, text: string): ZoneFileContent {
  const at = (line: number): Location => ({ file: display, line });
  let parsed;
  try {
    parsed = parseJsonWithLines(text);
  } catch (error) {
    if (error instanceof JsonLineError) throw new ZoneSyntaxError(`JSON: ${error.message}`, at(error.line));
    // Issue 9 class 6: JSON nested thousands deep overflows the line-tracking parser's stack.
    if (error instanceof RangeError) throw new ZoneSyntaxError('JSON: nested too deeply to read', at(1));
    throw error;
  }
  const { value, lineOf } = parsed;
  const lineFor = (object: unknown): number =>
    typeof object === 'object' && object ? (lineOf.get(object) ?? 1) : 1;
  const domains = isObject(value) ? value['domains'] : undefined;
  if (!Array.isArray(domains)) {
    throw new ZoneSyntaxError(
      'not a DNSControl IR dump: no "domains" list (make it with dnscontrol print-ir)',
      at(1),
    );
  }
  const apexes: string[] = [];
  const records: ZoneRecord[] = [];
  for (const domain of domains) {
    if (!isObject(domain) || typeof domain['name'] !== 'string' || domain['name'] === '') {
      throw new ZoneSyntaxError('each domain needs a "name"', at(lineFor(domain)));
    }
    const name = domain['name'];
    const zone = namesAt(at(lineFor(domain)), () => canonicalName(name));
    apexes.push(zone);
    const list = domain['records'] ?? [];
    if (!Array.isArray(list))
      throw new ZoneSyntaxError(`"records" of ${zone} must be a list`, at(lineFor(domain)));
    for (const record of list) {
      const location = at(lineFor(record));
      records.push(namesAt(location, () => readRecord(record, zone, location, display)));
    }
    records.push(...namesAt(at(lineFor(domain)), () => unmanagedMx(domain, zone, at(lineFor(domain)))));
  }
  return { apexes, records };
}

function readRecord(record: unknown, zone: string, location: Location, display: string): ZoneRecord {
  const read = readRecordData(record, zone, location);
  const source = isObject(record) ? sourcePosition(record['filepos'], display) : null;
  return source ? { ...read, source } : read;
}

function readRecordData(record: unknown, zone: string, location: Location): ZoneRecord {
  if (!isObject(record) || typeof record['type'] !== 'string' || typeof record['name'] !== 'string') {
    throw new ZoneSyntaxError(`a record of ${zone} needs "type" and "name"`, location);
  }
  const type = record['type'].toUpperCase();
  const name = joinName(record['name'], zone);
  const fields = isObject(record['Fields']) ? record['Fields'] : {};
  const rdata = typeof record['rdata'] === 'string' ? record['rdata'] : null;
  if (type === 'MX') {
    // DNSControl 4.2x+ writes only `rdata` ("15 mx.example.com."), as a zone file would.
    const fromRdata = rdata === null ? null : /^\s*(\d+)\s+(\S+)\s*$/.exec(rdata);
    const preference =
      record['mxpreference'] ?? fields['Preference'] ?? (fromRdata ? Number(fromRdata[1]) : 0);
    const target = record['target'] ?? fields['Mx'] ?? fromRdata?.[2];
    if (typeof target !== 'string' || target === '')
      throw new ZoneSyntaxError(`MX at ${name} has no target`, location);
    // RFC 1035 §3.3.9: a 16-bit preference.
    if (
      typeof preference !== 'number' ||
      !Number.isInteger(preference) ||
      preference < 0 ||
      preference > 0xffff
    ) {
      throw new ZoneSyntaxError(`MX at ${name} has an invalid preference`, location);
    }
    return { name, type, mx: { preference, exchange: absoluteTarget(target, zone) }, location };
  }
  if (type === 'TXT' || type === 'SPF') {
    const strings = record['txtstrings'];
    let txt: unknown = record['target'];
    if (Array.isArray(strings) && strings.every((s) => typeof s === 'string')) txt = strings.join('');
    else if (txt === undefined && rdata !== null) txt = txtFromRdata(rdata, name, location);
    if (typeof txt !== 'string') throw new ZoneSyntaxError(`TXT at ${name} has no text`, location);
    return { name, type, txt, location };
  }
  return { name, type, location };
}

/**
 * IGNORE_NAME / unmanaged patterns: records DNSControl leaves alone (for example an apex MX owned
 * by Cloudflare Email Routing). A name whose MX is unmanaged gets an `UNMANAGED` marker, so an
 * absent MX in the dump is not taken for a missing one. Only plain labels (and `@`) are honoured.
 */
function unmanagedMx(domain: Record<string, unknown>, zone: string, location: Location): ZoneRecord[] {
  const list = [domain['unmanaged'], domain['ignored_names']].flatMap((l) => (Array.isArray(l) ? l : []));
  const out: ZoneRecord[] = [];
  for (const entry of list) {
    if (!isObject(entry)) continue;
    const label = entry['label_pattern'] ?? entry['pattern'];
    const types = entry['rType_pattern'] ?? entry['types'] ?? '*';
    if (typeof label !== 'string' || /[*?[\]]/.test(label) || typeof types !== 'string') continue;
    const covers =
      types.trim() === '' || types.split(',').some((t) => ['*', 'MX'].includes(t.trim().toUpperCase()));
    if (covers) out.push({ name: joinName(label, zone), type: 'UNMANAGED', location });
  }
  return out;
}

/** TXT `rdata` is zone-file text: quoted character-strings with `\X` / `\DDD` escapes, joined. */
function txtFromRdata(rdata: string, name: string, location: Location): string {
  try {
    return lexBind(rdata.replace(/[\r\n]/g, ' '))
      .flatMap((entry) => entry.tokens)
      .map((token) => token.value)
      .join('');
  } catch (error) {
    if (error instanceof BindLexError)
      throw new ZoneSyntaxError(`TXT at ${name}: rdata ${error.message}`, location);
    throw error;
  }
}

/**
 * Where dnsconfig.js defines the record: DNSControl's `filepos` (models.RecordConfig.FilePos,
 * "filename:line:char", which models.FixPosition turns into `[line:12:5]`: the script runs
 * unnamed, so its stack frames say `<anonymous>`, shown as `line`). An unnamed frame is
 * dnsconfig.js beside the IR file (where `dnscontrol print-ir` runs); a named one (a frame such
 * as `fn (domains/a.js:3:1)`) is that file, relative to it. Anything else is no position.
 */
export function sourcePosition(filepos: unknown, display: string): ZoneRecord['source'] | null {
  if (typeof filepos !== 'string' || filepos.length > MAX_FILEPOS_CHARS) return null;
  const inner = filepos
    .trim()
    .replace(/^\[(.*)\]$/s, '$1')
    .trim();
  const match = /(?:^|[\s(])([^\s()]*?):(\d{1,9}):(\d{1,9})\)?$/.exec(inner);
  if (!match) return null;
  const [, named, line, column] = match as unknown as [string, string, string, string];
  const unnamed = named === '' || named === 'line' || named === '<anonymous>';
  // A frame inside DNSControl's own helpers.js, or a path that leaves the folder, is not the user's source.
  if (
    !unnamed &&
    (named.includes('helpers.js') || path.isAbsolute(named) || named.split(/[\\/]/).includes('..'))
  )
    return null;
  const file = path.join(path.dirname(display), unnamed ? DNSCONFIG_JS : named);
  return { file, line: Number(line), column: Number(column) };
}

/** `filepos` is a stack frame: a few dozen characters; more is not DNSControl's. */
const MAX_FILEPOS_CHARS = 1_000;
const DNSCONFIG_JS = 'dnsconfig.js';

function absoluteTarget(target: string, zone: string): string {
  if (target === '.') return '';
  if (target === '@') return zone;
  return target.endsWith('.') ? canonicalName(target) : joinName(target, zone);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
