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
  /** MX records at the apex. */
  mx: Proposed<MxRecord>[];
}
