/**
 * Host name syntax shared by the policy `mx` values (RFC 8461 §3.2) and the `mailto:` domains of
 * a TLS-RPT `rua` (RFC 8460 §3). Both use the RFC 5321 `Domain` production:
 *
 *   Domain     = sub-domain *("." sub-domain)
 *   sub-domain = Let-dig [Ldh-str]
 *   Ldh-str    = *( ALPHA / DIGIT / "-" ) Let-dig
 */

/** RFC 1035 §2.3.4: a label is at most 63 octets. */
export const MAX_LABEL_LENGTH = 63;
/** RFC 1035 §2.3.4: a name is at most 255 octets on the wire, 253 characters written out. */
export const MAX_HOSTNAME_LENGTH = 253;

const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?$/;
const ALL_DIGITS = /^[0-9]+$/;

/**
 * Why `name` is not an RFC 5321 `Domain` (ASCII letters, digits and inner hyphens, dot-separated),
 * or null when it is one. An IPv4 address is refused: RFC 3696 §2 says a top-level label is never
 * all-numeric, so `192.0.2.1` is an address, not a host name.
 */
export function hostnameProblem(name: string): string | null {
  if (name === '') return 'the host name is empty';
  if (name.length > MAX_HOSTNAME_LENGTH)
    return `the host name is longer than ${MAX_HOSTNAME_LENGTH} characters`;
  if (name.startsWith('[')) return 'an address literal is not a host name';
  const labels = name.split('.');
  for (const label of labels) {
    if (label === '') return 'the host name has an empty label (a leading, trailing or doubled dot)';
    if (label.length > MAX_LABEL_LENGTH)
      return `the label "${label}" is longer than ${MAX_LABEL_LENGTH} characters`;
    if (!LABEL.test(label)) {
      return `the label "${label}" is not letters, digits and inner hyphens (RFC 5321 Domain; use the A-label form for IDNs)`;
    }
  }
  if (ALL_DIGITS.test(labels[labels.length - 1] ?? '')) return 'an IP address is not a host name';
  return null;
}
