// The Enrollment section: registered students by province and grade, as a stacked bar per
// province and, beside it, a table with the same numbers. Grades are coloured by stage (blues
// primary, greens junior, oranges senior) so a reader sees the stages before the grades.

import * as Plot from '@observablehq/plot';
import { formatGrade, type Labels } from './dictionary.js';
import { html, renderTable, type Cell, type Html } from './html.js';
import { barFrame, renderFigure, renderPlot } from './plot.js';
import { formatProvince } from './provinces.js';
import type { EnrollmentRow, Locale } from './report-rows.js';
import { sumOf, unique } from './tally.js';

interface ProvinceGrade {
  province: string;
  grade: number | null;
  students: number;
  female: number;
}

const GRADE_COLOURS = [
  '#c6dbef', '#9ecae1', '#6baed6', '#4292c6', '#2171b5', '#08519c',
  '#a1d99b', '#41ab5d', '#006d2c', '#fdae6b', '#f16913', '#a63603',
];
const UNKNOWN_COLOUR = '#bdbdbd';

export function renderEnrollmentSection(rows: EnrollmentRow[], labels: Labels, locale: Locale) {
  const cells = sumByProvinceAndGrade(rows, labels, locale);
  const chart = cells.length ? renderEnrollmentChart(cells, labels) : null;
  return html`<section id="enrollment">
<h2>${labels.enrollment}</h2>
<p class="lead">${labels.enrollmentLead}</p>
<div class="pair">${renderFigure(chart, labels.enrollmentChart, labels.noData)}
${cells.length ? renderEnrollmentTable(cells, labels, locale) : ''}</div>
</section>`;
}

function sumByProvinceAndGrade(rows: EnrollmentRow[], labels: Labels, locale: Locale) {
  const cells = new Map<string, ProvinceGrade>();
  for (const row of rows) {
    const province = row.province_code ? formatProvince(row.province_code, locale) : labels.unknown;
    const key = `${province}\t${row.grade}`;
    const cell = cells.get(key) ?? { province, grade: row.grade, students: 0, female: 0 };
    cell.students += row.students;
    if (row.sex === 'F') cell.female += row.students;
    cells.set(key, cell);
  }
  // Rows arrive ordered by province code, unknown last; the map keeps that order.
  return [...cells.values()];
}

function renderEnrollmentChart(cells: ProvinceGrade[], labels: Labels): Html {
  const provinces = unique(cells.map((cell) => cell.province));
  const grades = gradesOf(cells);
  const gradeNames = grades.map((grade) => formatGrade(grade, labels));
  const totals = provinces.map((p) => sum(cells.filter((c) => c.province === p), 'students'));
  return renderPlot({
    ...barFrame(provinces, labels.students, Math.max(...totals)),
    marginRight: 56,
    color: { type: 'ordinal', domain: gradeNames, range: grades.map(colourOf), legend: true },
    marks: [
      Plot.barX(cells, {
        y: 'province',
        x: 'students',
        fill: (cell: ProvinceGrade) => formatGrade(cell.grade, labels),
        order: gradeNames,
      }),
      Plot.text(provinces, { y: (p) => p, x: (_p, i) => totals[i], text: (_p, i) => totals[i],
        textAnchor: 'start', dx: 5 }),
      Plot.ruleX([0]),
    ],
  });
}

function colourOf(grade: number | null): string {
  return (grade !== null && GRADE_COLOURS[grade - 1]) || UNKNOWN_COLOUR;
}

function renderEnrollmentTable(cells: ProvinceGrade[], labels: Labels, locale: Locale): Html {
  const provinces = unique(cells.map((cell) => cell.province));
  const grades = gradesOf(cells);
  const rowOf = (group: ProvinceGrade[], name: string): Cell[] => [
    name,
    ...grades.map((g) => sum(group.filter((c) => c.grade === g), 'students')),
    sum(group, 'students'),
    sum(group, 'female'),
  ];
  return renderTable({
    caption: labels.enrollment,
    columns: [
      { label: labels.province },
      ...grades.map((g) => ({ label: formatGrade(g, labels), numeric: true })),
      { label: labels.total, numeric: true },
      { label: labels.female, numeric: true },
    ],
    rows: provinces.map((p) => rowOf(cells.filter((c) => c.province === p), p)),
    footer: provinces.length > 1 ? rowOf(cells, labels.total) : undefined,
  }, locale);
}

/** The grades present, in school order, unknown last. */
function gradesOf(cells: ProvinceGrade[]): (number | null)[] {
  return unique(cells.map((cell) => cell.grade)).sort((a, b) => (a ?? 99) - (b ?? 99));
}

function sum(cells: ProvinceGrade[], key: 'students' | 'female'): number {
  return sumOf(cells, (cell) => cell[key]);
}
