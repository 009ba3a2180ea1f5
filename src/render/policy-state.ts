/**
 * What a rendering says in place of a domain's mode (issue 10 item 10: "no policy" means no
 * policy). Only a missing STS record is "no policy"; an offline run did not fetch the policy; a
 * fetch that failed or was refused (a redirect, a wrong status, an invalid file) says so, so a
 * host that redirects is never shown as "no policy" beside its policy id.
 */
import { RULES, type Finding, type StsMode } from '../core/findings.js';
import type { DomainResult } from '../core/result.js';

export interface PolicyState {
  /** The mode senders apply (or the proposed one, from a policy file), when known. */
  mode: StsMode | null;
  /** Plain words for the state when there is no mode, or a qualifier beside it. */
  words: string;
}

/** `findings`: the run's findings, to tell a policy file that could not be used from none. */
export function policyState(d: DomainResult, findings: readonly Finding[] = []): PolicyState {
  const { record, policy, fetch } = d.mtaSts;
  if (policy) return { mode: policy.mode, words: fetch === null ? 'policy file' : '' };
  const fileJudged = findings.some(
    (f) => f.domain === d.domain && f.location !== undefined && RULES[f.rule].family === 'policy',
  );
  if (fetch === null && fileJudged) return { mode: null, words: 'policy file invalid' };
  if (!record) return { mode: null, words: 'no policy (no STS record)' };
  if (!fetch) return { mode: null, words: 'policy not fetched (offline)' };
  if (fetch.status !== null && fetch.status >= 300 && fetch.status < 400)
    return { mode: null, words: `policy fetch failed: HTTP ${fetch.status} redirect` };
  if (fetch.error) return { mode: null, words: `policy fetch failed: ${errorCode(fetch.error)}` };
  if (fetch.status !== 200) return { mode: null, words: `policy fetch failed: HTTP ${fetch.status ?? '?'}` };
  return { mode: null, words: 'policy invalid' };
}

/** `ECONNREFUSED: connect ECONNREFUSED 192.0.2.1:443` → `ECONNREFUSED` (the rest is in the findings). */
function errorCode(error: string): string {
  const colon = error.indexOf(':');
  return colon > 0 && colon <= 40 ? error.slice(0, colon) : error.slice(0, 80);
}

/** One line for text-like places: `enforce`, `enforce (policy file)`, or the words. */
export function policyStateLine(d: DomainResult, findings: readonly Finding[] = []): string {
  const s = policyState(d, findings);
  if (!s.mode) return s.words;
  return s.words ? `mode ${s.mode} (${s.words})` : `mode ${s.mode}`;
}
