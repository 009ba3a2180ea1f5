/**
 * One hostile case of the bench: a run of the built CLI with the hostile input of one issue-9
 * class beside good input of the same kind, what that run must show, and the bound it must meet.
 */
import { lstatSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { CheckResult, DomainResult } from '../../src/core/result.js';
import type { Finding } from '../../src/core/findings.js';
import type { Measured } from './measure.js';

export const MiB = 1024 * 1024;
/** Issue 9 acceptance: a file case ends within 30 s. */
export const FILE_LIMIT_MS = 30_000;
/** The acceptance's peak RSS bound, for inputs of 64 MiB or less. */
export const RSS_LIMIT_MIB = 400;
export const RSS_BOUND_INPUT_BYTES = 64 * MiB;

export interface BenchCase {
  /** The class number in issue 9 ("What was seen"), with a letter when a class has several. */
  cls: string;
  name: string;
  /** Bytes of the hostile input on disk (what the RSS bound is about). */
  inputBytes: number;
  /** Said beside the size, e.g. what an archive claims to expand to. */
  inputNote?: string;
  /** 'network' cases are bounded by 3 × timeout + 3 s, file cases by 30 s. */
  timeoutSeconds?: number;
  args: string[];
  env?: Record<string, string>;
  maxOpenFiles?: number;
  /** Run just before the CLI starts (e.g. to clear a query log). */
  before?: () => void;
  /** Exit codes follow the findings: 1 for findings, 2 only for a configuration error. */
  expectExit: number;
  /**
   * Whether the good input of the same run was judged (a domain or finding of it in the output);
   * null where the case is a configuration error and exit 2 with one line IS the right outcome.
   */
  goodJudged(run: Measured, result: CheckResult | null): boolean | null;
  /** What shows the class fixed: [] when all of it is there, else what is missing. */
  shows(run: Measured, result: CheckResult | null): string[];
}

export function limitMs(c: BenchCase): number {
  return c.timeoutSeconds === undefined ? FILE_LIMIT_MS : (3 * c.timeoutSeconds + 3) * 1000;
}

export const domainOf = (result: CheckResult | null, domain: string): DomainResult | undefined =>
  result?.domains.find((d) => d.domain === domain);

export const findingsOf = (result: CheckResult | null, rule: string): Finding[] =>
  result?.findings.filter((f) => f.rule === rule) ?? [];

/** `problems` of `[ok, what]` pairs: the `what` of each one that is not ok. */
export function missing(...checks: [boolean, string][]): string[] {
  return checks.filter(([ok]) => !ok).map(([, what]) => what);
}

/** A configuration error: exactly one stderr line, naming the flag. */
export function oneLineNaming(run: Measured, flag: string): boolean {
  const lines = run.stderr.split('\n').filter((l) => l !== '');
  return lines.length === 1 && lines[0]!.includes(flag);
}

/** Bytes of the regular files under `dir` (symlinks not followed: what lies on disk). */
export function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) total += lstatSync(join(entry.parentPath, entry.name)).size;
  }
  return total;
}
