/**
 * The pacer (progress.ts) wired to a real clock and a timer, for the two entries: the CLI draws
 * on stderr, the action logs with core.info inside a log group. The timer refreshes the time
 * left on a terminal and keeps a stalled log alive; it never holds the process open.
 */
import type { ProgressReporter } from './ports.js';
import { ProgressPacer, type ProgressStyle } from './progress.js';

/** Seconds between timer checks (the pacer decides whether they show anything). */
const TICK_MS = 1000;

export interface ProgressSink {
  /** Called once, with the first progress: where a log group opens. */
  begin?(total: number): void;
  show(line: string): void;
  /** Called by finish(), after the last line. */
  end?(): void;
}

export interface PacedProgress extends ProgressReporter {
  /** Stops the timer and closes what begin() opened; safe to call whatever happened. */
  finish(): void;
}

export function pacedProgress(style: ProgressStyle, sink: ProgressSink, now = Date.now): PacedProgress {
  const pacer = new ProgressPacer(style, now);
  let timer: NodeJS.Timeout | undefined;
  let begun = false;
  const show = (line: string | null): void => {
    if (line !== null) sink.show(line);
  };
  return {
    update(progress) {
      if (!begun) {
        begun = true;
        sink.begin?.(progress.total);
        timer = setInterval(() => show(pacer.tick()), TICK_MS);
        timer.unref();
      }
      show(pacer.update(progress));
    },
    finish() {
      clearInterval(timer);
      if (begun) sink.end?.();
      begun = false;
    },
  };
}

/**
 * stderr as the CLI shows progress: on a terminal one line redrawn in place (cut to the
 * terminal's width, so the redraw never wraps) and erased at the end; otherwise plain lines.
 */
export function stderrProgress(stream: NodeJS.WriteStream = process.stderr): PacedProgress {
  const tty = stream.isTTY === true;
  let drawn = false;
  return pacedProgress(tty ? 'tty' : 'lines', {
    show(line) {
      if (!tty) {
        stream.write(`${line}\n`);
        return;
      }
      const width = Math.max(20, (stream.columns || 80) - 1);
      stream.write(`\r${line.slice(0, width)}\x1b[K`);
      drawn = true;
    },
    end() {
      if (drawn) stream.write('\r\x1b[K');
    },
  });
}
