import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isOctodnsConfig, readOctodnsZone, zoneFromYamlFileName } from '../../src/zones/octodns.js';
import { ZoneSyntaxError, type ZoneFileContent } from '../../src/zones/zone-record.js';

const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/zones');

async function readFixture(rel: string): Promise<ZoneFileContent> {
  return readOctodnsZone(rel, await readFile(path.join(FIXTURES, rel), 'utf8'));
}

function summary(content: ZoneFileContent): string[] {
  return content.records
    .filter((r) => r.mx || r.txt !== undefined)
    .map((r) =>
      r.mx
        ? `${r.location.line} ${r.name} MX ${r.mx.preference} ${r.mx.exchange || '.'}`
        : `${r.location.line} ${r.name} ${r.type} ${r.txt}`,
    );
}

function thrown(fn: () => unknown): ZoneSyntaxError {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ZoneSyntaxError);
    return error as ZoneSyntaxError;
  }
  throw new Error('expected a ZoneSyntaxError');
}

describe('octoDNS zone files', () => {
  it('reads a repository zone: lists and single records, \\; unescaped, legacy MX value/priority', async () => {
    const content = await readFixture('own/octodns-repo/zones/example.org.yaml');
    expect(content.apexes).toEqual(['example.org']);
    expect(summary(content)).toEqual([
      '5 example.org MX 10 mx1.example.org',
      '7 example.org MX 20 mx2.example.org',
      '11 example.org TXT v=spf1 mx -all',
      '14 _dmarc.example.org TXT v=DMARC1; p=reject; rua=mailto:dmarc@example.org',
      '17 _mta-sts.example.org TXT v=STSv1; id=20261101',
      '20 _smtp._tls.example.org TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.org',
      '24 billing.example.org MX 10 mx.billing-provider.example',
      '27 billing.example.org TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.org',
      '30 _smtp._tls.billing.example.org TXT v=TLSRPTv1; rua=mailto:tlsrpt@example.org',
    ]);
    expect(content.records.find((r) => r.name === 'mta-sts.example.org')?.type).toBe('CNAME');
  });

  it('reads the Ministry of Justice cica.gov.uk zone (Route53 ALIAS records among them)', async () => {
    const content = await readFixture('corpus/ministryofjustice-dns/hostedzones/cica.gov.uk.yaml');
    expect(summary(content).filter((s) => /MX|_mta-sts|_smtp/.test(s))).toEqual([
      '6 cica.gov.uk MX 0 cica-gov-uk.mail.protection.outlook.com',
      '71 _mta-sts.cica.gov.uk TXT v=STSv1; id=7bd4f1c2d2feafeece15ae01bf67b678',
      '75 _smtp._tls.cica.gov.uk TXT v=TLSRPTv1;rua=mailto:tls-rua@mailcheck.service.ncsc.gov.uk',
    ]);
    expect(content.records.some((r) => r.type === 'ROUTE53PROVIDER/ALIAS')).toBe(true);
  });

  it('accepts a list under `value` (justice.gov.uk) and exchanges without the trailing dot', async () => {
    const content = await readFixture('corpus/ministryofjustice-dns/hostedzones/justice.gov.uk.yaml');
    const mx = summary(content).filter((s) => / (participant|ca)\.justice\.gov\.uk MX/.test(s));
    expect(mx).toEqual([
      '734 ca.justice.gov.uk MX 0 ca-justice-gov-uk.mail.protection.outlook.com',
      '1702 participant.justice.gov.uk MX 10 mxa.eu.mailgun.org',
      '1704 participant.justice.gov.uk MX 10 mxb.eu.mailgun.org',
    ]);
  });

  it('reads a null MX as exchange "" (judiciary.org.uk)', async () => {
    const content = await readFixture('corpus/ministryofjustice-dns/hostedzones/judiciary.org.uk.yaml');
    expect(content.records.find((r) => r.mx)?.mx).toEqual({ preference: 0, exchange: '' });
  });

  const malformed: { name: string; file: string; text: string; line: number; message: RegExp }[] = [
    // octoDNS refuses duplicate names; YAML itself does.
    { name: 'duplicate key', file: 'example.com.yaml', text: '', line: 10, message: /unique/ },
    {
      name: 'record without type',
      file: 'notype.example.com.yaml',
      text: '',
      line: 7,
      message: /has no type/,
    },
    // The MX preference must be a 16-bit number.
    {
      name: 'MX preference',
      file: 'x.example.com.yaml',
      text: "'':\n  type: MX\n  values:\n    - exchange: a.example.com.\n      preference: 10\n    - exchange: b.example.com.\n      preference: high\n",
      line: 6,
      message: /preference/,
    },
    // An MX value needs an exchange.
    {
      name: 'MX exchange',
      file: 'x.example.com.yaml',
      text: "'':\n  type: MX\n  value:\n    preference: 1\n",
      line: 4,
      message: /no exchange/,
    },
    // Top level must be a mapping of names.
    {
      name: 'not a mapping',
      file: 'x.example.com.yaml',
      text: '- a\n- b\n',
      line: 1,
      message: /mapping of names/,
    },
    {
      name: 'neither value nor values',
      file: 'x.example.com.yaml',
      text: '\n_mta-sts:\n  type: TXT\n',
      line: 3,
      message: /neither value/,
    },
    // YAML syntax: a tab cannot indent.
    {
      name: 'bad indentation',
      file: 'x.example.com.yaml',
      text: "'':\n  type: TXT\n\tvalue: x\n",
      line: 3,
      message: /YAML/,
    },
    // The zone comes from the file name.
    {
      name: 'file name',
      file: 'zone.yaml',
      text: "'': {type: TXT, value: x}\n",
      line: 1,
      message: /file name/,
    },
  ];
  it.each(malformed)('refuses $name at line $line', async ({ file, text, line, message }) => {
    const body = text || (await readFile(path.join(FIXTURES, 'own/malformed', file), 'utf8'));
    const error = thrown(() => readOctodnsZone(file, body));
    expect(error.location).toEqual({ file, line });
    expect(error.message).toMatch(message);
  });

  it('takes the zone from <zone>.yaml / .yml only', () => {
    expect(zoneFromYamlFileName('zones/Example.ORG.yaml')).toBe('example.org');
    expect(zoneFromYamlFileName('example.org.yml')).toBe('example.org');
    expect(zoneFromYamlFileName('config.yaml')).toBeNull();
  });

  it('tells octoDNS configuration from zones', async () => {
    const read = (rel: string) => readFile(path.join(FIXTURES, rel), 'utf8');
    expect(isOctodnsConfig(await read('corpus/ministryofjustice-dns/config.yaml'))).toBe(true);
    expect(isOctodnsConfig(await read('own/octodns-repo/config.yaml'))).toBe(true);
    expect(isOctodnsConfig(await read('own/octodns-repo/zones/example.org.yaml'))).toBe(false);
  });
});
