import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../src/config.js';
import type { Logger } from '../../src/ports.js';
import { detectFormat, splitFormatPrefix } from '../../src/zones/format.js';
import { loadZones } from '../../src/zones/load.js';

const cwd = path.resolve(import.meta.dirname, '../fixtures/zones');

function recordingLogger(): Logger & { warnings: string[] } {
  const warnings: string[] = [];
  return { warnings, debug: () => {}, info: () => {}, progress: () => {}, warning: (m) => warnings.push(m) };
}

describe('--zone values', () => {
  it('expands globs from the working folder, skips octoDNS configuration with a warning', async () => {
    const logger = recordingLogger();
    const loaded = await loadZones(['own/octodns-repo/**/*.yaml'], [], null, logger, { cwd });
    expect([...loaded.byDomain.keys()]).toEqual(['billing.example.org', 'example.org']);
    expect(logger.warnings).toEqual([
      '--zone: own/octodns-repo/config.yaml is an octoDNS configuration file, not a zone; skipped',
    ]);
    const apex = loaded.byDomain.get('example.org')!;
    expect(apex.mx.map((m) => `${m.value.exchange}@${m.location.file}:${m.location.line}`)).toEqual([
      'mx1.example.org@own/octodns-repo/zones/example.org.yaml:5',
      'mx2.example.org@own/octodns-repo/zones/example.org.yaml:7',
    ]);
    expect(loaded.findings).toEqual([]);
  });

  it('a FORMAT: prefix overrides detection', async () => {
    // The provider export ends in .txt; read as BIND explicitly.
    const loaded = await loadZones(['bind:own/bind/example-shop.com.txt'], [], null, recordingLogger(), {
      cwd,
    });
    expect(loaded.byDomain.get('example-shop.com')?.stsTxt.map((t) => t.value)).toEqual([
      'v=STSv1; id=20261120T0914',
    ]);
  });

  it('a domain named by --policy-file is in scope even with only MX in the zone', async () => {
    const loaded = await loadZones(
      ['own/bind/db.example.net'],
      [{ domain: 'lists.example.net', path: 'x' }],
      null,
      recordingLogger(),
      { cwd },
    );
    expect([...loaded.byDomain.keys()]).toEqual(['example.net', 'lists.example.net']);
  });

  it('malformed files become zone-parse-error findings at their file and line, in every format', async () => {
    const loaded = await loadZones(['own/malformed/*'], [], null, recordingLogger(), { cwd });
    expect(loaded.byDomain.size).toBe(0);
    expect(
      loaded.findings.map((f) => [f.rule, f.severity, `${f.location!.file}:${f.location!.line}`]),
    ).toEqual([
      ['zone-parse-error', 'error', 'own/malformed/broken-ir.json:7'],
      ['zone-parse-error', 'error', 'own/malformed/db.bad-preference:3'],
      ['zone-parse-error', 'error', 'own/malformed/db.unclosed-paren:2'],
      ['zone-parse-error', 'error', 'own/malformed/db.unclosed-quote:2'],
      ['zone-parse-error', 'error', 'own/malformed/db.unknown-type:4'],
      ['zone-parse-error', 'error', 'own/malformed/example.com.yaml:10'],
      ['zone-parse-error', 'error', 'own/malformed/notype.example.com.yaml:7'],
    ]);
    expect(loaded.findings[1]!.message).toMatch(
      /^own\/malformed\/db\.bad-preference \(bind\): MX preference 'ten'/,
    );
  });

  const refused: [string, RegExp][] = [
    ['nothing/*.zone', /--zone: no file matches 'nothing\/\*\.zone'/],
    ['own/bind', /--zone: own\/bind is a folder/],
  ];
  it.each(refused)('refuses %s with a configuration error naming --zone', async (arg, message) => {
    const error = await loadZones([arg], [], null, recordingLogger(), { cwd }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toMatch(message);
  });
});

describe('--zone patterns that match nothing, as the action reads them (unmatchedPattern: warning)', () => {
  it('each empty pattern is one warning naming it; the others are read', async () => {
    const logger = recordingLogger();
    const loaded = await loadZones(['own/bind/example-shop.com.txt', 'nothing/*.zone'], [], null, logger, {
      cwd,
      unmatchedPattern: 'warning',
    });
    expect(logger.warnings).toEqual([
      "--zone: no file matches 'nothing/*.zone'; the other patterns are read",
    ]);
    expect([...loaded.byDomain.keys()]).toContain('example-shop.com');
  });

  it('no pattern matching anything stays a configuration error, naming every pattern', async () => {
    const error = await loadZones(['nothing/*.zone', 'none/*.yaml'], [], null, recordingLogger(), {
      cwd,
      unmatchedPattern: 'warning',
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigurationError);
    expect((error as Error).message).toBe("--zone: no file matches 'nothing/*.zone' or 'none/*.yaml'");
  });
});

describe('format detection', () => {
  const rows: [string, string, string][] = [
    ['zones/example.com.yaml', 'x: 1', 'octodns'],
    ['ir.json', '{}', 'dnscontrol'],
    ['dnscontrol.out', '{\n  "domains": []\n}', 'dnscontrol'],
    ['db.example.com', '$ORIGIN example.com.', 'bind'],
    ['example.com', '@ MX 10 mx', 'bind'],
  ];
  it.each(rows)('%s → %s', (file, text, format) => expect(detectFormat(file, text)).toBe(format));

  const refused: [string, RegExp][] = [
    ['dnsconfig.js', /DNSControl JavaScript; run `dnscontrol print-ir/], // records exist only after running it
    ['main.tf', /Terraform/],
  ];
  it.each(refused)('%s is refused with what to pass instead', (file, message) => {
    expect(() => detectFormat(file, '')).toThrow(message);
  });

  it('splits FORMAT: prefixes, and only known ones', () => {
    expect(splitFormatPrefix('octodns:zones/a.yml')).toEqual({ format: 'octodns', pattern: 'zones/a.yml' });
    expect(splitFormatPrefix('BIND:db.x')).toEqual({ format: 'bind', pattern: 'db.x' });
    expect(splitFormatPrefix('C:/zones/db.x')).toEqual({ format: null, pattern: 'C:/zones/db.x' });
  });
});
