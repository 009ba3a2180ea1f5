/**
 * MTA-STS policy file (RFC 8461 §3.2) and MX pattern matching (§4.1).
 * OWNER: core-parsers helper. The exported names and types below are shared contracts.
 */
import type { StsMode } from './findings.js';

/** RFC 8461 §3.3: senders read at most 64 KiB of policy body. */
export const MAX_POLICY_BYTES = 64 * 1024;
/** RFC 8461 §3.2: max_age is at most 31557600 seconds (about one year). */
export const MAX_MAX_AGE = 31_557_600;

/** A policy `mx` value: `mail.example.com` or `*.example.com` (wildcard covers one label). */
export interface MxPattern {
  wildcard: boolean;
  /** Lower case, without trailing dot and without the `*.` prefix. */
  domain: string;
  /** As written in the policy. */
  raw: string;
}

export interface StsPolicy {
  version: 'STSv1';
  mode: StsMode;
  maxAge: number;
  mx: MxPattern[];
  /** Extension key/value pairs in order (RFC 8461 §3.2 policy-ext). */
  extensions: { key: string; value: string }[];
}

export interface PolicyProblem {
  /** 1-based line and column in the policy text. */
  line: number;
  column: number;
  message: string;
}

export interface PolicyTypo extends PolicyProblem {
  key: string;
  /** The known key it is one edit away from. */
  suggestion: string;
}

export interface PolicyParseResult {
  /** null when the text is not a valid policy. */
  policy: StsPolicy | null;
  errors: PolicyProblem[];
  typos: PolicyTypo[];
  lineEndings: 'crlf' | 'lf' | 'mixed' | 'none';
}

/** Lower case, trailing dot removed: how MX names and patterns are compared (RFC 8461 §4.1). */
export function normalizeHost(host: string): string {
  return host.trim().toLowerCase().replace(/\.$/, '');
}

/**
 * RFC 8461 §4.1: case-insensitive match; a `*.` wildcard covers exactly one leftmost label and
 * never the bare parent (`*.example.com` matches `mx.example.com`, not `example.com` nor
 * `a.b.example.com`).
 */
export function mxPatternMatches(pattern: MxPattern, host: string): boolean {
  const name = normalizeHost(host);
  const domain = normalizeHost(pattern.domain);
  if (!pattern.wildcard) return name === domain;
  const dot = name.indexOf('.');
  return dot > 0 && name.slice(dot + 1) === domain;
}

/** True when any `mx` pattern of the policy covers `host`. */
export function policyCoversMx(policy: Pick<StsPolicy, 'mx'>, host: string): boolean {
  return policy.mx.some((pattern) => mxPatternMatches(pattern, host));
}
