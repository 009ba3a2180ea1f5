/**
 * Reader for BIND zone files (RFC 1035 §5 master format, with BIND's TTL units).
 *
 * Supported: `$ORIGIN`, `$TTL`, `$INCLUDE` (see below), `@`, relative and absolute names, the
 * owner inherited by a line that starts with a blank, parentheses across lines, quoted strings
 * with `\X` and `\DDD` escapes, several character-strings in one TXT (joined, as resolvers hand
 * them to senders), comments, TTL and class in either order, TTLs such as `1h30m` or `2w`.
 * `$GENERATE` lines are skipped (they make address and PTR records, never MX or TXT).
 *
 * The zone's origin is the first `$ORIGIN`; before one, it comes from the file name:
 * `db.example.com`, `example.com.zone`, `example.com.db`, `example.com.txt` (a provider export)
 * or plain `example.com` (the name must
 * have at least two labels). A file whose origin is unknown may still be read, as long as no MX
 * or `_mta-sts`/`_smtp._tls` TXT needs it (the Knot base zone with only `$TTL` and SOA is fine).
 *
 * `$INCLUDE` is followed when its target lies inside the allowed root (IncludePolicy: the zone
 * file's git repository, in the action the workspace, else its own folder; `--include-root`
 * widens it), by its lexical and by its real path; a target outside, a cycle, nesting deeper than
 * MAX_INCLUDE_DEPTH, or more than MAX_INCLUDED_FILES / MAX_INCLUDED_BYTES per zone is refused with
 * a ZoneSyntaxError at the `$INCLUDE` line. Records read
 * from an included file point at that file and line.
 */
import path from 'node:path';
import type { Location } from '../core/findings.js';
import { BindLexError, bindEntries, type BindEntry, type BindToken } from './bind-tokens.js';
import {
  asciiName,
  canonicalName,
  InvalidNameError,
  looksLikeDomain,
  ZoneSyntaxError,
  type ZoneFileContent,
  type ZoneRecord,
} from './zone-record.js';
import { isBindTtl, isKnownRecordType, RECORD_CLASSES } from './bind-grammar.js';

/** Deeper nesting is almost surely a mistake; BIND itself has no limit, so we pick a generous one. */
export const MAX_INCLUDE_DEPTH = 8;

/** A zone file: how findings name it, and where it is read from. */
export interface ZoneFileRef {
  /** Path as shown in findings (as the user gave it, or joined from it for includes). */
  display: string;
  /** Absolute path, used to read the file and to check where includes point. */
  abs: string;
}

/** Reads a file's text; null when it does not exist. */
export type ReadText = (abs: string) => Promise<string | null>;

/**
 * Issue 9 class 5: files one zone may include in all (10 includes a level, 7 levels deep, once
 * hung the run). Real zones include a handful (keys, a shared MX set).
 */
export const MAX_INCLUDED_FILES = 100;

/** Bytes of text one zone may include in all: the cap of one zone file (input-file.ts). */
export const MAX_INCLUDED_BYTES = 8 * 1024 * 1024;

/** How far $INCLUDE may reach: the allowed root, and the real path of a file (symlinks resolved). */
export interface IncludePolicy {
  /** Real path of the folder includes must stay in (the git repository, the workspace...). */
  root: string;
  /** The real path of `abs`, or null when it does not exist; absent (a git revision): lexical only. */
  realPath?: (abs: string) => Promise<string | null>;
}

interface IncludeBudget {
  files: number;
  bytes: number;
}

interface State {
  origin: string | null;
  /** Shared by a file and its includes: the zone's apex (SOA owner, else the origin of the first record). */
  apex: { soa: string | null; firstOrigin: string | null; seenRecord: boolean };
  /** The previous owner as resolved (null: relative to an unknown origin), or undefined before the first record. */
  lastOwner: { name: string | null; raw: string } | undefined;
  /** Shared by a file and all its includes. */
  includes: { policy: IncludePolicy; budget: IncludeBudget };
}

const RELEVANT_LABELS = ['_mta-sts', '_smtp'];

/** The origin implied by a file name, or null when the name does not look like a domain. */
export function originFromFileName(fileName: string): string | null {
  const base = path.basename(fileName);
  const stripped = /^db\.(.+)$/i.exec(base)?.[1] ?? /^(.+)\.(zone|db|txt)$/i.exec(base)?.[1] ?? base;
  return looksLikeDomain(stripped) ? canonicalName(stripped) : null;
}

/** Reads one BIND zone file and the files it includes. Throws ZoneSyntaxError on malformed input. */
export async function readBindZone(
  file: ZoneFileRef,
  text: string,
  read: ReadText,
  includePolicy: IncludePolicy = { root: path.dirname(file.abs) },
): Promise<ZoneFileContent> {
  const records: ZoneRecord[] = [];
  const initial = originFromFileName(file.display);
  const apex = { soa: null, firstOrigin: initial, seenRecord: false };
  const includes = { policy: includePolicy, budget: { files: 0, bytes: 0 } };
  const state: State = { origin: initial, apex, lastOwner: undefined, includes };
  await readInto(file, text, state, read, records, [file.abs]);
  const zone = apex.soa ?? apex.firstOrigin;
  return { apexes: zone !== null ? [zone] : [], records };
}

async function readInto(
  file: ZoneFileRef,
  text: string,
  state: State,
  read: ReadText,
  records: ZoneRecord[],
  stack: string[],
): Promise<void> {
  for (const entry of lexed(file, text)) {
    try {
      await readEntry(file, entry, state, read, records, stack);
    } catch (error) {
      // A U-label with no A-label form: the line that wrote it, not the whole file.
      if (error instanceof InvalidNameError) throw new ZoneSyntaxError(error.message, at(file, entry.line));
      throw error;
    }
  }
}

/** The file's entries one at a time (bindEntries), its lexer errors as syntax errors of the file. */
function* lexed(file: ZoneFileRef, text: string): Generator<BindEntry, void, undefined> {
  try {
    yield* bindEntries(text);
  } catch (error) {
    if (error instanceof BindLexError) throw new ZoneSyntaxError(error.message, at(file, error.line));
    throw error;
  }
}

async function readEntry(
  file: ZoneFileRef,
  entry: BindEntry,
  state: State,
  read: ReadText,
  records: ZoneRecord[],
  stack: string[],
): Promise<void> {
  const first = entry.tokens[0]!;
  if (!entry.indented && !first.quoted && first.raw.startsWith('$')) {
    await directive(file, entry, state, read, records, stack);
    return;
  }
  if (!state.apex.seenRecord) {
    state.apex.seenRecord = true;
    state.apex.firstOrigin = state.origin;
  }
  const record = parseRecord(file, entry, state);
  if (record.type === 'SOA' && record.name !== null) state.apex.soa ??= record.name;
  if (record.data) records.push(record.data);
}

async function directive(
  file: ZoneFileRef,
  entry: BindEntry,
  state: State,
  read: ReadText,
  records: ZoneRecord[],
  stack: string[],
): Promise<void> {
  const [first, ...args] = entry.tokens as [BindToken, ...BindToken[]];
  const name = first.raw.toUpperCase();
  const where = at(file, entry.line);
  if (name === '$ORIGIN') {
    if (args.length !== 1) throw new ZoneSyntaxError('$ORIGIN takes exactly one domain name', where);
    const origin = absolute(args[0]!.raw, state.origin);
    if (origin === null) {
      throw new ZoneSyntaxError(`$ORIGIN ${args[0]!.raw} is relative, but no origin is known yet`, where);
    }
    state.origin = origin;
  } else if (name === '$TTL') {
    if (args.length !== 1 || !isBindTtl(args[0]!.raw)) {
      throw new ZoneSyntaxError(
        `$TTL takes one TTL (seconds, or units such as 1h30m), got '${tokensText(args)}'`,
        where,
      );
    }
  } else if (name === '$INCLUDE') {
    await include(file, entry, args, state, read, records, stack);
  } else if (name !== '$GENERATE') {
    throw new ZoneSyntaxError(`unknown directive ${first.raw}`, where);
  }
}

async function include(
  file: ZoneFileRef,
  entry: BindEntry,
  args: BindToken[],
  state: State,
  read: ReadText,
  records: ZoneRecord[],
  stack: string[],
): Promise<void> {
  const where = at(file, entry.line);
  if (args.length < 1 || args.length > 2) {
    throw new ZoneSyntaxError('$INCLUDE takes a file name and an optional origin', where);
  }
  const target = args[0]!.value;
  const folder = path.dirname(file.abs);
  const abs = path.resolve(folder, target);
  const { policy, budget } = state.includes;
  if (abs === folder || /[\\/]$/.test(target)) {
    throw new ZoneSyntaxError(
      `$INCLUDE ${target} names a folder; $INCLUDE takes the name of a zone file`,
      where,
    );
  }
  // Issue 9 class 5: containment is decided on the lexical path AND on the real path, so neither
  // `..` nor a symlink can reach a file of the runner outside the allowed root.
  // Working tree: the real path (symlinks and `..` resolved); a git revision: the lexical path.
  const real = policy.realPath ? await policy.realPath(abs) : abs;
  if (real !== null && !isInside(policy.root, real)) {
    throw new ZoneSyntaxError(
      `$INCLUDE ${target} refused: it points outside ${policy.root}${real === abs ? '' : ` (to ${real})`}; widen the allowed root with --include-root (input include-root) if that file is meant`,
      where,
    );
  }
  if (++budget.files > MAX_INCLUDED_FILES) {
    throw new ZoneSyntaxError(
      `$INCLUDE ${target} refused: the zone includes more than ${MAX_INCLUDED_FILES} files`,
      where,
    );
  }
  if (stack.includes(abs)) throw new ZoneSyntaxError(`$INCLUDE ${target} refused: include cycle`, where);
  if (stack.length > MAX_INCLUDE_DEPTH) {
    throw new ZoneSyntaxError(
      `$INCLUDE ${target} refused: includes nest deeper than ${MAX_INCLUDE_DEPTH} levels`,
      where,
    );
  }
  let text: string | null;
  try {
    text = await read(abs);
  } catch (error) {
    // Not a regular file, or too large: said at the $INCLUDE line that named it.
    if (error instanceof ZoneSyntaxError)
      throw new ZoneSyntaxError(`$INCLUDE ${target}: ${error.message}`, where);
    throw error;
  }
  if (text === null) throw new ZoneSyntaxError(`$INCLUDE ${target}: no such file`, where);
  budget.bytes += text.length;
  if (budget.bytes > MAX_INCLUDED_BYTES) {
    throw new ZoneSyntaxError(
      `$INCLUDE ${target} refused: the zone's included files hold more than ${MAX_INCLUDED_BYTES} bytes`,
      where,
    );
  }
  let origin = state.origin;
  if (args[1]) {
    origin = absolute(args[1].raw, state.origin);
    if (origin === null)
      throw new ZoneSyntaxError(`$INCLUDE origin ${args[1].raw} is relative to an unknown origin`, where);
  }
  const child: ZoneFileRef = { display: joinDisplay(file.display, target), abs };
  // RFC 1035 §5.1: the include does not change the including file's origin or owner.
  const childState: State = { origin, apex: state.apex, lastOwner: undefined, includes: state.includes };
  await readInto(child, text, childState, read, records, [...stack, abs]);
}

interface ParsedRecord {
  name: string | null;
  type: string;
  data: ZoneRecord | null;
}

function parseRecord(file: ZoneFileRef, entry: BindEntry, state: State): ParsedRecord {
  const tokens = entry.tokens;
  const where = at(file, entry.line);
  let index = 0;
  let owner: { name: string | null; raw: string };
  if (entry.indented) {
    if (!state.lastOwner)
      throw new ZoneSyntaxError('record starts with a blank but no owner name came before it', where);
    owner = state.lastOwner;
  } else {
    const token = tokens[0]!;
    if (token.quoted) throw new ZoneSyntaxError(`owner name ${token.raw} cannot be quoted`, where);
    owner = { name: token.raw === '@' ? state.origin : absolute(token.raw, state.origin), raw: token.raw };
    index = 1;
  }
  let recordClass = 'IN';
  for (let k = 0; k < 2; k++) {
    const token = tokens[index];
    if (!token || token.quoted) break;
    if (RECORD_CLASSES.has(token.raw.toUpperCase())) {
      recordClass = token.raw.toUpperCase();
      index++;
    } else if (/^\d/.test(token.raw)) {
      if (!isBindTtl(token.raw)) throw new ZoneSyntaxError(`'${token.raw}' is not a TTL`, where);
      index++;
    } else break;
  }
  const typeToken = tokens[index];
  if (!typeToken) throw new ZoneSyntaxError(`record for ${owner.raw} has no type`, where);
  const type = typeToken.raw.toUpperCase();
  if (typeToken.quoted || !isKnownRecordType(type)) {
    throw new ZoneSyntaxError(`unknown record type '${typeToken.raw}'`, where);
  }
  state.lastOwner = owner;
  const rdata = tokens.slice(index + 1);
  if (recordClass !== 'IN') return { name: owner.name, type, data: null };

  const relevant =
    type === 'MX' || (type === 'TXT' && RELEVANT_LABELS.some((l) => firstLabel(owner.raw) === l));
  if (owner.name === null) {
    if (relevant) {
      throw new ZoneSyntaxError(
        `cannot tell the zone's origin for ${owner.raw}: add $ORIGIN, or name the file db.<zone> or <zone>.zone`,
        where,
      );
    }
    return { name: null, type, data: null };
  }
  const location = at(file, entry.line);
  if (type === 'MX') return { name: owner.name, type, data: mxRecord(owner.name, rdata, state, location) };
  if (type === 'TXT' || type === 'SPF') {
    if (rdata.length === 0) throw new ZoneSyntaxError(`${type} record for ${owner.raw} has no text`, where);
    return {
      name: owner.name,
      type,
      data: { name: owner.name, type, txt: rdata.map((t) => t.value).join(''), location },
    };
  }
  return { name: owner.name, type, data: { name: owner.name, type, location } };
}

function mxRecord(name: string, rdata: BindToken[], state: State, location: Location): ZoneRecord {
  const [pref, exchange] = rdata;
  if (rdata.length !== 2 || !pref || !exchange || pref.quoted || exchange.quoted) {
    throw new ZoneSyntaxError(`MX takes a preference and an exchange, got '${tokensText(rdata)}'`, location);
  }
  // RFC 1035 §3.3.9: PREFERENCE is a 16-bit integer.
  if (!/^\d+$/.test(pref.raw) || Number(pref.raw) > 0xffff) {
    throw new ZoneSyntaxError(`MX preference '${pref.raw}' is not a number from 0 to 65535`, location);
  }
  const host = exchange.raw === '@' ? state.origin : absolute(exchange.raw, state.origin);
  if (host === null) {
    throw new ZoneSyntaxError(
      `cannot tell the zone's origin for MX exchange ${exchange.raw}: add $ORIGIN`,
      location,
    );
  }
  return { name, type: 'MX', mx: { preference: Number(pref.raw), exchange: host }, location };
}

/** An absolute name from a name as written: `x.` is absolute, `x` is relative to `origin`. */
function absolute(raw: string, origin: string | null): string | null {
  if (raw === '.') return '';
  if (/(^|[^\\])\.$/.test(raw)) return canonicalName(raw);
  if (origin === null) return null;
  const rel = asciiName(raw);
  return origin === '' ? rel : `${rel}.${origin}`;
}

function firstLabel(raw: string): string {
  return raw.toLowerCase().split('.')[0] ?? '';
}

function joinDisplay(includer: string, target: string): string {
  return path.isAbsolute(target) ? target : path.join(path.dirname(includer), target);
}

function tokensText(tokens: BindToken[]): string {
  return tokens.map((t) => t.raw).join(' ');
}

function at(file: ZoneFileRef, line: number): Location {
  return { file: file.display, line };
}

/** True when `abs` is `root` or lies below it. */
function isInside(root: string, abs: string): boolean {
  const inside = path.relative(root, abs);
  return inside !== '' && !inside.startsWith('..') && !path.isAbsolute(inside);
}
