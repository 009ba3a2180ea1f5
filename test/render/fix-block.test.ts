/** A finding's fix, ready to paste (issue 15 item 3): records as zone lines, bodies and edits as blocks. */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/core/findings.js';
import { fixBlockMarkdown, fixBlockText } from '../../src/render/fix-block.js';
import { render } from '../../src/render/index.js';
import { renderMarkdown } from '../../src/render/markdown.js';

const base = finding('mx-not-in-policy', 'testing', { domain: 'a.example', message: 'MX b not in policy' });
const withFix: Finding = {
  ...base,
  fix: {
    summary: 'Serve the policy with mx lines for every MX, then publish _mta-sts.a.example.',
    publish: [
      {
        name: 'https://mta-sts.a.example/.well-known/mta-sts.txt',
        type: 'policy',
        value: 'version: STSv1\r\nmode: testing\r\nmx: b.a.example\r\nmax_age: 604800\r\n',
      },
      { name: '_mta-sts.a.example', type: 'TXT', value: 'v=STSv1; id=20261122101112' },
    ],
    edits: [{ file: 'zones/a.yaml', startLine: 4, endLine: 5, text: 'mx: b.a.example\n' }],
  },
};

describe('fixBlockText', () => {
  it('prints records as zone lines, the policy body and the edit, ready to paste', () => {
    expect(fixBlockText(withFix, '  ')).toBe(
      [
        '  to do: Serve the policy with mx lines for every MX, then publish _mta-sts.a.example.',
        '    _mta-sts.a.example. IN TXT "v=STSv1; id=20261122101112"',
        '    serve at https://mta-sts.a.example/.well-known/mta-sts.txt:',
        '      version: STSv1',
        '      mode: testing',
        '      mx: b.a.example',
        '      max_age: 604800',
        '    zones/a.yaml lines 4-5, replaced by:',
        '      +mx: b.a.example',
      ].join('\n'),
    );
    expect(fixBlockText(base)).toBe('');
    // A shared fix is written out once.
    const shown = new Set<string>();
    fixBlockText(withFix, '  ', shown);
    expect(fixBlockText(withFix, '  ', shown)).toBe(
      '  to do: Serve the policy with mx lines for every MX, then publish _mta-sts.a.example. (written out above)',
    );
  });

  it('escapes controls and quotes from untrusted values', () => {
    const hostile: Finding = {
      ...base,
      fix: {
        summary: 's\u001b[31m',
        publish: [{ name: 'x', type: 'TXT', value: 'a"b\\c' }],
        edits: [{ file: 'f', startLine: 2, endLine: 1, text: '' }],
      },
    };
    const text = fixBlockText(hostile);
    expect(text).not.toContain('\u001b');
    expect(text).toContain('x. IN TXT "a\\"b\\\\c"');
    expect(text).toContain('f insert before line 2, replaced by:');
    expect(text).toContain('(removed)');
  });
});

describe('fixBlockMarkdown', () => {
  it('puts every value in a fence that no backtick run in it can close', () => {
    const md = fixBlockMarkdown({
      ...withFix,
      fix: { summary: '@team see #1', publish: [{ name: 'n', type: 'TXT', value: '````' }] },
    });
    expect(md).toContain('  `````\n  n. IN TXT "````"\n  `````');
    // A mention or issue reference in untrusted text is shown as code, which GitHub never scans.
    expect(md).toContain('Fix: `@team see #1`');
    expect(fixBlockMarkdown(base)).toBe('');
  });

  it('is in the summary under its finding', () => {
    const md = renderMarkdown({
      schemaVersion: 1,
      tool: { name: 'mta-sts-guard', version: '0' },
      generatedAt: '2026-11-22T00:00:00Z',
      summary: { domains: 1, errors: 0, warnings: 1, notices: 0, enforceRisk: false },
      findings: [withFix],
      domains: [],
      reports: { files: 0, parsed: 0, invalid: [] },
    });
    expect(md).toContain('_mta-sts.a.example. IN TXT "v=STSv1; id=20261122101112"');
    expect(md).toContain('+mx: b.a.example');
  });
});

describe('the text output of a fix', () => {
  it('prints a policy body line by line, each line escaped and indented under its finding', () => {
    const hostile: Finding = {
      ...withFix,
      domain: null,
      fix: {
        summary: 'Serve\r\n  notice  fake: no findings',
        publish: [
          {
            name: 'https://mta-sts.a.example/.well-known/mta-sts.txt',
            type: 'policy',
            value: 'version: STSv1\r\nmode: testing\u001b[2J\r\n',
          },
        ],
      },
    };
    const out = render(
      {
        schemaVersion: 1,
        tool: { name: 'mta-sts-guard', version: '0' },
        generatedAt: '2026-11-22T00:00:00Z',
        summary: { domains: 0, errors: 0, warnings: 1, notices: 0, enforceRisk: false },
        findings: [hostile],
        domains: [],
        reports: { files: 0, parsed: 0, invalid: [] },
      },
      'text',
    );
    const lines = out.split('\n');
    expect(lines).toContain('          version: STSv1');
    expect(lines.some((l) => l.startsWith('          mode: testing\\x1b[2J'))).toBe(true);
    // The summary is one line: no line of the output starts like a finding of the attacker's.
    expect(lines.some((l) => l.startsWith('  notice  fake'))).toBe(false);
  });
});
