/**
 * One `rua` destination of a TLS-RPT record (RFC 8460 §3): a `mailto:` URI whose address is an
 * RFC 5322 addr-spec, or an `https:` URL. Commas and `!` must be percent-encoded inside it.
 */
import { hostnameProblem } from './hostname.js';
import { describeChar } from './tag-record.js';

/** RFC 3986 §2: unreserved, gen-delims and sub-delims, minus "," and "!" (RFC 8460 §3). */
const URI_CHAR = /[A-Za-z0-9\-._~:/?#[\]@$&'()*+;=]/;
const PCT_ENCODED = /^%[0-9A-Fa-f]{2}/;
const SCHEME = /^([A-Za-z][A-Za-z0-9+.-]*):/;
/** RFC 5322 §3.2.3 atext. */
const DOT_ATOM = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*$/;
/** RFC 5322 §3.2.4 quoted-string (no folding whitespace). */
const QUOTED_STRING = /^"(?:[\x20\x21\x23-\x5B\x5D-\x7E]|\\[\x20-\x7E])*"$/;

/** Why `uri` is not a usable `rua` destination, or null when it is one. */
export function ruaUriProblem(uri: string): string | null {
  if (uri === '') return 'empty URI';
  for (let i = 0; i < uri.length; i++) {
    const ch = uri.charAt(i);
    if (ch === '%') {
      if (!PCT_ENCODED.test(uri.slice(i))) return `"${uri}" has a "%" that does not start a %XX escape`;
      i += 2;
    } else if (!URI_CHAR.test(ch)) {
      const why = ch === '!' || ch === ',' ? ' (RFC 8460 §3: it must be percent-encoded)' : '';
      return `"${uri}" has ${describeChar(ch)}, which is not allowed in a URI${why}`;
    }
  }
  const scheme = SCHEME.exec(uri)?.[1]?.toLowerCase();
  if (scheme === undefined) return `"${uri}" is not a URI: it has no scheme (expected mailto: or https:)`;
  const rest = uri.slice(scheme.length + 1);
  if (scheme === 'mailto') return mailtoProblem(uri, rest);
  if (scheme === 'https') return httpsProblem(uri);
  return `"${uri}" uses the scheme "${scheme}:"; RFC 8460 §3 defines only mailto: and https:`;
}

function mailtoProblem(uri: string, rest: string): string | null {
  // RFC 6068: header fields may follow "?"; the address is what comes before.
  const encoded = rest.split('?', 1)[0] ?? '';
  let address: string;
  try {
    address = decodeURIComponent(encoded);
  } catch {
    return `"${uri}" has a percent-escape that is not UTF-8`;
  }
  const at = address.lastIndexOf('@');
  if (at < 0) return `"${uri}" has no "@": a mailto: rua needs one e-mail address`;
  const local = address.slice(0, at);
  const domain = address.slice(at + 1);
  if (!DOT_ATOM.test(local) && !QUOTED_STRING.test(local)) {
    return `"${uri}": "${local}" is not a valid local part of an address (RFC 5322 addr-spec)`;
  }
  const hostProblem = hostnameProblem(domain);
  return hostProblem === null ? null : `"${uri}": the address domain "${domain}" is invalid: ${hostProblem}`;
}

function httpsProblem(uri: string): string | null {
  const afterScheme = uri.slice('https:'.length);
  if (!afterScheme.startsWith('//') || afterScheme.startsWith('///'))
    return `"${uri}" has no "//host" after https:`;
  let host: string;
  try {
    host = new URL(uri).hostname;
  } catch {
    return `"${uri}" is not a valid URL`;
  }
  // WHATWG URL accepts "a..b"; RFC 3986 reg-name does too, but no such host can be resolved.
  if (host.replace(/\.$/, '').split('.').includes(''))
    return `"${uri}": the host "${host}" has an empty label`;
  return null;
}
