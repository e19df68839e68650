// The Data quality section: the files that had rows rejected at ingest, with their counts and
// most frequent reasons, so each school knows what to fix in its exports. Files without
// rejects are in data_quality.csv only; a page of clean files helps no one.

import type { Labels } from './dictionary.js';
import { html, renderTable, type Html } from './html.js';
import type { DataQualityRow, Locale } from './report-rows.js';

export interface DataQualitySectionSpec {
  rows: DataQualityRow[];
  schoolNames: Map<string, string>;
  labels: Labels;
  locale: Locale;
}

export function renderDataQualitySection(spec: DataQualitySectionSpec): Html {
  const { labels } = spec;
  const rejected = spec.rows.filter((row) => (row.rows_rejected ?? 0) > 0);
  const body = rejected.length
    ? html`<div class="scroll">${renderRejectTable(rejected, spec)}</div>`
    : html`<p class="empty">${labels.noRejects}</p>`;
  return html`<section id="data-quality">
<h2>${labels.dataQuality}</h2>
<p class="lead">${labels.dataQualityLead}</p>
${body}
</section>`;
}

function renderRejectTable(rows: DataQualityRow[], spec: DataQualitySectionSpec): Html {
  const { labels, schoolNames } = spec;
  return renderTable({
    caption: labels.filesWithRejects,
    className: 'data list',
    rowHeaders: false,
    columns: [
      { label: labels.school },
      { label: labels.file },
      { label: labels.rowsRead, numeric: true },
      { label: labels.rowsLoaded, numeric: true },
      { label: labels.rowsRejected, numeric: true },
      { label: labels.rowsSkipped, numeric: true },
      { label: labels.topReasons },
    ],
    rows: rows.map((row) => [
      renderSchool(row.school_code, schoolNames),
      html`<code>${row.file}</code>`,
      row.rows_read,
      row.rows_loaded,
      row.rows_rejected,
      row.rows_skipped,
      row.top_reasons,
    ]),
  }, spec.locale);
}

function renderSchool(code: string | null, schoolNames: Map<string, string>): Html | string {
  if (!code) return '';
  const name = schoolNames.get(code);
  return name ? html`${name}<br><code>${code}</code>` : html`<code>${code}</code>`;
}
