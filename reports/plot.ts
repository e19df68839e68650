// Charts are drawn with Observable Plot here, on the server, into jsdom's document, and kept as
// SVG markup: the page needs no script. jsdom cannot measure text, so margins for axis labels
// are estimated from the characters (a CJK character is about as wide as the font size).

import * as Plot from '@observablehq/plot';
import { JSDOM } from 'jsdom';
import { html, trustedHtml, type Html } from './html.js';

/** Font size of chart text in pixels; the page's CSS sets the same size. */
export const CHART_FONT_SIZE = 12;

/** Widest a chart is drawn, in pixels, so a table fits beside it on a 1280-pixel screen. */
export const CHART_MAX_WIDTH = 640;

let document: Document | undefined;

export function renderPlot(options: Plot.PlotOptions): Html {
  document ??= new JSDOM('').window.document;
  const chart = Plot.plot({ ...options, document });
  return trustedHtml(chart.outerHTML);
}

/** A figure holding the chart, or a "no data" note when there is nothing to draw. */
export function renderFigure(chart: Html | null, caption: string, noData: string): Html {
  if (!chart) return html`<figure class="chart empty"><p>${noData}</p></figure>`;
  return html`<figure class="chart">${chart}<figcaption>${caption}</figcaption></figure>`;
}

export function estimateTextWidth(text: string, fontSize = CHART_FONT_SIZE): number {
  let width = 0;
  for (const char of text) width += (char.codePointAt(0) ?? 0) >= 0x2e80 ? 1 : 0.6;
  return Math.ceil(width * fontSize);
}

/** A left margin wide enough for the longest of these labels. */
export function marginFor(labels: string[], minimum = 40): number {
  return Math.max(minimum, ...labels.map((label) => estimateTextWidth(label) + 14));
}

/** Whole-number ticks for a count axis (no 0.5 students). */
function countTicks(maximum: number): number {
  return Math.max(1, Math.min(maximum, 8));
}

/** A horizontal bar chart's frame: one bar per name, a count axis up to `maximum` below. */
export function barFrame(names: string[], axisLabel: string, maximum: number) {
  const frame: Plot.PlotOptions = {
    width: CHART_MAX_WIDTH,
    height: 80 + names.length * 36,
    marginLeft: marginFor(names),
    marginBottom: 44,
    x: { label: axisLabel, labelAnchor: 'center', labelArrow: 'none', grid: true,
      ticks: countTicks(maximum) },
    y: { label: null, domain: names },
  };
  return frame;
}
