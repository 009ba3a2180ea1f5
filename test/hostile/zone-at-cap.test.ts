/**
 * Issue 9 class 8, found by `BENCH_ONLY=hostile npm run bench`: an 8 MiB BIND zone (the cap) of
 * 230,000 records peaked at 443 MiB RSS, over the 400 MiB promised for inputs of 64 MiB or less,
 * because the whole file was lexed into token objects before the first record was read. The
 * lexer now hands out one entry at a time. Here: that it is lazy, and that a zone at the cap of
 * the densest kind (one short A record a line) is judged beside a good zone through the built
 * CLI (its peak RSS is measured in the bench, not here).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult } from '../../src/core/result.js';
import { MAX_ZONE_FILE_BYTES } from '../../src/input-file.js';
import { bindEntries } from '../../src/zones/bind-tokens.js';
import { MAX_OCTODNS_FILE_BYTES, readOctodnsZone } from '../../src/zones/octodns.js';
import type { ZoneSyntaxError } from '../../src/zones/zone-record.js';
import { buildCli, runCli, type BuiltCli, type CliRun } from '../integration/built-cli.js';

const LIMIT_MS = 30_000;
const head = (domain: string): string =>
  `$ORIGIN ${domain}.\n$TTL 3600\n@ IN MX 10 mx.${domain}.\n_mta-sts IN TXT "v=STSv1; id=1"\n`;

/** A zone of one short A record a line, as many as fit under the cap. */
function densestZone(domain: string): string {
  const lines = [head(domain)];
  let bytes = lines[0]!.length;
  for (let i = 0; ; i++) {
    const line = `${i.toString(36)} A 192.0.2.1\n`;
    if (bytes + line.length > MAX_ZONE_FILE_BYTES) break;
    lines.push(line);
    bytes += line.length;
  }
  return lines.join('');
}

describe('the BIND lexer (issue 9 class 8)', () => {
  it('hands out entries one at a time: the first comes before the end of the file is lexed', () => {
    const entries = bindEntries('a A 192.0.2.1\nb A 192.0.2.2\nc TXT ( "never closed"\n');
    expect(entries.next().value).toMatchObject({
      line: 1,
      tokens: [{ raw: 'a' }, { raw: 'A' }, { raw: '192.0.2.1' }],
    });
    expect(entries.next().value).toMatchObject({ line: 2 });
    expect(() => entries.next()).toThrow("'(' is never closed");
  });
});

describe('a zone at the 8 MiB cap, through the built CLI (issue 9 class 8)', () => {
  let cli: BuiltCli;
  let dir: string;
  let run: CliRun;
  let result: CheckResult;

  beforeAll(async () => {
    cli = await buildCli();
    dir = await mkdtemp(join(tmpdir(), 'mta-sts-guard-hostile-zone-cap-'));
    await writeFile(join(dir, 'db.dense.test'), densestZone('dense.test'));
    await writeFile(join(dir, 'db.good.test'), head('good.test'));
    run = await runCli(
      cli.path,
      ['check', '--offline', '--zone', join(dir, 'db.*'), '--format', 'json'],
      {},
      LIMIT_MS,
    );
    result = JSON.parse(run.stdout) as CheckResult;
  }, 60_000);

  afterAll(async () => {
    await cli?.remove();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('is read whole and judged beside the good zone, within the file limit', () => {
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.ms).toBeLessThan(LIMIT_MS);
    expect(result.findings.filter((f) => f.rule === 'zone-parse-error')).toEqual([]);
    expect(result.domains.map((d) => d.domain)).toEqual(['dense.test', 'good.test']);
  });
});

describe('octoDNS YAML at and over its cap (issue 9 class 8)', () => {
  /** `count` names of one A record each, in the flow style a generator writes. */
  const names = (count: number, extra = ''): string =>
    `'':\n  type: MX\n  value: {exchange: mx.big.test., preference: 10}\n${extra}` +
    Array.from({ length: count }, (_, i) => `h${i.toString(36)}: {type: A, value: 192.0.2.1}\n`).join('');

  it('reads a file just under MAX_OCTODNS_FILE_BYTES whole (the duplicate check is one pass)', () => {
    const text = names(14_000);
    expect(text.length).toBeLessThan(MAX_OCTODNS_FILE_BYTES);
    expect(readOctodnsZone('big.test.yaml', text).records).toHaveLength(14_001);
  });

  it('still finds a duplicate name, at its line', () => {
    const text = names(14_000, 'h0: {type: TXT, value: x}\n');
    expect(() => readOctodnsZone('big.test.yaml', text)).toThrow(/unique/);
    try {
      readOctodnsZone('big.test.yaml', text);
    } catch (error) {
      expect((error as ZoneSyntaxError).location.line).toBe(5);
    }
  });

  it('refuses a larger file, saying its limit', () => {
    expect(() => readOctodnsZone('big.test.yaml', names(20_000))).toThrow(
      `is larger than the limit of ${MAX_OCTODNS_FILE_BYTES} bytes for an octoDNS YAML file`,
    );
  });
});
