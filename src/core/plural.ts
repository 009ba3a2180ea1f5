/** Counted nouns for messages and renderings: "1 day", "3 days", "1,000 domains". */

/** `n` and the noun, singular for exactly one; thousands grouped the way the renderings show counts. */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}
