/**
 * One pull request in a DNS-as-code repository, for the built CLI and the built action: the
 * base has valid policy files for a.example and b.example and zone files publishing their
 * `_mta-sts` records (a.example without TLS-RPT, a problem the base already has); the change
 * breaks a.txt (no max_age) and deletes b.txt while the zone keeps `_mta-sts.b.example`.
 */
export const ZONE_A = 'zones/db.a.example';
export const ZONE_B = 'zones/db.b.example';

const zone = (domain: string, extra: string[] = []) =>
  [
    `$ORIGIN ${domain}.`,
    '$TTL 300',
    `@ IN SOA ns.${domain}. hostmaster.${domain}. 1 3600 600 86400 300`,
    `@ IN MX 10 mail.${domain}.`,
    '_mta-sts IN TXT "v=STSv1; id=20261101T000000"',
    ...extra,
    '',
  ].join('\n');

export const POLICY_A = 'version: STSv1\r\nmode: enforce\r\nmx: mail.a.example\r\nmax_age: 604800\r\n';
export const POLICY_B = 'version: STSv1\r\nmode: testing\r\nmx: mail.b.example\r\nmax_age: 604800\r\n';
/** RFC 8461 §3.2: max_age is required. */
export const POLICY_A_BROKEN = 'version: STSv1\nmode: enforce\nmx: mail.a.example\n';

export const PR_BASE: Record<string, string> = {
  [ZONE_A]: zone('a.example'),
  [ZONE_B]: zone('b.example', ['_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@b.example"']),
  'a.txt': POLICY_A,
  'b.txt': POLICY_B,
};

export const PR_HEAD: Record<string, string | null> = {
  'a.txt': POLICY_A_BROKEN,
  'b.txt': null,
};
