/**
 * `--base REV`: tell the findings a change introduces from those it inherits, so a pull request
 * fails only on what it changes (src/core/fail-policy.ts ignores status 'existing').
 *
 * Both revisions are judged the same way; a head finding is 'existing' when the base has one with
 * the same key: rule, domain, subject, file and message, with line and column numbers removed
 * from the message (lines move when a change adds lines above) and parenthesised context left
 * out (`(preference 10)`, `(mode enforce; mx: ...)`: what surrounds a problem may change while
 * the problem stays). Keys are counted, so a second, identical problem added by the change is
 * still new.
 */
import type { Finding } from './findings.js';
import type { DomainEvidence } from './rules/evidence.js';

/** The evidence of the same domain as the base revision had it: the same live facts and reports, the old files. */
export function baseEvidence(e: DomainEvidence): DomainEvidence {
  return {
    ...e,
    policyFile: e.basePolicyFile,
    basePolicyFile: null,
    proposed: e.baseProposed,
    baseProposed: null,
  };
}

/** What identifies a finding across revisions: never its line, which moves. */
export function findingKey(f: Finding): string {
  const message = f.message
    .replace(/\([^()]*\)/g, '()')
    .replace(/\b(line|column|col)\s+\d+/gi, '$1')
    .replace(/:\d+(:\d+)?\b/g, '');
  return [f.rule, f.domain ?? '', (f.subject ?? '').toLowerCase(), f.location?.file ?? '', message].join(
    '\u0000',
  );
}

/** Marks each head finding 'new' or 'existing' against the base findings. Returns new objects. */
export function markChangeStatus(head: readonly Finding[], base: readonly Finding[]): Finding[] {
  const remaining = new Map<string, number>();
  for (const f of base) {
    const key = findingKey(f);
    remaining.set(key, (remaining.get(key) ?? 0) + 1);
  }
  return head.map((f) => {
    const key = findingKey(f);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      return { ...f, status: 'existing' };
    }
    return { ...f, status: 'new' };
  });
}

/**
 * The same problem seen in live DNS (no location) and in the proposed files (with one) is
 * reported once, on the file line: rule, domain and subject agree (the live mx and records
 * families and the zones family use the same subjects: MX host, `_mta-sts.<domain>`...).
 */
export function preferLocated(findings: readonly Finding[]): Finding[] {
  const located = new Set(
    findings.filter((f) => f.location !== undefined && f.subject !== undefined).map((f) => twinKey(f)),
  );
  return findings.filter(
    (f) => f.location !== undefined || f.subject === undefined || !located.has(twinKey(f)),
  );
}

function twinKey(f: Finding): string {
  return [f.rule, f.domain ?? '', (f.subject ?? '').toLowerCase().replace(/\.$/, '')].join('\u0000');
}
