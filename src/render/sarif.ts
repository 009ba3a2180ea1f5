/**
 * SARIF 2.1.0 rendering for GitHub code scanning (github/codeql-action/upload-sarif): the whole
 * rule catalogue as `tool.driver.rules` (ids are a public API, DESIGN.md), one result per
 * finding at its severity, a physical location for findings in a file (zone or policy file line),
 * and a logical location (the domain) for findings about a live deployment.
 *
 * Code scanning refuses a result without a physical location ("locationFromSarifResult: expected
 * at least one location"), so a live finding is anchored to the file that names its domain (the
 * domains file, or the workflow) when known, else to a repository-relative pseudo-path named
 * after the domain, which code scanning accepts and shows without a code snippet.
 */
import { createHash } from 'node:crypto';
import { RULE_IDS, RULES, type Finding, type RuleId, type Severity } from '../core/findings.js';
import type { CheckResult } from '../core/result.js';

const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF `level` for each severity (SARIF 2.1.0 §3.27.10). */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = {
  error: 'error',
  warning: 'warning',
  notice: 'note',
};

/** Code scanning sorts alerts by this 0–10 score (GitHub's `security-severity` property). */
const SECURITY_SEVERITY: Record<Severity, string> = { error: '7.5', warning: '5.0', notice: '2.0' };

function ruleDescriptor(id: RuleId) {
  const spec = RULES[id];
  return {
    id,
    name: id
      .split('-')
      .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
      .join(''),
    shortDescription: { text: spec.title },
    fullDescription: { text: spec.description },
    help: {
      text: `${spec.description}\n\nFix: ${spec.remediation}`,
      markdown: `${spec.description}\n\n**Fix:** ${spec.remediation}`,
    },
    // The severity senders apply in enforce mode: what the rule means when it matters most.
    defaultConfiguration: { level: LEVEL[spec.severity.enforce] },
    properties: {
      tags: ['mta-sts', spec.family],
      'security-severity': SECURITY_SEVERITY[spec.severity.enforce],
    },
  };
}

/** Stable across runs (no message numbers), so code scanning keeps one alert per problem. */
function fingerprint(f: Finding): string {
  const parts = [
    f.rule,
    f.domain ?? '',
    f.subject ?? '',
    f.location?.file ?? '',
    f.message.replace(/\d+/g, '#'),
  ];
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/** A repository-relative URI (code scanning resolves `uri` against the checkout). */
function artifactUri(file: string): string {
  return file
    .replace(/\\/g, '/')
    .replace(/^\.\//, '')
    .split('/')
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

export interface SarifOptions {
  /** Repository-relative file that live findings point at (domains file or workflow file). */
  anchorFile?: string | null;
}

function location(f: Finding, options: SarifOptions) {
  if (f.location) {
    return {
      physicalLocation: {
        artifactLocation: { uri: artifactUri(f.location.file) },
        region: { startLine: Math.max(1, f.location.line) },
      },
      ...(f.domain ? { logicalLocations: [{ name: f.domain, kind: 'module' }] } : {}),
    };
  }
  const name = f.domain ?? f.subject ?? 'run';
  const fullyQualifiedName = f.subject && f.domain ? `${f.domain}/${f.subject}` : name;
  const anchor = options.anchorFile ?? `mta-sts-guard/${f.domain ?? 'run'}`;
  return {
    physicalLocation: { artifactLocation: { uri: artifactUri(anchor) }, region: { startLine: 1 } },
    logicalLocations: [{ name, fullyQualifiedName, kind: 'module' }],
  };
}

export function renderSarif(result: CheckResult, options: SarifOptions = {}): string {
  const ruleIndex = new Map(RULE_IDS.map((id, index) => [id, index]));
  const results = result.findings.map((f) => ({
    ruleId: f.rule,
    ruleIndex: ruleIndex.get(f.rule),
    level: LEVEL[f.severity],
    message: {
      text: [f.domain ? `${f.domain}: ` : '', f.message, f.remediation ? `\nFix: ${f.remediation}` : ''].join(
        '',
      ),
    },
    locations: [location(f, options)],
    partialFingerprints: { 'mtaStsGuard/v1': fingerprint(f) },
    properties: {
      ...(f.domain ? { domain: f.domain } : {}),
      ...(f.subject ? { subject: f.subject } : {}),
      ...(f.mode !== undefined ? { mode: f.mode } : {}),
      ...(f.status ? { status: f.status } : {}),
      ...(f.resultType ? { resultType: f.resultType } : {}),
    },
  }));
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: result.tool.name,
            version: result.tool.version,
            semanticVersion: result.tool.version,
            rules: RULE_IDS.map(ruleDescriptor),
          },
        },
        invocations: [{ executionSuccessful: true, endTimeUtc: result.generatedAt }],
        columnKind: 'unicodeCodePoints',
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
