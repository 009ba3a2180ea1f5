/**
 * MTA-STS policy file (RFC 8461 §3.2) and MX pattern matching (§4.1).
 *
 * The §3.2 ABNF, read line by line (spec: taken literally the grammar is garbled: its
 * `0*(sts-policy-mx *WSP sts-policy-term)` alternative matches the empty string and carries its own
 * terminator; we read it as intended: one `key: value` field per line, and a line that is empty or
 * only whitespace is the empty field the grammar admits, which danmarg/smtp-sts, by an RFC author,
 * also accepts):
 *
 *   sts-policy-record      = sts-policy-field *WSP *(sts-policy-term sts-policy-field *WSP)
 *                            [sts-policy-term]
 *   sts-policy-field-delim = ":" *WSP
 *   sts-policy-version     = %s"version" ":" *WSP %s"STSv1"
 *   sts-policy-mode        = %s"mode" ":" *WSP (%s"testing" / %s"enforce" / %s"none")
 *   sts-policy-max-age     = %s"max_age" ":" *WSP 1*10(DIGIT)
 *   sts-policy-mx          = %s"mx" ":" *WSP ["*."] Domain
 *   sts-policy-extension   = ext-name ":" *WSP ext-value
 *   sts-policy-ext-name    = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
 *   sts-policy-ext-value   = sts-policy-vchar [*(%x20 / sts-policy-vchar) sts-policy-vchar]
 *   sts-policy-vchar       = %x21-7E / UTF8-2 / UTF8-3 / UTF8-4
 *   sts-policy-term        = LF / CRLF
 */
import type { StsMode } from './findings.js';
import { hostnameProblem } from './hostname.js';
import { toALabels } from './idn.js';
import { suggestPolicyKey } from './key-typo.js';
import { describeChar } from './tag-record.js';

/** RFC 8461 §3.3: senders read at most 64 KiB of policy body. */
export const MAX_POLICY_BYTES = 64 * 1024;
/** RFC 8461 §3.2: max_age is at most 31557600 seconds (about one year). */
export const MAX_MAX_AGE = 31_557_600;
/** RFC 8461 §3.2: max_age is 1 to 10 digits. */
export const MAX_MAX_AGE_DIGITS = 10;

/** A policy `mx` value: `mail.example.com` or `*.example.com` (wildcard covers one label). */
export interface MxPattern {
  wildcard: boolean;
  /** Lower case, without trailing dot and without the `*.` prefix. */
  domain: string;
  /** As written in the policy. */
  raw: string;
}

/** A valid policy (RFC 8461 §3.2). */
export interface StsPolicy {
  version: 'STSv1';
  mode: StsMode;
  maxAge: number;
  mx: MxPattern[];
  /** Extension key/value pairs in order (RFC 8461 §3.2 policy-ext). */
  extensions: { key: string; value: string }[];
}

/** A place where the policy text leaves the grammar, and why. */
export interface PolicyProblem {
  /** 1-based line and column in the policy text. */
  line: number;
  column: number;
  message: string;
}

/** An extension key that is probably a misspelt known key. */
export interface PolicyTypo extends PolicyProblem {
  key: string;
  /** The known key it is one edit away from. */
  suggestion: string;
}

/** Terminators seen: RFC 8461 §3.2 allows CRLF and LF; `none` for a single unterminated line. */
export type PolicyLineEndings = 'crlf' | 'lf' | 'mixed' | 'none';

/** Everything parsePolicy learned: the policy when valid, every error, typos, line endings. */
export interface PolicyParseResult {
  /** null when the text is not a valid policy. */
  policy: StsPolicy | null;
  errors: PolicyProblem[];
  typos: PolicyTypo[];
  lineEndings: PolicyLineEndings;
  /**
   * `mx` values written as U-labels (RFC 8461 §3.2: "MUST specify the Punycode-encoded A-label
   * ... and not the Unicode-encoded U-label"). Their A-label patterns are in the policy, so an MX
   * is judged against what the line names; the line itself is a policy-invalid finding.
   */
  uLabelMx: (PolicyProblem & { value: string; aLabel: string })[];
  /** Line of each single-valued key that was present, so findings can point at it. */
  fieldLines: { version?: number; mode?: number; max_age?: number };
}

const EXT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,31}$/;
const BLANK = /^[ \t]*$/;
const LEADING_WSP = /^[ \t]*/;
const TRAILING_WSP = /[ \t]+$/;
const MAX_AGE_VALUE = /^[0-9]{1,10}$/;
const MODES: readonly string[] = ['enforce', 'testing', 'none'] satisfies StsMode[];

interface PolicyLine {
  number: number;
  content: string;
}

/** Splits on LF, taking a CR right before it as part of a CRLF terminator (RFC 8461 §3.2). */
function splitLines(text: string): { lines: PolicyLine[]; lineEndings: PolicyLineEndings } {
  const lines: PolicyLine[] = [];
  let crlf = 0;
  let lf = 0;
  let start = 0;
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', start)) {
    const isCrlf = at > start && text.charAt(at - 1) === '\r';
    if (isCrlf) crlf++;
    else lf++;
    lines.push({ number: lines.length + 1, content: text.slice(start, isCrlf ? at - 1 : at) });
    start = at + 1;
  }
  lines.push({ number: lines.length + 1, content: text.slice(start) });
  const lineEndings = crlf > 0 && lf > 0 ? 'mixed' : crlf > 0 ? 'crlf' : lf > 0 ? 'lf' : 'none';
  return { lines, lineEndings };
}

/** Index of the first character no policy line may hold (CTLs but tab, lone CR, lone surrogates). */
function forbiddenCharAt(content: string): number {
  for (let i = 0; i < content.length; i++) {
    const code = content.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09) || code === 0x7f) return i;
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = content.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) i++;
      else return i;
    } else if (code >= 0xdc00 && code <= 0xdfff) return i;
  }
  return -1;
}

/**
 * Why the policy `mx` value is not `["*."] Domain` (RFC 8461 §3.2), or the pattern. A value
 * written with U-labels (`mail.bücher.example`) gets the pattern of its A-label, which is what
 * it names, and `uLabel: true`: §3.2 requires the A-label, so the line is still reported.
 */
export function parseMxPattern(value: string): { pattern: MxPattern; uLabel?: true } | { error: string } {
  const wildcard = value.startsWith('*.');
  const name = wildcard ? value.slice(2) : value;
  if (name.includes('*')) return { error: 'a wildcard is allowed only as the whole leftmost label ("*.")' };
  const converted = toALabels(name);
  if ('problem' in converted) return { error: converted.problem };
  const problem = hostnameProblem(converted.name);
  if (problem !== null) return { error: problem };
  const pattern = { wildcard, domain: converted.name, raw: value };
  return converted.name === name.toLowerCase() ? { pattern } : { pattern, uLabel: true };
}

/**
 * Parses a policy body exactly per RFC 8461 §3.2. Every problem names its line and column; keys
 * and values are case-sensitive; `version`, `mode` and `max_age` must appear exactly once, and `mx`
 * at least once unless the mode is `none`. Unknown keys are extensions (allowed), but one edit away
 * from a known key they are also reported in `typos`. Never throws.
 */
export function parsePolicy(text: string): PolicyParseResult {
  const { lines, lineEndings } = splitLines(text);
  const errors: PolicyProblem[] = [];
  const typos: PolicyTypo[] = [];
  const uLabelMx: PolicyParseResult['uLabelMx'] = [];
  const once = new Map<string, number>();
  let mode: StsMode | null = null;
  let maxAge: number | null = null;
  let mxLines = 0;
  const mx: MxPattern[] = [];
  const extensions: StsPolicy['extensions'] = [];

  for (const { number: line, content } of lines) {
    const fail = (column: number, message: string): void => void errors.push({ line, column, message });
    if (BLANK.test(content)) continue;
    const bad = forbiddenCharAt(content);
    if (bad >= 0) {
      const ch = content.charAt(bad);
      fail(
        bad + 1,
        ch === '\r'
          ? 'a CR that is not followed by LF (lines end in CRLF or LF)'
          : `${describeChar(ch)} is not allowed in a policy`,
      );
      continue;
    }
    const colon = content.indexOf(':');
    if (colon < 0) {
      fail(1, `expected "key: value", but the line has no ":"`);
      continue;
    }
    const key = content.slice(0, colon);
    if (!EXT_NAME.test(key)) {
      const why = key.startsWith('\uFEFF')
        ? 'the policy starts with a byte order mark (U+FEFF); save it as UTF-8 without BOM'
        : `the key "${key}" is not a letter or digit followed by up to 31 letters, digits, "_", "-" or "." (no spaces before it)`;
      fail(1, why);
      continue;
    }
    const rest = content.slice(colon + 1);
    const lead = LEADING_WSP.exec(rest)?.[0].length ?? 0;
    const value = rest.slice(lead).replace(TRAILING_WSP, '');
    const column = colon + 2 + lead;
    if (key === 'version' || key === 'mode' || key === 'max_age') {
      const first = once.get(key);
      if (first !== undefined) {
        fail(1, `"${key}" appears again (first on line ${first}): it must appear exactly once`);
        continue;
      }
      once.set(key, line);
    }
    if (key === 'mx') mxLines++;
    if (value === '') {
      fail(column, `"${key}" has no value`);
      continue;
    }
    switch (key) {
      case 'version':
        if (value !== 'STSv1') fail(column, `version "${value}" is not "STSv1"`);
        break;
      case 'mode':
        if (MODES.includes(value)) mode = value as StsMode;
        else fail(column, `mode "${value}" is not enforce, testing or none (values are case-sensitive)`);
        break;
      case 'max_age':
        if (!MAX_AGE_VALUE.test(value)) {
          fail(
            column,
            `max_age "${value}" is not a whole number of seconds of 1 to ${MAX_MAX_AGE_DIGITS} digits`,
          );
        } else if (Number(value) > MAX_MAX_AGE) {
          fail(
            column,
            `max_age ${value} is more than ${MAX_MAX_AGE} (RFC 8461 §3.2 maximum, about one year)`,
          );
        } else maxAge = Number(value);
        break;
      case 'mx': {
        const parsed = parseMxPattern(value);
        if ('pattern' in parsed) {
          mx.push(parsed.pattern);
          if (parsed.uLabel) {
            const aLabel = `${parsed.pattern.wildcard ? '*.' : ''}${parsed.pattern.domain}`;
            uLabelMx.push({
              line,
              column,
              value,
              aLabel,
              message: `mx "${value}" is written with U-labels; RFC 8461 §3.2 requires the A-label "${aLabel}": a strict sender discards the policy, one that compares names never matches the MX`,
            });
          }
        } else fail(column, `mx "${value}" is not a host name or "*." and a host name: ${parsed.error}`);
        break;
      }
      default: {
        const inner = [...value].findIndex((ch) => ch === '\t');
        if (inner >= 0) {
          fail(column + inner, `a tab inside the value of "${key}" (only spaces may separate words)`);
          break;
        }
        extensions.push({ key, value });
        const suggestion = suggestPolicyKey(key);
        if (suggestion !== null) {
          typos.push({
            line,
            column: 1,
            key,
            suggestion,
            message: `key "${key}" looks like a typo of "${suggestion}": senders treat it as an unknown extension and ignore it`,
          });
        }
      }
    }
  }

  const last = lines[lines.length - 1] as PolicyLine;
  const atEnd = (message: string): void =>
    void errors.push({ line: last.number, column: last.content.length + 1, message });
  const typoHint = (key: string): string => {
    const typo = typos.find((t) => t.suggestion === key);
    return typo === undefined ? '' : ` (line ${typo.line} has "${typo.key}", which looks like a typo of it)`;
  };
  for (const key of ['version', 'mode', 'max_age']) {
    if (!once.has(key)) atEnd(`no "${key}" line: it is required exactly once${typoHint(key)}`);
  }
  if ((mode === 'enforce' || mode === 'testing') && mxLines === 0) {
    errors.push({
      line: once.get('mode') as number,
      column: 1,
      message: `mode ${mode} needs at least one "mx" line, and there is none${typoHint('mx')}`,
    });
  }
  errors.sort((a, b) => a.line - b.line || a.column - b.column);
  const policy =
    errors.length === 0
      ? { version: 'STSv1' as const, mode: mode as StsMode, maxAge: maxAge as number, mx, extensions }
      : null;
  return { policy, errors, typos, uLabelMx, lineEndings, fieldLines: Object.fromEntries(once) };
}

/** The policy as it should be served, in the order of the RFC 8461 §3.2 example. */
export function renderPolicy(policy: StsPolicy, lineEnding: 'crlf' | 'lf' = 'crlf'): string {
  const term = lineEnding === 'crlf' ? '\r\n' : '\n';
  const lines = [
    `version: ${policy.version}`,
    `mode: ${policy.mode}`,
    ...policy.mx.map((p) => `mx: ${p.raw}`),
    `max_age: ${policy.maxAge}`,
    ...policy.extensions.map((e) => `${e.key}: ${e.value}`),
  ];
  return lines.map((l) => l + term).join('');
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
