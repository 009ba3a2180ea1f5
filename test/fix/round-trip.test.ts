/**
 * Round trip (issue 15 item 2), in process: check a repository of zone and policy files, apply
 * every edit the findings carry (`applyFixes`, as `mta-sts-guard fix` does), check again. Every
 * finding that carried an edit is gone, none appeared, and every line no edit touched is the
 * same bytes (comments and CRLF included). One case per located rule with an edit, on each
 * reader: BIND, octoDNS, DNSControl IR, and policy files.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { Finding } from '../../src/core/findings.js';
import { applyFixes, editsByFile } from '../../src/fix-command.js';
import type { Logger } from '../../src/ports.js';

const NOW = new Date('2026-11-22T10:11:12Z');
const quiet: Logger = { info() {}, warning() {}, debug() {}, progress() {} } as unknown as Logger;

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-round-trip-'));
});
afterAll(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

export interface Repo {
  /** File name → content. */
  files: Record<string, string>;
  zones: string[];
  policyFiles: { domain: string; path: string }[];
  /** A git revision of `root` to compare against (--base). */
  base?: string;
}

async function run(repo: Repo, root: string): Promise<Finding[]> {
  const config: Config = {
    ...defaultConfig(),
    offline: true,
    base: repo.base ?? null,
    zones: repo.zones.map((z) => z.replace(/^(dnscontrol:)?/, `$1${root}/`)),
    policyFiles: repo.policyFiles.map((p) => ({ domain: p.domain, path: join(root, p.path) })),
  };
  const result = await check(config, { clock: { now: () => NOW }, logger: quiet });
  return result.findings;
}

const key = (f: Finding): string => `${f.rule} ${f.domain ?? ''} ${f.subject ?? ''}`;

/** Checks, fixes, checks again; returns the findings before and after and the file texts. */
export async function roundTrip(repo: Repo, root: string) {
  for (const [name, text] of Object.entries(repo.files)) await writeFile(join(root, name), text);
  return roundTripWritten(repo, root);
}

async function roundTripWritten(repo: Repo, root: string) {
  const before = await run(repo, root);
  const outcome = await applyFixes(before, { cwd: root, dryRun: false });
  const after = await run(repo, root);
  const texts: Record<string, string> = {};
  for (const name of Object.keys(repo.files)) texts[name] = await readFile(join(root, name), 'utf8');
  return { before, after, outcome, texts };
}

/** The lines of `before` outside every edit of `file`, and the same lines of `after`, byte for byte. */
function untouchedLines(
  before: string,
  after: string,
  edits: { startLine: number; endLine: number; text: string }[],
) {
  const split = (t: string) => t.split(/(?<=\r\n|\n|\r(?!\n))/);
  const a = split(before);
  const b = split(after);
  // Walk both files, skipping each edit's range in `before` and its text's lines in `after`.
  const sorted = [...edits].sort((x, y) => x.startLine - y.startLine);
  const kept: [string, string][] = [];
  let i = 0;
  let j = 0;
  for (const e of sorted) {
    while (i < e.startLine - 1) kept.push([a[i++]!, b[j++]!]);
    i = e.endLine;
    j += split(e.text).length;
  }
  while (i < a.length) kept.push([a[i++]!, b[j++]!]);
  expect(j).toBe(b.length);
  return kept;
}

const POLICY_CRLF =
  'version: STSv1\r\nmode: testing\r\nmx: old.pol.example\r\nx_note: between mx lines\r\nmx: *.mail.pol.example\r\nmax_age: 604800\r\n';

const BIND = [
  '$ORIGIN pol.example.',
  '$TTL 300',
  '@\tIN\tSOA\tns1 hostmaster 1 7200 3600 1209600 300 ; the serial stays',
  '@\tIN\tMX\t10 a.mail.pol.example. ; covered by the wildcard',
  '@\tIN\tMX\t20 new.pol.example.',
  '_mta-sts\t3600\tIN\tTXT\t"v=STSv1; id=20261101000000" ; id comment',
  '_smtp._tls\tIN\tTXT\t"v=TLSRPTv1; rua=mailto:tls@pol.example"',
  '',
].join('\r\n');

const OCTODNS = [
  '---',
  "'':",
  '  # MX of the apex',
  '  - type: MX',
  '    values:',
  '      - exchange: a.mail.pol.example.',
  '        preference: 10',
  '      - exchange: new.pol.example.',
  '        preference: 20',
  '_mta-sts:',
  '  type: TXT',
  '  value: v=STSv1\\; id=20261101000000',
  '_smtp._tls:',
  '  type: TXT',
  '  value: v=TLSRPTv1\\; rua=mailto:tls@pol.example',
  '',
].join('\n');

const IR = `{
  "domains": [
    {
      "name": "pol.example",
      "records": [
        { "type": "MX", "name": "@", "ttl": 300, "mxpreference": 10, "target": "a.mail.pol.example." },
        { "type": "MX", "name": "@", "ttl": 300, "mxpreference": 20, "target": "new.pol.example." },
        {
          "type": "TXT",
          "name": "_mta-sts",
          "ttl": 300,
          "target": "v=STSv1; id=20261101000000",
          "txtstrings": [
            "v=STSv1; id=20261101000000"
          ]
        },
        {
          "type": "TXT",
          "name": "_smtp._tls",
          "ttl": 300,
          "target": "v=TLSRPTv1; rua=mailto:tls@pol.example",
          "txtstrings": [
            "v=TLSRPTv1; rua=mailto:tls@pol.example"
          ]
        }
      ]
    }
  ]
}
`;

const READERS = [
  ['BIND', 'db.pol.example', BIND, 'db.pol.example'],
  ['octoDNS', 'pol.example.yaml', OCTODNS, 'pol.example.yaml'],
  ['DNSControl IR', 'ir.json', IR, 'dnscontrol:ir.json'],
] as const;

describe.each(READERS)('mx lines and the id, %s', (_name, file, zone, zoneArg) => {
  it('fixes mx-not-in-policy and policy-mx-unmatched with one shared edit, and a new id', async () => {
    const root = await mkdtemp(join(dir, 'mx-'));
    const repo: Repo = {
      files: { [file]: zone, 'mta-sts.txt': POLICY_CRLF },
      zones: [zoneArg],
      policyFiles: [{ domain: 'pol.example', path: 'mta-sts.txt' }],
    };
    const { before, after, texts } = await roundTrip(repo, root);
    const mx = before.filter((f) => f.rule === 'mx-not-in-policy' || f.rule === 'policy-mx-unmatched');
    expect(mx.map(key).sort()).toEqual([
      'mx-not-in-policy pol.example new.pol.example',
      'policy-mx-unmatched pol.example old.pol.example',
    ]);
    // The two findings share one fix: the same edits, applied once.
    expect(mx[0]!.fix).toEqual(mx[1]!.fix);
    expect(mx[0]!.fix!.edits).toHaveLength(2);
    expect(mx[0]!.fix!.summary).toContain('20261122101112');
    expect(after.map(key)).not.toContain('mx-not-in-policy pol.example new.pol.example');
    expect(after.map(key)).not.toContain('policy-mx-unmatched pol.example old.pol.example');
    const beforeKeys = new Set(before.map(key));
    expect(after.filter((f) => !beforeKeys.has(key(f))).map(key)).toEqual([]);
    // The wildcard that covers a.mail stays, the stale line goes, the new MX follows the last kept line.
    expect(texts['mta-sts.txt']).toBe(
      'version: STSv1\r\nmode: testing\r\nx_note: between mx lines\r\nmx: *.mail.pol.example\r\nmx: new.pol.example\r\nmax_age: 604800\r\n',
    );
    expect(texts[file]).toContain('id=20261122101112');
    const edits = editsByFile(before);
    for (const [name, original] of Object.entries(repo.files)) {
      const fileEdits = edits.get(join(root, name)) ?? [];
      for (const [was, is] of untouchedLines(original, texts[name]!, fileEdits)) expect(is).toBe(was);
    }
  });
});

/** Every finding that carried an edit is gone, none is new, and untouched lines are the same bytes. */
function expectRoundTrip(
  repo: Repo,
  root: string,
  { before, after, texts }: Awaited<ReturnType<typeof roundTrip>>,
  expectedFixed: string[],
) {
  const fixed = before.filter((f) => (f.fix?.edits?.length ?? 0) > 0);
  expect(fixed.map((f) => f.rule).sort()).toEqual([...expectedFixed].sort());
  const afterKeys = new Set(after.map(key));
  expect(fixed.map(key).filter((k) => afterKeys.has(k))).toEqual([]);
  const beforeKeys = new Set(before.map(key));
  expect(after.filter((f) => !beforeKeys.has(key(f))).map(key)).toEqual([]);
  const edits = editsByFile(before);
  for (const [name, original] of Object.entries(repo.files)) {
    for (const [was, is] of untouchedLines(original, texts[name]!, edits.get(join(root, name)) ?? []))
      expect(is).toBe(was);
  }
}

const BROKEN_RECORDS: Record<string, [string, string]> = {
  BIND: [
    '_mta-sts\t3600\tIN\tTXT\t"v=STSv1; id=20261101000000" ; id comment',
    '_mta-sts\t3600\tIN\tTXT\t"v=STSv1; id=2026-11-01" ; id comment',
  ],
  octoDNS: ['  value: v=STSv1\\; id=20261101000000', '  value: v=STSv1\\; id=2026.11.01'],
  'DNSControl IR': ['"v=STSv1; id=20261101000000"', '"v=STSv1; id=2026_11_01"'],
};

describe.each(READERS)('records, %s', (name, file, zone, zoneArg) => {
  it('fixes sts-record-invalid and tlsrpt-record-invalid', async () => {
    const root = await mkdtemp(join(dir, 'records-'));
    const [good, bad] = BROKEN_RECORDS[name]!;
    const broken = zone
      .split(good)
      .join(bad)
      .split('v=TLSRPTv1; rua=')
      .join('v=TLSRPTv1 rua=')
      .split('v=TLSRPTv1\\; rua=')
      .join('v=TLSRPTv1 rua=');
    const repo: Repo = { files: { [file]: broken }, zones: [zoneArg], policyFiles: [] };
    expectRoundTrip(repo, root, await roundTrip(repo, root), ['sts-record-invalid', 'tlsrpt-record-invalid']);
  });

  it('fixes policy-id-not-bumped against --base, sharing the id edit with the mx fix', async () => {
    const root = await mkdtemp(join(dir, 'base-'));
    const policy =
      'version: STSv1\r\nmode: testing\r\nmx: *.mail.pol.example\r\nmx: new.pol.example\r\nmax_age: 86400\r\n';
    await writeFile(join(root, file), zone);
    await writeFile(join(root, 'mta-sts.txt'), policy);
    git(root, 'init', '-q');
    git(root, 'add', '.');
    git(root, '-c', 'user.name=t', '-c', 'user.email=t@t', 'commit', '-qm', 'base');
    // The change: one more MX, a max_age, and a stale line; the id stays as it was.
    const changed = policy
      .replace('max_age: 86400', 'max_age: 604800')
      .replace('mx: new', 'mx: stale.pol.example\r\nmx: new');
    const repo: Repo = {
      files: { [file]: zone, 'mta-sts.txt': changed },
      zones: [zoneArg],
      policyFiles: [{ domain: 'pol.example', path: 'mta-sts.txt' }],
      base: 'HEAD',
    };
    // --base reads the revision of the repository the run is started in.
    const cwd = process.cwd();
    process.chdir(root);
    const outcome = await roundTrip(repo, root).finally(() => process.chdir(cwd));
    expectRoundTrip(repo, root, outcome, ['policy-id-not-bumped', 'policy-mx-unmatched']);
    const idEdits = [...editsByFile(outcome.before).get(join(root, file))!];
    expect(idEdits).toHaveLength(1);
    expect(outcome.texts[file]).toContain('20261122101112');
  });
});

function git(cwd: string, ...args: string[]): void {
  execFileSync('git', args, { cwd, stdio: 'ignore' });
}

describe('policy files', () => {
  it('fixes policy-invalid (mode case, max_age above the maximum, a repeat), policy-key-typo and policy-line-endings', async () => {
    const root = await mkdtemp(join(dir, 'policy-'));
    const repo: Repo = {
      files: {
        'a.txt': 'version: STSv1\r\nmode: Enforce\r\nmx: mx.a.example\r\nmax_age: 99999999\r\n',
        'b.txt': 'version: STSv1\r\nmodes: enforce\nmx: mx.b.example\r\nmax-age: 604800\r\n',
        'c.txt': 'version: STSv1\r\nmode: enforce\r\nmode: enforce\r\nmx: mx.c.example\nmax_age: 604800\r',
        'd.txt': 'version: STSv1\r\nmode: enforce\nmx: mx.d.example\r\nmax_age: 604800\r\n',
        'e.txt': '\uFEFFversion: STSv1\r\nmode: enforce\r\nmx: mx.e.example\r\nmax_age: 604800\r\n',
      },
      zones: [],
      policyFiles: ['a', 'b', 'c', 'd', 'e'].map((d) => ({ domain: `${d}.example`, path: `${d}.txt` })),
    };
    // In enforce: a file that becomes readable is then judged on what it says (a testing mode
    // would add its notice), which is the file's content, not the edit's doing.
    const outcome = await roundTrip(repo, root);
    const rules = outcome.before.filter((f) => f.fix?.edits).map((f) => f.rule);
    expect(new Set(rules)).toEqual(new Set(['policy-invalid', 'policy-key-typo', 'policy-line-endings']));
    expectRoundTrip(repo, root, outcome, rules);
  });
});
