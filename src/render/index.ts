/** Picks the renderer for --format. Renderers are pure functions of the result. */
import type { OutputFormat } from '../config.js';
import type { CheckResult } from '../core/result.js';
import { renderJson, renderJsonPieces } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderSarif } from './sarif.js';
import { renderText, type TextOptions } from './text.js';
import type { DomainResult } from '../core/result.js';
import { boundResult, boundValue, oneLineValues, safeJsonText, safeText } from './untrusted.js';

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

/**
 * render(), as pieces to write one after another (their concatenation is render's text). JSON,
 * the format of large runs, comes a domain at a time (json.ts), so writing the results of
 * 10,000 domains never holds a second copy of them (issue 11 item 4); other formats are one piece.
 */
export function* renderPieces(
  result: CheckResult,
  format: OutputFormat,
  options: RenderOptions = {},
): Generator<string> {
  if (format !== 'json') {
    yield render(result, format, options);
    return;
  }
  const pieces = renderJsonPieces(result, boundResult, (d) => boundValue(d) as DomainResult);
  for (const piece of pieces) yield safeJsonText(piece);
}
