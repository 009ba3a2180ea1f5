/**
 * The two pages the screenshot test photographs: the job summary's Markdown rendered to HTML as
 * GitHub does (GFM through `marked`, raw HTML such as <details> kept, Mermaid charts drawn by
 * xychart-svg.ts) with a GitHub-like stylesheet, and the text output as a terminal would show it
 * (ANSI SGR colours turned into spans by a small converter, everything else escaped).
 */
import { readFileSync } from 'node:fs';
import { Marked } from 'marked';
import { parseXyChart, xyChartSvg } from './xychart-svg.js';

const CSS = readFileSync(new URL('./github-like.css', import.meta.url), 'utf8');

/** Puts the page height in the DOM, so a first `--dump-dom` run can size the screenshot window. */
const MEASURE =
  "<script>addEventListener('load',()=>{document.body.dataset.height=String(document.documentElement.scrollHeight)})</script>";

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? '&#39;');

export function summaryHtml(markdown: string): string {
  const marked = new Marked({ gfm: true, async: false });
  marked.use({
    renderer: {
      code({ text, lang }) {
        if (lang !== 'mermaid') return false;
        const chart = parseXyChart(text);
        return chart ? `<div class="chart">${xyChartSvg(chart)}</div>\n` : false;
      },
    },
  });
  const body = marked.parse(markdown) as string;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${CSS}</style>${MEASURE}</head><body><div class="summary">${body}</div></body></html>`;
}

/** SGR colour codes (30-37, 90-97) as the default palette of a dark terminal. */
const ANSI_COLOURS: Record<number, string> = {
  30: '#4d4d4d',
  31: '#ff6b6b',
  32: '#5fd75f',
  33: '#ffd75f',
  34: '#5fafff',
  35: '#d787ff',
  36: '#5fd7d7',
  37: '#e4e4e4',
  90: '#808080',
  91: '#ff8787',
  92: '#87ff87',
  93: '#ffff87',
  94: '#87afff',
  95: '#ffafff',
  96: '#87ffff',
  97: '#ffffff',
};

/** Text with ANSI SGR sequences (bold, dim, colours, reset) as HTML; other escapes are dropped. */
export function ansiToHtml(text: string): string {
  let open = 0;
  // eslint-disable-next-line no-control-regex -- ESC starts the sequences this converts
  const html = text.split(/(\u001b\[[0-9;]*[A-Za-z])/).map((part) => {
    // eslint-disable-next-line no-control-regex -- as above
    const sgr = /^\u001b\[([0-9;]*)m$/.exec(part);
    // eslint-disable-next-line no-control-regex -- as above
    if (!sgr) return /^\u001b\[/.test(part) ? '' : escapeHtml(part);
    const codes = sgr[1] === '' ? [0] : sgr[1]!.split(';').map(Number);
    let out = '';
    for (const c of codes) {
      if (c === 0 || c === 39 || c === 22) {
        out += '</span>'.repeat(open);
        open = 0;
      } else {
        const style =
          c === 1
            ? 'font-weight:bold'
            : c === 2
              ? 'opacity:.7'
              : ANSI_COLOURS[c]
                ? `color:${ANSI_COLOURS[c]}`
                : '';
        if (style) {
          out += `<span style="${style}">`;
          open++;
        }
      }
    }
    return out;
  });
  return html.join('') + '</span>'.repeat(open);
}

export function terminalHtml(text: string, title: string): string {
  const css = `body{margin:0;padding:24px;background:#ffffff}
.window{border-radius:8px;overflow:hidden;box-shadow:0 4px 16px rgba(0,0,0,.25);max-width:1100px}
.bar{background:#3a3a3a;color:#ccc;font:13px "DejaVu Sans",sans-serif;padding:6px 12px}
pre{margin:0;padding:14px 16px;background:#1e1e1e;color:#e4e4e4;font:13px/1.45 "DejaVu Sans Mono",monospace;white-space:pre-wrap;overflow-wrap:anywhere}`;
  return `<!doctype html><html><head><meta charset="utf-8"><style>${css}</style>${MEASURE}</head><body><div class="window"><div class="bar">${escapeHtml(title)}</div><pre>${ansiToHtml(text)}</pre></div></body></html>`;
}
