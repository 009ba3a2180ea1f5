/**
 * The policy file of an `enforce-ready` domain (issue 15 item 6): `mode: enforce`, and a
 * `max_age` of at least one week, so a sender that cached the policy keeps enforcing through
 * an outage of the policy host (RFC 8461 §3.2 allows up to a year; one week is the least that
 * protects). Line edits in the file's own bytes: only the mode and max_age lines change.
 */
import { parsePolicy } from '../policy.js';
import { MIN_RECOMMENDED_MAX_AGE } from '../rules/policy-text.js';
import { editsFromLineMap, splitFileLines, type FileEdit, type FileLine } from './edit.js';

/** One week (seconds): the least `max_age` worth enforcing with. */
export const MIN_ENFORCE_MAX_AGE = MIN_RECOMMENDED_MAX_AGE;

const FIELD = /^(mode|max_age)(:[ \t]*)(.*?)([ \t]*)$/;

/** The edits that put `text` in enforce with max_age >= one week; [] when it is not a valid policy. */
export function enforcePolicyEdits(file: string, text: string): FileEdit[] {
  const parsed = parsePolicy(text);
  if (!parsed.policy) return [];
  const before = splitFileLines(text);
  const after = before.map((line): FileLine => {
    const m = FIELD.exec(line.content);
    if (!m) return line;
    const [, key, gap, value, trail] = m as unknown as [string, string, string, string, string];
    const wanted = key === 'mode' ? 'enforce' : String(Math.max(Number(value), MIN_ENFORCE_MAX_AGE));
    return { content: `${key}${gap}${wanted}${trail}`, ending: line.ending };
  });
  return editsFromLineMap(file, before, after);
}
