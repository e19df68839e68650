// The Transfers section: moves between schools as a from→to province heatmap, all school years
// up to the as-of date together, with the same matrix as a table beside it. Both axes list the
// same provinces in code order, so moves within a province fall on the diagonal.

import * as Plot from '@observablehq/plot';
import type { Labels } from './dictionary.js';
import { html, renderTable, type Html } from './html.js';
import { CHART_MAX_WIDTH, estimateTextWidth, marginFor, renderFigure, renderPlot } from './plot.js';
import { formatProvince } from './provinces.js';
import type { Locale, TransferRow } from './report-rows.js';
import { sumByKey, unique } from './tally.js';

interface Move {
  from: string;
  to: string;
  transfers: number;
}

/** Cells narrower than this (in pixels) carry no number; the table still has it. */
const MIN_LABELLED_CELL = 28;

export function renderTransferSection(rows: TransferRow[], labels: Labels, locale: Locale) {
  const provinces = readProvinces(rows, labels, locale);
  const moves = sumMoves(rows, labels, locale);
  const chart = moves.length ? renderTransferChart(moves, provinces, labels) : null;
  return html`<section id="transfers">
<h2>${labels.transfers}</h2>
<p class="lead">${labels.transfersLead}</p>
<div class="pair">${renderFigure(chart, formatCaption(rows, labels), labels.noData)}
${moves.length ? renderTransferTable(moves, provinces, labels, locale) : ''}</div>
</section>`;
}

function provinceName(code: string | null, labels: Labels, locale: Locale): string {
  return code ? formatProvince(code, locale) : labels.unknown;
}

function readProvinces(rows: TransferRow[], labels: Labels, locale: Locale): string[] {
  const codes = unique(rows.flatMap((row) => [row.from_province_code, row.to_province_code]));
  codes.sort((a, b) => (a ?? '99').localeCompare(b ?? '99'));
  return unique(codes.map((code) => provinceName(code, labels, locale)));
}

function sumMoves(rows: TransferRow[], labels: Labels, locale: Locale): Move[] {
  const sums = sumByKey(
    rows,
    (row) => [row.from_province_code, row.to_province_code]
      .map((code) => provinceName(code, labels, locale)).join('\t'),
    (row) => row.transfers,
  );
  return [...sums].map(([key, transfers]) => {
    const [from = '', to = ''] = key.split('\t');
    return { from, to, transfers };
  });
}

function renderTransferChart(moves: Move[], provinces: string[], labels: Labels): Html {
  const marginLeft = marginFor(provinces);
  const cell = Math.min(64, Math.floor((CHART_MAX_WIDTH - marginLeft - 20) / provinces.length));
  // Names wider than a cell are turned 45° and need a taller margin above the grid.
  const rotate = Math.max(...provinces.map((name) => estimateTextWidth(name))) > cell - 8;
  const marginTop = rotate ? Math.ceil(marginFor(provinces) * 0.75) + 8 : 28;
  const most = Math.max(...moves.map((move) => move.transfers));
  return renderPlot({
    width: marginLeft + provinces.length * cell + 20,
    height: marginTop + provinces.length * cell + 10,
    marginLeft,
    marginTop,
    marginRight: 20,
    marginBottom: 10,
    x: { domain: provinces, axis: 'top', label: null, tickRotate: rotate ? -45 : 0 },
    y: { domain: provinces, label: null },
    // No colour legend: Plot draws continuous ramps on a canvas, which jsdom lacks; the numbers
    // are in the cells and in the table.
    color: { type: 'linear', scheme: 'blues', domain: [0, most] },
    marks: [
      Plot.cell(moves, { x: 'to', y: 'from', fill: 'transfers', inset: 1 }),
      cell >= MIN_LABELLED_CELL ? Plot.text(moves, {
        x: 'to',
        y: 'from',
        text: 'transfers',
        fill: (move: Move) => (move.transfers > most * 0.55 ? 'white' : 'black'),
      }) : null,
    ],
  });
}

function renderTransferTable(moves: Move[], provinces: string[], labels: Labels, locale: Locale) {
  const count = (from: string, to: string) =>
    moves.find((move) => move.from === from && move.to === to)?.transfers ?? 0;
  const total = (keep: (move: Move) => boolean) =>
    moves.filter(keep).reduce((sum, move) => sum + move.transfers, 0);
  return renderTable({
    caption: `${labels.fromProvince} → ${labels.toProvince}`,
    columns: [
      { label: `${labels.fromProvince} \\ ${labels.toProvince}` },
      ...provinces.map((to) => ({ label: to, numeric: true })),
      { label: labels.total, numeric: true },
    ],
    rows: provinces.map((from) => [
      from,
      ...provinces.map((to) => count(from, to)),
      total((move) => move.from === from),
    ]),
    footer: [
      labels.total,
      ...provinces.map((to) => total((move) => move.to === to)),
      total(() => true),
    ],
  }, locale);
}

/** The chart's key: rows are sending provinces, columns receiving ones, and the years shown. */
function formatCaption(rows: TransferRow[], labels: Labels): string {
  const years = unique(rows.map((row) => row.school_year)).sort();
  const span = years.length > 1 ? `${years[0]} – ${years[years.length - 1]}` : (years[0] ?? '');
  return `${labels.transfersChart} · ${labels.schoolYears} ${span}`;
}
