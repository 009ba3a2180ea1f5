/** Desired suggestions vs the pull request's marked comments → the fewest writes, never a duplicate. */
import { describe, expect, it } from 'vitest';
import { planSync, type DesiredComment, type ExistingComment } from '../../../src/core/suggest/sync-plan.js';

const resolved = (key: string) => `resolved ${key}`;
const want = (key: string, body = `body ${key}`, startLine = 3, line = 4): DesiredComment => ({
  key,
  path: 'db.example',
  startLine,
  line,
  body,
});
const have = (
  id: number,
  key: string,
  body: string,
  line: number | null = 4,
  startLine: number | null = 3,
) => ({
  id,
  key,
  path: 'db.example',
  line,
  startLine,
  body,
});

describe('planSync', () => {
  it('creates what is missing', () => {
    expect(planSync([want('a')], [], resolved)).toEqual({
      create: [want('a')],
      update: [],
      resolve: [],
      unchanged: 0,
    });
  });

  it('writes nothing when every comment is as wanted (the rerun)', () => {
    const existing: ExistingComment[] = [
      have(1, 'a', 'body a'),
      have(2, 'gone', 'resolved gone', null, null),
    ];
    expect(planSync([want('a')], existing, resolved)).toEqual({
      create: [],
      update: [],
      resolve: [],
      unchanged: 2,
    });
  });

  it('a body that differs only in the run-clock policy id is the same suggestion', () => {
    const plan = planSync(
      [want('a', 'id=20261202180000 (e.g. id=20261202180000)')],
      [have(1, 'a', 'id=20261202173223 (e.g. id=20261202173223)')],
      resolved,
    );
    expect(plan).toEqual({ create: [], update: [], resolve: [], unchanged: 1 });
    // a 15-digit number is no such id
    expect(
      planSync([want('a', 'n=202612021800001')], [have(1, 'a', 'n=202612021732231')], resolved).update,
    ).toHaveLength(1);
  });

  it('edits a comment whose body changed, in place', () => {
    const plan = planSync([want('a', 'new body')], [have(1, 'a', 'old body')], resolved);
    expect(plan).toMatchObject({ create: [], update: [{ id: 1, body: 'new body' }], resolve: [] });
  });

  it('resolves a suggestion that no longer applies', () => {
    const plan = planSync([], [have(1, 'a', 'body a')], resolved);
    expect(plan).toMatchObject({ create: [], update: [], resolve: [{ id: 1, body: 'resolved a' }] });
  });

  it('an outdated comment (GitHub gives no line) is resolved and the suggestion made again', () => {
    const plan = planSync([want('a')], [have(1, 'a', 'body a', null, null)], resolved);
    expect(plan).toMatchObject({ create: [want('a')], resolve: [{ id: 1, body: 'resolved a' }] });
  });

  it('a comment moved to other lines does not count as on its lines', () => {
    const plan = planSync([want('a')], [have(1, 'a', 'body a', 9, 8)], resolved);
    expect(plan.create).toEqual([want('a')]);
    expect(plan.resolve).toEqual([{ id: 1, body: 'resolved a' }]);
  });

  it('a one-line comment has no start line', () => {
    const plan = planSync([want('a', 'body a', 4, 4)], [have(1, 'a', 'body a', 4, null)], resolved);
    expect(plan).toEqual({ create: [], update: [], resolve: [], unchanged: 1 });
  });

  it('of two comments with one key the oldest is kept and the other resolved', () => {
    const plan = planSync([want('a')], [have(7, 'a', 'body a'), have(3, 'a', 'stale')], resolved);
    expect(plan).toEqual({
      create: [],
      update: [{ id: 3, body: 'body a' }],
      resolve: [{ id: 7, body: 'resolved a' }],
      unchanged: 0,
    });
  });

  it('a resolved comment whose suggestion applies again on the same lines gets it back', () => {
    const plan = planSync([want('a')], [have(1, 'a', 'resolved a')], resolved);
    expect(plan).toMatchObject({ create: [], update: [{ id: 1, body: 'body a' }], resolve: [] });
  });
});
