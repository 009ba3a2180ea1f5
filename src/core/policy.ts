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
