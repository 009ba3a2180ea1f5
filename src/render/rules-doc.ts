/**
 * docs/rules.md, generated from the rule catalogue so the two cannot drift (a test compares
 * them; `npm run docs` rewrites the file).
 */
import { RULES, RULE_IDS, type RuleFamily } from '../core/findings.js';

const FAMILY_TITLES: Record<RuleFamily, string> = {
  records: 'Records (`_mta-sts` and `_smtp._tls` TXT)',
  policy: 'Policy (RFC 8461 §3.2, §3.3)',
  mx: 'MX hosts (RFC 8461 §4, STARTTLS probes)',
  reports: 'TLS-RPT reports (RFC 8460)',
  zones: 'DNS-as-code changes',
  runner: 'Runner and network',
};

export function renderRulesDoc(): string {
  const out = [
    '# Rules',
    '',
    '<!-- Generated from src/core/findings.ts by `npm run docs`; a test fails when this file is stale. -->',
    '',
    'Rule ids are a public API: they never change once released.',
    'Severity follows the mode senders apply: **error** in `enforce` (compliant senders refuse to deliver),',
    '**warning** in `testing` (mail flows, enforce would break it), **notice** with no policy or `mode: none`.',
    'Rules that describe a deployment senders cannot use at all are errors in every mode.',
    '',
  ];
  for (const family of Object.keys(FAMILY_TITLES) as RuleFamily[]) {
    out.push(`## ${FAMILY_TITLES[family]}`, '');
    out.push('| rule | enforce | testing | none / no policy | what it means |', '|---|---|---|---|---|');
    const ids = RULE_IDS.filter((id) => RULES[id].family === family);
    for (const id of ids) {
      const r = RULES[id];
      out.push(
        `| [\`${id}\`](#${id}) | ${r.severity.enforce} | ${r.severity.testing} | ${r.severity.none} | ${r.title} |`,
      );
    }
    out.push('');
    for (const id of ids) {
      const r = RULES[id];
      out.push(`### ${id}`, '', `**${r.title}.** ${r.description}`, '', `Fix: ${r.remediation}`, '');
    }
  }
  return out.join('\n');
}
