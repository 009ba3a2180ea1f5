/**
 * The self-test job of .github/workflows/self-test.yml, run here: scripts/self-test.mjs starts
 * the demo world, runs the built dist/index.js with INPUT_* variables as a runner sets them, and
 * asserts the outputs and the job summary, with the same code the workflow's last step runs.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildAction } from './run-action.js';

const script = fileURLToPath(new URL('../../scripts/self-test.mjs', import.meta.url));

describe('self-test (scripts/self-test.mjs local)', () => {
  it('runs the action against the demo world and passes its assertions', async () => {
    const bundle = await buildAction();
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [script, 'local'],
        { timeout: 90_000, env: { ...process.env, SELF_TEST_BUNDLE: bundle } },
        (error, _stdout, stderr) =>
          resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stderr }),
      );
    });
    expect(stderr).toContain('self-test: passed');
    expect(code).toBe(0);
  }, 120_000);

  it('fails on outputs that do not match (the assertion can fail)', async () => {
    const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      execFile(
        process.execPath,
        [script, 'assert'],
        { env: { ...process.env, OUTPUTS: '{"errors":"0"}', SUMMARY_DIR: '/nonexistent' } },
        (error, _stdout, stderr) => resolve({ code: error ? 1 : 0, stderr }),
      );
    });
    expect(code).toBe(1);
    expect(stderr).toMatch(/output errors is "0"/);
    expect(stderr).toMatch(/no job summary/);
  });
});
