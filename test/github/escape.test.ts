/** Untrusted text never becomes HTML, a link, a mention, a reference or a table break. */
import { describe, expect, it } from 'vitest';
import {
  code,
  escapeHtml,
  escapeMarkdown,
  inlineMarkdown,
  markerValue,
  truncate,
} from '../../src/github/escape.js';

const ZWSP = '\u200B';

describe('escapeMarkdown', () => {
  it.each([
    // raw HTML
    ['<img src=x onerror=alert(1)>', (s: string) => !s.includes('<') && s.includes('&lt;img')],
    // a link written in Markdown
    ['[click](https://evil.example)', (s: string) => s.includes('\\[click\\]\\(') && !s.includes('](')],
    // an @-mention notifies people
    [
      'ping @octocat and @org/team',
      (s: string) => s.includes(`@${ZWSP}octocat`) && s.includes(`@${ZWSP}org`),
    ],
    // a bare URL is autolinked
    ['see https://evil.example/x', (s: string) => s.includes(`https:${ZWSP}//`)],
    // www. is autolinked too
    ['visit www.evil.example', (s: string) => s.includes(`www${ZWSP}\\.`)],
    // #123 links an issue of this repository
    ['fixes #123', (s: string) => s.includes(`#${ZWSP}123`)],
    // GH-123 too
    ['see GH-12', (s: string) => s.includes(`GH${ZWSP}\\-12`)],
    // a pipe would end a table cell
    ['a | b', (s: string) => s.includes('a \\| b')],
    // new lines would start a new block (a heading, a list, a task)
    ['x\n# heading\n- [ ] task', (s: string) => !s.includes('\n')],
    // bidirectional overrides make text read differently from what it is
    ['abc\u202Edef', (s: string) => !s.includes('\u202E')],
    // emphasis and code
    ['*bold* _it_ `code`', (s: string) => s.includes('\\*bold\\*') && s.includes('\\`code\\`')],
  ])('%j is made harmless', (input, check) => {
    expect(check(escapeMarkdown(input))).toBe(true);
  });

  it('leaves plain text readable', () => {
    expect(escapeMarkdown('certificate expired')).toBe('certificate expired');
  });

  it('caps the length', () => {
    expect(Array.from(escapeMarkdown('x'.repeat(5000), 100))).toHaveLength(100);
  });
});

describe('code', () => {
  it.each([
    ['mx.example.com', '`mx.example.com`'],
    // a backtick inside needs a longer fence
    ['a`b', '``a`b``'],
    // a value starting with a backtick is padded
    ['`x', '`` `x ``'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(code(input)).toBe(expected);
  });

  it('escapes pipes only inside tables, and keeps a preceding backslash from eating the escape', () => {
    expect(code('a|b')).toBe('`a|b`');
    expect(code('a|b', { table: true })).toBe('`a\\|b`');
    expect(code('a\\|b', { table: true })).toBe('`a\\\\\\|b`');
  });

  it('keeps values on one line', () => {
    expect(code('a\nb')).toBe('`a b`');
  });
});

describe('escapeHtml', () => {
  it('escapes HTML and defuses mentions for <summary> lines', () => {
    expect(escapeHtml('<b>@x</b> "q" \'s')).toBe(`&lt;b&gt;@${ZWSP}x&lt;/b&gt; &quot;q&quot; &#39;s`);
  });
});

describe('inlineMarkdown', () => {
  it('keeps code spans and escapes the text around them', () => {
    expect(inlineMarkdown('Set `mode: enforce` for <domain> @ops')).toBe(
      `Set \`mode: enforce\` for &lt;domain&gt; @${ZWSP}ops`,
    );
  });

  it('escapes an unbalanced backtick instead of opening a span', () => {
    expect(inlineMarkdown('a ` b [x](y)')).toBe('a \\` b \\[x\\]\\(y\\)');
  });
});

describe('markerValue', () => {
  it('cannot close an HTML comment', () => {
    const value = markerValue('a.example --> <script>');
    expect(value).not.toMatch(/--!?>|[<>\s]/);
    expect(decodeURIComponent(value)).toBe('a.example --> <script>');
  });
});

describe('truncate', () => {
  it('does not split a surrogate pair', () => {
    expect(truncate('😀😀😀', 2)).toBe('😀…');
  });
});
