/**
 * `--reports` values → the files to read. A value that names an existing file or folder is
 * taken literally (report file names carry `!`, which globs treat specially); anything else is
 * a glob (tinyglobby). Folders are walked recursively.
 */
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ConfigurationError } from '../config.js';

export interface InputFile {
  /** Path as shown to users (as given, or as found under a folder or by a glob). */
  path: string;
  /** Named directly: read whatever its name; otherwise only report-like files are read. */
  explicit: boolean;
}

export async function expandReportPaths(values: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const seen = new Set<string>();
  const push = (path: string, explicit: boolean): void => {
    if (seen.has(path)) return;
    seen.add(path);
    out.push({ path, explicit });
  };
  for (const value of values) {
    const info = await stat(value).catch(() => null);
    if (info?.isFile()) {
      push(value, true);
    } else if (info?.isDirectory()) {
      for (const file of await walk(value)) push(file, false);
    } else if (isDynamicPattern(value)) {
      const matches = await glob(value, { onlyFiles: true, dot: false, followSymbolicLinks: false });
      for (const file of matches.sort()) push(file, false);
    } else {
      throw new ConfigurationError(`--reports: no such file or folder: ${value}`);
    }
  }
  return out;
}

async function walk(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else if (entry.isFile()) out.push(path);
  }
  return out;
}
