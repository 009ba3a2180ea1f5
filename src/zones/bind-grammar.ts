/**
 * Small pieces of master-file grammar: classes, record type names, TTLs. Unknown type names are
 * refused so that a typo such as `MXX` is a zone-parse-error, not a silently missing record.
 */

/** RFC 1035 §3.2.4 classes (CS is obsolete but still parsed by BIND). */
export const RECORD_CLASSES: ReadonlySet<string> = new Set(['IN', 'CH', 'HS', 'CS']);

/**
 * IANA "Resource Record (RR) TYPEs" with a presentation name, plus ALIAS/ANAME (provider
 * extensions accepted by PowerDNS and Knot-based tooling). RFC 3597 `TYPEnnn` is accepted too.
 */
const RECORD_TYPES: ReadonlySet<string> = new Set(
  (
    'A NS MD MF CNAME SOA MB MG MR NULL WKS PTR HINFO MINFO MX TXT RP AFSDB X25 ISDN RT NSAP NSAP-PTR ' +
    'SIG KEY PX GPOS AAAA LOC NXT EID NIMLOC SRV ATMA NAPTR KX CERT A6 DNAME SINK OPT APL DS SSHFP ' +
    'IPSECKEY RRSIG NSEC DNSKEY DHCID NSEC3 NSEC3PARAM TLSA SMIMEA HIP NINFO RKEY TALINK CDS CDNSKEY ' +
    'OPENPGPKEY CSYNC ZONEMD SVCB HTTPS DSYNC SPF UINFO UID GID UNSPEC NID L32 L64 LP EUI48 EUI64 ' +
    'TKEY TSIG URI CAA AVC DOA AMTRELAY RESINFO WALLET TA DLV ALIAS ANAME'
  ).split(' '),
);

export function isKnownRecordType(type: string): boolean {
  return RECORD_TYPES.has(type) || /^TYPE\d{1,5}$/.test(type);
}

/** RFC 2181 §8: a TTL is at most 2^31 - 1 seconds. */
export const MAX_TTL_SECONDS = 2 ** 31 - 1;

const UNIT_SECONDS: Record<string, number> = { w: 604_800, d: 86_400, h: 3_600, m: 60, s: 1 };

/** Seconds of a TTL written as digits or with BIND units (`1h30m`, `2w`, `10d`); null when invalid. */
export function parseBindTtl(raw: string): number | null {
  if (/^\d+$/.test(raw)) return checked(Number(raw));
  if (!/^(\d+[wdhms])+$/i.test(raw)) return null;
  let total = 0;
  for (const [, amount, unit] of raw.toLowerCase().matchAll(/(\d+)([wdhms])/g)) {
    total += Number(amount) * UNIT_SECONDS[unit!]!;
  }
  return checked(total);
}

export function isBindTtl(raw: string): boolean {
  return parseBindTtl(raw) !== null;
}

function checked(seconds: number): number | null {
  return seconds <= MAX_TTL_SECONDS ? seconds : null;
}
