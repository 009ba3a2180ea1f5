/**
 * Headless Chromium (Debian's `chromium`, installed by scripts/ensure-test-deps.mjs like
 * unbound): one run measures the page, a second takes the screenshot at that size.
 * `--no-sandbox` only because the tests run as root (Chromium refuses its sandbox there); it
 * has nothing to do with TLS, and the pages are local files with no network access.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One Chromium run may take this long (a cold start on a busy 2-core machine takes a few seconds). */
const CHROMIUM_TIMEOUT_MS = 60_000;

export const CHROMIUM = process.env['MTA_STS_GUARD_CHROMIUM'] ?? 'chromium';

export function chromiumVersion(): string | null {
  const run = spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: CHROMIUM_TIMEOUT_MS });
  return run.status === 0 ? run.stdout.trim() : null;
}

function chromium(args: string[], page: string): string {
  const profile = mkdtempSync(join(tmpdir(), 'mta-sts-guard-chromium-'));
  try {
    const run = spawnSync(
      CHROMIUM,
      [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--hide-scrollbars',
        '--no-first-run',
        '--force-device-scale-factor=1',
        `--user-data-dir=${profile}`,
        ...args,
        pathToFileURL(page).href,
      ],
      { encoding: 'utf8', timeout: CHROMIUM_TIMEOUT_MS, maxBuffer: 64 * 1024 * 1024 },
    );
    if (run.status !== 0) {
      throw new Error(
        `${CHROMIUM} failed (${run.error?.message ?? `exit ${run.status}`}): ${run.stderr.slice(-2000)}`,
      );
    }
    return run.stdout;
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The page's height in CSS pixels at `width` (pages.ts writes it into body[data-height]). */
export function pageHeight(page: string, width: number): number {
  const dom = chromium(['--dump-dom', `--window-size=${width},800`], page);
  const height = /data-height="(\d+)"/.exec(dom);
  if (!height) throw new Error(`could not measure ${page}: no data-height in the DOM`);
  return Number(height[1]);
}

/** A PNG of the page's top `height` pixels at `width`. */
export function screenshot(page: string, png: string, width: number, height: number): void {
  chromium([`--screenshot=${png}`, `--window-size=${width},${height}`], page);
}
