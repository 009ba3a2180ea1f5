/**
 * Likely misspellings of the RFC 8461 §3.2 policy keys. An unknown key is a valid extension to
 * senders and is silently ignored, so `max-age: 604800` or `nmx: mail.example.com` drops what was
 * meant without any error: worth telling the author.
 */

/** RFC 8461 §3.2 keys, case-sensitive on the wire. */
export const POLICY_KEYS = ['version', 'mode', 'max_age', 'mx'] as const;

/**
 * Optimal string alignment distance (insertions, deletions, substitutions and adjacent
 * transpositions each cost 1), so `mdoe`, `mod`, `modes` and `max-age` are all one edit away.
 */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [];
    for (let j = 0; j <= b.length; j++) {
      if (i === 0 || j === 0) {
        row.push(i + j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(
        (prev[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (prev[j - 1] as number) + cost,
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, ((rows[i - 2] as number[])[j - 2] as number) + 1);
      }
      row.push(best);
    }
    rows.push(row);
  }
  return (rows[a.length] as number[])[b.length] as number;
}

/**
 * The known key `key` was probably meant to be, or null. A key is a likely typo when, compared
 * case-insensitively, it is at most one edit away from a known key (`Mode` and `MX` count: keys
 * are case-sensitive, so they are extensions too).
 */
export function suggestPolicyKey(key: string): string | null {
  if ((POLICY_KEYS as readonly string[]).includes(key)) return null;
  const lower = key.toLowerCase();
  return POLICY_KEYS.find((known) => editDistance(lower, known) <= 1) ?? null;
}
