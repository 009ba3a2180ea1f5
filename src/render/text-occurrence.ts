/**
 * One occurrence of a finding as one short line (issue 14): where (file:line[:column], or the
 * subject), then the fact. A path or URL the message starts with is said once, in the `where`
 * part: `policy-redirect [https://…/mta-sts.txt]: https://…/mta-sts.txt from …` repeated it.
 */
import type { Finding } from '../core/findings.js';

export interface Occurrence {
  /** `file:line`, `file:line:column`, or the subject; null when the fact already names it. */
  where: string | null;
  fact: string;
}

/** How our policy messages name their source before the name itself (rules/policy-text.ts). */
const SOURCE_WORDS = /^(?:Policy file |Policy at )?/;
/** What may follow the name: the addresses it came from, then where in it. */
const AFTER_NAME = /^( \(from [^)]*\))?(?:, line (\d+)(?:, column (\d+))?)?(?::\s+|,\s+|\s+|$)/;

export function occurrence(f: Finding): Occurrence {
  const file = f.location?.file;
  let where: string | null = f.location ? `${f.location.file}:${f.location.line}` : null;
  let fact = f.message;
  const names = [...new Set([file, f.subject].filter((n): n is string => !!n))].sort(
    (a, b) => b.length - a.length,
  );
  for (const name of names) {
    const lead = SOURCE_WORDS.exec(fact)![0];
    if (!fact.startsWith(name, lead.length)) continue;
    const after = AFTER_NAME.exec(fact.slice(lead.length + name.length));
    if (after === null) continue; // the name runs on (a longer word): not a mention of it
    const [all, from, line, column] = after;
    fact = fact.slice(lead.length + name.length + all.length);
    if (where === null) where = name;
    if (column !== undefined && f.location && line === String(f.location.line)) where += `:${column}`;
    else if (line !== undefined && !f.location)
      fact = `line ${line}${column ? `, column ${column}` : ''}: ${fact}`;
    if (from) fact = `${fact}${from}`;
    break;
  }
  // The subject said inside the message needs no label of its own.
  if (where === null && f.subject && !f.message.includes(f.subject)) where = f.subject;
  // A location's file named again later in the message is said once, in the location.
  if (file && where !== null && where.startsWith(file) && fact.includes(file)) {
    fact = fact.split(file).join('this file');
  }
  return { where, fact: fact === '' ? f.message : fact };
}
