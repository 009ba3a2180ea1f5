/** Dispatch from a detected format to its reader. */
import { readBindZone, type IncludePolicy, type ReadText, type ZoneFileRef } from './bind.js';
import { readDnscontrolIr } from './dnscontrol-ir.js';
import type { ZoneFormat } from './format.js';
import { readOctodnsZone } from './octodns.js';
import type { ZoneFileContent } from './zone-record.js';

/** Reads one zone file of a known format. Throws ZoneSyntaxError on malformed input. */
export async function readZoneFile(
  file: ZoneFileRef,
  format: ZoneFormat,
  text: string,
  read: ReadText,
  includePolicy?: IncludePolicy,
): Promise<ZoneFileContent> {
  // A UTF-8 byte order mark is not part of any of these grammars.
  const body = text.replace(/^\uFEFF/, '');
  if (format === 'octodns') return readOctodnsZone(file.display, body);
  if (format === 'dnscontrol') return readDnscontrolIr(file.display, body);
  return readBindZone(file, body, read, includePolicy);
}
