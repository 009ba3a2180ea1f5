/**
 * Smoke test of bench/live-scale (issue 11): a tiny world through the built CLI. It checks that
 * the benchmark runs and prints its figures; the targets themselves live in `npm run bench`,
 * never in a timed test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runLiveScale } from '../../bench/live-scale/run.js';
import { defaultPolicyPort } from '../harness/https-server.js';
import { defaultSmtpPort } from '../harness/smtp-servers.js';
import { buildCli, type BuiltCli } from '../integration/built-cli.js';

describe('bench/live-scale', () => {
  let cli: BuiltCli;
  beforeAll(async () => {
    cli = await buildCli();
  });
  afterAll(async () => {
    await cli.remove();
  });

  it('serves a small world through the delay proxy and prints every figure', async () => {
    const lines: string[] = [];
    const ok = await runLiveScale({
      root: process.cwd(),
      n: 4,
      repeat: 1,
      nodeBin: process.execPath,
      cli: cli.path,
      smtpPort: defaultSmtpPort(),
      policyPort: defaultPolicyPort(),
      log: (line) => lines.push(line),
    });
    const text = lines.join('\n');
    expect(ok, text).toBe(true);
    expect(text).toMatch(/A R=20ms c=64 .*wall \d+\.\d+ s, CPU \d+\.\d+ ms\/domain, peak RSS \d+ MiB/);
    expect(text).toMatch(/B R=0 +c=64 .*wall \d+\.\d+ s/);
    expect(text).toMatch(/bound \d+\.\d+ s .*wall\/bound \d+\.\d/);
    expect(text).toMatch(/C R=20ms c=256 t=3.*findings 0, timeouts 0, exit 0/);
    expect(text).toMatch(/load average/);
  }, 120_000);
});
