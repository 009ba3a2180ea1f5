/**
 * Draws the Mermaid `xychart-beta` blocks the job summary writes (markdown-reports.ts: a title,
 * an x-axis with a title and labels, a y-axis with a title and range, one bar and one line
 * series, the colours in an init directive) as SVG, so the screenshot shows the chart as GitHub
 * renders it, without Mermaid's browser bundle. Only that subset; anything else stays code.
 */

interface XyChart {
  title: string;
  xTitle: string;
  labels: string[];
  yTitle: string;
  yMax: number;
  bar: number[];
  line: number[];
  colours: [string, string];
}

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function numbers(list: string): number[] {
  return list.split(',').map((n) => Number(n.trim()));
}

export function parseXyChart(source: string): XyChart | null {
  const get = (re: RegExp) => re.exec(source);
  const title = get(/^\s*title "([^"]*)"/m);
  const x = get(/^\s*x-axis "([^"]*)" \[(.*)\]/m);
  const y = get(/^\s*y-axis "([^"]*)" (\d+) --> (\d+)/m);
  const bar = get(/^\s*bar \[(.*)\]/m);
  const line = get(/^\s*line \[(.*)\]/m);
  const palette = get(/"plotColorPalette":"([^"]*)"/);
  if (!/^\s*(%%.*\n\s*)?xychart-beta/.test(source) || !title || !x || !y || !bar || !line) return null;
  const colours = (palette?.[1] ?? '#55acee, #dd2e44').split(',').map((c) => c.trim());
  return {
    title: title[1]!,
    xTitle: x[1]!,
    labels: [...x[2]!.matchAll(/"([^"]*)"/g)].map((m) => m[1]!),
    yTitle: y[1]!,
    yMax: Number(y[3]),
    bar: numbers(bar[1]!),
    line: numbers(line[1]!),
    colours: [colours[0] ?? '#55acee', colours[1] ?? '#dd2e44'],
  };
}

export function xyChartSvg(chart: XyChart): string {
  const width = 720;
  const height = 300;
  const left = 64;
  const right = 16;
  const top = 40;
  const bottom = 56;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const n = Math.max(1, chart.labels.length);
  const step = plotW / n;
  const yOf = (v: number) => top + plotH - (plotH * v) / Math.max(1, chart.yMax);
  const xOf = (i: number) => left + step * i + step / 2;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="DejaVu Sans, sans-serif" font-size="12">`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15" fill="#1f2328">${escapeXml(chart.title)}</text>`,
  ];
  for (let t = 0; t <= 4; t++) {
    const v = Math.round((chart.yMax * t) / 4);
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${yOf(v)}" y2="${yOf(v)}" stroke="#d1d9e0"/>`,
      `<text x="${left - 6}" y="${yOf(v) + 4}" text-anchor="end" fill="#59636e">${v}</text>`,
    );
  }
  chart.bar.forEach((v, i) => {
    const w = step * 0.6;
    parts.push(
      `<rect x="${xOf(i) - w / 2}" y="${yOf(v)}" width="${w}" height="${top + plotH - yOf(v)}" fill="${chart.colours[0]}"/>`,
    );
  });
  const points = chart.line.map((v, i) => `${xOf(i)},${yOf(v)}`).join(' ');
  parts.push(`<polyline points="${points}" fill="none" stroke="${chart.colours[1]}" stroke-width="2.5"/>`);
  chart.labels.forEach((label, i) => {
    parts.push(
      `<text x="${xOf(i)}" y="${top + plotH + 16}" text-anchor="middle" fill="#59636e">${escapeXml(label)}</text>`,
    );
  });
  parts.push(
    `<text x="${left + plotW / 2}" y="${height - 10}" text-anchor="middle" fill="#1f2328">${escapeXml(chart.xTitle)}</text>`,
    `<text transform="translate(16 ${top + plotH / 2}) rotate(-90)" text-anchor="middle" fill="#1f2328">${escapeXml(chart.yTitle)}</text>`,
    '</svg>',
  );
  return parts.join('');
}
