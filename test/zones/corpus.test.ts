/**
 * Every corpus zone and policy file we may redistribute (see test/fixtures/NOTICE.md),
 * judged offline as a PR check would: each is read (or refused with a message), and the
 * misconfigurations the corpus MANIFEST lists are reported wherever a rule covers them.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../src/check.js';
import { defaultConfig, type Config } from '../../src/config.js';
import type { Finding } from '../../src/core/findings.js';
import type { CheckResult } from '../../src/core/result.js';
import { silentLogger, type Logger } from '../../src/ports.js';

const CORPUS = path.resolve(import.meta.dirname, '../fixtures/zones/corpus');
const clock = { now: () => new Date('2026-11-22T12:00:00Z') };

async function run(config: Partial<Config>, logger: Logger = silentLogger): Promise<CheckResult> {
  return check({ ...defaultConfig(), offline: true, ...config }, { clock, logger });
}

const line = (f: Finding) =>
  `${f.rule} ${f.domain} ${path.basename(f.location?.file ?? '-')}:${f.location?.line ?? '-'}`;

describe('corpus zone files', () => {
  let result: CheckResult;
  const warnings: string[] = [];
  beforeAll(async () => {
    result = await run(
      { zones: [`${CORPUS}/ministryofjustice-dns/**/*.yaml`, `${CORPUS}/stackexchange-dnscontrol/*`] },
      { ...silentLogger, warning: (m) => warnings.push(m) },
    );
  });

  it('reads every file: no zone-parse-error; the octoDNS config is skipped with a message', () => {
    expect(result.findings.filter((f) => f.rule === 'zone-parse-error')).toEqual([]);
    expect(warnings).toEqual([
      expect.stringMatching(/config\.yaml is an octoDNS configuration file, not a zone; skipped/),
    ]);
  });

  it('judges every domain that publishes _mta-sts or _smtp._tls, and no other', () => {
    expect(result.domains.map((d) => d.domain)).toEqual([
      'administrativecourtoffice.justice.gov.uk',
      'ccrc.gov.uk',
      'cica.gov.uk',
      'cicap.gov.uk',
      'cjscp.justice.gov.uk',
      'cshrcasework.justice.gov.uk',
      'example.org',
      'fred.example.org',
      'gladys.example.org',
      'hmiprisons.gov.uk',
      'judiciary.org.uk',
      'justice.gov.uk',
      'mailtest.example.org',
      'mappa.justice.gov.uk',
      'yjb.gov.uk',
      'yjbservices.yjb.gov.uk',
      'yjbservicespp.yjb.gov.uk',
      'youthjusticepp.yjb.gov.uk',
    ]);
  });

  it('reports what the MANIFEST lists, on the right lines', () => {
    expect(result.findings.map(line).sort()).toEqual([
      // ccrc.gov.uk: MTA-STS and TLS-RPT published for a zone with no MX at all.
      'mx-missing ccrc.gov.uk ccrc.gov.uk.yaml:20',
      // judiciary.org.uk: parked (null MX) plus a _smtp._tls record.
      'mx-null judiciary.org.uk judiciary.org.uk.yaml:6',
      // cicap.gov.uk: TLS-RPT only, no _mta-sts.
      'sts-record-missing cicap.gov.uk cicap.gov.uk.yaml:33',
      // justice.gov.uk: _smtp._tls at cjscp and mappa (neither has an MX nor _mta-sts).
      'sts-record-missing cjscp.justice.gov.uk justice.gov.uk.yaml:595',
      // example.org: the gladys/fred/mailtest subdomains have MX and TLS-RPT but no _mta-sts. The
      // generated rendering (example.org.zone.zone) describes the same names, so its records join
      // the same domains (one finding each, at the first file's line).
      'sts-record-missing fred.example.org example.org.zone:899',
      'sts-record-missing gladys.example.org example.org.zone:878',
      'sts-record-missing judiciary.org.uk judiciary.org.uk.yaml:33',
      'sts-record-missing mailtest.example.org example.org.zone:1072',
      'sts-record-missing mappa.justice.gov.uk justice.gov.uk.yaml:603',
      // yjb.gov.uk: _smtp._tls.yjbservices, a leftover next to yjbservicespp.
      'sts-record-missing yjbservices.yjb.gov.uk yjb.gov.uk.yaml:115',
    ]);
  });

  it('shows the proposed records of a clean domain offline (cica.gov.uk)', () => {
    const cica = result.domains.find((d) => d.domain === 'cica.gov.uk')!;
    expect(cica.mtaSts.record).toEqual({
      raw: 'v=STSv1; id=7bd4f1c2d2feafeece15ae01bf67b678',
      id: '7bd4f1c2d2feafeece15ae01bf67b678',
    });
    expect(cica.tlsRpt.record?.rua).toEqual(['mailto:tls-rua@mailcheck.service.ncsc.gov.uk']);
    expect(cica.mx.map((m) => m.host)).toEqual(['cica-gov-uk.mail.protection.outlook.com']);
  });
});

describe('corpus policy files', () => {
  const rows: [string, string[]][] = [
    // The CDDO template's `mx: .` placeholder matches no host.
    ['co-cddo-mta-sts-template', ['policy-invalid error mta-sts.txt:4']],
    // Still in testing since 2024, max_age one day.
    [
      'co-cddo-digital',
      ['policy-max-age-short notice mta-sts.txt:3', 'policy-mode-testing notice mta-sts.txt:2'],
    ],
    [
      'cabinetoffice',
      ['policy-max-age-short notice mta-sts.txt:3', 'policy-mode-testing notice mta-sts.txt:2'],
    ],
    // Hand-edited, enforce, CRLF with a final CRLF: clean.
    ['co-cddo-gc3', []],
    // LF line endings are silent (DESIGN.md); the earlier one is in testing.
    ['melvyndekort-email-infra', []],
    ['melvyndekort-mta-sts', ['policy-mode-testing notice mta-sts.txt:2']],
  ];
  it.each(rows)('%s', async (folder, want) => {
    const result = await run({
      policyFiles: [{ domain: 'example.com', path: `${CORPUS}/policy/${folder}/mta-sts.txt` }],
    });
    const got = result.findings.map(
      (f) => `${f.rule} ${f.severity} ${path.basename(f.location?.file ?? '-')}:${f.location?.line ?? '-'}`,
    );
    expect(got.sort()).toEqual(want);
  });
});
