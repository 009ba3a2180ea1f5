/** Edits of a run → review suggestions on the lines the pull request's diff shows. */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../../src/core/findings.js';
import {
  collectEdits,
  placeSuggestions,
  suggestionKey,
  type EditToSuggest,
  type PullFile,
  type WorkingFile,
} from '../../../src/core/suggest/suggestions.js';

const ZONE = [
  '$ORIGIN example.',
  '@ IN MX 10 mx.example.',
  '_mta-sts IN TXT "v=STSv1; id=2026-11-01"',
  '_smtp._tls IN TXT "v=TLSRPTv1 rua=mailto:t@example"',
  'www IN A 192.0.2.1',
  '',
].join('\n');
/** Line 3 and 4 changed by the pull request; hunk shows lines 1..5. */
const PATCH =
  '@@ -1,5 +1,5 @@\n $ORIGIN example.\n @ IN MX 10 mx.example.\n-a\n-b\n+c\n+d\n www IN A 192.0.2.1';

function item(startLine: number, endLine: number, text: string, path = 'db.example'): EditToSuggest {
  return {
    path,
    edit: { file: path, startLine, endLine, text },
    rules: ['sts-record-invalid'],
    summaries: ['Publish _mta-sts.example TXT "v=STSv1; id=20261101"'],
  };
}

const files: PullFile[] = [{ path: 'db.example', patch: PATCH, blobSha: 'b1' }];
const working = new Map<string, WorkingFile | null>([['db.example', { text: ZONE, blobSha: 'b1' }]]);

describe('collectEdits', () => {
  const edit = { file: '/ws/db.example', startLine: 3, endLine: 3, text: 'x\n' };
  const withFix = (rule: 'sts-record-invalid' | 'policy-id-not-bumped', summary: string): Finding => ({
    ...finding(rule, 'enforce', { domain: 'example', message: 'm' }),
    fix: { summary, edits: [edit] },
  });
  it('gives one entry per distinct edit, naming every finding that shares it', () => {
    const findings = [
      withFix('sts-record-invalid', 'one'),
      withFix('policy-id-not-bumped', 'two'),
      withFix('sts-record-invalid', 'again'),
      finding('mx-missing', 'enforce', { domain: 'example', message: 'no fix' }),
    ];
    const items = collectEdits(findings, (f) => f.replace('/ws/', ''));
    expect(items).toEqual([
      {
        path: 'db.example',
        edit,
        rules: ['sts-record-invalid', 'policy-id-not-bumped'],
        summaries: ['one', 'two'],
      },
    ]);
  });
  it('leaves out files outside the repository', () => {
    expect(collectEdits([withFix('sts-record-invalid', 'one')], () => null)).toEqual([]);
  });
});

describe('suggestionKey', () => {
  it('is file, edit range and sorted rules', () => {
    const a = { ...item(3, 4, 'x\n'), rules: ['sts-record-invalid', 'policy-id-not-bumped'] as const };
    expect(suggestionKey({ ...a, rules: [...a.rules] })).toBe(
      'db.example:3-4:policy-id-not-bumped+sts-record-invalid',
    );
  });
});

describe('placeSuggestions', () => {
  it('a replacement inside a hunk is a suggestion on exactly those lines', () => {
    const { suggestions, skipped } = placeSuggestions(
      [
        item(
          3,
          4,
          '_mta-sts IN TXT "v=STSv1; id=20261101"\r\n_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:t@example"\n',
        ),
      ],
      files,
      working,
    );
    expect(skipped).toEqual([]);
    expect(suggestions).toEqual([
      {
        key: 'db.example:3-4:sts-record-invalid',
        path: 'db.example',
        startLine: 3,
        line: 4,
        replacement: [
          '_mta-sts IN TXT "v=STSv1; id=20261101"',
          '_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:t@example"',
        ],
        rules: ['sts-record-invalid'],
        summaries: ['Publish _mta-sts.example TXT "v=STSv1; id=20261101"'],
      },
    ]);
  });

  it('a deletion is an empty suggestion', () => {
    const { suggestions } = placeSuggestions([item(4, 4, '')], files, working);
    expect(suggestions[0]).toMatchObject({ startLine: 4, line: 4, replacement: [] });
  });

  it('an insertion comments on the line before it and keeps that line', () => {
    const { suggestions } = placeSuggestions([item(4, 3, 'new\n')], files, working);
    expect(suggestions[0]).toMatchObject({
      startLine: 3,
      line: 3,
      replacement: ['_mta-sts IN TXT "v=STSv1; id=2026-11-01"', 'new'],
    });
  });

  it('an insertion at the top comments on line 1 and keeps it after the new lines', () => {
    const { suggestions } = placeSuggestions([item(1, 0, '; top\n')], files, working);
    expect(suggestions[0]).toMatchObject({
      startLine: 1,
      line: 1,
      replacement: ['; top', '$ORIGIN example.'],
    });
  });

  it.each([
    // lines 5..6: line 6 is past the hunk (and the file)
    ['past the hunk', item(5, 6, 'a\nb\n'), files, working, 'outside-diff'],
    // line 5 is in the file but not in the only hunk (1..3)
    [
      'between hunks',
      item(5, 5, 'a\n'),
      [{ path: 'db.example', patch: '@@ -1,3 +1,3 @@\n a\n-b\n+c\n d', blobSha: 'b1' }],
      working,
      'outside-diff',
    ],
    // a file the pull request does not change
    ['another file', item(3, 3, 'a\n', 'other.zone'), files, working, 'outside-diff'],
    // GitHub gave no patch (binary or too large)
    [
      'no patch',
      item(3, 3, 'a\n'),
      [{ path: 'db.example', patch: null, blobSha: 'b1' }],
      working,
      'outside-diff',
    ],
    // the file was removed by the pull request
    [
      'removed',
      item(3, 3, 'a\n'),
      [{ path: 'db.example', patch: PATCH, blobSha: null }],
      working,
      'outside-diff',
    ],
    // the checkout is not the head's version (a merge commit): line numbers may differ
    [
      'other version',
      item(3, 3, 'a\n'),
      [{ path: 'db.example', patch: PATCH, blobSha: 'b2' }],
      working,
      'not-head-version',
    ],
    // the working-tree file could not be read
    ['unreadable', item(3, 3, 'a\n'), files, new Map([['db.example', null]]), 'not-head-version'],
    // only the terminator changes: the block would equal the lines
    [
      'line endings',
      item(3, 3, '_mta-sts IN TXT "v=STSv1; id=2026-11-01"\r\n'),
      files,
      working,
      'line-endings-only',
    ],
    // a bidi override in the replacement would show one text and commit another
    ['bidi', item(3, 3, 'a\u202eb\n'), files, working, 'invisible-characters'],
    // an insertion into an empty file has no line to sit on
    [
      'empty file',
      item(1, 0, 'a\n'),
      [{ path: 'db.example', patch: '@@ -0,0 +1 @@\n+', blobSha: 'e' }],
      new Map([['db.example', { text: '', blobSha: 'e' }]]),
      'no-line',
    ],
    // git counts lines by LF only; the edit's numbers count a lone CR too
    [
      'lone CR',
      item(2, 2, 'a\n'),
      [{ path: 'db.example', patch: PATCH, blobSha: 'cr' }],
      new Map([['db.example', { text: 'a\rb\nc\n', blobSha: 'cr' }]]),
      'lone-carriage-return',
    ],
  ] as const)('%s: skipped as %s', (_name, one, pullFiles, workingFiles, reason) => {
    const { suggestions, skipped } = placeSuggestions([one], pullFiles, workingFiles);
    expect(suggestions).toEqual([]);
    expect(skipped).toEqual([{ item: one, reason }]);
  });
});
