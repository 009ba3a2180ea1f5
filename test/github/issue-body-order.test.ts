/**
 * Issue 14 item 4: issue bodies read in the job summary's order (what is at risk, the fix, the
 * evidence), and every write keeps the markers and is idempotent: the next identical run writes
 * nothing, whichever way the body was written (opened, updated, reopened, carried over).
 */
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import { parseIssueItems, parseIssueMarker, renderIssueBody, riskKey } from '../../src/github/issue-body.js';
import { syncIssues, type IssueOptions } from '../../src/github/issue-lifecycle.js';
import { silentLogger } from '../../src/ports.js';
import { FakeTracker } from './fake-tracker.js';
import { enforceDomain, enforceFindings, resultOf } from './fixtures.js';

const options: IssueOptions = { labels: ['mta-sts-guard'], closeResolved: true, runUrl: 'https://run/1' };
const errors = enforceFindings('a.example').filter((f) => f.severity === 'error');
const expired = finding('mx-cert-expired', 'enforce', {
  domain: 'a.example',
  subject: 'mx2.a.example',
  message: 'the certificate of mx2.a.example expired on 2026-11-19T14:48:02.000Z',
});

describe('the order of an issue body', () => {
  const body = renderIssueBody('a.example', [errors[0]!, expired], { mode: 'enforce' });
  const at = (text: string) => {
    const i = body.indexOf(text);
    expect(i, text).toBeGreaterThanOrEqual(0);
    return i;
  };

  it('says what is at risk first, each kind once with where', () => {
    expect(body).toContain(
      '**At risk:** MX not covered by the policy (`mx2.a.example`); MX certificate has expired (`mx2.a.example`).',
    );
    expect(at('**At risk:**')).toBeLessThan(at('- [ ] '));
  });

  it('gives each risk its fix before the evidence, with readable dates', () => {
    const item = body.slice(at('- [ ] **MX certificate has expired**'));
    expect(item.indexOf('  Fix: Renew the MX certificate')).toBeGreaterThan(0);
    expect(item.indexOf('  Fix: ')).toBeLessThan(item.indexOf('  Evidence: '));
    expect(item).toContain(
      '  Evidence: the certificate of mx2\\.a\\.example expired on 2026\\-11\\-19 14:48 UTC',
    );
    expect(body).not.toMatch(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  });

  it('keeps the markers: the domain, the risk keys and each item with its part', () => {
    expect(parseIssueMarker(body)).toEqual({ domain: 'a.example', keys: [errors[0]!, expired].map(riskKey) });
    const items = parseIssueItems(body)!;
    expect(items.map((i) => i.key)).toEqual([errors[0]!, expired].map(riskKey));
    // The whole block (risk, fix, evidence) is one item, so a carried item keeps all three.
    expect(items[1]!.text.split('\n')).toHaveLength(3);
  });
});

describe('every issue write keeps the marker and is idempotent', () => {
  const domains = [enforceDomain('a.example')];
  const risky = resultOf(errors, domains);
  const fewer = resultOf(errors.slice(0, 1), domains);

  /** Syncs `result`, checks the body kept its marker, then that the same run again writes nothing. */
  async function settle(tracker: FakeTracker, result: typeof risky, opts: IssueOptions = options) {
    const report = await syncIssues(result, tracker, opts, silentLogger);
    for (const issue of tracker.issues) expect(parseIssueMarker(issue.body)?.domain).toBe('a.example');
    const writes = tracker.calls.length;
    const again = await syncIssues(result, tracker, opts, silentLogger);
    expect(tracker.calls.slice(writes)).toEqual(['list']);
    expect(again.outcomes.every((o) => o.action === 'unchanged')).toBe(true);
    return report.outcomes[0]?.action;
  }

  it('after opening, updating, closing, reopening and carrying unobserved risks', async () => {
    const tracker = new FakeTracker();
    expect(await settle(tracker, risky)).toBe('opened');
    expect(await settle(tracker, fewer)).toBe('updated');
    expect(await settle(tracker, risky)).toBe('updated');
    await syncIssues(resultOf([], domains), tracker, options, silentLogger);
    expect(tracker.issues[0]!.state).toBe('closed');
    expect(await settle(tracker, risky)).toBe('reopened');
    // The SMTP probe did not run: the certificate risk is carried as "not re-checked".
    const withoutProbe = resultOf(
      errors.filter((f) => f.rule !== 'mx-cert-expired'),
      domains,
    );
    expect(await settle(tracker, withoutProbe, { ...options, smtpProbeRan: false })).toBe('updated');
    expect(tracker.issues[0]!.body).toContain('#### Not re-checked in this run');
    expect(tracker.issues[0]!.body).toMatch(
      /- \[ \] \*\*MX certificate has expired\*\*.*\n {2}Fix: .*\n {2}Evidence: /,
    );
    expect(tracker.issues).toHaveLength(1);
  });

  it('rewrites a body of the earlier layout once, then leaves it', async () => {
    const tracker = new FakeTracker();
    await syncIssues(risky, tracker, options, silentLogger);
    // The earlier layout: the message before the fix, no lead line, no evidence label.
    tracker.issues[0]!.body = tracker.issues[0]!.body.replace(/\*\*At risk:\*\*.*\n\n/, '').replace(
      /\n {2}Evidence: .*/g,
      '',
    );
    expect(await settle(tracker, risky)).toBe('updated');
    expect(tracker.issues[0]!.comments).toEqual([]); // no risk is new: no comment
  });
});
