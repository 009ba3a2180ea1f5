/**
 * Turns the records of all zone files into one ProposedDomain per policy domain.
 *
 * A name is a policy domain when the files publish a TXT at `_mta-sts.<name>` or
 * `_smtp._tls.<name>`, or when a --policy-file names it and the files hold records for it.
 * A name that is delegated, a CNAME, or left unmanaged (DNSControl IGNORE_NAME) has its MX
 * defined elsewhere (`mxElsewhere`). Names with only MX records (and no policy file) are not in scope: nothing about them concerns
 * MTA-STS or TLS-RPT, and a zone without any of these records yields no domain at all.
 */
import type { ProposedDomain } from '../core/proposed.js';
import type { ZoneFileContent, ZoneRecord } from './zone-record.js';

const STS_PREFIX = '_mta-sts.';
const TLSRPT_PREFIX = '_smtp._tls.';

export function groupProposed(
  contents: ZoneFileContent[],
  policyDomains: Iterable<string>,
): Map<string, ProposedDomain> {
  const apexes = new Set(contents.flatMap((c) => c.apexes));
  const policyNames = new Set([...policyDomains].map((d) => d.toLowerCase()));

  const domains = new Set<string>();
  for (const content of contents) {
    for (const record of content.records) {
      if (policyNames.has(record.name)) domains.add(record.name);
      if (record.txt === undefined) continue;
      if (record.name.startsWith(STS_PREFIX)) domains.add(record.name.slice(STS_PREFIX.length));
      if (record.name.startsWith(TLSRPT_PREFIX)) domains.add(record.name.slice(TLSRPT_PREFIX.length));
    }
  }
  for (const name of policyNames) if (apexes.has(name)) domains.add(name);

  // Only the names judged are indexed: a zone of half a million other records (issue 9 class 8,
  // an 8 MiB zone at the cap) must not become a map of half a million lists.
  const wanted = new Set([...domains].flatMap((d) => [d, STS_PREFIX + d, TLSRPT_PREFIX + d]));
  const byName = new Map<string, ZoneRecord[]>();
  for (const content of contents) {
    for (const record of content.records) {
      if (!wanted.has(record.name)) continue;
      const list = byName.get(record.name) ?? [];
      list.push(record);
      byName.set(record.name, list);
    }
  }

  const result = new Map<string, ProposedDomain>();
  for (const domain of [...domains].sort()) {
    const txtAt = (name: string) =>
      (byName.get(name) ?? [])
        .filter((r) => r.type === 'TXT' && r.txt !== undefined)
        .map((r) => ({ value: r.txt!, location: r.location }));
    const own = byName.get(domain) ?? [];
    const proposed: ProposedDomain = {
      domain,
      stsTxt: txtAt(STS_PREFIX + domain),
      tlsRptTxt: txtAt(TLSRPT_PREFIX + domain),
      mx: own.filter((r) => r.mx).map((r) => ({ value: { ...r.mx! }, location: r.location })),
    };
    const delegated = !apexes.has(domain) && own.some((r) => r.type === 'NS');
    if (delegated || own.some((r) => r.type === 'CNAME' || r.type === 'UNMANAGED'))
      proposed.mxElsewhere = true;
    result.set(domain, proposed);
  }
  return result;
}
