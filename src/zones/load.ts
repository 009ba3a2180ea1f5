/**
 * Zones phase of a run: read --zone files (and, with --base, the same files and policy files at
 * that git revision). OWNER: zones helper. Signature is a shared contract with src/check.ts.
 */
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { glob } from 'tinyglobby';
import { ConfigurationError, type PolicyFileSpec } from '../config.js';
import { finding, type Finding } from '../core/findings.js';
import type { ProposedDomain } from '../core/proposed.js';
import type { PolicyFileInput } from '../core/rules/evidence.js';
import { repoRoot } from '../git/git.js';
import type { RevisionReader } from '../git/revision.js';
import { describeInputProblem, MAX_ZONE_FILE_BYTES, readInputFile } from '../input-file.js';
import type { Logger } from '../ports.js';
import type { IncludePolicy, ReadText, ZoneFileRef } from './bind.js';
import { detectFormat, splitFormatPrefix, type ZoneFormat } from './format.js';
import { groupProposed } from './group.js';
import { readSource, sourceLines, type SourceLines } from './source-positions.js';
import { isOctodnsConfig } from './octodns.js';
import { readZoneFile } from './read-zone.js';
import { ZoneSyntaxError, type ZoneFileContent } from './zone-record.js';

export interface LoadedZones {
  byDomain: Map<string, ProposedDomain>;
  /** The same zone files at --base (empty without --base). */
  baseByDomain: Map<string, ProposedDomain>;
  /** Policy files at --base, by domain (absent when the file did not exist there). */
  basePolicyFiles: Map<string, PolicyFileInput>;
  /** zone-parse-error findings. */
  findings: Finding[];
  /** zone-parse-error findings of the files at --base (to tell new findings from existing ones). */
  baseFindings: Finding[];
  /** DNSControl IR lines whose records dnsconfig.js defines at a known line (source-positions.ts). */
  sources: SourceLines;
}

export interface LoadZonesOptions {
  /** Folder globs and relative paths start from, and where git runs; default process.cwd(). */
  cwd?: string;
  /** --include-root; null or absent: each zone file's git repository, else its own folder. */
  includeRoot?: string | null;
  /** Config.unmatchedZonePattern; default 'error'. */
  unmatchedPattern?: 'error' | 'warning';
}

interface ZoneFile extends ZoneFileRef {
  /** Forced with a FORMAT: prefix, else detected from each revision's content. */
  format: ZoneFormat | null;
}

export async function loadZones(
  zoneGlobs: string[],
  policyFiles: PolicyFileSpec[],
  /** The files at --base (src/git/revision.ts), or null to read only the working tree. */
  base: RevisionReader | null,
  logger: Logger,
  options: LoadZonesOptions = {},
): Promise<LoadedZones> {
  const cwd = options.cwd ?? process.cwd();
  const files = await expandZoneArgs(zoneGlobs, cwd, options.unmatchedPattern ?? 'error', logger);
  const policyDomains = policyFiles.map((p) => p.domain);

  const includePolicy = includePolicies(options.includeRoot ?? null, cwd);
  const head = await readAll(files, workingTree, logger, includePolicy);
  const loaded: LoadedZones = {
    byDomain: groupProposed(head.contents, policyDomains),
    baseByDomain: new Map(),
    basePolicyFiles: new Map(),
    findings: head.findings,
    baseFindings: [],
    sources: await sourceLines(head.contents, (file) => readSource(path.resolve(cwd, file))),
  };
  if (base === null) return loaded;

  const revision = base;
  // At --base, git holds the files: the same roots, decided on the paths as written.
  const atBase = await readAll(files, revision.read, logger, async (file) => ({
    root: (await includePolicy(file)).root,
  }));
  loaded.baseByDomain = groupProposed(atBase.contents, policyDomains);
  loaded.baseFindings = atBase.findings;
  for (const spec of policyFiles) {
    const text = await revision.read(path.resolve(cwd, spec.path));
    if (text !== null) loaded.basePolicyFiles.set(spec.domain, { path: spec.path, text });
  }
  return loaded;
}

/**
 * Every file the --zone values name, once each, in a stable order. A pattern that matches
 * nothing is an error, or with `unmatched: 'warning'` a warning naming it, unless no pattern
 * matches anything: then there is no zone to judge, and that stays an error.
 */
async function expandZoneArgs(
  args: string[],
  cwd: string,
  unmatched: 'error' | 'warning',
  logger: Logger,
): Promise<ZoneFile[]> {
  const files = new Map<string, ZoneFile>();
  const empty: string[] = [];
  for (const arg of args) {
    const { format, pattern } = splitFormatPrefix(arg);
    const abs = path.resolve(cwd, pattern);
    const info = await stat(abs).catch(() => null);
    let matches: string[];
    // A FIFO or device named directly is taken as named, and refused when read (issue 9 class 7).
    if (info && !info.isDirectory()) matches = [abs];
    else if (info?.isDirectory()) {
      throw new ConfigurationError(
        `--zone: ${pattern} is a folder; pass files or a glob such as ${pattern}/*.yaml`,
      );
    } else {
      matches = (await glob([pattern], { cwd, absolute: true, dot: true, onlyFiles: true })).sort();
      if (matches.length === 0) {
        if (unmatched === 'error') throw new ConfigurationError(`--zone: no file matches '${pattern}'`);
        empty.push(pattern);
      }
    }
    for (const match of matches) {
      const resolved = path.resolve(match);
      const display = path.isAbsolute(pattern) ? resolved : path.relative(cwd, resolved);
      if (!files.has(resolved)) files.set(resolved, { display, abs: resolved, format });
    }
  }
  if (empty.length > 0 && files.size === 0) {
    throw new ConfigurationError(`--zone: no file matches ${empty.map((p) => `'${p}'`).join(' or ')}`);
  }
  for (const pattern of empty)
    logger.warning(`--zone: no file matches '${pattern}'; the other patterns are read`);
  return [...files.values()];
}

/**
 * Issue 9 class 5: the allowed root of each zone file's $INCLUDEs, by real path: --include-root
 * when given, else the file's git repository (in the action, the workspace's checkout), else
 * the file's own folder.
 */
function includePolicies(
  includeRoot: string | null,
  cwd: string,
): (file: ZoneFile) => Promise<IncludePolicy> {
  const realPath = async (abs: string): Promise<string | null> => realpath(abs).catch(() => null);
  const given = includeRoot === null ? null : path.resolve(cwd, includeRoot);
  const roots = new Map<string, Promise<string>>();
  const rootOf = (folder: string): Promise<string> => {
    let root = roots.get(folder);
    if (!root) {
      root = (async () => {
        if (given !== null) {
          const real = await realPath(given);
          if (real === null) throw new ConfigurationError(`--include-root: no such folder: ${includeRoot}`);
          return real;
        }
        return (await repoRoot(folder).catch(() => null)) ?? (await realPath(folder)) ?? folder;
      })();
      roots.set(folder, root);
    }
    return root;
  };
  return async (file) => ({ root: await rootOf(given ?? path.dirname(file.abs)), realPath });
}

async function readAll(
  files: ZoneFile[],
  read: ReadText,
  logger: Logger,
  includePolicy: (file: ZoneFile) => Promise<IncludePolicy>,
): Promise<{ contents: ZoneFileContent[]; findings: Finding[] }> {
  const contents: ZoneFileContent[] = [];
  const findings: Finding[] = [];
  for (const file of files) {
    let format = file.format;
    try {
      const text = await read(file.abs);
      if (text === null) continue; // absent (at --base): everything in it is new
      format ??= detectFormat(file.display, text);
      if (format === 'octodns' && isOctodnsConfig(text)) {
        logger.warning(`--zone: ${file.display} is an octoDNS configuration file, not a zone; skipped`);
        continue;
      }
      contents.push(await readZoneFile(file, format, text, read, await includePolicy(file)));
    } catch (error) {
      // Issue 9 class 6: whatever one file does to a parser (a stack overflow from deep nesting,
      // the YAML reader's alias limit) is a zone-parse-error on that file; the others are judged.
      if (error instanceof ConfigurationError) throw error;
      const syntax = asZoneSyntaxError(error, file);
      if (!(error instanceof ZoneSyntaxError)) logger.debug(`zones: ${file.display}: ${String(error)}`);
      const location =
        syntax.location.file === file.abs ? { ...syntax.location, file: file.display } : syntax.location;
      findings.push(
        finding('zone-parse-error', null, {
          domain: null,
          message: `${location.file}${format ? ` (${format})` : ''}: ${syntax.message}; its records were not judged`,
          subject: file.display,
          location,
        }),
      );
    }
  }
  return { contents, findings };
}

/** The exception one file's parse ended with, as a syntax error of that file. */
function asZoneSyntaxError(error: unknown, file: ZoneFile): ZoneSyntaxError {
  if (error instanceof ZoneSyntaxError) return error;
  const message =
    error instanceof RangeError && /call stack/i.test(error.message)
      ? 'nested too deeply to read'
      : `could not be read: ${error instanceof Error ? error.message : String(error)}`;
  return new ZoneSyntaxError(message, { file: file.display, line: 1 });
}

/**
 * A zone file of the working tree: a regular file of at most MAX_ZONE_FILE_BYTES (issue 9
 * classes 7 and 8), else a ZoneSyntaxError on it; null when it does not exist.
 */
async function workingTree(abs: string): Promise<string | null> {
  const read = await readInputFile(abs, MAX_ZONE_FILE_BYTES);
  if (read.kind === 'ok') return read.bytes.toString('utf8');
  if (read.kind === 'error' && (read.code === 'ENOENT' || read.code === 'EISDIR' || read.code === 'ENOTDIR'))
    return null;
  throw new ZoneSyntaxError(describeInputProblem(read, MAX_ZONE_FILE_BYTES), { file: abs, line: 1 });
}
