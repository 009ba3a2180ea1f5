/** Issue 14 item 2: progress paced by share and time, with an injected clock. */
import { describe, expect, it } from 'vitest';
import { describeProgress, duration, ProgressPacer } from '../src/progress.js';

function clock(): { now: () => number; advance: (ms: number) => void } {
  let t = 1_000_000;
  return { now: () => t, advance: (ms) => void (t += ms) };
}

describe('ProgressPacer, log lines', () => {
  it('1,000 fast domains give one line per 10 %: ten lines, the last at 1,000', () => {
    const c = clock();
    const pacer = new ProgressPacer('lines', c.now);
    const lines: string[] = [];
    for (let done = 0; done <= 1000; done++) {
      c.advance(10);
      const line = pacer.update({ done, total: 1000, errors: done > 500 ? 3 : 0 });
      if (line) lines.push(line);
    }
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(
      /^checked 100 of 1,000 domains \(10 %\), 0 errors so far, 1 s elapsed, about 9 s left$/,
    );
    expect(lines.at(-1)).toMatch(/^checked 1,000 of 1,000 domains \(100 %\), 3 errors so far, 10 s elapsed$/);
  });

  it('a slow run adds a line every 10 s between the steps, and a stalled one says so on the timer', () => {
    const c = clock();
    const pacer = new ProgressPacer('lines', c.now);
    expect(pacer.update({ done: 1, total: 1000, errors: 0 })).toBeNull();
    c.advance(10_000);
    expect(pacer.update({ done: 2, total: 1000, errors: 0 })).toMatch(/^checked 2 of 1,000/);
    c.advance(9_000);
    expect(pacer.tick()).toBeNull();
    c.advance(1_000);
    expect(pacer.tick()).toMatch(
      /^checked 2 of 1,000 domains \(0 %\), 0 errors so far, 20 s elapsed, about 2 h 46 min left$/,
    );
    expect(pacer.update({ done: 2, total: 1000, errors: 0 })).toBeNull(); // nothing new
  });

  it('a short list shows no log lines', () => {
    const c = clock();
    const pacer = new ProgressPacer('lines', c.now);
    for (let done = 0; done <= 5; done++) expect(pacer.update({ done, total: 5, errors: 0 })).toBeNull();
    c.advance(60_000);
    expect(pacer.tick()).toBeNull();
  });

  it('the timer says nothing before the first update or after the last', () => {
    const c = clock();
    const pacer = new ProgressPacer('lines', c.now);
    expect(pacer.tick()).toBeNull();
    pacer.update({ done: 10, total: 10, errors: 0 });
    c.advance(60_000);
    expect(pacer.tick()).toBeNull();
  });
});

describe('ProgressPacer, terminal', () => {
  it('redraws at most every 100 ms, always at the end, and refreshes time left on the timer', () => {
    const c = clock();
    const pacer = new ProgressPacer('tty', c.now);
    expect(pacer.update({ done: 0, total: 3, errors: 0 })).toMatch(/^checked 0 of 3 domains/);
    c.advance(50);
    expect(pacer.update({ done: 1, total: 3, errors: 0 })).toBeNull();
    c.advance(50);
    expect(pacer.update({ done: 2, total: 3, errors: 1 })).toBe(
      'checked 2 of 3 domains (66 %), 1 error so far, 0 s elapsed',
    );
    c.advance(999);
    expect(pacer.tick()).toBeNull();
    c.advance(1);
    expect(pacer.tick()).toMatch(
      /^checked 2 of 3 domains \(66 %\), 1 error so far, 1 s elapsed, about 1 s left$/,
    );
    expect(pacer.update({ done: 3, total: 3, errors: 1 })).toMatch(/^checked 3 of 3 domains \(100 %\)/);
  });
});

describe('describeProgress and duration', () => {
  it('says nothing of time left without progress, and counts in words', () => {
    expect(describeProgress({ done: 0, total: 1, errors: 0 }, 5000)).toBe(
      'checked 0 of 1 domain (0 %), 0 errors so far, 5 s elapsed',
    );
    expect(describeProgress({ done: 0, total: 0, errors: 0 }, 0)).toContain('(100 %)');
  });
  it.each([
    [400, '0 s'],
    [59_000, '59 s'],
    [185_000, '3 min 5 s'],
    [3_720_000, '1 h 2 min'],
  ])('%i ms is %s', (ms, text) => expect(duration(ms)).toBe(text));
});
