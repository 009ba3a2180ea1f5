/**
 * One cause, one finding (issue 14): a policy line the parser refuses (a byte order mark before
 * `version`, a CR-only file that is one long line, a control character) also hides the keys on
 * it, and the parser then says "no version line", "no mode line"… as if they were separate
 * mistakes. Those consequences are folded into the problem that caused them, which names what
 * it hides, so the fix is read once, at the cause.
 */
import type { PolicyProblem } from './policy.js';

/** The problems with every "no X line" that a refused line explains folded into that line's problem. */
export function foldCascades(problems: readonly PolicyProblem[]): PolicyProblem[] {
  const causeOf = new Map<string, PolicyProblem>();
  for (const p of problems) for (const key of p.hides ?? []) if (!causeOf.has(key)) causeOf.set(key, p);
  const folded = new Map<PolicyProblem, string[]>();
  const kept = problems.filter((p) => {
    const cause = p.missingKey === undefined ? undefined : causeOf.get(p.missingKey);
    if (cause === undefined) return true;
    folded.set(cause, [...(folded.get(cause) ?? []), p.missingKey!]);
    return false;
  });
  return kept.map((p) => {
    const keys = folded.get(p);
    if (keys === undefined) return p;
    const names = keys.map((k) => `"${k}"`);
    const list = names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
    return {
      ...p,
      message: `${p.message}; so the ${list} line${keys.length === 1 ? ' is' : 's are'} not seen`,
    };
  });
}

/**
 * The keys a refused line carries: its key, with a byte order mark and blanks around it removed,
 * and for a line holding lone CRs (a CR-only file), the key of every piece between them.
 */
export function keysOnRefusedLine(content: string): string[] {
  return content
    .split('\r')
    .map((piece) =>
      piece
        .slice(0, Math.max(0, piece.indexOf(':')))
        .replace(/^\uFEFF/, '')
        .trim(),
    )
    .filter((key) => key !== '');
}
