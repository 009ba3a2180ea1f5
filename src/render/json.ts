/** JSON rendering: the contract of DESIGN.md "JSON output" (schemaVersion 1), as is. */
import type { CheckResult } from '../core/result.js';

export function renderJson(result: CheckResult): string {
  return JSON.stringify(result, null, 2) + '\n';
}
