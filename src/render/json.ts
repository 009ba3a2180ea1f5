/** JSON rendering: the contract of DESIGN.md "JSON output" (schemaVersion 1), as is. */
import type { CheckResult, DomainResult } from '../core/result.js';

export function renderJson(result: CheckResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}

/** The top-level `domains` key as JSON.stringify(result, null, 2) writes it with no domain. */
const EMPTY_DOMAINS = '\n  "domains": []';

/**
 * The same text as renderJson(prepare(result)), in pieces, one per domain (issue 11 item 4):
 * each domain is prepared (bounded) and stringified only when its piece is taken, so neither a
 * prepared copy of the whole result nor one string of the whole file has to exist at once.
 * Nested objects are only ever indented by 4 or more, so EMPTY_DOMAINS (indent 2) is the
 * top-level key, and JSON strings hold no raw line break, so re-indenting a domain by its
 * line breaks is exact.
 */
export function* renderJsonPieces(
  result: CheckResult,
  prepare: (head: CheckResult) => CheckResult,
  prepareDomain: (domain: DomainResult) => DomainResult,
): Generator<string> {
  const head = renderJson(prepare({ ...result, domains: [] }));
  const at = head.indexOf(EMPTY_DOMAINS);
  if (at < 0 || result.domains.length === 0) {
    yield head;
    return;
  }
  const open = at + EMPTY_DOMAINS.length - 2;
  yield head.slice(0, open) + '[\n';
  const last = result.domains.length - 1;
  for (const [i, domain] of result.domains.entries()) {
    const text = JSON.stringify(prepareDomain(domain), null, 2).replaceAll('\n', '\n    ');
    yield `    ${text}${i < last ? ',' : ''}\n`;
  }
  yield '  ]' + head.slice(open + 2);
}
