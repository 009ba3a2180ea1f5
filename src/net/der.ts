/**
 * A minimal DER reader (ITU-T X.690 §8, §10) for the few structures the adapters read that
 * Node's X509Certificate does not expose: the signature algorithm and CRL distribution points
 * of a certificate, CRLs (RFC 5280 §5) and OCSP responses (RFC 6960 §4.2). It reads only
 * definite lengths and refuses anything malformed by throwing DerError, which callers turn into
 * an "unknown" observation, never a finding.
 */

/** Malformed DER: the callers record it as "could not read", never as a judgement. */
export class DerError extends Error {}

/** Universal tags used here (X.680 §8.4). */
export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  SEQUENCE: 0x30,
  SET: 0x31,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
} as const;

/** Context-specific tag byte: [n] constructed (0xa0 | n) or primitive (0x80 | n). */
export function contextTag(n: number, constructed: boolean): number {
  return (constructed ? 0xa0 : 0x80) | n;
}

/** Longest length field accepted: 4 bytes covers any object a bounded download can hold. */
const MAX_LENGTH_OCTETS = 4;

export interface DerNode {
  /** The identifier octet (low-tag-number form only, which every structure read here uses). */
  tag: number;
  /** The whole TLV, e.g. to verify a signature over a `tbs` structure. */
  raw: Buffer;
  /** The content octets. */
  content: Buffer;
}

/** Reads one TLV at `offset`; `end` is where the enclosing content ends. */
export function readNode(buf: Buffer, offset = 0, end = buf.length): DerNode {
  if (offset + 2 > end) throw new DerError('truncated header');
  const tag = buf[offset] as number;
  if ((tag & 0x1f) === 0x1f) throw new DerError('high tag numbers are not used here');
  let length = buf[offset + 1] as number;
  let header = 2;
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0) throw new DerError('indefinite length is not DER');
    if (octets > MAX_LENGTH_OCTETS) throw new DerError('length too large');
    if (offset + 2 + octets > end) throw new DerError('truncated length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + (buf[offset + 2 + i] as number);
    header += octets;
  }
  const contentEnd = offset + header + length;
  if (contentEnd > end) throw new DerError('content runs past its container');
  return { tag, raw: buf.subarray(offset, contentEnd), content: buf.subarray(offset + header, contentEnd) };
}

/** Reads a whole buffer that must hold exactly one TLV. */
export function parseDer(buf: Buffer): DerNode {
  const node = readNode(buf);
  if (node.raw.length !== buf.length) throw new DerError('trailing bytes after the outer object');
  return node;
}

/** The TLVs inside a constructed node. */
export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let offset = 0;
  while (offset < node.content.length) {
    const child = readNode(node.content, offset);
    out.push(child);
    offset += child.raw.length;
  }
  return out;
}

/** Asserts the tag of a node (names what was expected for the error). */
export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node) throw new DerError(`${what}: missing`);
  if (node.tag !== tag)
    throw new DerError(`${what}: tag 0x${node.tag.toString(16)}, expected 0x${tag.toString(16)}`);
  return node;
}

/** Children of a SEQUENCE, checking the tag. */
export function sequence(node: DerNode | undefined, what: string): DerNode[] {
  return children(expectTag(node, TAG.SEQUENCE, what));
}

/** Dotted form of an OBJECT IDENTIFIER (X.690 §8.19). */
export function oid(node: DerNode | undefined, what = 'OID'): string {
  const bytes = expectTag(node, TAG.OID, what).content;
  if (bytes.length === 0) throw new DerError(`${what}: empty`);
  const parts: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      parts.push(value);
      value = 0;
    }
  }
  const first = parts.shift() ?? 0;
  const head = first < 80 ? [Math.floor(first / 40), first % 40] : [2, first - 80];
  return [...head, ...parts].join('.');
}

/** An INTEGER as upper-case hex without leading zero bytes (how serials are compared). */
export function integerHex(node: DerNode | undefined, what = 'INTEGER'): string {
  const bytes = expectTag(node, TAG.INTEGER, what).content;
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  return bytes.subarray(start).toString('hex').toUpperCase();
}

/** UTCTime or GeneralizedTime (RFC 5280 §4.1.2.5: always Zulu, seconds present). */
export function time(node: DerNode | undefined, what = 'time'): Date {
  if (!node) throw new DerError(`${what}: missing`);
  const text = node.content.toString('latin1');
  let match: RegExpExecArray | null;
  let year: number;
  if (node.tag === TAG.UTC_TIME && (match = /^(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)Z$/.exec(text))) {
    // RFC 5280 §4.1.2.5.1: YY >= 50 is 19YY, else 20YY.
    const yy = Number(match[1]);
    year = yy >= 50 ? 1900 + yy : 2000 + yy;
  } else if (
    node.tag === TAG.GENERALIZED_TIME &&
    (match = /^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)(\d\d)(?:\.\d+)?Z$/.exec(text))
  ) {
    year = Number(match[1]);
  } else {
    throw new DerError(`${what}: not a UTCTime or GeneralizedTime: ${JSON.stringify(text)}`);
  }
  const [, , mo, d, h, mi, s] = match.map(Number) as number[];
  return new Date(Date.UTC(year, (mo as number) - 1, d, h, mi, s));
}

/** The content of a BIT STRING without its unused-bits octet. */
export function bitString(node: DerNode | undefined, what = 'BIT STRING'): Buffer {
  const content = expectTag(node, TAG.BIT_STRING, what).content;
  if (content.length === 0) throw new DerError(`${what}: empty`);
  return content.subarray(1);
}

/** Encodes one TLV (definite length), for the little DER this tool writes (OCSP requests). */
export function encode(tag: number, ...contents: Buffer[]): Buffer {
  const content = Buffer.concat(contents);
  const n = content.length;
  let header: Buffer;
  if (n < 0x80) header = Buffer.from([tag, n]);
  else {
    const bytes: number[] = [];
    for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
    header = Buffer.from([tag, 0x80 | bytes.length, ...bytes]);
  }
  return Buffer.concat([header, content]);
}
