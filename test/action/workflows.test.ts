/** The example workflows in docs/workflows stay valid against action.yml as it changes. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const dir = new URL('../../docs/workflows/', import.meta.url);
const action = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as {
  inputs: Record<string, unknown>;
};
const files = readdirSync(dir).filter((f) => f.endsWith('.yml'));

interface Step {
  uses?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: unknown;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

describe('docs/workflows', () => {
  it('has the four flows of issue 5', () => {
    expect(files.sort()).toEqual(['matrix-shards.yml', 'nightly.yml', 'pr-check.yml', 'report-artifact.yml']);
  });

  it.each(files)('%s: has a permissions block, and uses only inputs action.yml declares', (file) => {
    const workflow = parse(readFileSync(new URL(file, dir), 'utf8')) as Workflow;
    expect(workflow.permissions?.['contents']).toBe('read');
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const ours = steps.filter((s) => s.uses?.startsWith('OWNER/mta-sts-guard@'));
    expect(ours.length).toBeGreaterThan(0);
    for (const step of ours) {
      for (const input of Object.keys(step.with ?? {})) expect(action.inputs).toHaveProperty([input]);
      const opensIssues =
        step.with?.['open-issues'] !== false && !JSON.stringify(workflow.on).includes('pull_request');
      if (opensIssues) expect(workflow.permissions?.['issues']).toBe('write');
      if (step.with?.['reports-artifact']) expect(workflow.permissions?.['actions']).toBe('read');
    }
  });
});
