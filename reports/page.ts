// index.html: one self-contained page, in the report's locale, that opens offline. Styles are
// inline and charts are inline SVG drawn on the server, so the page loads nothing and runs no
// script. Sections follow the CSVs: enrollment, graduation, transfers, flags, data quality.

import { renderDataQualitySection } from './data-quality-section.js';
import { labelsFor, type Labels } from './dictionary.js';
import { renderEnrollmentSection } from './enrollment-section.js';
import { renderFlagSection } from './flag-section.js';
import { renderGraduationSection } from './graduation-section.js';
import { formatCount, html, trustedHtml, type Html } from './html.js';
import { PAGE_CSS } from './page-style.js';
import { formatProvince } from './provinces.js';
import { CSV_NAMES, type ReportData } from './report-rows.js';
import { sumOf, unique } from './tally.js';
import { renderTransferSection } from './transfer-section.js';

export function renderPage(data: ReportData): string {
  const labels = labelsFor(data.locale);
  const { locale } = data;
  const page = html`<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${labels.title} · ${data.asOf}</title>
<style>${trustedHtml(PAGE_CSS)}</style>
</head>
<body>
${renderHeader(data, labels)}
<main>
${renderEnrollmentSection(data.enrollment, labels, locale)}
${renderGraduationSection(data.graduation, data.asOf, labels, locale)}
${renderTransferSection(data.transfers, labels, locale)}
${renderFlagSection({ flags: data.flags, masked: data.masked, labels, locale })}
${renderDataQualitySection({ rows: data.dataQuality, schoolNames: data.schoolNames, labels,
    locale })}
</main>
${renderFooter(labels)}
</body>
</html>
`;
  return page.text;
}

function renderHeader(data: ReportData, labels: Labels): Html {
  return html`<header>
<h1>${labels.title}</h1>
<p class="meta"><span>${labels.asOf} <strong>${data.asOf}</strong></span>
<span>${labels.region} <strong>${formatRegion(data.region, data.locale, labels)}</strong></span></p>
<dl class="figures">${renderFigures(data, labels)}</dl>
</header>`;
}

/** The headline numbers, each the total of one section. */
function renderFigures(data: ReportData, labels: Labels): Html[] {
  const figures: [string, number][] = [
    [labels.students, sumOf(data.enrollment, (row) => row.students)],
    [labels.schools, unique(data.enrollment.map((row) => row.school_code)).length],
    [labels.transfers, sumOf(data.transfers, (row) => row.transfers)],
    [labels.flags, data.flags.length],
    [labels.filesWithRejects, sumOf(data.dataQuality, (row) => (row.rows_rejected ? 1 : 0))],
  ];
  return figures.map(([label, value]) => {
    return html`<div><dt>${label}</dt><dd>${formatCount(value, data.locale)}</dd></div>`;
  });
}

function renderFooter(labels: Labels): Html {
  const links = Object.values(CSV_NAMES).map((file) => html`<a href="${file}">${file}</a> `);
  return html`<footer><p>${labels.dataFiles}: ${links}</p></footer>`;
}

/** 河南 (410000) for a province; 410105 (河南) below it; the "all regions" label for none. */
function formatRegion(region: string | null, locale: ReportData['locale'], labels: Labels) {
  if (!region) return labels.allRegions;
  const province = formatProvince(region.slice(0, 2), locale);
  return region.endsWith('0000') ? `${province} (${region})` : `${region} (${province})`;
}
