/**
 * Issue 14 item 6: the README's pictures. The example job summary (scripts/examples) rendered to
 * HTML with a GitHub-like stylesheet and the example text output in a terminal-like page, each
 * photographed by headless Chromium into docs/img. Pixels may differ between machines and
 * fonts, so the test checks that each file is a real PNG of the requested size with content, not
 * that it is identical to the committed one.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { renderExamples } from '../../scripts/examples/render-examples.js';
import { chromiumVersion, pageHeight, screenshot, CHROMIUM } from './screenshot/chromium.js';
import { summaryHtml, terminalHtml } from './screenshot/pages.js';

const WIDTH = 1000;
/** The summary's top (verdict, domains at risk, fixes, the first findings): what the README shows. */
const SUMMARY_MAX_HEIGHT = 1800;
const TEXT_MAX_HEIGHT = 3000;
/** A blank or broken page compresses to a few kB; a page of text and tables is far larger. */
const MIN_PNG_BYTES = 30_000;

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function pngSize(file: string): { width: number; height: number; bytes: number } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE), `${file} is not a PNG`).toBe(true);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20), bytes: png.length };
}

const work = mkdtempSync(join(tmpdir(), 'mta-sts-guard-shots-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('docs/img screenshots', () => {
  it('has headless Chromium (scripts/ensure-test-deps.mjs installs it on CI)', () => {
    expect(
      chromiumVersion(),
      `${CHROMIUM} is missing: run \`MTA_STS_GUARD_INSTALL_TEST_DEPS=1 node scripts/ensure-test-deps.mjs\` as root`,
    ).toMatch(/Chromium/);
  });

  it('photographs the job summary rendered as GitHub does into docs/img/summary.png', async () => {
    const { summary } = await renderExamples();
    const html = summaryHtml(summary);
    // The page is the summary: verdict, at-risk table, fixes and a chart drawn from the Mermaid block.
    expect(html).toContain('<h2>mta-sts-guard: ❌ FAIL');
    expect(html).toContain('<th>What breaks</th>');
    expect(html).toContain('<svg');
    expect(html).not.toContain('xychart-beta');
    const page = join(work, 'summary.html');
    writeFileSync(page, html);
    const height = Math.min(SUMMARY_MAX_HEIGHT, pageHeight(page, WIDTH));
    expect(height).toBeGreaterThan(600);
    mkdirSync('docs/img', { recursive: true });
    screenshot(page, 'docs/img/summary.png', WIDTH, height);
    const png = pngSize('docs/img/summary.png');
    expect(png).toMatchObject({ width: WIDTH, height });
    expect(png.bytes).toBeGreaterThan(MIN_PNG_BYTES);
  }, 180_000);

  it('photographs the text output in a terminal into docs/img/text.png', async () => {
    const { text } = await renderExamples();
    const page = join(work, 'text.html');
    writeFileSync(
      page,
      terminalHtml(text, '$ mta-sts-guard check --offline --zone … --policy-file … --reports …'),
    );
    const height = Math.min(TEXT_MAX_HEIGHT, pageHeight(page, WIDTH));
    expect(height).toBeGreaterThan(300);
    screenshot(page, 'docs/img/text.png', WIDTH, height);
    const png = pngSize('docs/img/text.png');
    expect(png).toMatchObject({ width: WIDTH, height });
    expect(png.bytes).toBeGreaterThan(MIN_PNG_BYTES);
  }, 180_000);
});
