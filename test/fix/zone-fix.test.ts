/**
 * Record fixes in DNS-as-code files through the built CLI (issue 15): a broken `_mta-sts` or
 * `_smtp._tls` TXT in a BIND, octoDNS or DNSControl IR file gets an edit in the file's own
 * spelling; `fix` applies it, every other byte stays, and checking again clears the finding.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli, type BuiltCli } from '../integration/built-cli.js';

let cli: BuiltCli;
let dir: string;
beforeAll(async () => {
  cli = await buildCli();
  dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-zone-fix-'));
}, 60_000);
afterAll(async () => {
  await cli?.remove();
  if (dir) await rm(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli.path, ...args], { cwd: dir, timeout: 60_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number((error as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

const BIND = [
  '$ORIGIN bind.example.',
  '$TTL 300',
  '@\tIN\tSOA\tns1 hostmaster 1 7200 3600 1209600 300 ; the serial stays',
  '@\tIN\tMX\t10 mx.bind.example.',
  '_mta-sts\t3600\tIN\tTXT\t"v=STSv1; id=2026-11-01" ; a bad id character',
  '_smtp._tls\tIN\tTXT\t"\\"v=TLSRPTv1; rua=mailto:tls@bind.example\\""',
  '',
].join('\r\n');

const OCTODNS = [
  '---',
  "'':",
  '  - type: MX',
  '    value:',
  '      exchange: mx.octo.example.',
  '      preference: 10',
  '# the comment stays',
  '_mta-sts:',
  '  type: TXT',
  '  value: v=STSv1\\; id=2026.11.01',
  '_smtp._tls:',
  '  type: TXT',
  '  value: v=TLSRPTv1 rua=mailto:tls@octo.example',
  '',
].join('\n');

const IR = `{
  "domains": [
    {
      "name": "ir.example",
      "records": [
        { "type": "MX", "name": "@", "ttl": 300, "mxpreference": 10, "target": "mx.ir.example." },
        {
          "type": "TXT",
          "name": "_mta-sts",
          "ttl": 300,
          "target": "v=STSv1; id=2026_11_01",
          "txtstrings": [
            "v=STSv1; id=2026_11_01"
          ]
        },
        {
          "type": "TXT",
          "name": "_smtp._tls",
          "ttl": 300,
          "target": "\\"v=TLSRPTv1; rua=mailto:tls@ir.example\\"",
          "txtstrings": [
            "\\"v=TLSRPTv1; rua=mailto:tls@ir.example\\""
          ]
        }
      ]
    }
  ]
}
`;

interface Json {
  findings: { rule: string; domain: string; fix?: { edits?: unknown[] } }[];
}

describe.each([
  ['BIND', 'db.bind.example', BIND, 'bind.example', [5, 6]],
  ['octoDNS', 'octo.example.yaml', OCTODNS, 'octo.example', [10, 13]],
  ['DNSControl IR', 'ir.json', IR, 'ir.example', [11, 13, 20, 22]],
] as const)('%s', (_name, file, text, domain, editedLines) => {
  it('fix clears sts-record-invalid and tlsrpt-record-invalid, keeping every other byte', async () => {
    await writeFile(join(dir, file), text);
    const zone = file.endsWith('.json') ? `dnscontrol:${file}` : file;
    const checked = await run([
      'check',
      '--offline',
      '--zone',
      zone,
      '--format',
      'json',
      '--output',
      `${file}.json`,
    ]);
    expect(checked.code, checked.stderr).toBe(1);
    const before = JSON.parse(await readFile(join(dir, `${file}.json`), 'utf8')) as Json;
    const broken = before.findings.filter((f) => f.domain === domain && f.rule.endsWith('-record-invalid'));
    expect(broken.map((f) => f.rule).sort()).toEqual(['sts-record-invalid', 'tlsrpt-record-invalid']);
    for (const f of broken) expect(f.fix?.edits, f.rule).toHaveLength(1);

    const fixed = await run(['fix', `${file}.json`]);
    expect(fixed.code, fixed.stderr).toBe(0);
    const after = await readFile(join(dir, file), 'utf8');
    const split = (t: string) => t.split(/(?<=\n)/);
    split(after).forEach((line, i) => {
      if (!(editedLines as readonly number[]).includes(i + 1)) expect(line).toBe(split(text)[i]);
    });
    const again = await run(['check', '--offline', '--zone', zone, '--format', 'json']);
    const rules = (JSON.parse(again.stdout) as Json).findings
      .filter((f) => f.domain === domain)
      .map((f) => f.rule);
    expect(rules).not.toContain('sts-record-invalid');
    expect(rules).not.toContain('tlsrpt-record-invalid');
  });
});
