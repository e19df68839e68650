// Building HTML safely: the `html` template escapes every value put into it unless the value
// is already Html, so text from the warehouse (school names, summaries) can never become markup.
// The one way in for trusted markup is `trustedHtml`, used for the SVG that Plot draws.

export class Html {
  constructor(readonly text: string) {}

  toString(): string {
    return this.text;
  }
}

export function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** Markup we produced ourselves (Plot's SVG); never warehouse text. */
export function trustedHtml(text: string): Html {
  return new Html(text);
}

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  let text = strings[0] ?? '';
  values.forEach((value, index) => {
    text += renderValue(value) + (strings[index + 1] ?? '');
  });
  return new Html(text);
}

function renderValue(value: unknown): string {
  if (value instanceof Html) return value.text;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  if (value === null || value === undefined || value === false) return '';
  return escapeHtml(String(value));
}

export type Cell = string | number | null | Html;

const NUMERIC = new Html(' class="num"');

export interface TableSpec {
  caption: string;
  columns: { label: string; numeric?: boolean }[];
  rows: Cell[][];
  /** The first cell of each row names the row (a `th`); default true. */
  rowHeaders?: boolean;
  /** A last row of totals, set apart. */
  footer?: Cell[];
  className?: string;
}

export function renderTable(spec: TableSpec, locale: string): Html {
  const numeric = spec.columns.map((column) => column.numeric ?? false);
  const rowHeaders = spec.rowHeaders ?? true;
  const renderRow = (row: Cell[]) =>
    html`<tr>${row.map((cell, i) => renderCell(cell, i, numeric[i], rowHeaders, locale))}</tr>`;
  const head = spec.columns.map((column) => {
    return html`<th scope="col"${column.numeric ? NUMERIC : ''}>${column.label}</th>`;
  });
  const footer = spec.footer ? html`<tfoot>${renderRow(spec.footer)}</tfoot>` : '';
  return html`<table class="${spec.className ?? 'data'}"><caption>${spec.caption}</caption>
<thead><tr>${head}</tr></thead>
<tbody>${spec.rows.map((row) => [renderRow(row), '\n'])}</tbody>${footer}</table>`;
}

function renderCell(
  cell: Cell,
  index: number,
  numeric: boolean | undefined,
  rowHeaders: boolean,
  locale: string,
): Html {
  const content = typeof cell === 'number' ? formatCount(cell, locale) : cell;
  const className = numeric ? NUMERIC : '';
  if (index === 0 && rowHeaders) return html`<th scope="row"${className}>${content}</th>`;
  return html`<td${className}>${content}</td>`;
}

export function formatCount(value: number, locale: string): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}
