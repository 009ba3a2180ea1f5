/** Untrusted text never becomes HTML, a link, a mention, a reference or a table break. */
import { describe, expect, it } from 'vitest';
import {
  code,
  escapeHtml,
  escapeMarkdown,
  inlineMarkdown,
  markerValue,
  truncate,
} from '../../src/render/escape.js';

const ZWSP = '\u200B';
/** GitHub neither links nor mentions inside a code span. */
const asCode = (s: string, value: string): boolean => s === `\`${value}\`` && !s.includes(ZWSP);

describe('escapeMarkdown', () => {
  it.each([
    // raw HTML
    ['<img src=x onerror=alert(1)>', (s: string) => !s.includes('<') && s.includes('&lt;img')],
    // a link written in Markdown
    ['[click](https://evil.example)', (s: string) => asCode(s, '[click](https://evil.example)')],
    ['[click](/x)', (s: string) => s.includes('\\[click\\]\\(') && !s.includes('](')],
    // an @-mention notifies people
    ['ping @octocat and @org/team', (s: string) => asCode(s, 'ping @octocat and @org/team')],
    // a bare URL is autolinked
    ['see https://evil.example/x', (s: string) => asCode(s, 'see https://evil.example/x')],
    // www. is autolinked too
    ['visit www.evil.example', (s: string) => asCode(s, 'visit www.evil.example')],
    // #123 links an issue of this repository
    ['fixes #123', (s: string) => asCode(s, 'fixes #123')],
    // GH-123 too
    ['see GH-12', (s: string) => asCode(s, 'see GH-12')],
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
    expect(escapeHtml('<b>@x</b> "q" \'s')).toBe('<code>&lt;b&gt;@x&lt;/b&gt; &quot;q&quot; &#39;s</code>');
    expect(escapeHtml('a <b>')).toBe('a &lt;b&gt;');
  });
});

describe('inlineMarkdown', () => {
  it('keeps code spans and escapes the text around them', () => {
    expect(inlineMarkdown('Set `mode: enforce` for <domain> @ops')).toBe(
      'Set `mode: enforce`` for <domain> @ops`',
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
