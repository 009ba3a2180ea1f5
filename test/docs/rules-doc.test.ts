import { readFileSync } from 'node:fs';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULE_IDS } from '../../src/core/findings.js';
import { renderRulesDoc } from '../../src/render/rules-doc.js';

// Every rule id of DESIGN.md's catalogue: a public API that must never disappear.
const DESIGN_RULE_IDS = `sts-record-missing sts-record-invalid sts-record-multiple tlsrpt-record-missing
tlsrpt-record-invalid tlsrpt-record-multiple policy-fetch-failed policy-redirect policy-content-type
policy-too-large policy-tls-invalid policy-invalid policy-key-typo policy-max-age-short policy-mode-testing
policy-mode-none policy-host-cert-expiring policy-line-endings mx-missing mx-null mx-not-in-policy
policy-mx-unmatched mx-unreachable mx-starttls-unsupported mx-tls-version mx-tls-cipher-weak mx-cert-expired
mx-cert-not-yet-valid mx-cert-expiring mx-cert-untrusted mx-cert-hostname-mismatch mx-cert-weak mx-cert-revoked
smtp-port-blocked report-invalid reports-failures-enforce reports-failures-testing reports-stale-policy
reports-missing enforce-ready zone-parse-error policy-id-not-bumped enforce-switch-risky
resolver-failed dns-lookup-failed host-address-unusable`.split(/\s+/);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? sourceFiles(path) : path.endsWith('.ts') ? [path] : [];
  });
}

describe('docs/rules.md', () => {
  it('is what the catalogue generates (run `npm run docs` when this fails)', () => {
    expect(readFileSync('docs/rules.md', 'utf8')).toBe(renderRulesDoc());
  });

  it('documents every rule id of DESIGN.md, and the catalogue holds exactly those', () => {
    const doc = readFileSync('docs/rules.md', 'utf8');
    for (const id of DESIGN_RULE_IDS) expect(doc).toContain(`### ${id}\n`);
    expect([...RULE_IDS].sort()).toEqual([...DESIGN_RULE_IDS].sort());
  });

  it('has every rule id raised somewhere in src/ outside the catalogue', () => {
    const code = sourceFiles('src')
      .filter((p) => !p.endsWith('findings.ts') && !p.endsWith('rules-doc.ts'))
      .map((p) => readFileSync(p, 'utf8'))
      .join('\n');
    const unused = DESIGN_RULE_IDS.filter((id) => !code.includes(`'${id}'`));
    expect(unused).toEqual([]);
  });
});
