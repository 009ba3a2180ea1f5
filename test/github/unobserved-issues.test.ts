/**
 * Issue 10 item 3: a risk this run could not observe never opens or closes an issue. The
 * in-memory tracker counts every write.
 */
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import { emptyDomainResult } from '../../src/core/result.js';
import { parseIssueItems, renderIssueBody } from '../../src/github/issue-body.js';
import { syncIssues, type IssueOptions } from '../../src/github/issue-lifecycle.js';
import { riskPart, unobservedParts } from '../../src/github/unobserved.js';
import { silentLogger } from '../../src/ports.js';
import { FakeTracker } from './fake-tracker.js';
import { enforceDomain, enforceFindings, resultOf } from './fixtures.js';

const options: IssueOptions = { labels: ['mta-sts-guard'], closeResolved: true, runUrl: null };
const errors = enforceFindings('a.example').filter((f) => f.severity === 'error');
const [notInPolicy, certExpired] = errors as [(typeof errors)[0], (typeof errors)[0]];
const domains = [enforceDomain('a.example')];
const resolverFailed = finding('resolver-failed', null, {
  domain: null,
  subject: '127.0.0.1:1',
  message: 'x',
});
const portBlocked = finding('smtp-port-blocked', null, { domain: null, message: 'blocked' });
const stsInvalid = finding('sts-record-invalid', 'enforce', {
  domain: 'a.example',
  subject: '_mta-sts.a.example',
  message: 'bad record',
});

function seeded(risks = errors): FakeTracker {
  const tracker = new FakeTracker();
  tracker.seed(renderIssueBody('a.example', risks, { mode: 'enforce' }));
  tracker.calls.length = 0;
  return tracker;
}

describe('issues and what a run could not observe', () => {
  it('a resolver outage writes nothing: the open issue stays exactly as it was', async () => {
    const tracker = seeded();
    const before = tracker.issues[0]!.body;
    const report = await syncIssues(resultOf([resolverFailed], domains), tracker, options, silentLogger);
    expect(tracker.calls).toEqual(['list']);
    expect(report.outcomes).toMatchObject([{ action: 'unchanged' }]);
    expect(tracker.issues[0]!.state).toBe('open');
    expect(tracker.issues[0]!.body).toBe(before);
  });

  it('a resolver outage opens no issue for a domain that has none', async () => {
    const tracker = new FakeTracker();
    await syncIssues(resultOf([resolverFailed], domains), tracker, options, silentLogger);
    expect(tracker.calls).toEqual(['list']);
    expect(tracker.issues).toEqual([]);
  });

  it('port 25 blocked: the MX certificate risk stays, marked not re-checked in this run', async () => {
    const tracker = seeded();
    // The MX records were read: mx-not-in-policy is still observed; the certificate was not.
    await syncIssues(resultOf([notInPolicy, portBlocked], domains), tracker, options, silentLogger);
    const issue = tracker.issues[0]!;
    expect(issue.state).toBe('open');
    expect(tracker.calls).toEqual(['list', 'update']);
    expect(issue.body).toContain('Not re-checked in this run (the SMTP port is blocked on this runner)');
    const carried = issue.body.split('#### Not re-checked in this run')[1] ?? '';
    expect(carried).toContain('`mx-cert-expired`');
    expect(carried).not.toContain('`mx-not-in-policy`');
    // The next identical run writes nothing; a run that probes again and finds it fixed closes.
    tracker.calls.length = 0;
    await syncIssues(resultOf([notInPolicy, portBlocked], domains), tracker, options, silentLogger);
    expect(tracker.calls).toEqual(['list']);
    await syncIssues(resultOf([], domains), tracker, options, silentLogger);
    expect(issue.state).toBe('closed');
  });

  it('port blocked and no observed risk left: the MX risks keep the issue open', async () => {
    const tracker = seeded([certExpired]);
    await syncIssues(resultOf([portBlocked], domains), tracker, options, silentLogger);
    expect(tracker.issues[0]!.state).toBe('open');
    expect(tracker.issues[0]!.comments).toEqual([]);
  });

  it('--smtp-probe off keeps the MX certificate risk too', async () => {
    const tracker = seeded([certExpired]);
    await syncIssues(resultOf([], domains), tracker, { ...options, smtpProbeRan: false }, silentLogger);
    expect(tracker.issues[0]!.state).toBe('open');
    expect(tracker.issues[0]!.body).toContain('Not re-checked in this run (the SMTP probe is off)');
  });

  it('a risk in a part that was observed still closes the issue when fixed', async () => {
    const tracker = seeded([stsInvalid]);
    await syncIssues(resultOf([portBlocked], domains), tracker, options, silentLogger);
    expect(tracker.issues[0]!.state).toBe('closed');
  });

  it('a failed TXT lookup of one domain keeps its record risk and everything judged under its mode', async () => {
    const tracker = seeded([stsInvalid, certExpired]);
    const lookup = finding('dns-lookup-failed', null, {
      domain: 'a.example',
      subject: '_mta-sts.a.example',
      message: 'SERVFAIL',
    });
    await syncIssues(resultOf([lookup], domains), tracker, options, silentLogger);
    const issue = tracker.issues[0]!;
    expect(issue.state).toBe('open');
    expect(issue.comments).toEqual([]);
    expect(issue.body).toContain(
      'Not re-checked in this run (a TXT lookup failed): the MTA-STS record, the policy',
    );
    const carried = issue.body.split('#### Not re-checked in this run')[1] ?? '';
    expect(carried).toContain('`sts-record-invalid`');
    expect(carried).toContain('`mx-cert-expired`');
  });

  it('an issue written before item markers is left alone when nothing observed is wrong', async () => {
    const tracker = seeded([certExpired]);
    tracker.issues[0]!.body = tracker.issues[0]!.body.replace(/ <!-- mta-sts-guard:risk=[^>]+ -->/g, '');
    expect(parseIssueItems(tracker.issues[0]!.body)).toBeNull();
    tracker.calls.length = 0;
    await syncIssues(resultOf([portBlocked], domains), tracker, options, silentLogger);
    expect(tracker.calls).toEqual(['list']);
  });
});

describe('unobservedParts and riskPart', () => {
  it('names the parts each cause leaves unobserved', () => {
    const result = resultOf([portBlocked], [emptyDomainResult('a.example')]);
    expect([...unobservedParts(result, 'a.example', { smtpProbeRan: true }).keys()]).toEqual(['mx-probe']);
    const outage = resultOf([resolverFailed], [emptyDomainResult('a.example')]);
    expect(unobservedParts(outage, 'a.example', { smtpProbeRan: true }).size).toBe(5);
  });
  it('file findings are always observed', () => {
    expect(riskPart(enforceFindings('a.example')[3]!)).toBe('files');
    expect(riskPart(certExpired)).toBe('mx-probe');
    expect(riskPart(notInPolicy)).toBe('mx-dns');
  });
});
