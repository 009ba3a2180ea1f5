/** Markdown rendering (job summary and --format markdown). OWNER: github helper. */
import type { CheckResult } from '../core/result.js';

export function renderMarkdown(result: CheckResult): string {
  const lines = [`# mta-sts-guard: ${result.summary.errors} errors, ${result.summary.warnings} warnings`, ''];
  for (const f of result.findings)
    lines.push(`- **${f.severity}** \`${f.rule}\` ${f.domain ?? ''}: ${f.message}`);
  return lines.join('\n') + '\n';
}
