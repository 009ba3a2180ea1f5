/**
 * Findings about one policy body (RFC 8461 §3.2), wherever it came from: the live policy host or
 * a repository file. Kept apart from the fetch rules so both sources are judged the same way.
 */
import { finding, type Finding, type JudgedMode } from '../findings.js';
import type { PolicyParseResult } from '../policy.js';

/**
 * RFC 8461 §3.2: max_age "in the range of weeks or greater" resists an attacker who waits for the
 * cached policy to expire; one week is where we stop calling it short.
 */
export const MIN_RECOMMENDED_MAX_AGE = 604_800;
/** Enough to fix a broken policy; an HTML page served as the policy would otherwise flood the output. */
export const MAX_SYNTAX_FINDINGS = 20;

/** Where a policy body came from, for messages and locations. */
export type PolicySource =
  { kind: 'file'; path: string } | { kind: 'live'; url: string; addresses: string[] };

export interface PolicyTextOptions {
  domain: string;
  /** The mode findings are judged under. */
  mode: JudgedMode;
  /** Also judge what a valid policy says (mode, max_age, line endings), not only its syntax. */
  semantics: boolean;
}

function describeSource(source: PolicySource): string {
  if (source.kind === 'file') return `Policy file ${source.path}`;
  const from = source.addresses.length > 0 ? ` (from ${source.addresses.join(', ')})` : '';
  return `Policy at ${source.url}${from}`;
}

function placed(
  source: PolicySource,
  line: number,
): { subject: string; location?: { file: string; line: number } } {
  return source.kind === 'file'
    ? { subject: source.path, location: { file: source.path, line } }
    : { subject: source.url };
}

/** policy-invalid, policy-key-typo and, for a valid policy, the mode/max_age/line-ending notes. */
export function judgePolicyText(
  parsed: PolicyParseResult,
  source: PolicySource,
  options: PolicyTextOptions,
): Finding[] {
  const { domain, mode } = options;
  const where = describeSource(source);
  const findings: Finding[] = [];

  const shown = parsed.errors.slice(0, MAX_SYNTAX_FINDINGS);
  const hidden = parsed.errors.length - shown.length;
  shown.forEach((error, i) => {
    const more = i === shown.length - 1 && hidden > 0 ? ` (and ${hidden} more errors)` : '';
    findings.push(
      finding('policy-invalid', mode, {
        domain,
        message: `${where}, line ${error.line}, column ${error.column}: ${error.message}${more}`,
        resultType: 'sts-policy-invalid',
        ...placed(source, error.line),
      }),
    );
  });

  for (const mx of parsed.uLabelMx) {
    findings.push(
      finding('policy-invalid', mode, {
        domain,
        message: `${where}, line ${mx.line}, column ${mx.column}: ${mx.message}`,
        resultType: 'sts-policy-invalid',
        remediation: `Write the line as "mx: ${mx.aLabel}".`,
        ...placed(source, mx.line),
      }),
    );
  }

  for (const typo of parsed.typos) {
    findings.push(
      finding('policy-key-typo', mode, {
        domain,
        message: `${where}, line ${typo.line}: ${typo.message}`,
        remediation: `Rename "${typo.key}" to "${typo.suggestion}" (keys are case-sensitive).`,
        ...placed(source, typo.line),
      }),
    );
  }

  const policy = parsed.policy;
  if (policy === null || !options.semantics) return findings;
  // DESIGN.md: LF-only is silent (the §3.2 ABNF and erratum 6253 accept it); only a mix is noted.
  if (parsed.lineEndings === 'mixed') {
    const how = 'a mix of CRLF and LF';
    findings.push(
      finding('policy-line-endings', mode, {
        domain,
        message: `${where} ends its lines with ${how}; RFC 8461 §3.2 prose says CRLF (senders accept LF)`,
        ...placed(source, 1),
      }),
    );
  }
  const modeLine = placed(source, parsed.fieldLines.mode ?? 1);
  const maxAgeLine = placed(source, parsed.fieldLines.max_age ?? 1);
  if (policy.mode === 'testing') {
    findings.push(
      finding('policy-mode-testing', mode, {
        domain,
        message: `${where} is in mode testing: senders report TLS failures but still deliver without TLS`,
        ...modeLine,
      }),
    );
  } else if (policy.mode === 'none') {
    findings.push(
      finding('policy-mode-none', mode, {
        domain,
        message: `${where} is in mode none: senders apply no MTA-STS policy`,
        ...modeLine,
      }),
    );
  }
  if (policy.maxAge < MIN_RECOMMENDED_MAX_AGE) {
    findings.push(
      finding('policy-max-age-short', mode, {
        domain,
        message: `${where} has max_age ${policy.maxAge} (${describeSeconds(policy.maxAge)}), less than one week (${MIN_RECOMMENDED_MAX_AGE})`,
        ...maxAgeLine,
      }),
    );
  }
  return findings;
}

function describeSeconds(seconds: number): string {
  if (seconds >= 86_400) return plural(Math.floor(seconds / 86_400), 'day');
  if (seconds >= 3_600) return plural(Math.floor(seconds / 3_600), 'hour');
  return plural(seconds, 'second');
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? '' : 's'}`;
}
