/**
 * `mta-sts-guard fix` (DESIGN.md): applies the `fix.edits` of a run's findings to the files, or
 * with --dry-run prints them as one unified diff. The edits come from a results file, which may
 * have travelled (an artifact), so: only files inside the working directory are touched, only
 * regular files, and a file whose sha256 is not the one the run saw is refused, not merged.
 */
import { createHash } from 'node:crypto';
import { realpath, rename, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { applyEdits, type FileEdit } from './core/fix/edit.js';
import { unifiedDiff } from './core/fix/unified-diff.js';
import type { Finding } from './core/findings.js';
import { describeInputProblem, readInputFile } from './input-file.js';

/** A zone or policy file larger than this is no file a fix was computed on (zones are capped lower). */
const MAX_FIX_FILE_BYTES = 64 * 1024 * 1024;

export interface FixOutcome {
  /** The unified diff (dry run) or '' when the edits were written. */
  diff: string;
  /** Files written (or, with --dry-run, that would be). */
  changed: string[];
  /** One line per file that was refused, naming it and why. */
  refused: string[];
}

/** The distinct edits of `findings`, by file: findings on the same lines share one edit. */
export function editsByFile(findings: readonly Finding[]): Map<string, FileEdit[]> {
  const byFile = new Map<string, Map<string, FileEdit>>();
  for (const edit of findings.flatMap((f) => f.fix?.edits ?? [])) {
    const key = JSON.stringify([edit.startLine, edit.endLine, edit.text]);
    const edits = byFile.get(edit.file) ?? new Map<string, FileEdit>();
    edits.set(key, edit);
    byFile.set(edit.file, edits);
  }
  return new Map([...byFile].map(([file, edits]) => [file, [...edits.values()]]));
}

export async function applyFixes(
  findings: readonly Finding[],
  options: { cwd: string; dryRun: boolean },
): Promise<FixOutcome> {
  const outcome: FixOutcome = { diff: '', changed: [], refused: [] };
  const root = await realpath(options.cwd);
  for (const [file, edits] of [...editsByFile(findings)].sort(([a], [b]) => a.localeCompare(b))) {
    const problem = await applyToFile(root, file, edits, options.dryRun, outcome);
    if (problem) outcome.refused.push(`${file}: ${problem}`);
  }
  return outcome;
}

/** Returns why `file` was refused, or null when its edits were applied (or diffed). */
async function applyToFile(
  root: string,
  file: string,
  edits: FileEdit[],
  dryRun: boolean,
  outcome: FixOutcome,
): Promise<string | null> {
  const path = resolve(root, file);
  let real: string;
  try {
    real = await realpath(path);
  } catch {
    return 'no such file';
  }
  const inside = relative(root, real);
  if (inside.startsWith('..') || isAbsolute(inside)) return 'is outside the working directory: not touched';
  const read = await readInputFile(real, MAX_FIX_FILE_BYTES);
  if (read.kind !== 'ok') return describeInputProblem(read, MAX_FIX_FILE_BYTES);
  const text = read.bytes.toString('utf8');
  if (!Buffer.from(text, 'utf8').equals(read.bytes)) return 'is not UTF-8: not edited, so no byte is lost';
  const sha256 = createHash('sha256').update(read.bytes).digest('hex');
  const expected = new Set(edits.map((e) => e.sha256).filter((s): s is string => s !== undefined));
  if ([...expected].some((s) => s !== sha256))
    return 'changed since the run (sha256 differs): run the check again';
  let after: string;
  try {
    after = applyEdits(text, edits);
  } catch (error) {
    return `the edits do not fit the file (${error instanceof Error ? error.message : String(error)})`;
  }
  if (after === text) return null;
  outcome.changed.push(file);
  if (dryRun) {
    outcome.diff += unifiedDiff(file, text, after);
    return null;
  }
  // Written beside it, then renamed over it: a crash never leaves half a zone file.
  const temporary = `${real}.mta-sts-guard-fix`;
  await writeFile(temporary, after);
  await rename(temporary, real);
  return null;
}

/** A results file (JSON contract, schemaVersion 1) is at most this large: 10,000 domains fit. */
const MAX_RESULTS_FILE_BYTES = 256 * 1024 * 1024;

/** The findings of a results file written by `check --format json`; throws naming the file. */
export async function readResultsFindings(path: string): Promise<Finding[]> {
  const read = await readInputFile(path, MAX_RESULTS_FILE_BYTES);
  if (read.kind !== 'ok') throw new Error(`${path} ${describeInputProblem(read, MAX_RESULTS_FILE_BYTES)}`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(read.bytes.toString('utf8'));
  } catch (error) {
    throw new Error(`${path} is not JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const result = parsed as { schemaVersion?: unknown; findings?: unknown };
  if (result.schemaVersion !== 1 || !Array.isArray(result.findings)) {
    throw new Error(`${path} is not an mta-sts-guard results file (schemaVersion 1 with findings)`);
  }
  return (result.findings as Finding[]).filter((f) => validEdits(f.fix?.edits));
}

function validEdits(edits: unknown): boolean {
  if (edits === undefined) return true;
  return (
    Array.isArray(edits) &&
    edits.every(
      (e: Partial<FileEdit>) =>
        typeof e.file === 'string' &&
        Number.isInteger(e.startLine) &&
        Number.isInteger(e.endLine) &&
        typeof e.text === 'string',
    )
  );
}
