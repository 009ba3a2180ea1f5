/** action.yml inputs → Config: the same validation as the CLI, errors naming the input. */
import { describe, expect, it } from 'vitest';
import {
  baseShaFromEvent,
  pullRequestFromEvent,
  isPullRequestEvent,
  nameInputs,
  readActionInputs,
  type ActionEvent,
} from '../../src/action-inputs.js';
import { defaultConfig } from '../../src/config.js';

const schedule: ActionEvent = { name: 'schedule', payload: {} };
const read = (inputs: Record<string, string>, event = schedule) =>
  readActionInputs((n) => inputs[n] ?? '', event);

describe('readActionInputs', () => {
  it('gives the CLI defaults when every input is blank', () => {
    const settings = read({});
    // The one difference: a zone-files pattern that matches nothing is a warning in the action.
    expect(settings.config).toEqual({ ...defaultConfig(), unmatchedZonePattern: 'warning' });
    expect(settings).toMatchObject({
      openIssues: true,
      issueLabels: ['mta-sts-guard'],
      closeResolvedIssues: true,
      sarifFile: null,
      jsonFile: null,
    });
  });

  it('reads domains separated by new lines, commas or spaces, normalised', () => {
    expect(read({ domains: 'Example.COM, example.net\n  example.org. mail.example' }).config.domains).toEqual(
      ['example.com', 'example.net', 'example.org', 'mail.example'],
    );
  });

  it('reads globs one a line (they may hold commas and spaces), skipping blanks and # lines', () => {
    const { config } = read({
      'zone-files': 'zones/*.{zone,db}\n\n# legacy\nold zones/a b.zone\n',
      reports: 'tlsrpt/\n',
    });
    expect(config.zones).toEqual(['zones/*.{zone,db}', 'old zones/a b.zone']);
    expect(config.reports).toEqual(['tlsrpt/']);
  });

  it.each([
    ['one a line', 'a.example=a.txt\nb.example=b.txt'],
    ['commas', 'a.example=a.txt, b.example=b.txt'],
    ['spaces', 'a.example=a.txt b.example=b.txt'],
  ])('reads policy-files separated by %s', (_, raw) => {
    expect(read({ 'policy-files': raw }).config.policyFiles).toEqual([
      { domain: 'a.example', path: 'a.txt' },
      { domain: 'b.example', path: 'b.txt' },
    ]);
  });

  it('keeps a policy path with spaces on its own line', () => {
    expect(read({ 'policy-files': 'a.example=mta sts/a.txt' }).config.policyFiles).toEqual([
      { domain: 'a.example', path: 'mta sts/a.txt' },
    ]);
  });

  it('maps every scalar input', () => {
    const { config } = read({
      'report-window-days': '30',
      resolver: '127.0.0.1:5353',
      'smtp-probe': 'off',
      'smtp-port': '2525',
      'policy-port': '8443',
      'timeout-seconds': '5',
      concurrency: '4',
      'cert-expiry-warning-days': '21',
      shard: '2/3',
      offline: 'true',
      'fail-on': 'warning',
      'reports-artifact': 'tlsrpt',
      'domains-file': 'domains.txt',
    });
    expect(config).toMatchObject({
      reportWindowDays: 30,
      resolver: { host: '127.0.0.1', port: 5353 },
      smtpProbe: 'off',
      smtpPort: 2525,
      policyPort: 8443,
      timeoutSeconds: 5,
      concurrency: 4,
      certExpiryWarningDays: 21,
      shard: { index: 2, total: 3 },
      offline: true,
      failOn: 'warning',
      reportsArtifact: 'tlsrpt',
      domainsFile: 'domains.txt',
    });
  });

  it('reads labels separated by commas or new lines; a label may hold spaces', () => {
    expect(read({ 'issue-labels': 'mta-sts-guard, mail security\ndns,dns' }).issueLabels).toEqual([
      'mta-sts-guard',
      'mail security',
      'dns',
    ]);
  });

  it.each([
    // not a whole number
    [{ 'timeout-seconds': '1.5' }, /^timeout-seconds: expected a whole number from 1 to 600, got '1.5'$/],
    // out of range
    [{ concurrency: '0' }, /^concurrency: expected a whole number from 1 to 256/],
    // not a choice
    [{ 'smtp-probe': 'maybe' }, /^smtp-probe: expected one of auto, on, off/],
    // not I/N
    [{ shard: 'first' }, /^shard: expected I\/N/],
    // not a domain
    [{ domains: 'a.example not_a_domain' }, /^domains: 'not_a_domain' is not a domain name/],
    // no PATH
    [{ 'policy-files': 'a.example' }, /^policy-files: expected DOMAIN=PATH/],
    // not an IP
    [{ resolver: 'dns.example' }, /^resolver: expected an IP address/],
    // plain http
    [{ doh: 'http://dns.example/dns-query' }, /^doh: expected an https:\/\/ URL/],
    // both at once
    [{ resolver: '127.0.0.1', doh: 'https://dns.example/dns-query' }, /^resolver and doh exclude each other/],
    // YAML booleans only
    [{ 'open-issues': 'yes' }, /^open-issues: expected true or false, got 'yes'/],
    [{ 'close-resolved-issues': '1' }, /^close-resolved-issues: expected true or false/],
    [{ 'suggest-fixes': 'on' }, /^suggest-fixes: expected true or false, got 'on'/],
    // GitHub's label name limit
    [{ 'issue-labels': 'x'.repeat(51) }, /^issue-labels: 'x+' is longer than 50 characters/],
  ])('%j fails naming the input', (inputs, message) => {
    expect(() => read(inputs)).toThrow(message);
  });
});

describe('base-ref', () => {
  const pr: ActionEvent = { name: 'pull_request', payload: { pull_request: { base: { sha: 'abc123' } } } };

  it('defaults to the pull request base sha on pull request events', () => {
    expect(read({}, pr).config.base).toBe('abc123');
    expect(read({}, { name: 'merge_group', payload: { merge_group: { base_sha: 'def' } } }).config.base).toBe(
      'def',
    );
  });

  it('is taken as given when set, and stays unset on other events', () => {
    expect(read({ 'base-ref': 'origin/main' }, pr).config.base).toBe('origin/main');
    expect(
      read({}, { name: 'push', payload: { pull_request: { base: { sha: 'x' } } } }).config.base,
    ).toBeNull();
  });

  it('is null for a payload without a base', () => {
    expect(baseShaFromEvent({ name: 'pull_request', payload: {} })).toBeNull();
  });
});

describe('suggest-fixes and the pull request it comments on (issue 15)', () => {
  it('is on unless set false', () => {
    expect(read({}).suggestFixes).toBe(true);
    expect(read({ 'suggest-fixes': 'false' }).suggestFixes).toBe(false);
  });

  it.each([
    ['pull_request', { pull_request: { number: 7, head: { sha: 'h' } } }, { number: 7, headSha: 'h' }],
    ['pull_request_target', { pull_request: { number: 8, head: { sha: 'g' } } }, { number: 8, headSha: 'g' }],
    // a merge queue run has no pull request to comment on
    ['merge_group', { merge_group: { base_sha: 'b' } }, null],
    // another event, even with a pull_request in its payload
    ['push', { pull_request: { number: 7, head: { sha: 'h' } } }, null],
    // a payload without the head
    ['pull_request', { pull_request: { number: 7 } }, null],
  ])('%s %j → %j', (name, payload, expected) => {
    expect(pullRequestFromEvent({ name, payload })).toEqual(expected);
  });
});

describe('isPullRequestEvent', () => {
  it.each([
    ['pull_request', true],
    ['pull_request_target', true],
    ['merge_group', true],
    ['schedule', false],
    ['push', false],
    ['workflow_dispatch', false],
  ])('%s → %s', (name, expected) => {
    expect(isPullRequestEvent(name)).toBe(expected);
  });
});

describe('nameInputs', () => {
  it.each([
    ['--policy-file: cannot read a.txt: no such file', 'policy-files: cannot read a.txt: no such file'],
    ["--zone: no file matches 'zones/*.zone'", "zone-files: no file matches 'zones/*.zone'"],
    ["--base: 'abc' is not a commit", "base-ref: 'abc' is not a commit"],
    ['--reports: no such file or folder: x', 'reports: no such file or folder: x'],
    // a flag without an input stays as it is
    ['--format: x', '--format: x'],
  ])('%s', (message, expected) => {
    expect(nameInputs(message)).toBe(expected);
  });
});
