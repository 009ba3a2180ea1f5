/** The headline's facts follow --fail-on and --base exactly as the exit code does. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/core/findings.js';
import { countBySeverity, judgeVerdict } from '../../src/core/verdict.js';

const f = (over: Partial<Finding>): Finding => ({
  rule: 'policy-invalid',
  severity: 'error',
  domain: 'a.example',
  message: 'm',
  mode: 'enforce',
  ...over,
});

describe('judgeVerdict', () => {
  it('fails on an enforce-mode error, counting domains with errors or warnings', () => {
    const v = judgeVerdict(
      [
        f({}),
        f({ domain: 'b.example', severity: 'warning', mode: 'testing' }),
        f({ domain: 'c.example', severity: 'notice' }),
      ],
      10,
    );
    expect(v).toMatchObject({
      failed: true,
      enforceRisk: true,
      compared: false,
      domainsWithProblems: 2,
      domains: 10,
    });
    expect(v.all).toEqual({ error: 1, warning: 1, notice: 1 });
    expect(v.introduced).toEqual(v.all);
    expect(v.existing).toEqual({ error: 0, warning: 0, notice: 0 });
  });

  it('an error outside enforce mode fails without enforce-mode risk; run-level findings count no domain', () => {
    const v = judgeVerdict([f({ mode: null }), f({ domain: null, rule: 'resolver-failed', mode: null })], 2);
    expect(v).toMatchObject({ failed: true, enforceRisk: false, domainsWithProblems: 1, elsewhere: 1 });
  });

  it('follows --fail-on: warnings fail with "warning", nothing fails with "never"', () => {
    const warning = [f({ severity: 'warning', mode: 'testing' })];
    expect(judgeVerdict(warning, 1).failed).toBe(false);
    expect(judgeVerdict(warning, 1, 'warning').failed).toBe(true);
    expect(judgeVerdict([f({})], 1, 'never')).toMatchObject({ failed: false, enforceRisk: false });
  });

  it('--base: errors that existed at the base do not fail the run, and are counted apart', () => {
    const v = judgeVerdict([f({ status: 'existing' }), f({ status: 'existing', severity: 'warning' })], 3);
    expect(v).toMatchObject({ failed: false, enforceRisk: false, compared: true });
    expect(v.introduced).toEqual({ error: 0, warning: 0, notice: 0 });
    expect(v.existing).toEqual({ error: 1, warning: 1, notice: 0 });
    const fresh = judgeVerdict([f({ status: 'new' }), f({ status: 'existing' })], 3);
    expect(fresh).toMatchObject({ failed: true, enforceRisk: true });
    expect(fresh.introduced.error).toBe(1);
  });

  it('countBySeverity of nothing is zeros', () => {
    expect(countBySeverity([])).toEqual({ error: 0, warning: 0, notice: 0 });
  });
});
