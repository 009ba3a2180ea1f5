/**
 * Acceptance (issue 4): every real report in the corpus parses, except the draft example that
 * MANIFEST.md marks as not valid JSON, and the per-domain totals equal sums computed here
 * straight from the reports (deduplicated by organization-name and report-id).
 */
/* eslint-disable @typescript-eslint/no-explicit-any -- wire JSON is edited freely to build (bad) inputs */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { loadReports } from '../../src/reports/load.js';
import { CORPUS, quietLogger, windowUpTo } from './helpers.js';

/** Far wider than the corpus (2016 to 2026), so every report is inside the window. */
/** A run in December 2026 with a window reaching back before the oldest corpus report (2016). */
const ALL_DAYS = windowUpTo('2026-12-02', 100_000);

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Independent of src/reports: the report JSON of a file, by the simplest means that works here. */
function rawReports(path: string): unknown[] {
  const text = readFileSync(path, 'latin1');
  if (path.endsWith('.json')) {
    try {
      return [JSON.parse(readFileSync(path, 'utf8'))];
    } catch {
      return [];
    }
  }
  if (!path.endsWith('.eml')) return [];
  const m = /Content-Type: application\/tlsrpt\+gzip[\s\S]*?\r?\n\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(text);
  if (!m) return [];
  return [JSON.parse(gunzipSync(Buffer.from(m[1]!.replace(/\s/g, ''), 'base64')).toString('utf8'))];
}

interface Totals {
  successful: number;
  failed: number;
  byResultType: Record<string, number>;
}

function expectedTotals(): Map<string, Totals> {
  const seen = new Set<string>();
  const totals = new Map<string, Totals>();
  for (const path of files(CORPUS)) {
    for (const r of rawReports(path) as Record<string, any>[]) {
      const key = `${r['organization-name']}|${r['report-id']}`;
      if (seen.has(key)) continue;
      seen.add(key);
      for (const p of r['policies']) {
        const domain = String(p.policy['policy-domain']).toLowerCase();
        const t = totals.get(domain) ?? { successful: 0, failed: 0, byResultType: {} };
        t.successful += Number(p.summary['total-successful-session-count']);
        t.failed += Number(p.summary['total-failure-session-count']);
        for (const d of p['failure-details'] ?? []) {
          t.byResultType[d['result-type']] =
            (t.byResultType[d['result-type']] ?? 0) + Number(d['failed-session-count']);
        }
        totals.set(domain, t);
      }
    }
  }
  return totals;
}

describe('the corpus of real reports', () => {
  it('parses every report file except the draft example that is not valid JSON', async () => {
    const loaded = await loadReports({ paths: [CORPUS] }, ALL_DAYS, quietLogger);
    const invalid = loaded.summary.invalid.map((u) => relative(CORPUS, u.path));
    expect(invalid).toEqual(['rfc8460/draft-ietf-uta-smtp-tlsrpt-23-appendix-B.json']);
    expect(loaded.summary.invalid[0]!.error).toMatch(/not valid JSON/);
    expect(loaded.findings.map((f) => [f.rule, f.severity])).toEqual([['report-invalid', 'warning']]);
    // Every .json and .eml file is read (the .txt draft skeleton is not a report file).
    const reportFiles = files(CORPUS).filter((p) => /\.(json|eml)$/.test(p));
    expect(loaded.summary.files).toBe(reportFiles.length);
    expect(loaded.summary.parsed).toBe(reportFiles.length - 1);
  });

  it('totals per domain equal the sums of the reports themselves, each report counted once', async () => {
    const loaded = await loadReports({ paths: [CORPUS] }, ALL_DAYS, quietLogger);
    const expected = expectedTotals();
    expect([...loaded.byDomain.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [domain, t] of expected) {
      const s = loaded.byDomain.get(domain)!.summary;
      expect({ domain, successful: s.successfulSessions, failed: s.failedSessions }).toEqual({
        domain,
        successful: t.successful,
        failed: t.failed,
      });
      expect(s.byResultType).toEqual(t.byResultType);
    }
    // The three copies of the RFC example share organization and report-id.
    expect(loaded.summary.duplicates).toBe(2);
  });

  it('notes the recorded quirks instead of rejecting them', async () => {
    const loaded = await loadReports({ paths: [CORPUS] }, ALL_DAYS, quietLogger);
    const quirks = loaded.summary.quirks ?? {};
    expect(quirks['date-without-zone']).toBe(2); // Microsoft 2023 e-mail and 2024-03 JSON
    expect(quirks['policy-string-cr']).toBe(1); // Google echoing a CRLF policy
    expect(quirks['policy-string-missing']).toBe(1); // Mail.ru
    expect(quirks['summary-details-mismatch']).toBe(1); // Mail.ru: 1 in summary, 2 in details
    const mismatches = loaded.byDomain.get('example.com')!.summary['mismatches'];
    expect(mismatches).toEqual([
      expect.objectContaining({ reporter: 'Mail.ru', summaryFailed: 1, detailsFailed: 2 }),
    ]);
  });

  it('reads the no-policy-found report of the relayed Google message', async () => {
    const loaded = await loadReports(
      { paths: [join(CORPUS, 'google.com', 'google.com_smtp_tls_report.eml')] },
      ALL_DAYS,
      quietLogger,
    );
    const d = loaded.byDomain.get('cardinalhealth.ca')!;
    expect(d.summary.successfulSessions).toBe(48);
    expect(d.sessionsByMode.none.successful).toBe(48);
  });
});
