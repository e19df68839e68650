// The Graduation section: on-time graduation rate per cohort and stage, all schools in scope
// together, as a bar per finished cohort and, beside it, a table of every cohort with the same
// numbers. A cohort whose normal length (to 31 August of entry year + 3) runs past the as-of date
// has no rate yet: the table lists it as in progress and the chart leaves it out.

import * as Plot from '@observablehq/plot';
import type { Labels } from './dictionary.js';
import { html, renderTable, type Html } from './html.js';
import { CHART_MAX_WIDTH, marginFor, renderFigure, renderPlot } from './plot.js';
import type { GraduationRow, Locale } from './report-rows.js';

interface Cohort {
  name: string;
  stage: GraduationRow['stage'];
  cohortYear: number;
  cohortSize: number;
  graduated: number;
  /** graduated / cohortSize to 4 decimals, as the CSV rounds it; null while in progress. */
  rate: number | null;
}

const STAGE_COLOURS = { junior: '#41ab5d', senior: '#f16913' } as const;

export function renderGraduationSection(
  rows: GraduationRow[], asOf: string, labels: Labels, locale: Locale,
) {
  const cohorts = sumCohorts(rows, asOf, labels);
  const finished = cohorts.filter((cohort) => cohort.rate !== null);
  const chart = finished.length ? renderGraduationChart(finished, labels, locale) : null;
  return html`<section id="graduation">
<h2>${labels.graduation}</h2>
<p class="lead">${labels.graduationLead}</p>
<div class="pair">${renderFigure(chart, labels.graduationChart, labels.noData)}
${cohorts.length ? renderGraduationTable(cohorts, labels, locale) : ''}</div>
</section>`;
}

/** The schools' rows summed per stage and cohort year, junior first, oldest cohort first. */
function sumCohorts(rows: GraduationRow[], asOf: string, labels: Labels): Cohort[] {
  const cohorts = new Map<string, Cohort>();
  for (const row of rows) {
    const key = `${row.stage}\t${row.cohort_year}`;
    const cohort = cohorts.get(key) ?? {
      name: labels.cohortName(row.stage, row.cohort_year),
      stage: row.stage,
      cohortYear: row.cohort_year,
      cohortSize: 0,
      graduated: 0,
      rate: null,
    };
    cohort.cohortSize += row.cohort_size;
    cohort.graduated += row.graduated;
    cohorts.set(key, cohort);
  }
  const all = [...cohorts.values()];
  for (const cohort of all) {
    const ended = `${cohort.cohortYear + 3}-08-31` <= asOf;
    if (ended && cohort.cohortSize > 0) {
      cohort.rate = Math.round((cohort.graduated / cohort.cohortSize) * 10_000) / 10_000;
    }
  }
  return all.sort((a, b) => a.stage.localeCompare(b.stage) || a.cohortYear - b.cohortYear);
}

function formatRate(rate: number, locale: Locale): string {
  return new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1,
    maximumFractionDigits: 1 }).format(rate);
}

function renderGraduationChart(cohorts: Cohort[], labels: Labels, locale: Locale): Html {
  const names = cohorts.map((cohort) => cohort.name);
  const stages = [...new Set(cohorts.map((cohort) => cohort.stage))];
  return renderPlot({
    width: CHART_MAX_WIDTH,
    height: 80 + names.length * 36,
    marginLeft: marginFor(names),
    marginRight: 56,
    marginBottom: 44,
    x: { label: labels.graduationRate, labelAnchor: 'center', labelArrow: 'none', grid: true,
      domain: [0, 100], percent: true, tickFormat: (value: number) => `${value}%` },
    y: { label: null, domain: names },
    color: {
      type: 'ordinal',
      domain: stages.map((stage) => labels.stageNames[stage] ?? stage),
      range: stages.map((stage) => STAGE_COLOURS[stage]),
      legend: true,
    },
    marks: [
      Plot.barX(cohorts, {
        y: 'name',
        x: 'rate',
        fill: (cohort: Cohort) => labels.stageNames[cohort.stage] ?? cohort.stage,
      }),
      Plot.text(cohorts, {
        y: 'name',
        x: 'rate',
        text: (cohort: Cohort) => formatRate(cohort.rate ?? 0, locale),
        textAnchor: 'start',
        dx: 5,
      }),
      Plot.ruleX([0]),
    ],
  });
}

function renderGraduationTable(cohorts: Cohort[], labels: Labels, locale: Locale): Html {
  return renderTable({
    caption: labels.graduation,
    columns: [
      { label: labels.cohort },
      { label: labels.cohortSize, numeric: true },
      { label: labels.graduated, numeric: true },
      { label: labels.graduationRate, numeric: true },
    ],
    rows: cohorts.map((cohort) => [
      cohort.name,
      cohort.cohortSize,
      cohort.graduated,
      cohort.rate === null ? labels.inProgress : formatRate(cohort.rate, locale),
    ]),
  }, locale);
}
