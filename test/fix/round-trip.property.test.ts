/**
 * Round trip as a property (issue 15 item 2): for generated BIND zones and policy files with the
 * mistakes the fixes correct (mode case, max_age above the maximum, a repeated line, key typos, a
 * BOM, mixed line endings, an id with a bad character, a missing ';', stale and missing mx lines),
 * applying every edit of a run clears every finding that carried one, and the second run finds
 * nothing new. Only a policy that was unreadable before may, once readable, be judged on what
 * it says (its mx lines, its mode): those findings are the file's content, not the edit's.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { defaultConfig } from '../../src/config.js';
import type { Finding } from '../../src/core/findings.js';
import { applyFixes } from '../../src/fix-command.js';
import type { Logger } from '../../src/ports.js';

const NOW = new Date('2026-11-22T10:11:12Z');
const quiet = { info() {}, warning() {}, debug() {}, progress() {} } as unknown as Logger;
const HOSTS = ['a.mail.gen.example', 'b.mail.gen.example', 'mx.gen.example', 'old.gen.example'];
const TEXT_RULES = new Set(['policy-invalid', 'policy-key-typo', 'policy-line-endings']);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-property-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const policyArb = fc.record({
  /** false: only the mx lines and the line endings may be off, so the policy is readable. */
  mistakes: fc.boolean(),
  bom: fc.boolean(),
  mode: fc.constantFrom('enforce', 'Enforce', 'ENFORCE', 'testing', 'Testing'),
  repeatMode: fc.boolean(),
  modeKey: fc.constantFrom('mode', 'modes'),
  maxAgeKey: fc.constantFrom('max_age', 'max-age'),
  maxAge: fc.constantFrom('604800', '86400', '99999999'),
  mx: fc.subarray(['*.mail.gen.example', 'mx.gen.example', 'old.gen.example'], { minLength: 1 }),
  endings: fc.array(fc.constantFrom('\r\n', '\n'), { minLength: 8, maxLength: 8 }),
});

const zoneArb = fc.record({
  mx: fc.subarray(HOSTS, { minLength: 1 }),
  id: fc.constantFrom('20261101000000', '2026-11-01', '2026.11.01'),
  tlsrptSeparator: fc.constantFrom('; ', ' '),
  crlf: fc.boolean(),
});

type Generated<A> = A extends fc.Arbitrary<infer T> ? T : never;

function policyText(p: Generated<typeof policyArb>): string {
  if (!p.mistakes)
    p = {
      ...p,
      bom: false,
      mode: p.mode.toLowerCase() as 'enforce' | 'testing',
      repeatMode: false,
      modeKey: 'mode',
      maxAgeKey: 'max_age',
      maxAge: '86400',
    };
  const lines = [
    'version: STSv1',
    `${p.modeKey}: ${p.mode}`,
    ...(p.repeatMode ? [`${p.modeKey}: ${p.mode}`] : []),
    ...p.mx.map((m) => `mx: ${m}`),
    `${p.maxAgeKey}: ${p.maxAge}`,
  ];
  return (p.bom ? '\uFEFF' : '') + lines.map((l, i) => l + p.endings[i]!).join('');
}

function zoneText(z: Generated<typeof zoneArb>): string {
  const eol = z.crlf ? '\r\n' : '\n';
  return [
    '$ORIGIN gen.example.',
    '$TTL 300',
    '@ IN SOA ns1 hostmaster 1 7200 3600 1209600 300 ; comment stays',
    ...z.mx.map((h, i) => `@ IN MX ${10 * (i + 1)} ${h}.`),
    `_mta-sts 300 IN TXT "v=STSv1; id=${z.id}"`,
    `_smtp._tls IN TXT "v=TLSRPTv1${z.tlsrptSeparator}rua=mailto:tls@gen.example"`,
    '',
  ].join(eol);
}

async function run(root: string): Promise<Finding[]> {
  const config = {
    ...defaultConfig(),
    offline: true,
    zones: [join(root, 'db.gen.example')],
    policyFiles: [{ domain: 'gen.example', path: join(root, 'mta-sts.txt') }],
  };
  return (await check(config, { clock: { now: () => NOW }, logger: quiet })).findings;
}

const key = (f: Finding): string => `${f.rule} ${f.domain ?? ''} ${f.subject ?? ''}`;

describe('round trip over generated zones and policies', () => {
  it('clears every finding that carried an edit and introduces none', async () => {
    let n = 0;
    const fixedRules = new Set<string>();
    await fc.assert(
      fc.asyncProperty(policyArb, zoneArb, async (p, z) => {
        const root = await mkdtemp(join(dir, `case-${n++}-`));
        await writeFile(join(root, 'mta-sts.txt'), policyText(p));
        await writeFile(join(root, 'db.gen.example'), zoneText(z));
        const before = await run(root);
        const outcome = await applyFixes(before, { cwd: root, dryRun: false });
        expect(outcome.refused).toEqual([]);
        const after = await run(root);
        const afterKeys = new Set(after.map(key));
        const fixed = before.filter((f) => (f.fix?.edits?.length ?? 0) > 0);
        for (const f of fixed) fixedRules.add(f.rule);
        expect(fixed.map(key).filter((k) => afterKeys.has(k))).toEqual([]);
        const unreadable = before.some((f) => f.rule === 'policy-invalid');
        const beforeKeys = new Set(before.map(key));
        const introduced = after.filter(
          (f) => !beforeKeys.has(key(f)) && (!unreadable || TEXT_RULES.has(f.rule)),
        );
        expect(introduced.map(key)).toEqual([]);
        // The zone's comment line is never touched.
        expect(await readFile(join(root, 'db.gen.example'), 'utf8')).toContain('300 ; comment stays');
      }),
      { numRuns: 40, seed: 15 },
    );
    // The generated mistakes reach every kind of edit, so the property is about something.
    expect([...fixedRules].sort()).toEqual([
      'mx-not-in-policy',
      'policy-invalid',
      'policy-key-typo',
      'policy-line-endings',
      'policy-mx-unmatched',
      'sts-record-invalid',
      'tlsrpt-record-invalid',
    ]);
  }, 120_000);
});
