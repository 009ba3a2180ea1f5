/**
 * The repository's own workflows (.github/workflows), dependabot.yml, action.yml and the example
 * workflows of docs/workflows (issue 13): valid against the schemas of @action-validator/core
 * (SchemaStore's workflow and action schemas: YAML, known keys, value types), and every action
 * from another repository pinned by its full commit SHA with the version in a comment.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const root = new URL('../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, root), 'utf8');
const ymls = (dir: string) =>
  readdirSync(new URL(dir, root))
    .filter((f) => f.endsWith('.yml'))
    .map((f) => `${dir}${f}`);
const own = ymls('.github/workflows/');
const examples = ymls('docs/workflows/');

/** `uses: owner/repo[/path]@<40 hex> # vX.Y.Z`: a tag can move, a commit cannot. */
const PINNED = /^\s*(?:-\s+)?uses:\s+[\w.-]+\/[\w./-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+\s*$/;
/** Our own action in the examples: the reference form the README explains (OWNER is the user's fork or the publisher). */
const OURS = /^\s*(?:-\s+)?uses:\s+(?:OWNER|your-org)\/mta-sts-guard@/;

describe('.github/workflows', () => {
  it('holds ci, check-dist, codeql, release and self-test', () => {
    expect(own.map((f) => f.split('/').pop()).sort()).toEqual([
      'check-dist.yml',
      'ci.yml',
      'codeql.yml',
      'release.yml',
      'self-test.yml',
    ]);
  });

  it.each([...own, ...examples])('%s is a valid workflow', (file) => {
    expect(validateWorkflow(read(file)).errors).toEqual([]);
  });

  it.each([...own, ...examples])(
    '%s pins every other repository’s action by commit SHA, version in a comment',
    (file) => {
      const lines = read(file)
        .split('\n')
        .filter((l) => /^\s*(?:-\s+)?uses:/.test(l));
      expect(lines.length).toBeGreaterThan(0);
      for (const line of lines) {
        if (/uses:\s+\.\//.test(line) || OURS.test(line)) continue;
        expect(line).toMatch(PINNED);
      }
    },
  );

  it.each(own)('%s grants contents: read at the top and more only per job', (file) => {
    const workflow = parse(read(file)) as { permissions?: Record<string, string> };
    expect(workflow.permissions).toEqual({ contents: 'read' });
  });

  it('uses one SHA per action across every file (one version to update)', () => {
    const shas = new Map<string, Set<string>>();
    for (const file of [...own, ...examples]) {
      for (const m of read(file).matchAll(/uses:\s+([\w.-]+\/[\w.-]+)[\w./-]*@([0-9a-f]{40})/g)) {
        shas.set(m[1]!, (shas.get(m[1]!) ?? new Set()).add(m[2]!));
      }
    }
    for (const [action, set] of shas) expect([action, set.size]).toEqual([action, 1]);
  });
});

describe('action.yml and dependabot.yml', () => {
  it('action.yml is a valid action on node24', () => {
    // @action-validator/core 0.6's schema predates `using: node24` (it knows node12-node20):
    // the rest of the file is validated with that one value swapped, and node24 asserted apart.
    const text = read('action.yml');
    expect(parse(text)).toMatchObject({ runs: { using: 'node24', main: 'dist/index.js' } });
    expect(validateAction(text.replace("using: 'node24'", "using: 'node20'")).errors).toEqual([]);
  });

  it('dependabot.yml updates npm and the github-actions pins', () => {
    const config = parse(read('.github/dependabot.yml')) as {
      version: number;
      updates: { 'package-ecosystem': string; directory: string }[];
    };
    expect(config.version).toBe(2);
    expect(config.updates.map((u) => u['package-ecosystem']).sort()).toEqual(['github-actions', 'npm']);
  });

  it('the validator rejects an unknown key and a missing runs-on (it can fail)', () => {
    const bad = 'on: push\njobs:\n  a:\n    stepz: []\n';
    expect(validateWorkflow(bad).errors.length).toBeGreaterThan(0);
  });
});
