/**
 * Records proposed by DNS-as-code files (BIND, octoDNS, DNSControl IR), per domain.
 * OWNER: zones helper. The exported names and types below are shared contracts.
 */
import type { Location } from './findings.js';
import type { MxRecord } from './observation.js';

export interface Proposed<T> {
  value: T;
  location: Location;
}

export interface ProposedDomain {
  domain: string;
  /** TXT values at `_mta-sts.<domain>` (character-strings joined). */
  stsTxt: Proposed<string>[];
  /** TXT values at `_smtp._tls.<domain>`. */
  tlsRptTxt: Proposed<string>[];
  /**
   * MX records at the apex, in file order. Exchanges are lower case without the trailing dot;
   * the null MX (RFC 7505, `MX 0 .`) has exchange ''.
   */
  mx: Proposed<MxRecord>[];
  /**
   * True when the files do not define this name's MX: it is delegated (NS below a zone apex)
   * or is a CNAME, so an empty `mx` says nothing.
   */
  mxElsewhere?: boolean;
}
