/** The pacer wired to the entries' sinks: a log group opened once and closed, a terminal line erased. */
import { describe, expect, it } from 'vitest';
import { pacedProgress, stderrProgress } from '../src/progress-reporter.js';

describe('pacedProgress', () => {
  it('opens the sink once with the total, shows the paced lines, closes it once', () => {
    let t = 0;
    const events: string[] = [];
    const progress = pacedProgress(
      'lines',
      {
        begin: (total) => events.push(`begin ${total}`),
        show: (line) => events.push(line),
        end: () => events.push('end'),
      },
      () => t,
    );
    for (let done = 0; done <= 20; done++) {
      t += 10;
      progress.update({ done, total: 20, errors: 0 });
    }
    progress.finish();
    progress.finish(); // a second finish (the CLI's finally) closes nothing twice
    expect(events[0]).toBe('begin 20');
    expect(events.filter((e) => e.startsWith('checked '))).toHaveLength(10);
    expect(events.at(-1)).toBe('end');
    expect(events.filter((e) => e === 'end')).toHaveLength(1);
  });

  it('finish without any update closes nothing', () => {
    const events: string[] = [];
    pacedProgress('lines', { show: () => undefined, end: () => events.push('end') }).finish();
    expect(events).toEqual([]);
  });
});

describe('stderrProgress', () => {
  function stream(isTTY: boolean): { s: NodeJS.WriteStream; written: string[] } {
    const written: string[] = [];
    const s = {
      isTTY,
      columns: 40,
      write: (x: string) => written.push(x) > 0,
    } as unknown as NodeJS.WriteStream;
    return { s, written };
  }

  it('a terminal gets one line redrawn in place, cut to its width, and erased at the end', () => {
    const { s, written } = stream(true);
    const progress = stderrProgress(s);
    progress.update({ done: 0, total: 3, errors: 0 });
    progress.finish();
    // eslint-disable-next-line no-control-regex -- the erase-line code is what is checked
    expect(written[0]).toMatch(/^\rchecked 0 of 3 domains .*\x1b\[K$/);
    expect(written[0]!.length).toBeLessThanOrEqual(1 + 39 + 3);
    expect(written.at(-1)).toBe('\r\x1b[K');
  });

  it('a pipe gets plain lines', () => {
    const { s, written } = stream(false);
    const progress = stderrProgress(s);
    for (let done = 0; done <= 10; done++) progress.update({ done, total: 10, errors: 0 });
    progress.finish();
    expect(written).toHaveLength(10);
    expect(written.every((w) => w.startsWith('checked ') && w.endsWith('\n'))).toBe(true);
  });
});
