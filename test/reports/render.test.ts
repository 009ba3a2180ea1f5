/** Text and markdown blocks for one domain's reports. */
import { describe, expect, it } from 'vitest';
import { aggregateReports } from '../../src/core/aggregate.js';
import { parseReport } from '../../src/core/report.js';
import { renderReportsMarkdown } from '../../src/render/markdown-reports.js';
import { renderReportsText, sparkline } from '../../src/render/text-reports.js';
import { report, windowUpTo } from './helpers.js';

function summary() {
  const days = ['2024-02-14', '2024-02-15', '2024-02-17'];
  const typed = days.map((day, i) => {
    const r = parseReport(
      report({
        id: day,
        day,
        successful: 10 * (i + 1),
        details: [{ type: 'certificate-expired', count: i }],
      }),
    );
    if (!r.ok) throw new Error(r.error);
    return r.report;
  });
  return aggregateReports(typed, windowUpTo('2024-02-17')).byDomain.get('example.com')!.summary;
}

describe('sparkline', () => {
  it('scales to the largest day and marks days without a report', () => {
    expect(sparkline([0, 5, 10, null])).toBe('▁▅█·');
    expect(sparkline([0, 0])).toBe('▁▁');
  });
});

describe('renderReportsText', () => {
  it('shows sessions, failure rate, result types, MX, reporters and the per-day line', () => {
    const lines = renderReportsText(summary());
    expect(lines[0]).toBe('  TLS-RPT: 3 report(s) from 1 organization(s), 2024-02-14 to 2024-02-17');
    expect(lines.join('\n')).toMatch(/sessions +63 \(60 successful, 3 failed = 4\.8 %\)/);
    expect(lines.join('\n')).toMatch(/result types +certificate-expired 3/);
    expect(lines.join('\n')).toMatch(/per day +sessions ▃▆·█ +failed ▁▅·█/);
  });
});

describe('renderReportsMarkdown', () => {
  it('has a table and a Mermaid xychart of the days', () => {
    const md = renderReportsMarkdown('example.com', summary());
    expect(md).toMatch(/\| 3 \| 63 \| 3 \(4\.8 %\) \| `certificate-expired` 3 \|/);
    expect(md).toMatch(
      /```mermaid\n%%\{init: .*\}%%\nxychart-beta\n {2}title "TLS sessions per day: example.com"/,
    );
    // Axis titles, and a legend under the chart (Mermaid's xychart draws none).
    expect(md).toContain('x-axis "day (UTC, month-day)" ["02-14", "02-15", "02-16", "02-17"]');
    expect(md).toContain('y-axis "TLS sessions" 0 --> 32');
    expect(md).toContain('🟦 bars: all TLS sessions reported that day · 🟥 line: failed sessions');
    expect(md).toContain('bar [10, 21, 0, 32]');
    expect(md).toContain('line [0, 1, 0, 2]');
  });
});
