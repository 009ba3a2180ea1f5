/** SARIF 2.1.0 rendering for code scanning. OWNER: github helper. */
import type { CheckResult } from '../core/result.js';

export function renderSarif(result: CheckResult): string {
  return (
    JSON.stringify(
      { version: '2.1.0', runs: [{ tool: { driver: { name: result.tool.name } }, results: [] }] },
      null,
      2,
    ) + '\n'
  );
}
