/** Picks the renderer for --format. Renderers are pure functions of the result. */
import type { OutputFormat } from '../config.js';
import type { CheckResult } from '../core/result.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

/** `anchorFile`: where SARIF anchors live findings (the domains file), see sarif.ts. */
export function render(result: CheckResult, format: OutputFormat, anchorFile: string | null = null): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'sarif':
      return renderSarif(result, { anchorFile });
    case 'text':
      return renderText(result);
  }
}
