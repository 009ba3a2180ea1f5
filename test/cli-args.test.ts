import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../src/cli-args.js';
import { ConfigurationError, defaultConfig } from '../src/config.js';

describe('CLI arguments', () => {
  it('has the DESIGN.md defaults', () => {
    const command = parseCliArgs(['check', 'example.com']);
    expect(command).toEqual({ kind: 'check', config: { ...defaultConfig(), domains: ['example.com'] } });
    const config = defaultConfig();
    expect([config.reportWindowDays, config.smtpPort, config.policyPort, config.timeoutSeconds]).toEqual([
      7, 25, 443, 15,
    ]);
    expect([config.concurrency, config.certExpiryWarningDays, config.smtpProbe]).toEqual([16, 14, 'auto']);
    expect([config.format, config.failOn, config.verbose]).toEqual(['text', 'error', false]);
  });

  it('reads every flag of the contract', () => {
    const command = parseCliArgs([
      'check',
      'a.example',
      'b.example',
      '--domains-file',
      'domains.txt',
      '--zone',
      'zones/*.zone',
      '--zone',
      'octodns/*.yaml',
      '--policy-file',
      'a.example=policies/a.txt',
      '--reports',
      'reports/',
      '--reports',
      'inbox.mbox',
      '--report-window-days',
      '30',
      '--enforce-readiness-days',
      '21',
      '--resolver',
      '127.0.0.1:5353',
      '--smtp-probe',
      'on',
      '--smtp-port',
      '2525',
      '--policy-port',
      '8443',
      '--timeout-seconds',
      '5',
      '--concurrency',
      '4',
      '--cert-expiry-warning-days',
      '21',
      '--shard',
      '2/3',
      '--offline',
      '--base',
      'origin/main',
      '--format',
      'json',
      '--output',
      'out.json',
      '--fail-on',
      'warning',
      '--verbose',
    ]);
    expect(command.kind).toBe('check');
    if (command.kind !== 'check') return;
    expect(command.config).toEqual({
      ...defaultConfig(),
      domains: ['a.example', 'b.example'],
      domainsFile: 'domains.txt',
      zones: ['zones/*.zone', 'octodns/*.yaml'],
      policyFiles: [{ domain: 'a.example', path: 'policies/a.txt' }],
      reports: ['reports/', 'inbox.mbox'],
      reportWindowDays: 30,
      enforceReadinessDays: 21,
      resolver: { host: '127.0.0.1', port: 5353 },
      smtpProbe: 'on',
      smtpPort: 2525,
      policyPort: 8443,
      timeoutSeconds: 5,
      concurrency: 4,
      certExpiryWarningDays: 21,
      shard: { index: 2, total: 3 },
      offline: true,
      base: 'origin/main',
      format: 'json',
      output: 'out.json',
      failOn: 'warning',
      verbose: true,
    });
  });

  it('reads --doh', () => {
    const command = parseCliArgs(['check', 'a.example', '--doh', 'https://127.0.0.1:8443/dns-query']);
    expect(command.kind === 'check' && command.config.doh).toBe('https://127.0.0.1:8443/dns-query');
  });

  it.each([
    [['check', '--format', 'yaml'], /^--format: expected one of text, json, markdown, sarif/],
    [['check', '--fail-on', 'errors'], /^--fail-on: /],
    [['check', '--smtp-probe', 'maybe'], /^--smtp-probe: /],
    [['check', '--timeout-seconds', '0'], /^--timeout-seconds: /],
    [['check', '--concurrency', 'many'], /^--concurrency: /],
    [['check', '--shard', '3/2'], /^--shard: /],
    [['check', '--resolver', 'ns1.example'], /^--resolver: /],
    [['check', '--doh', 'http://insecure.example/dns-query'], /^--doh: /],
    [['check', '--resolver', '127.0.0.1', '--doh', 'https://x.example/q'], /--resolver and --doh/],
    [['check', '--policy-file', 'nodomain'], /^--policy-file: /],
    [['check', '--bogus'], /--bogus/],
    [['check', '--zone'], /--zone/], // value missing
    [['frobnicate'], /unknown command 'frobnicate'/],
    [[], /missing command/],
    [['check', 'not_a_domain'], /DOMAIN: 'not_a_domain'/],
  ])('refuses %j with a message naming the flag', (argv, message) => {
    let caught: unknown;
    try {
      parseCliArgs(argv);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(ConfigurationError);
    expect((caught as Error).message).toMatch(message);
  });

  it('answers --help and --version', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help' });
    expect(parseCliArgs(['-V'])).toEqual({ kind: 'version' });
  });
});
