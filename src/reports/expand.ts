/**
 * `--reports` values → the files to read. A value that names an existing file or folder is
 * taken literally (report file names carry `!`, which globs treat specially); anything else is
 * a glob (tinyglobby). Folders are walked recursively.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, sep } from 'node:path';
import { glob, isDynamicPattern } from 'tinyglobby';
import { ConfigurationError } from '../config.js';
import { compareText, prepareTextOrder } from '../core/text-order.js';

export interface InputFile {
  /** Path as shown to users (as given, or as found under a folder or by a glob). */
  path: string;
  /** Named directly: read whatever its name; otherwise only report-like files are read. */
  explicit: boolean;
  /** Why it is not read (a symlink out of the folder, a FIFO...): reported as report-invalid. */
  refused?: string;
}

/** What the walk tells as it goes, before the file list is complete. */
export interface WalkProgress {
  /** The number of entries of each folder read. */
  listed?: (entries: number) => void;
  /**
   * Before a folder given is read: about how many entries it holds, from its size (see
   * FOLDER_BYTES_PER_ENTRY), so that work which takes long to start can start at once.
   */
  folderEstimate?: (entries: number) => void;
}

/**
 * Bytes of a folder's size per entry, at least, on the file systems runners use (ext4: 8 bytes
 * and the name rounded up to 4; a folder of 20,000 reports named report-NNNNNN.json.gz is 932
 * KiB, 48 bytes an entry). An estimate only: it may be twice the count of long names, or below
 * it on tmpfs (20 bytes an entry); nothing but an early start depends on it.
 */
const FOLDER_BYTES_PER_ENTRY = 32;

export async function expandReportPaths(
  values: readonly string[],
  progress: WalkProgress = {},
): Promise<InputFile[]> {
  const onListed = progress.listed ?? ((): void => undefined);
  const out: InputFile[] = [];
  // One value lists each file once (a folder's entries, a glob's matches); only several values
  // can name a file twice, so only they pay for the lookup (a folder of 20,000 reports: 5 ms).
  const seen = values.length > 1 ? new Set<string>() : null;
  const push = (file: InputFile): void => {
    if (seen !== null) {
      if (seen.has(file.path)) return;
      seen.add(file.path);
    }
    out.push(file);
  };
  for (const value of values) {
    const info = await stat(value).catch(() => null);
    if (info && !info.isDirectory()) {
      // Named directly: read when it is a regular file, else refused by the reader (a FIFO).
      push({ path: value, explicit: true });
    } else if (info?.isDirectory()) {
      progress.folderEstimate?.(Math.floor(info.size / FOLDER_BYTES_PER_ENTRY));
      const root = await realpath(value);
      for (const file of await walk(value, root, onListed)) push(file);
    } else if (isDynamicPattern(value)) {
      const matches = await glob(value, { onlyFiles: true, dot: false, followSymbolicLinks: false });
      for (const file of matches.sort()) push({ path: file, explicit: false });
    } else {
      throw new ConfigurationError(`--reports: no such file or folder: ${value}`);
    }
  }
  return out;
}

/**
 * Every file under `dir`, recursively. Issue 9 class 7: a symlink is followed when it points at a
 * regular file inside `root` (the real path of the folder given), and refused otherwise; anything
 * else that is not a regular file or folder (FIFO, socket, device) is refused too. Symlinked
 * folders are not walked (no cycles).
 */
async function walk(dir: string, root: string, onListed: (entries: number) => void): Promise<InputFile[]> {
  const out: InputFile[] = [];
  const listing = readdir(dir, { withFileTypes: true });
  // The collator the entries are sorted with is made while the thread pool lists the folder.
  prepareTextOrder();
  const entries = await listing;
  onListed(entries.length);
  entries.sort((a, b) => compareText(a.name, b.name));
  const parent = join(dir, '.');
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = childPath(parent, entry.name);
    if (entry.isDirectory()) {
      // One by one: spreading a subfolder of 200,000 files into push() overflows the stack.
      for (const file of await walk(path, root, onListed)) out.push(file);
    } else if (entry.isFile()) out.push({ path, explicit: false });
    else if (entry.isSymbolicLink()) out.push(await followLink(path, root));
    else out.push({ path, explicit: false, refused: 'is not a regular file' });
  }
  return out;
}

async function followLink(path: string, root: string): Promise<InputFile> {
  const refused = await linkRefusal(path, root);
  return refused === null ? { path, explicit: false } : { path, explicit: false, refused };
}

/** Why a symlink found in the walk is not read, or null when it is. */
async function linkRefusal(path: string, root: string): Promise<string | null> {
  const target = await realpath(path).catch(() => null);
  if (target === null) return 'is a symlink to nothing';
  const inside = relative(root, target);
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside))
    return `is a symlink to ${target}, outside ${root}; not read`;
  const info = await stat(target).catch(() => null);
  if (info?.isDirectory()) return 'is a symlink to a folder; symlinked folders are not walked';
  if (!info?.isFile()) return 'is a symlink to something that is not a regular file';
  return null;
}

/**
 * join(parent, name) for a folder's entry, where `parent` is already normalized (join(dir, '.'))
 * and `name` is one path component, as readdir gives: join normalizes the whole path again for
 * each of a folder's entries (a folder of 20,000 reports: a fifth of the walk).
 */
function childPath(parent: string, name: string): string {
  if (parent === '.') return name;
  return parent.endsWith(sep) ? parent + name : parent + sep + name;
}
