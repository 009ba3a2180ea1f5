/** Picks the renderer for --format. Renderers are pure functions of the result. */
import type { OutputFormat } from '../config.js';
import type { CheckResult } from '../core/result.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText, type TextOptions } from './text.js';
import { boundResult, oneLineValues, safeJsonText, safeText } from './untrusted.js';

export interface RenderOptions extends TextOptions {
  /** Where SARIF anchors live findings (the domains file), see sarif.ts. */
  anchorFile?: string | null;
}

/**
 * Issue 9 class 9: this is the output boundary: values are bounded before rendering, and the
 * rendering is sanitised (untrusted.ts) whatever the format. Text escapes each value itself,
 * before it adds colour (text.ts); without colour it is passed through safeText as well.
 */
export function render(result: CheckResult, format: OutputFormat, options: RenderOptions = {}): string {
  const anchorFile = options.anchorFile ?? null;
  const bounded = boundResult(result);
  switch (format) {
    case 'json':
      return safeJsonText(renderJson(bounded));
    case 'markdown':
      return safeText(renderMarkdown(bounded));
    case 'sarif':
      return safeJsonText(renderSarif(bounded, { anchorFile }));
    case 'text': {
      // Colour codes come after safeText would run, so with colour the text (which escapes each
      // value itself, text.ts) is not passed through it again.
      const text = renderText(oneLineValues(bounded), options);
      return options.color ? text : safeText(text);
    }
  }
}
