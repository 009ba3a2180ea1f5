/**
 * A small MIME reader (RFC 5322 headers, RFC 2045/2046 multipart and transfer encodings), just
 * enough for TLS-RPT messages (RFC 8460 §5.3) and robust to what real senders and relays do
 * (QUIRKS.md §2): folded parameters with trailing whitespace, a closing boundary straight after
 * the base64, no closing boundary at all, bare LF line endings, text parts without a
 * Content-Transfer-Encoding, forwarded messages (message/rfc822).
 *
 * Works on bytes and slices without copying; bodies are transfer-decoded only on request.
 * RFC 2047 encoded words and RFC 2231 extended values are decoded in file names only
 * (src/reports/mime-words.ts); other header values are used as ASCII.
 */
import { MAX_HEADER_VALUE_CHARS, MAX_MIME_DEPTH, MAX_MIME_PARTS } from './limits.js';
import { decodeEncodedWords, joinParamPieces, stripComments, type ParamPiece } from './mime-words.js';

const LF = 0x0a;
const CR = 0x0d;
const COLON = 0x3a;

export class Headers {
  private readonly map = new Map<string, string[]>();

  add(name: string, value: string): void {
    const key = name.trim().toLowerCase();
    const list = this.map.get(key);
    if (list) list.push(value);
    else this.map.set(key, [value]);
  }

  /** The first value of a header (unfolded, trimmed), or null. */
  get(name: string): string | null {
    return this.map.get(name.toLowerCase())?.[0]?.trim() ?? null;
  }
}

export interface ContentType {
  /** Lower case `type/subtype`; `text/plain` when absent (RFC 2045 §5.2). */
  mediaType: string;
  /** Parameter names in lower case. */
  params: Record<string, string>;
}

export interface MimePart {
  headers: Headers;
  contentType: ContentType;
  /** Raw body bytes (still transfer-encoded). */
  raw: Buffer;
  /** Sub-parts of a multipart, or the message inside a message/rfc822. */
  children: MimePart[];
  /** Something about the structure was off but tolerated (e.g. no closing boundary). */
  notes: string[];
}

/** Parses one message. Never throws on malformed input: what cannot be read is left out. */
export function parseMessage(bytes: Buffer): MimePart {
  const budget = { parts: 0 };
  return parseEntity(bytes, 0, budget);
}

function parseEntity(bytes: Buffer, depth: number, budget: { parts: number }): MimePart {
  budget.parts++;
  const split = headerEnd(bytes);
  const headers = parseHeaders(bytes.subarray(0, split.headerEnd));
  const raw = bytes.subarray(split.bodyStart);
  const contentType = parseContentType(headers.get('content-type'));
  const part: MimePart = { headers, contentType, raw, children: [], notes: [] };
  if (depth >= MAX_MIME_DEPTH) {
    part.notes.push(`MIME nesting deeper than ${MAX_MIME_DEPTH} levels not followed`);
    return part;
  }
  if (contentType.mediaType.startsWith('multipart/')) {
    const boundary = contentType.params['boundary'];
    if (!boundary) {
      part.notes.push('multipart without a boundary');
      return part;
    }
    const { bodies, closed } = splitMultipart(raw, boundary);
    if (!closed && bodies.length > 0) part.notes.push('no closing boundary');
    for (const body of bodies) {
      if (budget.parts >= MAX_MIME_PARTS) {
        part.notes.push(`more than ${MAX_MIME_PARTS} parts; the rest was not read`);
        break;
      }
      part.children.push(parseEntity(body, depth + 1, budget));
    }
  } else if (contentType.mediaType === 'message/rfc822') {
    part.children.push(parseEntity(decodeBody(part), depth + 1, budget));
  }
  return part;
}

/** Finds the blank line that ends the header block (CRLF CRLF or bare LF LF). */
function headerEnd(bytes: Buffer): { headerEnd: number; bodyStart: number } {
  if (bytes[0] === LF) return { headerEnd: 0, bodyStart: 1 };
  if (bytes[0] === CR && bytes[1] === LF) return { headerEnd: 0, bodyStart: 2 };
  // The CRLF form first; the bare-LF form is then only looked for before it (a message
  // with CRLF line ends would otherwise be scanned to its end for a LF LF it does not have).
  const crlf = bytes.indexOf(LF_CRLF);
  const lf = (crlf < 0 ? bytes : bytes.subarray(0, crlf + 2)).indexOf(LF_LF);
  if (lf < 0 && crlf < 0) return { headerEnd: bytes.length, bodyStart: bytes.length };
  if (crlf >= 0 && (lf < 0 || crlf < lf)) return { headerEnd: crlf + 1, bodyStart: crlf + 3 };
  return { headerEnd: lf + 1, bodyStart: lf + 2 };
}

const LF_LF = Buffer.from('\n\n');
const LF_CRLF = Buffer.from('\n\r\n');

/**
 * The headers this reader uses. Relayed reports carry kilobytes of Received, DKIM and ARC
 * headers; only these are kept, which keeps a large mailbox fast.
 */
const WANTED = new Set([
  'content-type',
  'content-transfer-encoding',
  'content-disposition',
  'content-description',
  'tls-report-domain',
  'tls-report-submitter',
  'message-id',
  'subject',
]);
/** First letters of WANTED names (lower case), to skip other lines without slicing them. */
const WANTED_INITIALS = new Set([...WANTED].map((n) => n.charCodeAt(0)));

/**
 * RFC 5322 §2.2.3: a line starting with whitespace continues the previous header. Works on the
 * bytes: only the lines of wanted headers become strings (relay headers are most of a message),
 * and of those at most MAX_HEADER_VALUE_CHARS each.
 */
export function parseHeaders(block: Buffer): Headers {
  const headers = new Headers();
  let name: string | null = null;
  let value = '';
  let start = 0;
  const length = block.length;
  while (start < length) {
    let end = block.indexOf(LF, start);
    if (end < 0) end = length;
    const lineEnd = end > start && block[end - 1] === CR ? end - 1 : end;
    const first = block[start]!;
    if (first === 32 || first === 9) {
      if (name !== null && value.length < MAX_HEADER_VALUE_CHARS)
        value += block.toString(
          'latin1',
          start,
          Math.min(lineEnd, start + MAX_HEADER_VALUE_CHARS - value.length),
        );
    } else {
      if (name !== null) headers.add(name, value);
      name = null;
      if (WANTED_INITIALS.has(first | 0x20)) {
        let colon = start;
        while (colon < lineEnd && block[colon] !== COLON) colon++;
        if (colon > start && colon < lineEnd) {
          const candidate = block.toString('latin1', start, colon).trim().toLowerCase();
          // Lines without a colon, or with a space in the name (an mbox "From " line), are skipped.
          if (WANTED.has(candidate)) {
            name = candidate;
            value = block.toString(
              'latin1',
              colon + 1,
              Math.min(lineEnd, colon + 1 + MAX_HEADER_VALUE_CHARS),
            );
          }
        }
      }
    }
    start = end + 1;
  }
  if (name !== null) headers.add(name, value);
  return headers;
}

/** RFC 2045 §5.1 Content-Type, with RFC 2231 parameter continuations (`name*0=`, `name*=`). */
export function parseContentType(header: string | null): ContentType {
  if (header === null) return { mediaType: 'text/plain', params: {} };
  const value = stripComments(header);
  const params = parseParams(value);
  const semi = value.indexOf(';');
  const mediaType = (semi < 0 ? value : value.slice(0, semi)).trim().toLowerCase();
  return { mediaType: mediaType || 'text/plain', params };
}

/** Parameters of a structured header (Content-Type, Content-Disposition). */
export function parseParams(value: string): Record<string, string> {
  const raw: [string, string, boolean][] = [];
  let i = value.indexOf(';');
  if (i < 0) return {};
  while (i < value.length) {
    i++; // skip ';'
    while (i < value.length && /\s/.test(value[i]!)) i++;
    const eq = value.indexOf('=', i);
    if (eq < 0) break;
    const key = value.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    while (i < value.length && /\s/.test(value[i]!)) i++;
    let v = '';
    let quoted = false;
    if (value[i] === '"') {
      quoted = true;
      i++;
      while (i < value.length && value[i] !== '"') {
        if (value[i] === '\\' && i + 1 < value.length) i++;
        v += value[i];
        i++;
      }
      i++; // closing quote
      const next = value.indexOf(';', i);
      i = next < 0 ? value.length : next;
    } else {
      const next = value.indexOf(';', i);
      v = value.slice(i, next < 0 ? value.length : next).trim();
      i = next < 0 ? value.length : next;
    }
    if (key) raw.push([key, v, quoted]);
  }
  const params: Record<string, string> = {};
  const continued = new Map<string, ParamPiece[]>();
  for (const [key, v] of raw) {
    const m = /^([^*]+)\*(\d+)?(\*)?$/.exec(key);
    if (!m) {
      params[key] = v;
      continue;
    }
    const base = m[1]!;
    // `name*=` alone is one extended piece; `name*N=` plain and `name*N*=` extended pieces.
    const extended = m[3] !== undefined || m[2] === undefined;
    const list = continued.get(base) ?? [];
    list.push({ index: Number(m[2] ?? 0), value: v, extended });
    continued.set(base, list);
  }
  // RFC 2231 §3: the joined pieces win over a plain parameter of the same name (a fallback).
  for (const [base, list] of continued) params[base] = joinParamPieces(list);
  return params;
}

/**
 * RFC 2046 §5.1.1: the body parts between `--boundary` lines, up to `--boundary--`. The line
 * break before a delimiter belongs to the delimiter. Without a closing delimiter (Mail.ru),
 * the last part runs to the end.
 */
export function splitMultipart(body: Buffer, boundary: string): { bodies: Buffer[]; closed: boolean } {
  const delimiter = Buffer.from(`--${boundary}`, 'latin1');
  const bodies: Buffer[] = [];
  let partStart = -1;
  let from = 0;
  for (;;) {
    const at = body.indexOf(delimiter, from);
    if (at < 0) break;
    from = at + delimiter.length;
    if (at > 0 && body[at - 1] !== LF) continue;
    let j = at + delimiter.length;
    const closing = body[j] === 0x2d && body[j + 1] === 0x2d;
    if (closing) j += 2;
    // Only transport padding may follow on the delimiter line (else it is a longer boundary).
    while (j < body.length && (body[j] === 0x20 || body[j] === 0x09)) j++;
    if (j < body.length && body[j] !== CR && body[j] !== LF) continue;
    if (partStart >= 0) bodies.push(body.subarray(partStart, lineBreakStart(body, at)));
    if (closing) return { bodies, closed: true };
    if (body[j] === CR) j++;
    if (body[j] === LF) j++;
    partStart = j;
  }
  if (partStart >= 0) bodies.push(body.subarray(partStart));
  return { bodies, closed: false };
}

function lineBreakStart(body: Buffer, at: number): number {
  if (at > 0 && body[at - 1] === LF) return at >= 2 && body[at - 2] === CR ? at - 2 : at - 1;
  return at;
}

/** RFC 2045 §6: undoes base64 or quoted-printable; 7bit, 8bit, binary and unknown pass through. */
export function decodeBody(part: MimePart): Buffer {
  const cte = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  if (cte === 'base64') return Buffer.from(part.raw.toString('latin1'), 'base64');
  if (cte === 'quoted-printable') return decodeQuotedPrintable(part.raw);
  return part.raw;
}

const HEX: Record<number, number> = {};
for (let i = 0; i < 16; i++) {
  HEX['0123456789abcdef'.charCodeAt(i)] = i;
  HEX['0123456789ABCDEF'.charCodeAt(i)] = i;
}

/**
 * RFC 2045 §6.7: `=XX` octets and `=` soft line breaks; anything else is taken literally.
 * Rule (3): whitespace at the end of a line is transport padding and is deleted, also between
 * a soft-break `=` and the line break (`=  CRLF`), and at the end of the body.
 */
export function decodeQuotedPrintable(input: Buffer): Buffer {
  const out = Buffer.allocUnsafe(input.length);
  let o = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input[i]!;
    if (c === 0x20 || c === 0x09) {
      let j = i + 1;
      while (input[j] === 0x20 || input[j] === 0x09) j++;
      const next = input[j];
      if (next !== undefined && next !== LF && next !== CR) {
        out.set(input.subarray(i, j), o);
        o += j - i;
      }
      i = j - 1;
      continue;
    }
    if (c !== 0x3d) {
      out[o++] = c;
      continue;
    }
    let p = i + 1;
    while (input[p] === 0x20 || input[p] === 0x09) p++;
    if (input[p] === LF) {
      i = p;
      continue;
    }
    if (input[p] === CR && input[p + 1] === LF) {
      i = p + 1;
      continue;
    }
    if (p === input.length) {
      i = p;
      continue;
    }
    const a = input[i + 1];
    const b = input[i + 2];
    if (a !== undefined && b !== undefined && HEX[a] !== undefined && HEX[b] !== undefined) {
      out[o++] = HEX[a] * 16 + HEX[b];
      i += 2;
    } else {
      out[o++] = c;
    }
  }
  return out.subarray(0, o);
}

/** Every part of the tree that is not itself a container, depth first. */
export function leafParts(root: MimePart): MimePart[] {
  const out: MimePart[] = [];
  const walk = (p: MimePart): void => {
    if (p.children.length === 0) out.push(p);
    else p.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The file name of a part: Content-Disposition filename, Content-Type name, Content-Description. */
export function partFilename(part: MimePart): string | null {
  const disposition = part.headers.get('content-disposition');
  const fromDisposition = disposition ? parseParams(disposition)['filename'] : undefined;
  const name = fromDisposition ?? part.contentType.params['name'];
  // RFC 2047 words inside a quoted parameter are not allowed (§5) but sent by many mailers.
  if (name) return decodeEncodedWords(name).trim();
  // Microsoft repeats the file name in Content-Description (QUIRKS.md §2).
  const description = part.headers.get('content-description');
  return description && /\.json(\.gz)?$/i.test(description) ? description.trim() : null;
}
