import { describe, expect, it } from 'vitest';
import { baseEvidence, findingKey, markChangeStatus, preferLocated } from '../../src/core/change-status.js';
import { finding, type Finding } from '../../src/core/findings.js';
import type { DomainEvidence } from '../../src/core/rules/evidence.js';

const mx = (
  line: number | null,
  message = 'MX mx2.example.com is not covered',
  host = 'mx2.example.com',
): Finding =>
  finding('mx-not-in-policy', 'enforce', {
    domain: 'example.com',
    subject: host,
    message,
    location: line === null ? undefined : { file: 'db.example.com', line },
  });

describe('new or existing', () => {
  it('matches by rule, domain, subject, file and message, not by line', () => {
    const [moved] = markChangeStatus([mx(40)], [mx(12)]);
    expect(moved!.status).toBe('existing');
  });

  const newRows: [string, Finding][] = [
    ['another host', mx(12, 'MX mx3.example.com is not covered', 'mx3.example.com')],
    ['another file', { ...mx(12), location: { file: 'db.other.com', line: 12 } }],
    ['another rule', { ...mx(12), rule: 'policy-mx-unmatched' }],
  ];
  it.each(newRows)('%s is new', (_name, head) => {
    expect(markChangeStatus([head], [mx(12)])[0]!.status).toBe('new');
  });

  it('counts: a second identical problem added by the change is new', () => {
    expect(markChangeStatus([mx(3), mx(9)], [mx(3)]).map((f) => f.status)).toEqual(['existing', 'new']);
  });

  it('ignores parenthesised context: the policy around an uncovered MX may change, the problem stays', () => {
    const before = mx(3, 'MX mx2.example.com (preference 10) matches no pattern (mx: a.example.com)');
    const after = mx(
      3,
      'MX mx2.example.com (preference 20) matches no pattern (mx: a.example.com, b.example.com)',
    );
    expect(markChangeStatus([after], [before])[0]!.status).toBe('existing');
  });

  it('ignores line and column numbers inside messages', () => {
    const a = { ...mx(3), message: 'bad key at line 3 column 1' };
    const b = { ...mx(7), message: 'bad key at line 7 column 1' };
    expect(findingKey(a)).toBe(findingKey(b));
  });

  it('judges the base with the old files and the same live facts', () => {
    const e = {
      domain: 'example.com',
      observation: null,
      policyFile: { path: 'p', text: 'new' },
      basePolicyFile: { path: 'p', text: 'old' },
      proposed: { domain: 'example.com', stsTxt: [], tlsRptTxt: [], mx: [] },
      baseProposed: null,
      reports: null,
    } satisfies DomainEvidence;
    expect(baseEvidence(e)).toEqual({
      ...e,
      policyFile: { path: 'p', text: 'old' },
      basePolicyFile: null,
      proposed: null,
    });
  });
});

describe('one report per problem', () => {
  it('drops the live twin of a finding that points at a file line', () => {
    const live = mx(null);
    const proposed = mx(14);
    expect(preferLocated([live, proposed])).toEqual([proposed]);
  });
  it('keeps live findings about something else, and findings without subject', () => {
    const other = mx(null, 'x', 'mx9.example.com');
    const bare = finding('reports-missing', null, { domain: 'example.com', message: 'none' });
    expect(preferLocated([other, bare, mx(14)])).toEqual([other, bare, mx(14)]);
  });
});
