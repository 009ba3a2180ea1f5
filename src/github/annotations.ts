/**
 * One annotation per finding at its severity; findings with a location annotate that file and
 * line, so they appear on the pull request diff. GitHub shows at most 10 error, 10 warning and
 * 10 notice annotations per step (and 50 per job): past that, the last slot of a level says how
 * many more there are and points at the job summary.
 */
import { isAbsolute, relative } from 'node:path';
import { RULES, type Finding, type Severity } from '../core/findings.js';
import { splitFileLines, type FileEdit } from '../core/fix/edit.js';

/** GitHub's per-step cap for each annotation level. */
export const ANNOTATIONS_PER_LEVEL = 10;

export interface Annotation {
  level: Severity;
  title: string;
  message: string;
  file?: string;
  startLine?: number;
}

/** A path the runner can match to the checkout: relative to GITHUB_WORKSPACE, forward slashes. */
export function workspacePath(file: string, workspace: string | null): string | null {
  let path = file;
  if (isAbsolute(path)) {
    if (!workspace) return null;
    path = relative(workspace, path);
    if (path.startsWith('..') || isAbsolute(path)) return null;
  }
  return path.replace(/\\/g, '/').replace(/^\.\//, '');
}

/** The file texts edits are shown against; a missing or null entry shows the new lines only. */
export type EditSources = ReadonlyMap<string, { text: string } | null>;

/** Lines of one edit shown in an annotation; the results file and the summary hold all of it. */
const MAX_DIFF_LINES = 12;
/** Edits of one finding shown in its annotation. */
const MAX_EDITS_SHOWN = 3;

/**
 * An edit as diff lines (`-` the lines it replaces, `+` the new ones), so the fix is visible
 * on the pull request even where no review suggestion could be posted (issue 15 item 5).
 */
export function editDiff(edit: FileEdit, sources: EditSources): string {
  const file = sources.get(edit.file);
  const old = file ? splitFileLines(file.text).slice(edit.startLine - 1, edit.endLine) : [];
  const lines = [
    ...old.map((l) => `-${l.content}`),
    ...splitFileLines(edit.text).map((l) => `+${l.content}`),
  ];
  const range =
    edit.endLine < edit.startLine
      ? `insert before line ${edit.startLine}`
      : edit.endLine === edit.startLine
        ? `line ${edit.startLine}`
        : `lines ${edit.startLine}-${edit.endLine}`;
  const shown = lines.slice(0, MAX_DIFF_LINES);
  const more = lines.length - shown.length;
  return [`Edit ${edit.file} ${range}:`, ...shown, ...(more > 0 ? [`(${more} more lines)`] : [])].join('\n');
}

function annotationFor(f: Finding, workspace: string | null, sources: EditSources): Annotation {
  const spec = RULES[f.rule];
  const edits = f.fix?.edits ?? [];
  const message = [
    f.domain ? `${f.domain}: ` : '',
    f.message,
    f.remediation ? `\nFix: ${f.remediation}` : '',
    ...edits.slice(0, MAX_EDITS_SHOWN).map((e) => `\n${editDiff(e, sources)}`),
  ].join('');
  const annotation: Annotation = { level: f.severity, title: `${spec.title} (${f.rule})`, message };
  const file = f.location ? workspacePath(f.location.file, workspace) : null;
  if (f.location && file) {
    annotation.file = file;
    annotation.startLine = Math.max(1, f.location.line);
  }
  return annotation;
}

/**
 * The annotations to emit, at most ANNOTATIONS_PER_LEVEL per level. Findings with a file
 * location go first: on a pull request they are the ones shown on the diff.
 */
export function buildAnnotations(
  findings: readonly Finding[],
  workspace: string | null,
  sources: EditSources = new Map(),
): Annotation[] {
  const out: Annotation[] = [];
  for (const level of ['error', 'warning', 'notice'] as const) {
    const matching = findings
      .filter((f) => f.severity === level)
      .map((f, order) => ({ f, order }))
      .sort((a, b) => Number(!a.f.location) - Number(!b.f.location) || a.order - b.order)
      .map(({ f }) => annotationFor(f, workspace, sources));
    if (matching.length <= ANNOTATIONS_PER_LEVEL) {
      out.push(...matching);
      continue;
    }
    const shown = matching.slice(0, ANNOTATIONS_PER_LEVEL - 1);
    const more = matching.length - shown.length;
    out.push(...shown, {
      level,
      title: `${more} more ${level}s`,
      message: `${more} more ${level} findings are not annotated (GitHub shows ${ANNOTATIONS_PER_LEVEL} per level and step): see the job summary or the JSON result.`,
    });
  }
  return out;
}
