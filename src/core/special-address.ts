/**
 * Addresses no sender can deliver to (issue 9 class 1, DESIGN.md `host-address-unusable`). An MX
 * or policy host that resolves to one of them is reported and never connected to: a connect to
 * 255.255.255.255 or 224.0.0.1 fails with ENETUNREACH at best, and at worst reaches something on
 * the runner's own link (169.254.169.254 is the cloud metadata service).
 *
 * Pure text parsing (core code imports no node:net): an address that does not parse as IPv4 or
 * IPv6 is not classified here (the adapters only ever hand over what the resolver returned).
 */

/** Why an address is unusable, in words for messages; null when a sender could use it. */
export type UnusableReason = string;

interface V4Range {
  /** First octet value(s) and prefix length in bits. */
  base: [number, number, number, number];
  prefix: number;
  reason: UnusableReason;
}

/** RFC 6890 / RFC 5771 / RFC 3927 / RFC 1112 ranges no sender can use for SMTP or HTTPS. */
const V4_UNUSABLE: V4Range[] = [
  { base: [0, 0, 0, 0], prefix: 8, reason: '"this network" (0.0.0.0/8, RFC 1122 §3.2.1.3)' },
  { base: [169, 254, 0, 0], prefix: 16, reason: 'link-local (169.254.0.0/16, RFC 3927)' },
  { base: [224, 0, 0, 0], prefix: 4, reason: 'multicast (224.0.0.0/4, RFC 5771)' },
  { base: [255, 255, 255, 255], prefix: 32, reason: 'limited broadcast (255.255.255.255, RFC 919)' },
  { base: [240, 0, 0, 0], prefix: 4, reason: 'reserved (240.0.0.0/4, RFC 1112 §4)' },
];

function parseV4(text: string): [number, number, number, number] | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => (/^\d{1,3}$/.test(p) ? Number(p) : NaN));
  if (octets.some((o) => !(o >= 0 && o <= 255))) return null;
  return octets as [number, number, number, number];
}

function v4Reason(octets: [number, number, number, number]): UnusableReason | null {
  const value = (o: number[]): number => ((o[0]! << 24) | (o[1]! << 16) | (o[2]! << 8) | o[3]!) >>> 0;
  const address = value(octets);
  for (const range of V4_UNUSABLE) {
    const mask = range.prefix === 0 ? 0 : (0xffffffff << (32 - range.prefix)) >>> 0;
    if ((address & mask) >>> 0 === (value(range.base) & mask) >>> 0) return range.reason;
  }
  return null;
}

/** The 8 16-bit groups of an IPv6 address (an embedded dotted IPv4 tail allowed), or null. */
function parseV6(text: string): number[] | null {
  let rest = text.replace(/%.*$/, ''); // a zone index (fe80::1%eth0) does not change the class
  const lastColon = rest.lastIndexOf(':');
  const dotted = rest.slice(lastColon + 1);
  if (dotted.includes('.')) {
    // RFC 4291 §2.2 form 3: the last 32 bits written as dotted IPv4; rewrite them as two groups.
    const v4 = parseV4(dotted);
    if (!v4) return null;
    const hex = (a: number, b: number): string => ((a << 8) | b).toString(16);
    rest = `${rest.slice(0, lastColon + 1)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`;
  }
  const halves = rest.split('::');
  if (halves.length > 2) return null;
  const groups = (s: string): number[] | null => {
    if (s === '') return [];
    const out = s.split(':').map((g) => (/^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN));
    return out.some(Number.isNaN) ? null : out;
  };
  const head = groups(halves[0]!);
  const back = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !back) return null;
  const known = head.length + back.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  return [...head, ...new Array<number>(8 - known).fill(0), ...back];
}

function v6Reason(g: number[]): UnusableReason | null {
  if (g.every((x) => x === 0)) return 'the IPv6 unspecified address (::, RFC 4291 §2.5.2)';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'IPv6 link-local (fe80::/10, RFC 4291 §2.5.6)';
  if ((g[0]! & 0xff00) === 0xff00) return 'IPv6 multicast (ff00::/8, RFC 4291 §2.7)';
  // RFC 4291 §2.5.5.2: an IPv4-mapped address is the IPv4 address for every purpose here.
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) {
    return v4Reason([g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff]);
  }
  return null;
}

/**
 * Why no sender can use `address` (an MX or policy host's A/AAAA data), or null when it is an
 * ordinary address. DESIGN.md `host-address-unusable`: 0.0.0.0/8, 169.254/16, 224/4, 240/4,
 * 255.255.255.255, and IPv6 unspecified, link-local (fe80::/10) and multicast (ff00::/8).
 */
export function unusableAddressReason(address: string): UnusableReason | null {
  const text = address.trim();
  const v4 = parseV4(text);
  if (v4) return v4Reason(v4);
  if (!text.includes(':')) return null;
  const v6 = parseV6(text);
  return v6 ? v6Reason(v6) : null;
}

/** Splits resolved addresses into those a connection may be made to and those it never may. */
export function partitionAddresses(addresses: readonly string[]): {
  usable: string[];
  unusable: { address: string; reason: UnusableReason }[];
} {
  const usable: string[] = [];
  const unusable: { address: string; reason: UnusableReason }[] = [];
  for (const address of addresses) {
    const reason = unusableAddressReason(address);
    if (reason === null) usable.push(address);
    else unusable.push({ address, reason });
  }
  return { usable, unusable };
}
