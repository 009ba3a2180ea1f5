/**
 * Issue 10 item 11: findings on a DNSControl record point at dnsconfig.js, the file people edit,
 * when the IR says where the record was written (`filepos`); the IR line stays the place fix
 * edits go (the IR is what this run read and can edit safely).
 *
 * A position is used only when the source file exists beside the IR and the line it names holds
 * the record's own builder at that column (`MX(` for an MX, `TXT(` for a TXT): DNSControl runs
 * required files unnamed too, so a position can belong to another file, and then the IR line is
 * the honest place.
 * Several records on one IR line (a compact dump) that came from different source lines are
 * left at the IR line: the finding cannot say which of them it is about.
 */
import type { Finding, Location } from '../core/findings.js';
import { MAX_ZONE_FILE_BYTES, readInputFile } from '../input-file.js';
import type { ZoneFileContent } from './zone-record.js';

/** IR `file:line` → the source line findings there are shown at. */
export type SourceLines = Map<string, Location>;

function key(location: Location): string {
  return `${location.file}\u0000${location.line}`;
}

/** The source lines of the records that carry one, checked against the source files. */
export async function sourceLines(
  contents: ZoneFileContent[],
  read: (file: string) => Promise<string | null> = readSource,
): Promise<SourceLines> {
  const texts = new Map<string, Promise<string[] | null>>();
  const linesOf = (file: string): Promise<string[] | null> => {
    let lines = texts.get(file);
    if (!lines) {
      lines = read(file).then((text) => (text === null ? null : text.split(/\r?\n/)));
      texts.set(file, lines);
    }
    return lines;
  };
  const found = new Map<string, Location | null>();
  for (const record of contents.flatMap((c) => c.records)) {
    if (!record.source) continue;
    const at = key(record.location);
    const lines = await linesOf(record.source.file);
    const text = lines?.[record.source.line - 1];
    const rest = text?.slice(Math.max(0, record.source.column - 1)) ?? '';
    // The type comes from the IR: compared as text, never made into a pattern.
    const calls = rest.startsWith(record.type) && /^\s*\(/.test(rest.slice(record.type.length));
    const source = calls ? { file: record.source.file, line: record.source.line } : null;
    const before = found.get(at);
    if (before === undefined) found.set(at, source);
    else if (before === null || source === null || key(before) !== key(source)) found.set(at, null);
  }
  return new Map([...found].filter((e): e is [string, Location] => e[1] !== null));
}

/** A source file of the working tree (bounded like a zone file), or null when it cannot be read. */
export async function readSource(file: string): Promise<string | null> {
  const read = await readInputFile(file, MAX_ZONE_FILE_BYTES);
  return read.kind === 'ok' ? read.bytes.toString('utf8') : null;
}

/** Each finding located on an IR line with a source line is shown at the source line instead. */
export function atSourceLines(findings: Finding[], sources: SourceLines): Finding[] {
  if (sources.size === 0) return findings;
  return findings.map((f) => {
    const source = f.location && sources.get(key(f.location));
    return source ? { ...f, location: source } : f;
  });
}
