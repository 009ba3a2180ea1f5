/** Picks the renderer for --format. Renderers are pure functions of the result. */
import type { OutputFormat } from '../config.js';
import type { CheckResult } from '../core/result.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';
import { boundResult, oneLineValues, safeJsonText, safeText } from './untrusted.js';

/**
 * `anchorFile`: where SARIF anchors live findings (the domains file), see sarif.ts. Issue 9
 * class 9: this is the output boundary: values are bounded before rendering, and the rendering
 * is sanitised (untrusted.ts) whatever the format.
 */
export function render(result: CheckResult, format: OutputFormat, anchorFile: string | null = null): string {
  const bounded = boundResult(result);
  switch (format) {
    case 'json':
      return safeJsonText(renderJson(bounded));
    case 'markdown':
      return safeText(renderMarkdown(bounded));
    case 'sarif':
      return safeJsonText(renderSarif(bounded, { anchorFile }));
    case 'text':
      return safeText(renderText(oneLineValues(bounded)));
  }
}
