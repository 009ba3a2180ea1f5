/**
 * Progress of a check (issue 14 item 2), paced so that it informs without flooding: on a
 * terminal one line redrawn in place (done/total, errors so far, time left); in a log (a pipe,
 * a file, the action's log) a line every 10 % of the domains or every 10 s, whichever comes
 * first: at most about a dozen lines for any list. Pure: the clock is injected, and what to do
 * with a line is the caller's (src/cli.ts, src/main.ts).
 */
import { plural } from './core/plural.js';

/** Domains checked so far, as check() reports them. */
export interface CheckProgress {
  done: number;
  total: number;
  /** Error findings among the domains checked so far. */
  errors: number;
}

/** `tty`: one line, redrawn in place; `lines`: a log line at each step. */
export type ProgressStyle = 'tty' | 'lines';

/** A log line each time this share of the domains is done. */
export const LINE_EVERY_SHARE = 0.1;
/** …or when this long passed since the last line (a slow network, a stalled run). */
export const LINE_EVERY_MS = 10_000;
/** A terminal line is redrawn at most this often: redrawing costs more than it tells. */
export const REDRAW_EVERY_MS = 100;
/** Lists this short finish before a log line would help; only a terminal shows progress. */
export const MIN_DOMAINS_FOR_LINES = 6;

export class ProgressPacer {
  /** The first update: loading files before the first domain is not domain time. */
  private startedAt: number | null = null;
  private last: CheckProgress | null = null;
  private shownAt: number;
  private shownStep = 0;
  private shownDone = -1;

  constructor(
    private readonly style: ProgressStyle,
    private readonly now: () => number,
  ) {
    this.shownAt = Number.NEGATIVE_INFINITY;
  }

  /** The line to show for this progress, or null when it is not yet time for one. */
  update(progress: CheckProgress): string | null {
    if (this.startedAt === null) {
      this.startedAt = this.now();
      // A terminal shows the line at once; a log waits for a step or for 10 s of work.
      if (this.style === 'lines') this.shownAt = this.startedAt;
    }
    this.last = progress;
    return this.due(progress) ? this.show(progress) : null;
  }

  /** Called on a timer: a line when time alone makes one due (time left on a terminal, a stalled log). */
  tick(): string | null {
    const progress = this.last;
    if (progress === null || progress.done >= progress.total) return null;
    const elapsed = this.now() - this.shownAt;
    if (this.style === 'tty' ? elapsed < 1000 : elapsed < LINE_EVERY_MS) return null;
    if (this.style === 'lines' && progress.total < MIN_DOMAINS_FOR_LINES) return null;
    return this.show(progress);
  }

  private due(p: CheckProgress): boolean {
    if (p.done === this.shownDone) return false;
    if (this.style === 'tty') return p.done >= p.total || this.now() - this.shownAt >= REDRAW_EVERY_MS;
    if (p.total < MIN_DOMAINS_FOR_LINES || p.done === 0) return false;
    return this.step(p) > this.shownStep || this.now() - this.shownAt >= LINE_EVERY_MS;
  }

  private step(p: CheckProgress): number {
    return Math.floor((p.done / p.total) * (1 / LINE_EVERY_SHARE) + 1e-9);
  }

  private show(p: CheckProgress): string {
    this.shownAt = this.now();
    this.shownStep = this.step(p);
    this.shownDone = p.done;
    return describeProgress(p, this.shownAt - (this.startedAt ?? this.shownAt));
  }
}

/** "checked 412 of 1,000 domains (41 %), 3 errors so far, 12 s elapsed, about 17 s left". */
export function describeProgress(p: CheckProgress, elapsedMs: number): string {
  const share = p.total > 0 ? Math.floor((100 * p.done) / p.total) : 100;
  const parts = [
    `checked ${p.done.toLocaleString('en-US')} of ${plural(p.total, 'domain')} (${share} %)`,
    `${plural(p.errors, 'error')} so far`,
    `${duration(elapsedMs)} elapsed`,
  ];
  // A guess needs something to go on: a few domains and a second of work.
  if (p.done > 0 && p.done < p.total && elapsedMs >= 1000) {
    parts.push(`about ${duration((elapsedMs / p.done) * (p.total - p.done))} left`);
  }
  return parts.join(', ');
}

/** "12 s", "3 min 5 s", "1 h 2 min". */
export function duration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  if (s < 3600) return `${Math.floor(s / 60)} min ${s % 60} s`;
  return `${Math.floor(s / 3600)} h ${Math.floor((s % 3600) / 60)} min`;
}
