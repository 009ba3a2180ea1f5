/**
 * Reader for octoDNS YamlProvider zone files (`<zone>.yaml`): a mapping of names relative to
 * the zone (`''` is the apex) to one record or a list of records, each with `type`, `ttl` and
 * `value` or `values`.
 *
 * - TXT/SPF values: octoDNS requires `;` escaped as `\;` in the YAML; the published text has a
 *   plain `;` (we also accept unescaped ones, as `lenient: true` zones publish them too).
 * - MX values: `exchange`/`preference`, or the legacy `value`/`priority`. octoDNS treats every
 *   exchange as a fully qualified name, with or without the trailing dot (lenient zones).
 * - The zone name comes from the file name: `example.com.yaml` or `example.com.yml`.
 * - Files that are octoDNS configuration (`providers:` and `zones:`) are not zones: the caller
 *   skips them with a message (isOctodnsConfig).
 */
import path from 'node:path';
import {
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseDocument,
  visit,
  type Document,
  type Node as YamlNode,
  type YAMLMap,
} from 'yaml';
import type { Location } from '../core/findings.js';
import {
  canonicalName,
  joinName,
  looksLikeDomain,
  namesAt,
  ZoneSyntaxError,
  type ZoneFileContent,
  type ZoneRecord,
} from './zone-record.js';

/** YAML aliases expand; a bound stops "billion laughs" input. */
const MAX_ALIAS_COUNT = 100;

/**
 * One octoDNS YAML zone file, below the 8 MiB of MAX_ZONE_FILE_BYTES: the yaml package's document
 * holds about 120 bytes per byte of text (measured: 1 MiB peaks at 215 to 323 MiB RSS, as the
 * machine's load delays collection, 2 MiB at 331 MiB, 8 MiB at 1 GiB), and the run promises
 * under 400 MiB (issue 9 class 8). The largest real zone in the corpus (justice.gov.uk) is 62 KB,
 * an eighth of this.
 */
export const MAX_OCTODNS_FILE_BYTES = 512 * 1024;

/** The zone named by an octoDNS file name, or null. */
export function zoneFromYamlFileName(fileName: string): string | null {
  const base = path.basename(fileName).replace(/\.ya?ml$/i, '');
  return looksLikeDomain(base) ? canonicalName(base) : null;
}

/** True for an octoDNS configuration file rather than a zone. */
export function isOctodnsConfig(text: string): boolean {
  return /^providers:\s*$/m.test(text) && /^zones:\s*$/m.test(text);
}

/** Reads one octoDNS zone file. Throws ZoneSyntaxError on malformed input. */
export function readOctodnsZone(display: string, text: string): ZoneFileContent {
  const bytes = Buffer.byteLength(text);
  if (bytes > MAX_OCTODNS_FILE_BYTES) {
    throw new ZoneSyntaxError(
      `is larger than the limit of ${MAX_OCTODNS_FILE_BYTES} bytes for an octoDNS YAML file (${bytes} bytes)`,
      { file: display, line: 1 },
    );
  }
  const lines = new LineCounter();
  // uniqueKeys: false, because the yaml package looks for a duplicate key by comparing each key
  // with every earlier one of its map: an 8 MiB zone of 240,000 names did not end in minutes
  // (issue 9 class 8). firstDuplicateKey() below does the same check in one pass.
  const doc = parseDocument(text, { lineCounter: lines, merge: true, prettyErrors: true, uniqueKeys: false });
  const lineOf = (node: YamlNode | null | undefined, fallback = 1): number =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;
  const at = (line: number): Location => ({ file: display, line });

  const problem = doc.errors[0];
  if (problem) {
    const line = problem.linePos?.[0]?.line ?? 1;
    throw new ZoneSyntaxError(`YAML: ${problem.message.split('\n')[0]}`, at(line));
  }
  const duplicate = firstDuplicateKey(doc);
  if (duplicate) throw new ZoneSyntaxError('YAML: Map keys must be unique', at(lineOf(duplicate)));
  const zone = zoneFromYamlFileName(display);
  if (zone === null) {
    throw new ZoneSyntaxError(
      `cannot tell the zone from the file name ${path.basename(display)}: octoDNS names zone files <zone>.yaml`,
      at(1),
    );
  }
  const root = doc.contents;
  if (root === null) return { apexes: [zone], records: [] };
  if (!isMap(root))
    throw new ZoneSyntaxError('an octoDNS zone file is a mapping of names to records', at(lineOf(root)));

  const records: ZoneRecord[] = [];
  for (const pair of root.items) {
    const keyNode = pair.key as YamlNode | null;
    const label = isScalar(keyNode) ? String(keyNode.value ?? '') : null;
    if (label === null) throw new ZoneSyntaxError('record names must be plain strings', at(lineOf(keyNode)));
    const name = namesAt(at(lineOf(keyNode)), () => joinName(label, zone));
    const value = pair.value as YamlNode | null;
    const items = isSeq(value) ? (value.items as YamlNode[]) : [value];
    for (const item of items) {
      if (!isMap(item)) {
        throw new ZoneSyntaxError(
          `'${label}' must hold a record (a mapping with type and value)`,
          at(lineOf(item ?? keyNode)),
        );
      }
      records.push(...namesAt(at(lineOf(item)), () => readRecord(doc, item, name, label, lineOf, at)));
    }
  }
  return { apexes: [zone], records };
}

/**
 * The first key that repeats an earlier key of its mapping (YAML 1.2 §3.2.1.1: keys are unique),
 * with the yaml package's equality: the same node, or scalars of the same value.
 */
function firstDuplicateKey(doc: Document): YamlNode | null {
  let found: YamlNode | null = null;
  visit(doc, {
    Map(_key, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        const key = pair.key as YamlNode | null;
        const identity = isScalar(key) ? key.value : key;
        if (seen.has(identity)) {
          found = key;
          return visit.BREAK;
        }
        seen.add(identity);
      }
      return undefined;
    },
  });
  return found;
}

function readRecord(
  doc: Document,
  node: YAMLMap,
  name: string,
  label: string,
  lineOf: (node: YamlNode | null | undefined, fallback?: number) => number,
  at: (line: number) => Location,
): ZoneRecord[] {
  const recordLine = lineOf(node);
  let js: Record<string, unknown>;
  try {
    js = node.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (error) {
    // Issue 9 class 6: the yaml package's alias bound ("Excessive alias count…") is this file's
    // problem, said at the record, not an exception that loses the run.
    throw new ZoneSyntaxError(`YAML: ${(error as Error).message}`, at(recordLine));
  }
  const type = js['type'];
  if (typeof type !== 'string' || type === '') {
    throw new ZoneSyntaxError(`record at '${label}' has no type`, at(recordLine));
  }
  const upper = type.toUpperCase();
  if (upper !== 'MX' && upper !== 'TXT' && upper !== 'SPF')
    return [{ name, type: upper, location: at(recordLine) }];

  // Each value with the line it is written on (falling back to the record's line for merged keys).
  const valuesNode = node.get('values', true) as YamlNode | undefined;
  const valueNode = node.get('value', true) as YamlNode | undefined;
  // octoDNS accepts a list under `value` as well as under `values`.
  const listNode = js['values'] !== undefined ? valuesNode : valueNode;
  const raw = js['values'] !== undefined ? js['values'] : js['value'];
  if (raw === undefined) {
    throw new ZoneSyntaxError(`${upper} record at '${label}' has neither value nor values`, at(recordLine));
  }
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  const itemNodes = isSeq(listNode) ? (listNode.items as YamlNode[]) : [];
  const values = list.map((value, i) => ({ value, line: lineOf(itemNodes[i] ?? listNode, recordLine) }));

  return values.map(({ value, line }) => {
    const location = at(line);
    if (upper === 'MX') return { name, type: upper, mx: mxValue(value, label, location), location };
    if (typeof value !== 'string' && typeof value !== 'number') {
      throw new ZoneSyntaxError(`${upper} value at '${label}' must be a string`, location);
    }
    // octoDNS: `\;` in the YAML is a plain `;` in the published record.
    return { name, type: upper, txt: String(value).replace(/\\;/g, ';'), location };
  });
}

function mxValue(
  value: unknown,
  label: string,
  location: Location,
): { preference: number; exchange: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ZoneSyntaxError(`MX value at '${label}' must have exchange and preference`, location);
  }
  const fields = value as Record<string, unknown>;
  const exchange = fields['exchange'] ?? fields['value'];
  const preference = fields['preference'] ?? fields['priority'];
  if (typeof exchange !== 'string' || exchange.trim() === '') {
    throw new ZoneSyntaxError(`MX value at '${label}' has no exchange`, location);
  }
  const pref = typeof preference === 'string' && /^\d+$/.test(preference) ? Number(preference) : preference;
  // RFC 1035 §3.3.9: a 16-bit preference.
  if (typeof pref !== 'number' || !Number.isInteger(pref) || pref < 0 || pref > 0xffff) {
    throw new ZoneSyntaxError(`MX preference at '${label}' must be a number from 0 to 65535`, location);
  }
  return { preference: pref, exchange: canonicalName(exchange.trim()) };
}
