/**
 * The working-tree files that a run's `fix.edits` name, read once for the PR suggestions (which
 * compare each with the pull request head by git blob id) and the annotations (which show the
 * lines an edit replaces). Bounded: an edit is only ever computed on a file the run read, and
 * those are zone and policy files far below the limit.
 */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Finding } from '../core/findings.js';
import type { WorkingFile } from '../core/suggest/suggestions.js';

/** Larger files are not read again: a suggestion or a diff for them is not shown. */
export const MAX_EDITED_FILE_BYTES = 4 * 1024 * 1024;

/** Git's id of a blob: sha1 over `blob <length>\0` and the bytes. */
export function gitBlobSha(bytes: Uint8Array): string {
  return createHash('sha1').update(`blob ${bytes.length}\0`).update(bytes).digest('hex');
}

/** Each file named by an edit (as the edit names it), or null when it cannot be read. */
export async function readEditedFiles(
  findings: readonly Finding[],
  cwd: string,
): Promise<Map<string, WorkingFile | null>> {
  const files = new Map<string, WorkingFile | null>();
  for (const f of findings) {
    for (const edit of f.fix?.edits ?? []) {
      if (files.has(edit.file)) continue;
      files.set(edit.file, await readOne(resolve(cwd, edit.file)));
    }
  }
  return files;
}

async function readOne(path: string): Promise<WorkingFile | null> {
  try {
    if ((await stat(path)).size > MAX_EDITED_FILE_BYTES) return null;
    const bytes = await readFile(path);
    return { text: bytes.toString('utf8'), blobSha: gitBlobSha(bytes) };
  } catch {
    return null;
  }
}
