/**
 * The policy a reporter says it applied (RFC 8460 §4.4 `policy-string`), read tolerantly and
 * reduced to what changes a sender's behaviour (RFC 8461 §3.2: mode, max_age, mx), so that two
 * texts that differ only in line endings (Google echoes a CRLF policy with a stray `\r` per
 * item, QUIRKS.md), key order or spacing compare equal.
 *
 * spec: RFC 8460 does not say how a policy-string is to be compared with the published policy;
 * we compare the parsed values and ignore extension keys, which senders do not act on.
 */
import type { StsMode } from './findings.js';
import { normalizeHost, type StsPolicy } from './policy.js';

export interface PolicyEssence {
  mode: StsMode | null;
  maxAge: number | null;
  /** Lower case, no trailing dot, sorted, unique. */
  mx: string[];
}

/** Reads `key: value` lines (from a report's policy-string or a policy body). */
export function essenceFromLines(lines: readonly string[]): PolicyEssence {
  let mode: StsMode | null = null;
  let maxAge: number | null = null;
  const mx = new Set<string>();
  for (const raw of lines) {
    const line = raw.trim();
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    const key = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (key === 'mode') {
      const m = value.toLowerCase();
      if (m === 'enforce' || m === 'testing' || m === 'none') mode = m;
    } else if (key === 'max_age' && /^\d+$/.test(value)) {
      maxAge = Number(value);
    } else if (key === 'mx' && value !== '') {
      mx.add(normalizeHost(value));
    }
  }
  return { mode, maxAge, mx: [...mx].sort() };
}

/** Reads a whole policy body (CRLF, LF or mixed line endings). */
export function essenceFromText(text: string): PolicyEssence {
  return essenceFromLines(text.split(/\r?\n|\r/));
}

export function essenceFromPolicy(policy: StsPolicy): PolicyEssence {
  const mx = [...new Set(policy.mx.map((p) => normalizeHost(p.raw)))].sort();
  return { mode: policy.mode, maxAge: policy.maxAge, mx };
}

/** Stable text form, used as a grouping key and shown to users. */
export function essenceKey(e: PolicyEssence): string {
  return `mode: ${e.mode ?? '?'}; max_age: ${e.maxAge ?? '?'}; mx: ${e.mx.join(', ') || '-'}`;
}

/** What differs between the policy senders applied and the reference, in words; empty when equal. */
export function essenceDifferences(applied: PolicyEssence, reference: PolicyEssence): string[] {
  const out: string[] = [];
  if (applied.mode !== reference.mode)
    out.push(`mode ${applied.mode ?? '?'} instead of ${reference.mode ?? '?'}`);
  if (applied.maxAge !== reference.maxAge) {
    out.push(`max_age ${applied.maxAge ?? '?'} instead of ${reference.maxAge ?? '?'}`);
  }
  const extra = applied.mx.filter((m) => !reference.mx.includes(m));
  const missing = reference.mx.filter((m) => !applied.mx.includes(m));
  if (extra.length > 0) out.push(`mx ${extra.join(', ')} no longer listed`);
  if (missing.length > 0) out.push(`mx ${missing.join(', ')} not yet applied`);
  return out;
}
