/** The issue lifecycle against an in-memory tracker: open, keep, update, close, reopen, shards, failures. */
import { describe, expect, it } from 'vitest';
import { emptyDomainResult } from '../../src/core/result.js';
import { renderIssueBody } from '../../src/github/issue-body.js';
import { syncIssues, type IssueOptions } from '../../src/github/issue-lifecycle.js';
import { GitHubApiError } from '../../src/github/issue-tracker.js';
import { silentLogger } from '../../src/ports.js';
import { FakeTracker } from './fake-tracker.js';
import { enforceDomain, enforceFindings, resultOf } from './fixtures.js';

const options: IssueOptions = {
  labels: ['mta-sts-guard', 'dns'],
  closeResolved: true,
  runUrl: 'https://run',
};
const risky = resultOf(enforceFindings('a.example'), [
  enforceDomain('a.example'),
  emptyDomainResult('b.example'),
]);
const clean = resultOf([], [enforceDomain('a.example'), emptyDomainResult('b.example')]);
const errorsOf = (domain: string) => enforceFindings(domain).filter((f) => f.severity === 'error');

describe('syncIssues', () => {
  it('opens one issue per domain with errors, after making sure the labels exist', async () => {
    const tracker = new FakeTracker();
    const report = await syncIssues(risky, tracker, options, silentLogger);
    expect(report.warning).toBeNull();
    expect(report.outcomes).toEqual([
      { domain: 'a.example', number: 1, url: 'u/1', action: 'opened', newRisks: 2 },
    ]);
    expect(tracker.calls).toEqual(['list', 'labels', 'create']);
    expect(tracker.issues[0]!.labels).toEqual(['mta-sts-guard', 'dns']);
  });

  it('writes nothing when the risks are unchanged, even after a person ticked a box', async () => {
    const tracker = new FakeTracker();
    await syncIssues(risky, tracker, options, silentLogger);
    tracker.issues[0]!.body = tracker.issues[0]!.body.replace('- [ ] ', '- [x] ');
    tracker.calls.length = 0;
    const report = await syncIssues(risky, tracker, options, silentLogger);
    expect(tracker.calls).toEqual(['list']);
    expect(report.outcomes[0]!.action).toBe('unchanged');
  });

  it('updates the body and comments only the new risks', async () => {
    const tracker = new FakeTracker();
    const [first, second] = errorsOf('a.example');
    tracker.seed(renderIssueBody('a.example', [first!], { mode: 'enforce' }));
    const report = await syncIssues(risky, tracker, options, silentLogger);
    expect(tracker.calls).toEqual(['list', 'update', 'comment']);
    expect(report.outcomes[0]).toMatchObject({ action: 'updated', newRisks: 1 });
    expect(tracker.issues[0]!.comments[0]).toContain(`(\`${second!.rule}\`)`);
    expect(tracker.issues[0]!.comments[0]).not.toContain(`(\`${first!.rule}\`)`);
  });

  it('updates without a comment when risks only went away', async () => {
    const tracker = new FakeTracker();
    tracker.seed(
      renderIssueBody(
        'a.example',
        [...errorsOf('a.example'), ...errorsOf('a.example').map((f) => ({ ...f, subject: 'gone' }))],
        { mode: 'enforce' },
      ),
    );
    await syncIssues(risky, tracker, options, silentLogger);
    expect(tracker.calls).toEqual(['list', 'update']);
  });

  it('closes with a comment when no risk remains, unless close-resolved-issues is false', async () => {
    const tracker = new FakeTracker();
    tracker.seed(renderIssueBody('a.example', errorsOf('a.example'), { mode: 'enforce' }));
    await syncIssues(clean, tracker, { ...options, closeResolved: false }, silentLogger);
    expect(tracker.calls).toEqual(['list']);
    const report = await syncIssues(clean, tracker, options, silentLogger);
    expect(tracker.issues[0]!.state).toBe('closed');
    expect(tracker.issues[0]!.comments[0]).toMatch(/^No risk remains/);
    expect(report.outcomes[0]!.action).toBe('closed');
  });

  it('reopens a closed issue when risks come back, instead of opening another', async () => {
    const tracker = new FakeTracker();
    tracker.seed(renderIssueBody('a.example', errorsOf('a.example'), { mode: 'enforce' }), 'closed');
    const report = await syncIssues(risky, tracker, options, silentLogger);
    expect(tracker.issues).toHaveLength(1);
    expect(tracker.issues[0]!.state).toBe('open');
    expect(tracker.issues[0]!.comments[0]).toMatch(/^Risks are back/);
    expect(report.outcomes[0]!.action).toBe('reopened');
  });

  it('prefers the open issue when a domain has several', async () => {
    const tracker = new FakeTracker();
    const body = renderIssueBody('a.example', errorsOf('a.example'), { mode: 'enforce' });
    tracker.seed(body, 'closed');
    tracker.seed(body, 'open');
    const report = await syncIssues(risky, tracker, options, silentLogger);
    expect(report.outcomes[0]).toMatchObject({ number: 2, action: 'unchanged' });
  });

  it('never touches the issue of a domain this run did not check (another shard)', async () => {
    const tracker = new FakeTracker();
    tracker.seed(renderIssueBody('z.example', errorsOf('z.example'), { mode: 'enforce' }));
    await syncIssues(clean, tracker, options, silentLogger);
    expect(tracker.calls).toEqual(['list']);
    expect(tracker.issues[0]!.state).toBe('open');
  });

  it('ignores issues without our marker', async () => {
    const tracker = new FakeTracker();
    tracker.seed('a.example is broken, says a person');
    await syncIssues(risky, tracker, options, silentLogger);
    expect(tracker.issues).toHaveLength(2);
  });

  it('turns a refused write into a warning that names the permission', async () => {
    const tracker = new FakeTracker();
    tracker.failing = {
      call: 'create',
      error: new GitHubApiError('403 Resource not accessible', 'forbidden', 403),
    };
    const report = await syncIssues(risky, tracker, options, silentLogger);
    expect(report.outcomes).toEqual([]);
    expect(report.warning).toMatch(/issues: write/);
  });

  it('lets a bug propagate rather than hiding it as a warning', async () => {
    const tracker = new FakeTracker();
    tracker.failing = { call: 'list', error: new TypeError('boom') as unknown as GitHubApiError };
    await expect(syncIssues(risky, tracker, options, silentLogger)).rejects.toThrow('boom');
  });
});
