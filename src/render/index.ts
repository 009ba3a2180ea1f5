/** Picks the renderer for --format. Renderers are pure functions of the result. */
import type { OutputFormat } from '../config.js';
import type { CheckResult } from '../core/result.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText } from './text.js';

export function render(result: CheckResult, format: OutputFormat): string {
  switch (format) {
    case 'json':
      return renderJson(result);
    case 'markdown':
      return renderMarkdown(result);
    case 'sarif':
      return renderSarif(result);
    case 'text':
      return renderText(result);
  }
}
