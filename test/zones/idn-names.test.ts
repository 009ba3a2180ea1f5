/**
 * Issue 10 item 7: a U-label domain (`bücher.example`) is accepted wherever a domain is, and
 * becomes its A-label (`xn--bcher-kva.example`), so both spellings name one domain.
 */
import { describe, expect, it } from 'vitest';
import { normalizeDomain, parseDomainList, parsePolicyFileSpec } from '../../src/config.js';
import { originFromFileName, readBindZone } from '../../src/zones/bind.js';
import { readDnscontrolIr } from '../../src/zones/dnscontrol-ir.js';
import { groupProposed } from '../../src/zones/group.js';
import { readOctodnsZone, zoneFromYamlFileName } from '../../src/zones/octodns.js';
import { readZoneFile } from '../../src/zones/read-zone.js';
import { ZoneSyntaxError, type ZoneFileContent } from '../../src/zones/zone-record.js';

const A = 'xn--bcher-kva.example';

function rows(content: ZoneFileContent): string[] {
  return content.records.map(
    (r) =>
      `${r.location.line} ${r.name} ${r.type} ${r.mx ? `${r.mx.preference} ${r.mx.exchange}` : (r.txt ?? '')}`,
  );
}

async function thrown(run: () => unknown): Promise<ZoneSyntaxError> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => null,
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(ZoneSyntaxError);
  return error as ZoneSyntaxError;
}

describe('configuration inputs', () => {
  it('turns arguments, domains-file lines and --policy-file domains into A-labels', () => {
    expect(normalizeDomain('DOMAIN', 'Bücher.Example.')).toBe(A);
    expect(normalizeDomain('DOMAIN', A)).toBe(A);
    expect(parseDomainList('--domains-file', `bücher.example\n${A} # the same\nmünchen.de\n`)).toEqual([
      A,
      A,
      'xn--mnchen-3ya.de',
    ]);
    expect(parsePolicyFileSpec('--policy-file', 'bücher.example=policies/mta-sts.txt')).toEqual({
      domain: A,
      path: 'policies/mta-sts.txt',
    });
  });

  it('refuses a name with no A-label form, naming the input and why', () => {
    expect(() => normalizeDomain('DOMAIN', 'bü%41.example')).toThrow(
      `DOMAIN: 'bü%41.example' is not a domain name: the label "bü%41" contains "%"`,
    );
    expect(() => normalizeDomain('DOMAIN', 'a\u200db.example')).toThrow(
      /not a valid internationalized label/,
    );
    expect(() => parseDomainList('--domains-file', 'example.com\na\u200db.example\n')).toThrow(
      /--domains-file: line 2: 'a\u200db\.example' is not a domain name: the label .* \(UTS #46\)/,
    );
  });
});

describe('BIND', () => {
  it('reads $ORIGIN, owner names and exchanges written as U-labels as A-labels', async () => {
    const text = [
      '$ORIGIN bücher.example.',
      '@ 3600 IN MX 10 mail.bücher.example.',
      '_mta-sts IN TXT "v=STSv1; id=1"',
      '_smtp._tls.bücher.example. IN TXT "v=TLSRPTv1; rua=mailto:r@bücher.example"',
      'www IN MX 5 mx',
    ].join('\n');
    const content = await readBindZone(
      { display: 'zone.txt', abs: '/nowhere/zone.txt' },
      text,
      async () => null,
    );
    expect(content.apexes).toEqual([A]);
    expect(rows(content)).toEqual([
      `2 ${A} MX 10 mail.${A}`,
      `3 _mta-sts.${A} TXT v=STSv1; id=1`,
      `4 _smtp._tls.${A} TXT v=TLSRPTv1; rua=mailto:r@bücher.example`,
      `5 www.${A} MX 5 mx.${A}`,
    ]);
  });

  it('takes the origin from a U-label file name', () => {
    expect(originFromFileName('zones/db.bücher.example')).toBe(A);
    expect(originFromFileName('bücher.example.zone')).toBe(A);
  });

  it('refuses a U-label with no A-label form at its line', async () => {
    const text = '$ORIGIN example.com.\n@ IN MX 10 mail\nbad\u200dname IN MX 10 mail\n';
    const error = await thrown(() =>
      readBindZone({ display: 'db.example.com', abs: '/nowhere/db.example.com' }, text, async () => null),
    );
    expect(error.location).toEqual({ file: 'db.example.com', line: 3 });
    expect(error.message).toMatch(/'bad\u200dname' is not a domain name: .*UTS #46/);
  });
});

describe('octoDNS', () => {
  it('takes the zone from a U-label file name and reads U-label keys and exchanges', () => {
    expect(zoneFromYamlFileName('zones/bücher.example.yaml')).toBe(A);
    const yaml = [
      "'':",
      '  type: MX',
      '  value: {exchange: mail.bücher.example., preference: 10}',
      '_mta-sts:',
      '  type: TXT',
      '  value: v=STSv1\\; id=1',
      'pöst:',
      '  type: MX',
      '  value: {exchange: mail.bücher.example., preference: 5}',
    ].join('\n');
    const content = readOctodnsZone('zones/bücher.example.yaml', yaml);
    expect(content.apexes).toEqual([A]);
    expect(rows(content)).toEqual([
      `3 ${A} MX 10 mail.${A}`,
      `6 _mta-sts.${A} TXT v=STSv1; id=1`,
      `9 xn--pst-sna.${A} MX 5 mail.${A}`,
    ]);
  });

  it('refuses a key with no A-label form at its line', async () => {
    const yaml =
      "'':\n  type: MX\n  value: {exchange: mx.example.com., preference: 1}\n'a\u200db':\n  type: A\n  value: 192.0.2.1\n";
    const error = await thrown(() => readOctodnsZone('zones/example.com.yaml', yaml));
    expect(error.location.line).toBe(4);
  });
});

describe('DNSControl IR', () => {
  it('reads a U-label domain name and record names as A-labels', () => {
    const ir = JSON.stringify(
      {
        domains: [
          {
            name: 'bücher.example',
            records: [
              { type: 'MX', name: '@', target: 'mail.bücher.example.', mxpreference: 10 },
              { type: 'TXT', name: '_mta-sts', target: 'v=STSv1; id=1' },
            ],
          },
        ],
      },
      null,
      2,
    );
    const content = readDnscontrolIr('dnscontrol-ir.json', ir);
    expect(content.apexes).toEqual([A]);
    expect(rows(content)).toEqual([`6 ${A} MX 10 mail.${A}`, `12 _mta-sts.${A} TXT v=STSv1; id=1`]);
  });

  it('refuses a domain name with no A-label form at its line', async () => {
    const ir = '{"domains": [\n{"name": "a\u200db.example", "records": []}\n]}';
    const error = await thrown(() => readDnscontrolIr('ir.json', ir));
    expect(error.location).toEqual({ file: 'ir.json', line: 2 });
  });
});

describe('pairing', () => {
  it('pairs a U-label --policy-file domain with the A-label records of a zone', async () => {
    const zone = await readZoneFile(
      { display: 'db.xn--bcher-kva.example', abs: '/nowhere/db.xn--bcher-kva.example' },
      'bind',
      '@ IN MX 10 mail.other.example.\n',
      async () => null,
    );
    const grouped = groupProposed(
      [zone],
      [parsePolicyFileSpec('--policy-file', 'bücher.example=p.txt').domain],
    );
    expect([...grouped.keys()]).toEqual([A]);
    expect(grouped.get(A)?.mx.map((m) => m.value.exchange)).toEqual(['mail.other.example']);
  });
});
