/** Issue bodies: markers found again, keys stable, escaping, and GitHub's size limit. */
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import {
  ISSUE_BODY_BUDGET,
  MAX_ISSUE_BODY_CHARS,
  parseIssueMarker,
  renderIssueBody,
  renderNewRisksComment,
  riskKey,
  sameBody,
} from '../../src/github/issue-body.js';
import { enforceFindings } from './fixtures.js';

const risks = enforceFindings('a.example').filter((f) => f.severity === 'error');

describe('renderIssueBody', () => {
  it('lists every risk as an unticked checklist item with its fix, and can be found again', () => {
    const body = renderIssueBody('a.example', risks, { mode: 'enforce' });
    expect(body.match(/^- \[ \] /gm)).toHaveLength(risks.length);
    expect(body).toContain('Fix: Add an `mx:` line');
    expect(parseIssueMarker(body)).toEqual({ domain: 'a.example', keys: risks.map(riskKey) });
  });

  it('is the same text for the same risks (no timestamp, no run link)', () => {
    expect(renderIssueBody('a.example', risks, { mode: 'enforce' })).toBe(
      renderIssueBody('a.example', [...risks], { mode: 'enforce' }),
    );
  });

  it('escapes what DNS data carries', () => {
    const hostile = finding('mx-not-in-policy', 'enforce', {
      domain: 'a.example',
      subject: 'mx`.evil|x',
      message: 'MX <img src=x> for @admin, see [here](https://evil.example) #1',
      remediation: 'Call @ops at https://evil.example',
    });
    const body = renderIssueBody('a.example', [hostile], { mode: 'enforce' });
    // Outside code spans (which GitHub neither links nor scans for mentions) nothing is live.
    const outsideCode = body.replace(/(`+)[\s\S]*?[^`]\1(?!`)/g, '');
    expect(outsideCode).not.toMatch(/<img|\]\(https|@admin|@ops|https:\/\//);
    expect(body).not.toContain('\u200B');
  });

  it('stays under 65,536 characters with thousands of risks, and says how many it left out', () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding('mx-cert-expired', 'enforce', {
        domain: 'a.example',
        subject: `mx${i}.a.example`,
        message: `certificate of mx${i}.a.example expired ${'long '.repeat(20)}`,
      }),
    );
    const body = renderIssueBody('a.example', many, { mode: 'enforce' });
    expect(body.length).toBeLessThanOrEqual(ISSUE_BODY_BUDGET);
    expect(body.length).toBeLessThan(MAX_ISSUE_BODY_CHARS);
    const listed = body.match(/^- \[ \] /gm)!.length;
    expect(listed).toBeLessThan(3000);
    expect(body).toContain(`… and ${3000 - listed} more risks not listed`);
  });

  it('a hostile domain cannot break out of the marker comment', () => {
    const body = renderIssueBody('x.example --> @all', risks, { mode: null });
    expect(body.split('\n')[0]).toBe('<!-- mta-sts-guard:domain=x.example%20--%3E%20%40all -->');
    expect(parseIssueMarker(body)!.domain).toBe('x.example --> @all');
  });
});

describe('parseIssueMarker', () => {
  it.each([
    // no marker: somebody else's issue
    ['a plain issue', null],
    // empty body
    ['', null],
    // broken percent-encoding
    ['<!-- mta-sts-guard:domain=%E0%A4%A -->', null],
  ])('%j → %j', (body, expected) => {
    expect(parseIssueMarker(body)).toEqual(expected);
  });
});

describe('riskKey', () => {
  it('ignores numbers that change from day to day, not the subject', () => {
    const day1 = finding('mx-cert-expired', 'enforce', {
      domain: 'a.example',
      subject: 'mx',
      message: 'expired 3 days ago',
    });
    const day2 = finding('mx-cert-expired', 'enforce', {
      domain: 'a.example',
      subject: 'mx',
      message: 'expired 4 days ago',
    });
    const other = finding('mx-cert-expired', 'enforce', {
      domain: 'a.example',
      subject: 'mx2',
      message: 'expired 3 days ago',
    });
    expect(riskKey(day1)).toBe(riskKey(day2));
    expect(riskKey(day1)).not.toBe(riskKey(other));
  });
});

describe('sameBody', () => {
  const body = renderIssueBody('a.example', risks, { mode: 'enforce' });
  it.each([
    ['a person ticked a box', body.replace('- [ ] ', '- [x] '), true],
    ['the web editor stored CRLF', body.replace(/\n/g, '\r\n'), true],
    ['a risk changed', renderIssueBody('a.example', risks.slice(1), { mode: 'enforce' }), false],
  ])('%s → %s', (_, other, expected) => {
    expect(sameBody(body, other)).toBe(expected);
  });
});

describe('renderNewRisksComment', () => {
  it('names the new risks and links the run', () => {
    const comment = renderNewRisksComment(
      'a.example',
      risks.slice(0, 1),
      'https://github.com/o/r/actions/runs/1',
      false,
    );
    expect(comment).toMatch(
      /^New risks for `a.example` \(\[workflow run\]\(https:\/\/github.com\/o\/r\/actions\/runs\/1\)\):/,
    );
    expect(comment).toContain('(`mx-not-in-policy`)');
    expect(comment).not.toContain('- [ ]');
  });
});
