import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);

// src/core/special-address.ts
var V4_UNUSABLE = [
  { base: [0, 0, 0, 0], prefix: 8, reason: '"this network" (0.0.0.0/8, RFC 1122 \xA73.2.1.3)' },
  { base: [169, 254, 0, 0], prefix: 16, reason: "link-local (169.254.0.0/16, RFC 3927)" },
  { base: [224, 0, 0, 0], prefix: 4, reason: "multicast (224.0.0.0/4, RFC 5771)" },
  { base: [255, 255, 255, 255], prefix: 32, reason: "limited broadcast (255.255.255.255, RFC 919)" },
  { base: [240, 0, 0, 0], prefix: 4, reason: "reserved (240.0.0.0/4, RFC 1112 \xA74)" }
];
function parseV4(text) {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  const octets = parts.map((p) => /^\d{1,3}$/.test(p) ? Number(p) : NaN);
  if (octets.some((o) => !(o >= 0 && o <= 255))) return null;
  return octets;
}
function v4Reason(octets) {
  const value = (o) => (o[0] << 24 | o[1] << 16 | o[2] << 8 | o[3]) >>> 0;
  const address = value(octets);
  for (const range of V4_UNUSABLE) {
    const mask = range.prefix === 0 ? 0 : 4294967295 << 32 - range.prefix >>> 0;
    if ((address & mask) >>> 0 === (value(range.base) & mask) >>> 0) return range.reason;
  }
  return null;
}
function parseV6(text) {
  let rest = text.replace(/%.*$/, "");
  const lastColon = rest.lastIndexOf(":");
  const dotted = rest.slice(lastColon + 1);
  if (dotted.includes(".")) {
    const v4 = parseV4(dotted);
    if (!v4) return null;
    const hex = (a, b) => (a << 8 | b).toString(16);
    rest = `${rest.slice(0, lastColon + 1)}${hex(v4[0], v4[1])}:${hex(v4[2], v4[3])}`;
  }
  const halves = rest.split("::");
  if (halves.length > 2) return null;
  const groups = (s) => {
    if (s === "") return [];
    const out = s.split(":").map((g) => /^[0-9a-f]{1,4}$/i.test(g) ? parseInt(g, 16) : NaN);
    return out.some(Number.isNaN) ? null : out;
  };
  const head = groups(halves[0]);
  const back = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !back) return null;
  const known = head.length + back.length;
  if (halves.length === 1 ? known !== 8 : known > 7) return null;
  return [...head, ...new Array(8 - known).fill(0), ...back];
}
function v6Reason(g) {
  if (g.every((x) => x === 0)) return "the IPv6 unspecified address (::, RFC 4291 \xA72.5.2)";
  if ((g[0] & 65472) === 65152) return "IPv6 link-local (fe80::/10, RFC 4291 \xA72.5.6)";
  if ((g[0] & 65280) === 65280) return "IPv6 multicast (ff00::/8, RFC 4291 \xA72.7)";
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 65535) {
    return v4Reason([g[6] >> 8, g[6] & 255, g[7] >> 8, g[7] & 255]);
  }
  return null;
}
function unusableAddressReason(address) {
  const text = address.trim();
  const v4 = parseV4(text);
  if (v4) return v4Reason(v4);
  if (!text.includes(":")) return null;
  const v6 = parseV6(text);
  return v6 ? v6Reason(v6) : null;
}
function partitionAddresses(addresses) {
  const usable = [];
  const unusable = [];
  for (const address of addresses) {
    const reason = unusableAddressReason(address);
    if (reason === null) usable.push(address);
    else unusable.push({ address, reason });
  }
  return { usable, unusable };
}

export {
  unusableAddressReason,
  partitionAddresses
};
