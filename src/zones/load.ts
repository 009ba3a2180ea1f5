/**
 * Zones phase of a run: read --zone files (and, with --base, the same files and policy files at
 * that git revision). OWNER: zones helper. Signature is a shared contract with src/check.ts.
 */
import type { Finding } from '../core/findings.js';
import type { ProposedDomain } from '../core/proposed.js';
import type { PolicyFileInput } from '../core/rules/evidence.js';
import type { PolicyFileSpec } from '../config.js';
import type { Logger } from '../ports.js';

export interface LoadedZones {
  byDomain: Map<string, ProposedDomain>;
  /** The same zone files at --base (empty without --base). */
  baseByDomain: Map<string, ProposedDomain>;
  /** Policy files at --base, by domain (absent when the file did not exist there). */
  basePolicyFiles: Map<string, PolicyFileInput>;
  /** zone-parse-error findings. */
  findings: Finding[];
}

export async function loadZones(
  _zoneGlobs: string[],
  _policyFiles: PolicyFileSpec[],
  _base: string | null,
  _logger: Logger,
): Promise<LoadedZones> {
  return { byDomain: new Map(), baseByDomain: new Map(), basePolicyFiles: new Map(), findings: [] };
}
