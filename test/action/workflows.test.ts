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
  jobs: Record<string, Job>;
}
interface Job {
  steps: Step[];
  permissions?: Record<string, string>;
  needs?: string | string[];
  if?: string;
  strategy?: { matrix?: Record<string, unknown> };
}

describe('docs/workflows', () => {
  it('has the four flows of issue 5', () => {
    expect(files.sort()).toEqual(['matrix-shards.yml', 'nightly.yml', 'pr-check.yml', 'report-artifact.yml']);
  });

  it.each(files)('%s: has a permissions block, and uses only inputs action.yml declares', (file) => {
    const workflow = parse(readFileSync(new URL(file, dir), 'utf8')) as Workflow;
    expect(workflow.permissions?.['contents']).toBe('read');
    const jobs = Object.values(workflow.jobs);
    const ours = jobs.flatMap((job) =>
      job.steps.filter((s) => s.uses?.startsWith('OWNER/mta-sts-guard@')).map((step) => ({ job, step })),
    );
    expect(ours.length).toBeGreaterThan(0);
    for (const { job, step } of ours) {
      // A job's permissions replace the workflow's.
      const permissions = job.permissions ?? workflow.permissions;
      for (const input of Object.keys(step.with ?? {})) expect(action.inputs).toHaveProperty([input]);
      const opensIssues =
        step.with?.['open-issues'] !== false &&
        step.with?.['mode'] !== 'shard' &&
        !JSON.stringify(workflow.on).includes('pull_request');
      if (opensIssues) expect(permissions?.['issues']).toBe('write');
      else expect(permissions?.['issues']).not.toBe('write'); // least privilege
      if (step.with?.['reports-artifact']) expect(permissions?.['actions']).toBe('read');
      // Review suggestions (issue 15) are posted on pull requests only.
      const onPullRequests = JSON.stringify(workflow.on).includes('pull_request');
      if (onPullRequests && step.with?.['suggest-fixes'] !== false)
        expect(permissions?.['pull-requests']).toBe('write');
      else expect(permissions?.['pull-requests']).not.toBe('write');
    }
  });

  it('matrix-shards.yml: shard jobs upload results, one merge job needs them all (issue 12)', () => {
    const workflow = parse(readFileSync(new URL('matrix-shards.yml', dir), 'utf8')) as Workflow;
    const shard = workflow.jobs['shard']!;
    const merge = workflow.jobs['merge']!;
    const matrix = shard.strategy?.matrix?.['shard'] as number[];
    const guard = shard.steps.find((s) => s.uses?.startsWith('OWNER/mta-sts-guard@'))!;
    expect(guard.with).toMatchObject({
      mode: 'shard',
      shard: `\${{ matrix.shard }}/${matrix.length}`,
      'json-file': 'results-${{ matrix.shard }}.json',
    });
    const upload = shard.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'))!;
    expect(upload.with).toMatchObject({ path: 'results-${{ matrix.shard }}.json' });
    expect(shard.permissions?.['issues']).toBeUndefined();

    expect(merge.needs).toBe('shard');
    expect(merge.if).toBe('always()');
    expect(merge.permissions?.['issues']).toBe('write');
    const download = merge.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))!;
    expect(download.with).toMatchObject({ pattern: 'results-*', 'merge-multiple': true });
    const merging = merge.steps.find((s) => s.uses?.startsWith('OWNER/mta-sts-guard@'))!;
    expect(merging.with?.['merge-results']).toBe(`${String(download.with?.['path'])}/results-*.json`);
  });
});
