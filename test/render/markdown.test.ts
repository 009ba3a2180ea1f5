/** The job summary / --format markdown: reads well for 1 domain and for 500, bounded, escaped. */
import { describe, expect, it } from 'vitest';
import { finding } from '../../src/core/findings.js';
import { emptyDomainResult } from '../../src/core/result.js';
import { renderMarkdown, STEP_SUMMARY_MAX_BYTES, SUMMARY_BUDGET_BYTES } from '../../src/render/markdown.js';
import { enforceDomain, enforceFindings, resultOf } from '../github/fixtures.js';

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

describe('renderMarkdown for one domain', () => {
  const result = resultOf(enforceFindings('a.example'), [enforceDomain('a.example')]);
  const md = renderMarkdown(result, {
    issues: [{ domain: 'a.example', number: 12, url: 'https://github.com/o/r/issues/12', action: 'opened' }],
  });

  it('leads with the verdict and the counts', () => {
    expect(md.split('\n')[0]).toBe(
      '## mta-sts-guard: ❌ FAIL: enforce-mode risk, compliant senders will refuse mail',
    );
    expect(md).toContain('**1 domain** · **2 errors** · 1 warning · 1 notice');
  });

  it('groups findings by severity, then rule, with the fix said once', () => {
    expect(md.indexOf('### ❌ Errors (2)')).toBeLessThan(md.indexOf('### ⚠️ Warnings (1)'));
    expect(md.indexOf('### ⚠️ Warnings (1)')).toBeLessThan(md.indexOf('### ℹ️ Notices (1)'));
    expect(md).toContain('<code>mx-not-in-policy</code> · 1</summary>');
    // The fix is said once, in the fixes section; the detail lists the occurrences.
    expect(md.match(/Add an `mx:` line/g)).toHaveLength(1);
  });

  it('has the domain table: mode, policy id, MX with TLS version and certificate days, TLS-RPT totals', () => {
    expect(md).toContain('#### a\\.example · mode enforce · 2 errors, 1 warning');
    expect(md).toContain(
      '| `enforce` | `20261101T000000` | 604800 | `mailto:tlsrpt@a.example` | 10 failed of 100 |',
    );
    expect(md).toContain(
      '| `mx1.a.example` | 10 | ✅ | `TLSv1.3` | 40 days left (until 2027\\-01\\-01 00:00 UTC) | — |',
    );
    expect(md).toContain(
      '| `mx2.a.example` | 20 | ❌ not listed | `TLSv1.2` | **expired 3 days ago** (2027\\-01\\-01 00:00 UTC) | ❌ MX not covered by the policy<br>❌ MX certificate has expired |',
    );
  });

  it('links the issues', () => {
    expect(md).toContain('- [#12](https://github.com/o/r/issues/12) `a.example`: opened');
  });

  it('says PASS when there is nothing', () => {
    expect(renderMarkdown(resultOf([], [emptyDomainResult('b.example')]))).toMatch(
      /^## mta-sts-guard: ✅ PASS\n/,
    );
  });
});

describe('renderMarkdown for 500 domains', () => {
  const domains = Array.from({ length: 500 }, (_, i) =>
    enforceDomain(`d${String(i).padStart(3, '0')}.example`),
  );
  const result = resultOf(
    domains.flatMap((d) => enforceFindings(d.domain)),
    domains,
  );
  const md = renderMarkdown(result);

  it('stays within the budget GitHub allows a step summary', () => {
    expect(bytes(md)).toBeLessThanOrEqual(SUMMARY_BUDGET_BYTES);
    expect(bytes(md)).toBeLessThan(STEP_SUMMARY_MAX_BYTES);
  });

  it('leads with an overview table, collapsed, and each domain in its own collapsed section', () => {
    expect(md).toContain('<details><summary>All 500 domains</summary>');
    expect(md).toContain('<details><summary>d000.example · mode enforce · 2 errors, 1 warning</summary>');
  });

  it('lists at most 100 occurrences per rule and counts the rest', () => {
    expect(md).toContain('- _… and 400 more: see the JSON result (results-file)._');
  });

  it('folds long lists, even of errors, so the rule lines can be scanned', () => {
    expect(md).toContain('<details><summary><b>Policy mixes line endings</b>');
    expect(md).toContain(
      '<details><summary><b>MX not covered by the policy</b> <code>mx-not-in-policy</code> · 500',
    );
  });

  it('cuts whole sections at a small budget and says so', () => {
    const small = renderMarkdown(result, { maxBytes: 20_000 });
    expect(bytes(small)).toBeLessThanOrEqual(20_000);
    expect(small).toMatch(/more sections are not shown: GitHub limits a job summary to 1 MiB/);
    expect(small.split('\n')[0]).toMatch(/^## mta-sts-guard: ❌ FAIL/);
  });
});

describe('renderMarkdown escaping', () => {
  it('renders hostile DNS data inert in lists, tables and <summary> lines', () => {
    const d = emptyDomainResult('evil.example');
    d.mtaSts.record = { raw: 'v=STSv1; id=x', id: 'x|<i>' };
    d.mx = [
      {
        host: 'mx|@root',
        preference: 1,
        addresses: [],
        matchesPolicy: null,
        tls: null,
        error: '<script>@admin',
      },
    ];
    const many = Array.from({ length: 11 }, (_, i) => emptyDomainResult(`d${i}.example`));
    const hostile = finding('mx-unreachable', 'enforce', {
      domain: 'evil.example',
      subject: 'mx|@root',
      message: '<img src=x> @everyone [x](https://evil.example)',
    });
    const md = renderMarkdown(resultOf([hostile], [d, ...many]));
    // Inside code spans GitHub renders text as is; everywhere else nothing may stay active.
    const outsideCode = md.replace(/(`+)[^`][\s\S]*?\1/g, '');
    expect(outsideCode).not.toMatch(/<img|<script|<i>|@everyone|@admin|@root|\]\(https|https:\/\/evil/);
    expect(md).toContain('`x\\|<i>`');
    // the table row keeps its 6 cells: the pipe in the id is escaped
    const overview = md.slice(md.indexOf('| Domain | Mode | Policy id |'));
    const row = overview.split('\n').find((l) => l.startsWith('| `evil.example`'))!;
    expect(row.replace(/\\\|/g, '').split('|')).toHaveLength(9);
  });
});
