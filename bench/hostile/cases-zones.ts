/**
 * File cases on zone, policy and domains files (issue 9 classes 5, 6, 7, 8 and 10's --output),
 * mirroring test/hostile/{includes,special-files,local-errors}.test.ts, with the big inputs at
 * the sizes the issue measured (64 MiB, the 8 MiB zone cap, 31 MiB of random bytes).
 */
import { execFileSync } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { closeSync, mkdirSync, openSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_ZONE_FILE_BYTES } from '../../src/input-file.js';
import { MAX_INCLUDED_FILES } from '../../src/zones/bind.js';
import { MAX_OCTODNS_FILE_BYTES } from '../../src/zones/octodns.js';
import { bytesUnder, domainOf, findingsOf, MiB, missing, oneLineNaming, type BenchCase } from './case.js';

// eslint-disable-next-line no-control-regex -- it exists to find control characters
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

export const POLICY = 'version: STSv1\r\nmode: enforce\r\nmx: mx.good.test\r\nmax_age: 604800\r\n';

export const zoneText = (domain: string, extra = ''): string =>
  [
    `$ORIGIN ${domain}.`,
    '$TTL 3600',
    `@ IN MX 10 mx.${domain}.`,
    `_mta-sts IN TXT "v=STSv1; id=20261122T000000"`,
    `_smtp._tls IN TXT "v=TLSRPTv1; rua=mailto:tlsrpt@${domain}"`,
    extra,
  ].join('\n');

/** Writes `bytes` of `line` repeated, in 1 MiB writes (never the whole file in memory). */
function writeRepeated(path: string, head: string, line: string, bytes: number): void {
  const chunk = Buffer.from(line.repeat(Math.floor(MiB / line.length)));
  const fd = openSync(path, 'w');
  let written = writeSync(fd, head);
  while (written + chunk.length <= bytes) written += writeSync(fd, chunk);
  const rest = Math.floor((bytes - written) / line.length);
  if (rest > 0) writeSync(fd, line.repeat(rest));
  closeSync(fd);
}

const parseErrorOn = (result: Parameters<BenchCase['shows']>[1], name: string): string | undefined =>
  findingsOf(result, 'zone-parse-error').find((f) => f.subject?.endsWith(name))?.message;

const goodZoneJudged: BenchCase['goodJudged'] = (_run, result) =>
  domainOf(result, 'good.test')?.mtaSts.record?.id === '20261122T000000' &&
  parseErrorOn(result, 'db.good.test') === undefined;

export function zoneCases(work: string): BenchCase[] {
  const cases: BenchCase[] = [];

  // Class 5: $INCLUDE fan-out, a symlink to /etc/passwd, `$INCLUDE .`, in a git repository.
  {
    const repo = join(work, 'c5', 'repo');
    const zones = join(repo, 'zones');
    const fan = join(zones, 'fan');
    mkdirSync(fan, { recursive: true });
    execFileSync('git', ['init', '-q', repo]);
    writeFileSync(join(zones, 'db.good.test'), zoneText('good.test'));
    symlinkSync('/etc/passwd', join(zones, 'passwd.inc'));
    writeFileSync(join(zones, 'db.leak.test'), zoneText('leak.test', '$INCLUDE passwd.inc\n'));
    writeFileSync(join(zones, 'db.dot.test'), zoneText('dot.test', '$INCLUDE .\n'));
    for (let level = 0; level < 7; level++)
      writeFileSync(join(fan, `l${level}.inc`), `$INCLUDE l${level + 1}.inc\n`.repeat(10));
    writeFileSync(join(fan, 'l7.inc'), '@ IN TXT "x"\n');
    writeFileSync(join(fan, 'db.fan.test'), zoneText('fan.test', '$INCLUDE l0.inc\n'));
    cases.push({
      cls: '5',
      name: '$INCLUDE 10 a level x 7 deep (10^7 reads), symlink to /etc/passwd, $INCLUDE .',
      inputBytes: bytesUnder(zones),
      args: [
        'check',
        '--offline',
        '--zone',
        join(zones, 'db.*'),
        '--zone',
        join(fan, 'db.*'),
        '--format',
        'json',
      ],
      expectExit: 1,
      goodJudged: goodZoneJudged,
      shows: (run, result) =>
        missing(
          [
            !!parseErrorOn(result, 'db.fan.test')?.includes(`more than ${MAX_INCLUDED_FILES} files`),
            'fan-out cut at the file budget',
          ],
          [
            !!parseErrorOn(result, 'db.leak.test')?.includes('points outside'),
            'passwd symlink refused on its real path',
          ],
          [!/root:.*:0:0/.test(run.stdout + run.stderr), 'nothing of /etc/passwd printed'],
          [!!parseErrorOn(result, 'db.dot.test')?.includes('names a folder'), '$INCLUDE . explained'],
        ),
    });
  }

  // Class 6: parser exceptions (IR 5,000 deep, 200 YAML aliases, a zone that is /dev/zero).
  {
    const dir = join(work, 'c6');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'db.good.test'), zoneText('good.test'));
    let deep = '{"records":[]}';
    for (let i = 0; i < 5000; i++) deep = `{"domains":[${deep}]}`;
    writeFileSync(join(dir, 'deep-ir.json'), deep);
    const aliases = `base: {type: TXT, values: &v [x, y]}\nr:\n  type: TXT\n  values: [${Array(200).fill('*v').join(', ')}]\n`;
    writeFileSync(join(dir, 'aliases.test.yaml'), aliases);
    symlinkSync('/dev/zero', join(dir, 'db.zero.test'));
    cases.push({
      cls: '6',
      name: 'DNSControl IR 5,000 deep, octoDNS 200 aliases, zone -> /dev/zero',
      inputBytes: deep.length + aliases.length,
      args: [
        'check',
        '--offline',
        '--format',
        'json',
        ...['db.*', '*.json', '*.yaml'].flatMap((g) => ['--zone', join(dir, g)]),
      ],
      expectExit: 1,
      goodJudged: goodZoneJudged,
      shows: (run, result) =>
        missing(
          [!!parseErrorOn(result, 'deep-ir.json'), 'deep IR is zone-parse-error'],
          [!!parseErrorOn(result, 'aliases.test.yaml'), 'alias bomb is zone-parse-error'],
          [!!parseErrorOn(result, 'db.zero.test')?.includes('not a regular file'), '/dev/zero not read'],
          [!/Maximum call stack|Invalid string length/.test(run.stderr), 'no exception text'],
        ),
    });
  }

  // Class 7: FIFOs named by --zone and found by a glob, beside a good zone.
  {
    const dir = join(work, 'c7');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'db.good.test'), zoneText('good.test'));
    execFileSync('mkfifo', [join(dir, 'db.fifo.test')]);
    execFileSync('mkfifo', [join(dir, 'named.fifo')]);
    execFileSync('mkfifo', [join(dir, 'domains.fifo')]);
    cases.push({
      cls: '7a',
      // A glob matches only regular files and symlinks, so the FIFO beside db.good.test is never
      // opened; the one named by --zone is, and is refused.
      name: 'FIFO named by --zone, beside a good zone (and a FIFO its glob skips)',
      inputBytes: 0,
      args: [
        'check',
        '--offline',
        '--zone',
        join(dir, 'db.*'),
        '--zone',
        join(dir, 'named.fifo'),
        '--format',
        'json',
      ],
      expectExit: 1,
      goodJudged: goodZoneJudged,
      shows: (_run, result) =>
        missing([
          !!parseErrorOn(result, 'named.fifo')?.includes('is not a regular file (a FIFO)'),
          'named FIFO refused',
        ]),
    });
    cases.push({
      cls: '7b',
      name: '--domains-file FIFO (a configuration error)',
      inputBytes: 0,
      args: ['check', '--offline', 'good.test', '--domains-file', join(dir, 'domains.fifo')],
      expectExit: 2,
      goodJudged: () => null,
      shows: (run) =>
        missing([
          oneLineNaming(run, '--domains-file') && run.stderr.includes('(a FIFO)'),
          'one line naming --domains-file',
        ]),
    });
  }

  // Class 8: sizes. A 64 MiB zone (refused by size), the largest zone accepted, a 64 MiB policy
  // file, a domains file of 31 MiB of random bytes.
  {
    const dir = join(work, 'c8');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'db.good.test'), zoneText('good.test'));
    const huge = join(dir, 'db.huge.test');
    writeRepeated(huge, zoneText('huge.test'), 'host IN TXT "v=spf1 -all"\n', 64 * MiB);
    cases.push({
      cls: '8a',
      name: 'zone file of 64 MiB (was 3 GiB RSS)',
      inputBytes: statSync(huge).size,
      args: ['check', '--offline', '--zone', join(dir, 'db.good.test'), '--zone', huge, '--format', 'json'],
      expectExit: 1,
      goodJudged: goodZoneJudged,
      shows: (_run, result) =>
        missing([
          !!parseErrorOn(result, 'db.huge.test')?.includes(`limit of ${MAX_ZONE_FILE_BYTES} bytes`),
          'refused by its size',
        ]),
    });
    const capped = join(dir, 'db.capped.test');
    // Distinct names, as a real zone has: the parser's memory grows with records, not bytes.
    const records: string[] = [];
    let bytes = zoneText('capped.test').length;
    for (let i = 0; ; i++) {
      const line =
        i % 3 === 0
          ? `h${i} IN A 192.0.2.${i % 250}\n`
          : i % 3 === 1
            ? `h${i} IN TXT "v=spf1 ip4:192.0.2.0/24 -all"\n`
            : `h${i} IN MX 10 mx${i}.capped.test.\n`;
      if (bytes + line.length > MAX_ZONE_FILE_BYTES) break;
      records.push(line);
      bytes += line.length;
    }
    writeFileSync(capped, zoneText('capped.test') + records.join(''));
    cases.push({
      cls: '8b',
      name: `zone file at the 8 MiB cap (${records.length} records, parsed)`,
      inputBytes: statSync(capped).size,
      args: ['check', '--offline', '--zone', join(dir, 'db.good.test'), '--zone', capped, '--format', 'json'],
      expectExit: 0,
      goodJudged: goodZoneJudged,
      shows: (_run, result) =>
        missing([
          domainOf(result, 'capped.test')?.mtaSts.record?.id === '20261122T000000',
          'the capped zone is judged',
        ]),
    });
    // The densest zone at the cap: one short A record a line, the most records per byte.
    const dense = join(dir, 'db.dense.test');
    const lines = [zoneText('dense.test')];
    let denseBytes = lines[0]!.length;
    for (let i = 0; ; i++) {
      const line = `${i.toString(36)} A 192.0.2.1\n`;
      if (denseBytes + line.length > MAX_ZONE_FILE_BYTES) break;
      lines.push(line);
      denseBytes += line.length;
    }
    writeFileSync(dense, lines.join(''));
    cases.push({
      cls: '8g',
      name: `zone file at the 8 MiB cap, densest (${lines.length - 1} one-line A records)`,
      inputBytes: statSync(dense).size,
      args: ['check', '--offline', '--zone', join(dir, 'db.good.test'), '--zone', dense, '--format', 'json'],
      expectExit: 0,
      goodJudged: goodZoneJudged,
      shows: (_run, result) =>
        missing([
          domainOf(result, 'dense.test')?.mtaSts.record?.id === '20261122T000000',
          'the dense zone is judged',
        ]),
    });
    // The other formats: octoDNS YAML of 8 MiB (over its own 512 KiB cap), YAML at that cap, and
    // DNSControl IR JSON at the 8 MiB cap.
    const yamlZone = (domain: string, maxBytes: number): { text: string; records: number } => {
      const lines = [
        `'':\n  type: MX\n  value: {exchange: mx.${domain}., preference: 10}\n`,
        '_mta-sts:\n  type: TXT\n  value: v=STSv1\\; id=20261122T000000\n',
      ];
      let bytes = lines.join('').length;
      for (let i = 0; ; i++) {
        const line = `h${i.toString(36)}: {type: A, value: 192.0.2.1}\n`;
        if (bytes + line.length > maxBytes) break;
        lines.push(line);
        bytes += line.length;
      }
      return { text: lines.join(''), records: lines.length };
    };
    const yamlBig = join(dir, 'yamlbig.test.yaml');
    const big = yamlZone('yamlbig.test', MAX_ZONE_FILE_BYTES);
    writeFileSync(yamlBig, big.text);
    cases.push({
      cls: '8h',
      name: `octoDNS YAML of 8 MiB (${big.records} records; was a hang over 60 s)`,
      inputBytes: statSync(yamlBig).size,
      args: [
        'check',
        '--offline',
        '--zone',
        join(dir, 'db.good.test'),
        '--zone',
        yamlBig,
        '--format',
        'json',
      ],
      expectExit: 1,
      goodJudged: goodZoneJudged,
      shows: (_run, result) =>
        missing([
          !!parseErrorOn(result, 'yamlbig.test.yaml')?.includes(`limit of ${MAX_OCTODNS_FILE_BYTES} bytes`),
          'refused by the YAML cap',
        ]),
    });
    const yaml = join(dir, 'yaml.test.yaml');
    const capped1 = yamlZone('yaml.test', MAX_OCTODNS_FILE_BYTES);
    writeFileSync(yaml, capped1.text);
    cases.push({
      cls: '8i',
      name: `octoDNS YAML at its 512 KiB cap (${capped1.records} records, parsed)`,
      inputBytes: statSync(yaml).size,
      args: ['check', '--offline', '--zone', join(dir, 'db.good.test'), '--zone', yaml, '--format', 'json'],
      expectExit: 0,
      goodJudged: goodZoneJudged,
      shows: (_run, result) =>
        missing([
          domainOf(result, 'yaml.test')?.mtaSts.record?.id === '20261122T000000',
          'the YAML zone is judged',
        ]),
    });
    const ir = join(dir, 'ir.json');
    const irRecords = [
      '{"type":"MX","name":"@","target":"mx.ir.test.","mxpreference":10}',
      '{"type":"TXT","name":"_mta-sts","target":"v=STSv1; id=20261122T000000"}',
    ];
    const irHead = '{"domains":[{"name":"ir.test","records":[\n';
    const irTail = '\n]}]}\n';
    let irBytes = irHead.length + irTail.length + irRecords.join(',\n').length;
    for (let i = 0; ; i++) {
      const record = `{"type":"A","name":"h${i.toString(36)}","target":"192.0.2.1"}`;
      if (irBytes + 2 + record.length > MAX_ZONE_FILE_BYTES) break;
      irRecords.push(record);
      irBytes += record.length + 2;
    }
    writeFileSync(ir, irHead + irRecords.join(',\n') + irTail);
    cases.push({
      cls: '8j',
      name: `DNSControl IR JSON at the 8 MiB cap (${irRecords.length - 2} records)`,
      inputBytes: statSync(ir).size,
      args: ['check', '--offline', '--zone', join(dir, 'db.good.test'), '--zone', ir, '--format', 'json'],
      expectExit: 0,
      goodJudged: goodZoneJudged,
      shows: (_run, result) =>
        missing([
          domainOf(result, 'ir.test')?.mtaSts.record?.id === '20261122T000000',
          'the IR zone is judged',
        ]),
    });
    const bigPolicy = join(dir, 'big.txt');
    writeRepeated(bigPolicy, POLICY, `# ${'x'.repeat(1021)}\r\n`, 64 * MiB);
    writeFileSync(join(dir, 'good.txt'), POLICY);
    cases.push({
      cls: '8c',
      name: 'policy file of 64 MiB (was 1.8 GiB RSS)',
      inputBytes: statSync(bigPolicy).size,
      args: [
        'check',
        '--offline',
        '--policy-file',
        `good.test=${join(dir, 'good.txt')}`,
        '--policy-file',
        `big.test=${bigPolicy}`,
        '--format',
        'json',
      ],
      expectExit: 1,
      goodJudged: (_run, result) =>
        domainOf(result, 'good.test')?.mtaSts.policy?.mode === 'enforce' &&
        !result?.findings.some((f) => f.domain === 'good.test' && f.severity === 'error'),
      shows: (_run, result) =>
        missing([
          findingsOf(result, 'policy-too-large').some((f) => f.domain === 'big.test'),
          'policy-too-large on big.test',
        ]),
    });
    const noise = join(dir, 'domains.bin');
    const fd = openSync(noise, 'w');
    const block = Buffer.alloc(MiB);
    for (let i = 0; i < 31; i++) writeSync(fd, randomFillSync(block));
    closeSync(fd);
    cases.push({
      cls: '8d',
      name: '--domains-file of 31 MiB random bytes (was 1.1 GiB RSS)',
      inputBytes: statSync(noise).size,
      args: ['check', '--offline', 'good.test', '--domains-file', noise],
      expectExit: 2,
      goodJudged: () => null,
      shows: (run) =>
        missing(
          [oneLineNaming(run, '--domains-file'), 'one line naming --domains-file'],
          [!RAW_CONTROL.test(run.stderr) && run.stderr.length < 4096, 'the bad word escaped and cut'],
        ),
    });
  }

  // Class 10b: --output into a folder that does not exist.
  {
    const dir = join(work, 'c10');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'good.txt'), POLICY);
    const target = join(dir, 'missing', 'out.json');
    cases.push({
      cls: '10b',
      name: '--output into a missing folder (was a stack trace)',
      inputBytes: 0,
      args: [
        'check',
        '--offline',
        '--policy-file',
        `good.test=${join(dir, 'good.txt')}`,
        '--format',
        'json',
        '--output',
        target,
      ],
      expectExit: 2,
      goodJudged: () => null,
      shows: (run) =>
        missing([
          run.stderr === `mta-sts-guard: --output: cannot write ${target}: its folder does not exist\n`,
          'one line naming --output',
        ]),
    });
  }
  return cases;
}
