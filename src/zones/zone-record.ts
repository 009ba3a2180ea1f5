/**
 * What every DNS-as-code reader produces: the records that matter to MTA-STS (RFC 8461) and
 * TLS-RPT (RFC 8460), each with the file and line it was written on, so a finding can land on
 * the line a pull request changed.
 */
import type { Location } from '../core/findings.js';
import { toALabels } from '../core/idn.js';

/** One resource record as written in a zone file. Only MX and TXT carry data; others carry their type. */
export interface ZoneRecord {
  /** Owner name: absolute, lower case, without the trailing dot (the root is ''). */
  name: string;
  /** Record type, upper case (`MX`, `TXT`, `NS`, `CNAME`, ...). */
  type: string;
  /** TXT: the character-strings joined, as a resolver hands them to a sender (RFC 8461 §3.1). */
  txt?: string;
  /** MX: exchange absolute, lower case, without trailing dot; the null MX (RFC 7505) has exchange ''. */
  mx?: { preference: number; exchange: string };
  location: Location;
  /**
   * Where the record is written in the source the file was made from (DNSControl's dnsconfig.js,
   * from the IR's `filepos`), when known. `location` stays the line of the file read: edits go there.
   */
  source?: Location & { column: number };
}

/** What one zone file (with its includes) yields. */
export interface ZoneFileContent {
  /** The zone apexes the file describes (one for BIND and octoDNS, one per domain for DNSControl). */
  apexes: string[];
  records: ZoneRecord[];
}

/** Malformed input: the reader stops, and the file's records are not judged (`zone-parse-error`). */
export class ZoneSyntaxError extends Error {
  override name = 'ZoneSyntaxError';
  constructor(
    message: string,
    readonly location: Location,
  ) {
    super(message);
  }
}

/** A name in a zone file that has no A-label form (UTS #46); readers turn it into a ZoneSyntaxError. */
export class InvalidNameError extends Error {
  override name = 'InvalidNameError';
}

/**
 * Lower case, trailing dot removed, U-labels turned into A-labels (`bücher` → `xn--bcher-kva`):
 * how owner names and exchanges are compared (DNS names are case-insensitive, and DNS holds
 * A-labels). Throws InvalidNameError for a name with no A-label form.
 */
export function canonicalName(name: string): string {
  return asciiName(name).replace(/\.$/, '');
}

/** `name` lower-cased with its U-labels as A-labels (the trailing dot, if any, kept). */
export function asciiName(name: string): string {
  const converted = toALabels(name);
  if ('problem' in converted)
    throw new InvalidNameError(`'${name}' is not a domain name: ${converted.problem}`);
  return converted.name;
}

const LABEL = /^(?:\*|[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?)$/;

/** True for a name made of ordinary labels, at least two of them (what a zone named after a domain looks like). */
export function looksLikeDomain(name: string): boolean {
  let canonical: string;
  try {
    canonical = canonicalName(name);
  } catch {
    return false;
  }
  const labels = canonical.split('.');
  return labels.length >= 2 && labels.every((label) => LABEL.test(label) && label !== '*');
}

/** Runs `read`, turning an InvalidNameError into a ZoneSyntaxError at `location`. */
export function namesAt<T>(location: Location, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (error instanceof InvalidNameError) throw new ZoneSyntaxError(error.message, location);
    throw error;
  }
}

/** Joins a relative name onto its zone; '' or '@' is the zone itself. */
export function joinName(relative: string, zone: string): string {
  const rel = canonicalName(relative);
  if (rel === '' || rel === '@') return zone;
  return zone === '' ? rel : `${rel}.${zone}`;
}
