/**
 * The fix of `mx-not-in-policy` and `policy-mx-unmatched` when the policy is a file the run read
 * (issue 15): the file's `mx:` lines made to match the proposed MX set, plus the `_mta-sts` TXT
 * with a new id (RFC 8461 §3.1: senders refetch the policy only when the id changes). Every such
 * finding of a domain shares the one fix, so applying it once clears them all.
 */
import type { Finding, Fix, Location } from '../findings.js';
import { parseStsRecord } from '../mta-sts-record.js';
import { mxPatternMatches, parsePolicy, policyCoversMx } from '../policy.js';
import type { FixContext, PolicyFileFixes } from './attach.js';
import { applyEdits, singleEdit, type FileEdit } from './edit.js';
import { policyMxEdit } from './mx-fix.js';
import { newPolicyId } from './policy-id.js';
import { irRecordEdit, recordLineEdit, withNewId } from './record-fix.js';

export const MX_RULES = new Set(['mx-not-in-policy', 'policy-mx-unmatched']);

/** The edit that gives the domain's proposed `_mta-sts` record a new id, in its file's spelling. */
export function stsIdEdit(
  domain: string,
  context: FixContext,
): { edit: FileEdit; id: string; at: Location } | null {
  const record = context.records?.find((r) => r.kind === 'sts' && r.domain === domain);
  const file = record && context.zoneFiles?.get(record.location.file);
  if (!record || !file) return null;
  const parsed = parseStsRecord(record.value);
  if (parsed.kind !== 'valid') return null;
  const id = newPolicyId(context.now, parsed.record.id);
  const after = withNewId(record.value, parsed.record.id, id);
  if (after === null) return null;
  const at = record.location;
  const edit = at.file.endsWith('.json')
    ? irRecordEdit(at.file, file.text, at.line, record.value, after)
    : recordLineEdit(at.file, file.text, at.line, record.value, after);
  return edit ? { edit: { ...edit, sha256: file.sha256 }, id, at } : null;
}

/** The shared fix per domain that has located mx findings and a policy file; see the module comment. */
export function mxFixes(
  findings: readonly Finding[],
  context: FixContext,
  policyFixes: PolicyFileFixes,
): Map<string, Fix> {
  const domains = new Set(
    findings.filter((f) => MX_RULES.has(f.rule) && f.location && f.domain !== null).map((f) => f.domain!),
  );
  const fixes = new Map<string, Fix>();
  for (const domain of domains) {
    const hosts = context.proposedMx?.get(domain);
    const entry = [...context.policyFiles].find(([, f]) => f.domain === domain);
    if (!hosts || hosts.length === 0 || !entry) continue;
    const [path, file] = entry;
    // Other corrections of the file (a typo, line endings made uniform) come first; where they
    // are, the mx lines are fixed on top of them and the file gets one edit every finding shares.
    const corrections = policyFixes.get(path);
    const base = corrections ? applyEdits(file.text, corrections.edits) : file.text;
    const mxEdit = policyMxEdit(path, base, hosts);
    if (!mxEdit) continue;
    const fixedText = applyEdits(base, [mxEdit]);
    const after = parsePolicy(fixedText).policy;
    const resolves =
      after !== null &&
      hosts.every((h) => policyCoversMx(after, h)) &&
      after.mx.every((p) => hosts.some((h) => mxPatternMatches(p, h)));
    if (!resolves) continue;
    const edit = corrections ? singleEdit(path, file.text, fixedText)! : mxEdit;
    if (corrections) {
      corrections.edits = [{ ...edit, sha256: file.sha256 }];
      corrections.after = parsePolicy(fixedText);
    }
    const id = stsIdEdit(domain, context);
    const newId = id?.id ?? newPolicyId(context.now);
    const where =
      edit.startLine > edit.endLine
        ? `after line ${edit.endLine}`
        : edit.startLine === edit.endLine
          ? `line ${edit.startLine}`
          : `lines ${edit.startLine}-${edit.endLine}`;
    const idPart = id
      ? `give _mta-sts.${domain} the new id ${newId} (${id.at.file} line ${id.at.line})`
      : `publish _mta-sts.${domain} with a new id (e.g. id=${newId})`;
    fixes.set(domain, {
      summary: `Make the mx lines of ${path} (${where}) match the proposed MX (${hosts.join(', ')}), then ${idPart}.`,
      edits: [{ ...edit, sha256: file.sha256 }, ...(id ? [id.edit] : [])],
    });
  }
  return fixes;
}
