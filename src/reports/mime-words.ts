/**
 * The header-value encodings that mailers use for attachment names: RFC 2047 encoded words
 * (`=?utf-8?B?…?=`), RFC 2231 extended parameters (`filename*0*=utf-8''%E2%80`, decoded only
 * once all pieces are joined: a `%XX` run or a UTF-8 character may be split across pieces) and
 * RFC 822 §3.4.3 comments (`multipart/report (sent by X); boundary=…`).
 *
 * Header strings here are latin1 (one char per byte, as src/reports/mime.ts reads them), so
 * raw 8-bit bytes survive until a charset is known.
 */

/** Text in a charset, with unknown charsets read as latin1 (every byte stays one char). */
export function decodeCharset(bytes: Buffer, charset: string): string {
  const label = charset.trim().toLowerCase();
  if (label === '' || label === 'us-ascii' || label === 'utf-8' || label === 'utf8') {
    return bytes.toString('utf8');
  }
  try {
    return new TextDecoder(label).decode(bytes);
  } catch {
    return bytes.toString('latin1');
  }
}

/** RFC 3986 style `%XX` octets to bytes; a `%` not followed by two hex digits is literal. */
export function percentDecode(value: string): Buffer {
  const out = Buffer.allocUnsafe(value.length);
  let o = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c === 0x25 && i + 2 < value.length && isHex(value, i + 1) && isHex(value, i + 2)) {
      out[o++] = parseInt(value.slice(i + 1, i + 3), 16);
      i += 2;
    } else {
      out[o++] = c & 0xff;
    }
  }
  return out.subarray(0, o);
}

function isHex(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** One piece of an RFC 2231 parameter: `name*N*=` (extended, percent-encoded) or `name*N=`. */
export interface ParamPiece {
  index: number;
  value: string;
  extended: boolean;
}

/**
 * RFC 2231 §3–4: joins the pieces in order, then decodes the whole in the charset named by the
 * first piece (`charset'language'`), so a character split across pieces comes out whole.
 */
export function joinParamPieces(pieces: ParamPiece[]): string {
  const sorted = [...pieces].sort((a, b) => a.index - b.index);
  let charset = '';
  // Joined as text first: a `%XX` run may itself be split (`…%E2%8` + `0…`).
  let joined = '';
  sorted.forEach((piece, n) => {
    let v = piece.value;
    if (n === 0 && piece.extended) {
      const m = /^([^']*)'[^']*'(.*)$/s.exec(v);
      if (m) {
        charset = m[1]!;
        v = m[2]!;
      }
    }
    joined += piece.extended ? v : v.replace(/%/g, '%25');
  });
  return decodeCharset(percentDecode(joined), charset);
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([bBqQ])\?([^?\s]*)\?=/g;

/**
 * RFC 2047 §6: decodes the encoded words of a value. Adjacent words separated only by
 * whitespace are joined (§6.2) before their bytes are decoded, so a multi-byte character split
 * across two words of the same charset comes out whole. Text outside words is latin1 bytes,
 * read as UTF-8 when it is valid UTF-8 (raw 8-bit names, RFC 6532).
 */
export function decodeEncodedWords(value: string): string {
  if (!value.includes('=?')) return rawText(value);
  let out = '';
  let last = 0;
  let pending: { charset: string; bytes: Buffer[] } | null = null;
  const flush = (): void => {
    if (pending) out += decodeCharset(Buffer.concat(pending.bytes), pending.charset);
    pending = null;
  };
  for (const m of value.matchAll(ENCODED_WORD)) {
    const between = value.slice(last, m.index);
    const charset = m[1]!.toLowerCase();
    const bytes = m[2]!.toLowerCase() === 'b' ? Buffer.from(m[3]!, 'base64') : decodeQ(m[3]!);
    if (pending && /^[ \t\r\n]*$/.test(between)) {
      if (pending.charset === charset) pending.bytes.push(bytes);
      else {
        flush();
        pending = { charset, bytes: [bytes] };
      }
    } else {
      flush();
      out += rawText(between);
      pending = { charset, bytes: [bytes] };
    }
    last = m.index + m[0].length;
  }
  flush();
  return out + rawText(value.slice(last));
}

/** RFC 2047 §4.2 "Q": `_` is a space, `=XX` an octet. */
function decodeQ(text: string): Buffer {
  return percentDecode(text.replace(/_/g, ' ').replace(/=/g, '%'));
}

/** Latin1 header text → UTF-8 when its bytes are valid UTF-8, else as it is. */
function rawText(value: string): string {
  // eslint-disable-next-line no-control-regex
  if (!/[^\x00-\x7f]/.test(value)) return value;
  const bytes = Buffer.from(value, 'latin1');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return value;
  }
}

/**
 * RFC 822 §3.4.3 / RFC 5322 §3.2.2: removes `(comments)` (nested, with `\` quoting) outside
 * quoted strings, so they are not read as part of a media type or a token parameter value.
 */
export function stripComments(value: string): string {
  if (!value.includes('(')) return value;
  let out = '';
  let depth = 0;
  let quoted = false;
  for (let i = 0; i < value.length; i++) {
    const c = value[i]!;
    if (depth === 0 && c === '"') quoted = !quoted;
    if (c === '\\' && i + 1 < value.length && (quoted || depth > 0)) {
      if (depth === 0) out += c + value[i + 1];
      i++;
      continue;
    }
    if (!quoted && c === '(') {
      depth++;
      continue;
    }
    if (!quoted && depth > 0 && c === ')') {
      depth--;
      if (depth === 0) out += ' ';
      continue;
    }
    if (depth === 0) out += c;
  }
  return out;
}
