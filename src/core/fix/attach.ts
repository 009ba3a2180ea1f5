/**
 * One post-pass over a run's findings (issue 15): a finding that a determined edit of a file the
 * run read resolves gets `fix` with that edit. A finding gets an edit only when re-judging the
 * edited file shows it gone, so applying every edit of a run clears exactly the findings that
 * carried one. Pure: the file texts come in, nothing is read or written here.
 */
import type { Finding, Fix, Location } from '../findings.js';
import { parseStsRecord } from '../mta-sts-record.js';
import { parsePolicy, type PolicyParseResult } from '../policy.js';
import { applyEdits, type FileEdit } from './edit.js';
import { newPolicyId } from './policy-id.js';
import { policyFileEdits } from './policy-fix.js';
import { enforcePolicyEdits, MIN_ENFORCE_MAX_AGE } from './enforce-fix.js';
import { MX_RULES, mxFixes, stsIdEdit } from './mx-attach.js';
import { publishFix, type LiveDomain } from './publish-fix.js';
import {
  correctedStsRecord,
  correctedTlsRptRecord,
  irRecordEdit,
  recordLineEdit,
  withNewId,
} from './record-fix.js';

export interface FixContext {
  /** Text of each policy file the run read, by the path findings locate it with. */
  policyFiles: ReadonlyMap<string, { domain: string; text: string; sha256: string }>;
  /** Text of the DNS-as-code files that hold a record a finding is located on. */
  zoneFiles?: ReadonlyMap<string, { text: string; sha256: string }>;
  /** The proposed `_mta-sts` / `_smtp._tls` TXT values, with the line each is written on. */
  records?: readonly ProposedTxt[];
  /** The MX hosts the DNS-as-code files propose, by domain (no null MX). */
  proposedMx?: ReadonlyMap<string, readonly string[]>;
  /** What the run saw live, by domain: the records and policy `fix.publish` corrects. */
  live?: ReadonlyMap<string, LiveDomain>;
  now: Date;
}

export interface ProposedTxt {
  kind: 'sts' | 'tlsrpt';
  value: string;
  location: Location;
  /** The domain the record is for (`_mta-sts.<domain>`). */
  domain?: string;
}

/** The record fix of a records-rule finding, or null when none is determined. */
function recordFix(f: Finding, context: FixContext): Fix | null {
  const at = f.location;
  const file = at && context.zoneFiles?.get(at.file);
  if (!at || !file) return null;
  const kind = f.rule === 'tlsrpt-record-invalid' ? 'tlsrpt' : 'sts';
  const record = context.records?.find(
    (r) => r.kind === kind && r.location.file === at.file && r.location.line === at.line,
  );
  if (!record) return null;
  let after: string | null = null;
  let summary = '';
  if (f.rule === 'sts-record-invalid') {
    after = correctedStsRecord(record.value);
    summary = `Publish _mta-sts.${f.domain} TXT "${after}"`;
  } else if (f.rule === 'tlsrpt-record-invalid') {
    after = correctedTlsRptRecord(record.value);
    summary = `Publish _smtp._tls.${f.domain} TXT "${after}"`;
  } else if (f.rule === 'policy-id-not-bumped') {
    const parsed = parseStsRecord(record.value);
    if (parsed.kind !== 'valid') return null;
    const id = newPolicyId(context.now, parsed.record.id);
    after = withNewId(record.value, parsed.record.id, id);
    summary = `Give _mta-sts.${f.domain} the new id ${id} with the policy change`;
  }
  if (after === null) return null;
  const ir = at.file.endsWith('.json');
  const edit = ir
    ? irRecordEdit(at.file, file.text, at.line, record.value, after)
    : recordLineEdit(at.file, file.text, at.line, record.value, after);
  if (!edit) return null;
  // DNSControl's source of truth is dnsconfig.js: the IR edit fixes this run, the statement the source.
  const label = kind === 'sts' ? '_mta-sts' : '_smtp._tls';
  const source = ir ? `; in dnsconfig.js: TXT(${JSON.stringify(label)}, ${JSON.stringify(after)})` : '';
  return {
    summary: `${summary} (${at.file} line ${at.line})${source}.`,
    edits: [{ ...edit, sha256: file.sha256 }],
  };
}

const RECORD_RULES = new Set(['sts-record-invalid', 'tlsrpt-record-invalid', 'policy-id-not-bumped']);

/** A finding's error/typo in `before` is absent from `after`: the edits resolve it. */
function resolved(f: Finding, before: PolicyParseResult, after: PolicyParseResult): boolean {
  const line = f.location?.line ?? 0;
  if (f.rule === 'policy-line-endings') return after.lineEndings !== 'mixed';
  if (f.rule === 'policy-key-typo') {
    const typo = before.typos.find((t) => t.line === line && f.message.includes(`"${t.key}"`));
    return typo !== undefined && !after.typos.some((t) => t.key === typo.key);
  }
  if (f.rule === 'policy-invalid') {
    const error = before.errors.find((e) => e.line === line && f.message.endsWith(e.message));
    if (!error) return false;
    return !after.errors.some((e) => shape(e.message) === shape(error.message));
  }
  return false;
}

/** An error message with its line references blanked, to compare before and after an edit. */
function shape(message: string): string {
  return message.replace(/line \d+/g, 'line N');
}

const FIXABLE = new Set(['policy-key-typo', 'policy-invalid', 'policy-line-endings']);

/** The edits of `edits` that touch `line` (a whole-file rewrite touches every line). */
function touching(edits: FileEdit[], line: number): FileEdit[] {
  return edits.filter((e) => e.startLine <= line && line <= Math.max(e.endLine, e.startLine));
}

export type PolicyFileFixes = Map<
  string,
  {
    edits: FileEdit[];
    before: PolicyParseResult;
    after: PolicyParseResult;
    /** Some edit touches no line a finding is on (a duplicate a BOM hid): every finding gets them all. */
    orphans?: boolean;
  }
>;

export function attachFixes(findings: readonly Finding[], context: FixContext): Finding[] {
  const perFile: PolicyFileFixes = new Map();
  for (const [path, file] of context.policyFiles) {
    const edits = policyFileEdits(path, file.text).map((e) => ({ ...e, sha256: file.sha256 }));
    if (edits.length === 0) continue;
    const before = parsePolicy(file.text);
    const after = parsePolicy(applyEdits(file.text, edits));
    // An edit that uncovers a problem the file did not show (a fixed mode now needs an mx line)
    // is no complete fix: the file keeps its findings for a person to resolve.
    const known = new Set(before.errors.map((e) => shape(e.message)));
    const knownTypos = new Set(before.typos.map((t) => t.key));
    if (after.errors.some((e) => !known.has(shape(e.message)))) continue;
    if (after.typos.some((t) => !knownTypos.has(t.key))) continue;
    perFile.set(path, { edits, before, after });
  }
  const id = newPolicyId(context.now);
  const mx = mxFixes(findings, context, perFile);
  for (const [path, file] of perFile) {
    const lines = findings
      .filter((f) => FIXABLE.has(f.rule) && f.location?.file === path)
      .map((f) => f.location!.line);
    file.orphans = file.edits.some((e) => !lines.some((line) => touching([e], line).length > 0));
  }
  return findings.map((f) => {
    const fix =
      fileFix(f, context, perFile, mx, id) ??
      (f.domain !== null ? publishFix(f, context.live?.get(f.domain), context.now) : null);
    return fix ? { ...f, fix } : f;
  });
}

/** The fix of a finding located in a file the run read, or null. */
function fileFix(
  f: Finding,
  context: FixContext,
  perFile: PolicyFileFixes,
  mx: Map<string, Fix>,
  id: string,
): Fix | null {
  if (MX_RULES.has(f.rule)) return (f.domain !== null && f.location && mx.get(f.domain)) || null;
  if (RECORD_RULES.has(f.rule)) return recordFix(f, context);
  if (f.rule === 'enforce-ready') return enforceFileFix(f, context, perFile);
  const file = f.location && perFile.get(f.location.file);
  if (!file || !FIXABLE.has(f.rule) || !resolved(f, file.before, file.after)) return null;
  // A missing key is reported at the end of the file, away from the edit that resolves it (a
  // BOM on line 1 hid the version line): then every edit of the file is its fix.
  const near = f.rule === 'policy-line-endings' ? [] : touching(file.edits, f.location!.line);
  const edits = near.length > 0 && !file.orphans ? near : file.edits;
  const where = edits.map((e) =>
    e.startLine === e.endLine ? `line ${e.startLine}` : `lines ${e.startLine}-${e.endLine}`,
  );
  return {
    summary: `Edit ${f.location!.file} (${where.join(', ')}), then publish the policy with a new id in _mta-sts.${f.domain ?? '<domain>'} (e.g. id=${id}).`,
    edits,
  };
}

/** enforce-ready on a policy file: its mode and max_age lines, and the `_mta-sts` record's new id. */
function enforceFileFix(f: Finding, context: FixContext, perFile: PolicyFileFixes): Fix | null {
  const path = f.location?.file;
  const file = path === undefined ? undefined : context.policyFiles.get(path);
  if (!file || path === undefined) return null;
  const edits = enforcePolicyEdits(path, file.text).map((e) => ({ ...e, sha256: file.sha256 }));
  if (edits.length === 0) return null;
  // Other corrections of the same lines go first; a rerun brings this one.
  const others = perFile.get(path)?.edits ?? [];
  if (others.some((o) => edits.some((e) => o.startLine <= e.endLine && e.startLine <= o.endLine)))
    return null;
  const record = f.domain === null ? null : stsIdEdit(f.domain, context);
  const idPart = record
    ? `give _mta-sts.${f.domain} the new id ${record.id} (${record.at.file} line ${record.at.line})`
    : `publish _mta-sts.${f.domain} with a new id (e.g. id=${newPolicyId(context.now)})`;
  return {
    summary: `Set mode: enforce and max_age >= ${MIN_ENFORCE_MAX_AGE} in ${path}, then ${idPart}.`,
    edits: [...edits, ...(record ? [record.edit] : [])],
  };
}
