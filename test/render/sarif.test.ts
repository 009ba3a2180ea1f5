/** SARIF 2.1.0 output validates against the OASIS schema and maps findings one to one. */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { beforeAll, describe, expect, it } from 'vitest';
import { finding, RULE_IDS } from '../../src/core/findings.js';
import { renderSarif } from '../../src/render/sarif.js';
import { enforceDomain, enforceFindings, resultOf } from '../github/fixtures.js';

let validate: ValidateFunction;

beforeAll(() => {
  // Draft-04 schema: Ajv 8 reads it once the draft-04 `$schema` and top-level `id` are dropped
  // (it uses no draft-04-only keyword such as a boolean exclusiveMinimum).
  const schema = JSON.parse(
    readFileSync(new URL('../fixtures/github/sarif-2.1.0-rtm.5.json', import.meta.url), 'utf8'),
  ) as Record<string, unknown>;
  delete schema['$schema'];
  delete schema['id'];
  // unicodeRegExp off: the schema's language pattern has a stray ']' that the u flag rejects.
  const ajv = new Ajv({ strict: false, allErrors: true, logger: false, unicodeRegExp: false });
  (addFormatsModule as unknown as (a: Ajv) => void)(ajv);
  validate = ajv.compile(schema);
});

const fileFinding = finding('zone-parse-error', null, {
  domain: null,
  message: 'unexpected token',
  location: { file: './zones/example com.zone', line: 12 },
});

function sarifOf(findings = [...enforceFindings('a.example'), fileFinding]) {
  const text = renderSarif(resultOf(findings, [enforceDomain('a.example')]));
  return { text, log: JSON.parse(text) as SarifLog };
}

interface SarifLog {
  version: string;
  runs: {
    tool: { driver: { name: string; rules: { id: string; defaultConfiguration: { level: string } }[] } };
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      message: { text: string };
      locations: {
        physicalLocation?: { artifactLocation: { uri: string }; region: { startLine: number } };
        logicalLocations?: { name: string }[];
      }[];
    }[];
  }[];
}

describe('renderSarif', () => {
  it('validates against the SARIF 2.1.0 schema', () => {
    const { log } = sarifOf();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
  });

  it('validates with no findings at all', () => {
    expect(validate(JSON.parse(renderSarif(resultOf([], []))))).toBe(true);
  });

  it('the schema check can fail: a made-up level is rejected', () => {
    const { log } = sarifOf();
    log.runs[0]!.results[0]!.level = 'notice';
    expect(validate(log)).toBe(false);
  });

  it('carries the whole catalogue as rules, and one result per finding', () => {
    const findings = [...enforceFindings('a.example'), fileFinding];
    const { log } = sarifOf(findings);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(RULE_IDS);
    expect(run.results).toHaveLength(findings.length);
    for (const [i, result] of run.results.entries()) {
      expect(result.ruleId).toBe(findings[i]!.rule);
      expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);
    }
    expect(run.results.map((r) => r.level)).toEqual(['error', 'error', 'warning', 'note', 'error']);
  });

  it('gives file findings a physical location and domain findings a logical one', () => {
    const { log } = sarifOf();
    const results = log.runs[0]!.results;
    const zone = results.find((r) => r.ruleId === 'zone-parse-error')!;
    expect(zone.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'zones/example%20com.zone' },
      region: { startLine: 12 },
    });
    const mx = results.find((r) => r.ruleId === 'mx-not-in-policy')!;
    // Code scanning refuses results without a physical location: a pseudo-path names the domain.
    expect(mx.locations[0]!.physicalLocation).toEqual({
      artifactLocation: { uri: 'mta-sts-guard/a.example' },
      region: { startLine: 1 },
    });
    expect(mx.locations[0]!.logicalLocations![0]!.name).toBe('a.example');
  });
});

describe('renderSarif anchors', () => {
  it('anchors every live finding to the domains file when one is given', () => {
    const input = resultOf([...enforceFindings('a.example'), fileFinding], [enforceDomain('a.example')]);
    const anchored = JSON.parse(renderSarif(input, { anchorFile: 'dns/domains.txt' })) as {
      runs: {
        results: {
          ruleId: string;
          locations: { physicalLocation: { artifactLocation: { uri: string } } }[];
        }[];
      }[];
    };
    const uris = anchored.runs[0]!.results.map(
      (r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`,
    );
    expect(uris).toContain('mx-not-in-policy dns/domains.txt');
    expect(uris).toContain('zone-parse-error zones/example%20com.zone');
  });
});
