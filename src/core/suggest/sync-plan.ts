/**
 * The writes that bring a pull request's review suggestions in line with this run (issue 15
 * item 5), found again by the key in each comment's hidden marker: a suggestion still on its
 * lines with the same body is left alone (a rerun writes nothing), one with another body is
 * edited, a missing one is created, and one that no longer applies is edited to say so.
 *
 * Resolved by editing, not deleting: the REST API cannot resolve a review thread, and deleting
 * the first comment would take the thread's replies (the author's questions, a reviewer's
 * answer) with it. The edited body has no suggestion block, so nothing stale can be committed.
 */

/**
 * A new policy id is the run's clock as YYYYMMDDhhmmss (policy-id.ts), so every run would write
 * another one into the same suggestion. Any of them is a correct new id; a body that differs
 * only in such ids is the same suggestion, and a rerun leaves it alone.
 */
const RUN_CLOCK_ID = /(?<![0-9])\d{14}(?![0-9])/g;

/** Whether two bodies are the same suggestion (equal but for run-clock policy ids). */
export function sameSuggestionBody(a: string, b: string): boolean {
  return a === b || a.replace(RUN_CLOCK_ID, '<id>') === b.replace(RUN_CLOCK_ID, '<id>');
}

/** A suggestion this run wants, its body rendered. */
export interface DesiredComment {
  key: string;
  path: string;
  startLine: number;
  line: number;
  body: string;
}

/** A review comment of the pull request carrying our marker. */
export interface ExistingComment {
  id: number;
  key: string;
  path: string;
  /** Current head-side line; null when GitHub shows the comment as outdated. */
  line: number | null;
  startLine: number | null;
  body: string;
}

export interface SyncPlan {
  create: DesiredComment[];
  update: { id: number; body: string }[];
  resolve: { id: number; body: string }[];
  /** Existing comments already as wanted. */
  unchanged: number;
}

/** Whether `comment` sits on exactly the lines `wanted` is for. */
function onLines(comment: ExistingComment, wanted: DesiredComment): boolean {
  return (
    comment.path === wanted.path &&
    comment.line === wanted.line &&
    (comment.startLine ?? comment.line) === wanted.startLine
  );
}

/**
 * `resolvedBody(key)` is the body of a comment whose suggestion no longer applies. Among several
 * comments with one key (two runs racing, say), the oldest one on the right lines is kept and
 * the others are resolved: a key is never shown twice.
 */
export function planSync(
  desired: readonly DesiredComment[],
  existing: readonly ExistingComment[],
  resolvedBody: (key: string) => string,
): SyncPlan {
  const plan: SyncPlan = { create: [], update: [], resolve: [], unchanged: 0 };
  const wanted = new Map(desired.map((d) => [d.key, d]));
  const kept = new Map<string, ExistingComment>();
  for (const comment of [...existing].sort((a, b) => a.id - b.id)) {
    const want = wanted.get(comment.key);
    if (want && !kept.has(comment.key) && onLines(comment, want)) kept.set(comment.key, comment);
  }
  for (const want of wanted.values()) {
    const comment = kept.get(want.key);
    if (!comment) plan.create.push(want);
    else if (sameSuggestionBody(comment.body, want.body)) plan.unchanged++;
    else plan.update.push({ id: comment.id, body: want.body });
  }
  for (const comment of existing) {
    if (kept.get(comment.key) === comment) continue;
    const body = resolvedBody(comment.key);
    if (comment.body === body) plan.unchanged++;
    else plan.resolve.push({ id: comment.id, body });
  }
  return plan;
}
