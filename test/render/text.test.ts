/**
 * Issue 14 item 1: the text rendering, in process. Synthetic results in, layout out: the verdict
 * first, problems before clean domains, one fix per rule group, no path twice on a line, 100
 * columns, colour only when asked for, untrusted values escaped before colour is added.
 */
import { describe, expect, it } from 'vitest';
import { finding, type Finding } from '../../src/core/findings.js';
import { emptyDomainResult, type CheckResult } from '../../src/core/result.js';
import { render } from '../../src/render/index.js';
import { occurrence } from '../../src/render/text-occurrence.js';
import { colorWanted, paint } from '../../src/render/text-style.js';
import { wrapWords } from '../../src/render/text-wrap.js';
import { renderText, sharedEnding, TEXT_WIDTH } from '../../src/render/text.js';

const GENERATED = '2026-11-22T12:00:00.000Z';

function result(findings: Finding[], domains: string[]): CheckResult {
  const count = (s: string) => findings.filter((f) => f.severity === s).length;
  return {
    schemaVersion: 1,
    tool: { name: 'mta-sts-guard', version: '1.0.0' },
    generatedAt: GENERATED,
    summary: {
      domains: domains.length,
      errors: count('error'),
      warnings: count('warning'),
      notices: count('notice'),
      enforceRisk: findings.some((f) => f.severity === 'error' && f.mode === 'enforce'),
    },
    findings,
    domains: domains.map(emptyDomainResult),
    reports: { files: 0, parsed: 0, invalid: [] },
  };
}

const policyFile = (domain: string, line: number, what: string): Finding =>
  finding('policy-invalid', 'enforce', {
    domain,
    subject: `policies/${domain}.txt`,
    location: { file: `policies/${domain}.txt`, line },
    message: `Policy file policies/${domain}.txt, line ${line}, column 3: ${what}`,
  });

describe('occurrence: where, then the fact, each said once', () => {
  it('a policy file message starting with its path: file:line:column, then the rest', () => {
    expect(occurrence(policyFile('a.example', 2, 'mode "x" is not enforce'))).toEqual({
      where: 'policies/a.example.txt:2:3',
      fact: 'mode "x" is not enforce',
    });
  });

  it('a URL message: the URL once, the addresses kept after the fact', () => {
    const url = 'https://mta-sts.a.example/.well-known/mta-sts.txt';
    const f = finding('policy-redirect', 'enforce', {
      domain: 'a.example',
      subject: url,
      message: `${url} from 192.0.2.1: answered 301 with Location https://elsewhere.example/`,
    });
    expect(occurrence(f)).toEqual({
      where: url,
      fact: 'from 192.0.2.1: answered 301 with Location https://elsewhere.example/',
    });
    const live = finding('policy-invalid', 'enforce', {
      domain: 'a.example',
      subject: url,
      message: `Policy at ${url} (from 192.0.2.1), line 4, column 1: no "mx" line`,
    });
    expect(occurrence(live)).toEqual({ where: url, fact: 'line 4, column 1: no "mx" line (from 192.0.2.1)' });
  });

  it('a subject inside the message gets no label; one outside it does', () => {
    const inside = finding('mx-cert-expired', 'enforce', {
      domain: 'a.example',
      subject: 'mx.a.example',
      message: 'the certificate of mx.a.example expired on 2026-11-19',
    });
    expect(occurrence(inside)).toEqual({ where: null, fact: inside.message });
    const outside = finding('mx-unreachable', 'enforce', {
      domain: 'a.example',
      subject: 'mx.a.example',
      message: 'timeout',
    });
    expect(occurrence(outside)).toEqual({ where: 'mx.a.example', fact: 'timeout' });
  });

  it('a location whose file the message names later says it once', () => {
    const f = finding('policy-id-not-bumped', 'enforce', {
      domain: 'a.example',
      subject: 'zones/a.zone',
      location: { file: 'zones/a.zone', line: 3 },
      message: 'the record in zones/a.zone keeps id=1',
    });
    expect(occurrence(f)).toEqual({ where: 'zones/a.zone:3', fact: 'the record in this file keeps id=1' });
  });
});

describe('wrapWords and sharedEnding', () => {
  it('breaks at spaces only; a word longer than the line stays whole', () => {
    expect(wrapWords('aa bb cc', 5, 5)).toEqual(['aa bb', 'cc']);
    const long = 'x'.repeat(30);
    expect(wrapWords(`a ${long} b`, 10, 10)).toEqual(['a', long, 'b']);
    expect(wrapWords('', 10, 10)).toEqual(['']);
  });

  it('the ending all occurrences share, from a word boundary, when long enough', () => {
    const tail = ' matches no mx pattern of the policy file p.txt';
    expect(sharedEnding([`MX a.example${tail}`, `MX bb.example${tail}`])).toBe(tail);
    expect(sharedEnding([`MX a${tail}`])).toBeNull(); // one occurrence: nothing to factor
    expect(sharedEnding(['x short end', 'y short end'])).toBeNull(); // too short to be worth it
    // Each keeps at least its first word: the shared part starts at a space.
    expect(sharedEnding([tail.trim(), `MX b${tail}`])).toBe(' no mx pattern of the policy file p.txt');
  });
});

describe('renderText', () => {
  const domains = ['a.example', 'b.example', 'c.example', 'd.example'];
  const findings = [
    policyFile('a.example', 2, 'mode "x" is not enforce'),
    policyFile('a.example', 3, 'max_age "y" is not a number'),
    finding('policy-mode-testing', 'testing', { domain: 'b.example', message: 'Policy is in mode testing' }),
    finding('mx-not-in-policy', 'testing', {
      domain: 'b.example',
      subject: 'mx.b.example',
      message: 'MX mx.b.example matches no mx pattern',
    }),
    finding('tlsrpt-record-missing', 'none', { domain: 'c.example', message: 'no TLS-RPT record' }),
  ];

  it('verdict first; errors, then warnings; the fix once per rule; clean domains and notices counted', () => {
    const text = renderText(result(findings, domains));
    const lines = text.split('\n');
    expect(lines[0]).toBe(
      'FAIL: 2 errors, 1 warning in 2 of 4 domains; enforce-mode risk: senders will refuse mail',
    );
    expect(text.indexOf('\na.example')).toBeLessThan(text.indexOf('\nb.example'));
    expect(text).toContain('  ERROR policy-invalid  Policy does not follow RFC 8461 §3.2 (2)\n');
    expect(text).toContain('    policies/a.example.txt:2:3  mode "x" is not enforce\n');
    expect(text.match(/fix: Fix the policy at the line and column named/g)).toHaveLength(1);
    expect(text).not.toContain('policy-mode-testing'); // a notice: counted, not shown
    expect(text).toContain('\n2 domains clean; 2 notices not shown (--verbose lists them)\n');
    expect(text).not.toContain('mta-sts-guard 1.0.0'); // the version is for --verbose
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(TEXT_WIDTH);
  });

  it('--verbose lists notices, clean domains and the version', () => {
    const text = renderText(result(findings, domains), { verbose: true });
    expect(text).toContain('  notice policy-mode-testing');
    expect(text).toContain('\nc.example\n  notice tlsrpt-record-missing'); // a notice-only domain is listed
    expect(text).toMatch(/\n1 domain clean:\n {2}d\.example\n/);
    expect(text).toContain('mta-sts-guard 1.0.0, run of 2026-11-22 12:00 UTC');
  });

  it("--verbose lists a clean domain's reports under it, and only then", () => {
    const clean = result([], ['d.example']);
    clean.domains[0]!.reports = {
      successfulSessions: 9,
      failedSessions: 0,
      byResultType: {},
      byMx: {},
      byReporter: { 'Good Sender': 9 },
      days: [{ date: '2026-11-21', successful: 9, failed: 0 }],
    };
    expect(renderText(clean, { verbose: true })).toMatch(
      /\n {2}d\.example\n {4}TLS-RPT: .*\n {6}sessions +9 \(9 successful/,
    );
    expect(renderText(clean)).not.toContain('TLS-RPT');
  });

  it('PASS with warnings, PASS, and errors that pass only under --fail-on never', () => {
    const warning = [findings[3]!];
    expect(renderText(result(warning, domains)).split('\n')[0]).toBe(
      'PASS with warnings: 1 warning in 1 of 4 domains',
    );
    expect(renderText(result(warning, domains), { failOn: 'warning' }).split('\n')[0]).toBe(
      'FAIL: 1 warning in 1 of 4 domains',
    );
    expect(renderText(result([], domains)).split('\n')[0]).toBe('PASS: 4 domains, no errors or warnings');
    expect(renderText(result(findings.slice(0, 1), domains), { failOn: 'never' }).split('\n')[0]).toBe(
      'PASS: 1 error in 1 of 4 domains (--fail-on never)',
    );
  });

  it('--base: when every error existed at the base, the change introduces no new problem (issue 10 item 9)', () => {
    const existing = findings.slice(0, 2).map((f) => ({ ...f, status: 'existing' as const }));
    const text = renderText(result(existing, domains));
    expect(text.split('\n')[0]).toBe(
      'PASS: this change introduces no new problem; 2 existing problems remain from the base (2 errors)',
    );
    expect(text).toContain('    policies/a.example.txt:2:3 (existing)  mode "x" is not enforce');
    const mixed = [...existing, { ...findings[3]!, status: 'new' as const }];
    expect(renderText(result(mixed, domains)).split('\n').slice(0, 2)).toEqual([
      'PASS with warnings: this change introduces 1 warning; 2 existing problems remain from the base (2',
      '  errors)',
    ]);
    const fresh = [{ ...findings[0]!, status: 'new' as const }, existing[1]!];
    // A headline longer than 100 columns wraps, indented.
    expect(renderText(result(fresh, domains)).split('\n').slice(0, 2)).toEqual([
      'FAIL: this change introduces 1 error; 1 existing problem remains from the base (1 error);',
      '  enforce-mode risk: senders will refuse mail',
    ]);
  });

  it('problems about files only: said so, not "in 0 domains"', () => {
    const file = finding('report-invalid', null, {
      domain: null,
      subject: 'r/x.json',
      message: 'not valid JSON',
    });
    expect(renderText(result([file], domains)).split('\n')[0]).toBe(
      'PASS with warnings: 1 warning about files or the run, none in the 4 domains',
    );
  });

  it('run-level findings come first; findings about files get their own block', () => {
    const text = renderText(
      result(
        [
          ...findings.slice(0, 1),
          finding('report-invalid', null, { domain: null, subject: 'r/x.json', message: 'not valid JSON' }),
          finding('resolver-failed', null, {
            domain: null,
            subject: '127.0.0.1:1',
            message: 'the resolver 127.0.0.1:1 did not answer',
          }),
        ],
        domains,
      ),
    );
    expect(text).toMatch(/^FAIL: 2 errors, 1 warning in 1 of 4 domains \(2 about files or the run\)/);
    const run = text.indexOf('\nThis run (the runner, not the domains)\n');
    expect(run).toBeGreaterThan(0);
    expect(run).toBeLessThan(text.indexOf('\na.example'));
    expect(text).toContain('\nFiles\n  WARNING report-invalid');
    expect(text).toContain('    r/x.json  not valid JSON');
  });

  it('long facts wrap under their indentation; an unbreakable value keeps its whole line', () => {
    const long = 'word '.repeat(60).trim();
    const url = `https://mta-sts.a.example/${'x'.repeat(150)}`;
    const text = renderText(
      result(
        [
          finding('policy-fetch-failed', 'enforce', { domain: 'a.example', subject: 'h', message: long }),
          finding('policy-redirect', 'enforce', { domain: 'a.example', subject: 'h', message: `to ${url}` }),
        ],
        ['a.example'],
      ),
    );
    const lines = text.split('\n');
    for (const line of lines) if (line.length > TEXT_WIDTH) expect(line.trim()).toBe(url);
    expect(lines.some((l) => l === `      ${url}`)).toBe(true);
    expect(lines.filter((l) => l.startsWith('      word')).length).toBeGreaterThan(1);
  });

  it('untrusted values are escaped, and colour codes are ours only', () => {
    const evil = finding('mx-unreachable', 'enforce', {
      domain: 'a.example',
      subject: 'mx.a.example',
      message: 'banner \x1b[2J said\n::error::boom',
    });
    for (const color of [false, true]) {
      const text = render(result([evil], ['a.example']), 'text', { color });
      expect(text).toContain('banner \\x1b[2J said\\x0a::error::boom');
      expect(text.split('\n').some((l) => l.trimStart().startsWith('::'))).toBe(false);
      // eslint-disable-next-line no-control-regex -- counting the colour codes is the point
      const codes = text.match(/\x1b\[[0-9;]*m/g) ?? [];
      expect(codes.length > 0).toBe(color);
    }
  });
});

describe('colour only on a terminal, never with NO_COLOR', () => {
  it.each([
    [true, {}, true],
    [false, {}, false],
    [true, { NO_COLOR: '1' }, false],
    [true, { NO_COLOR: '' }, true], // no-color.org: set and not empty
    [true, { TERM: 'dumb' }, false],
  ])('isTTY %s, env %j → %s', (isTTY, env, expected) => {
    expect(colorWanted({ isTTY, env })).toBe(expected);
  });

  it('paint adds codes only when colour is on', () => {
    expect(paint('x', 'error', false)).toBe('x');
    expect(paint('x', 'error', true)).toBe('\x1b[1;31mx\x1b[0m');
    expect(paint('x', undefined, true)).toBe('x');
  });
});
