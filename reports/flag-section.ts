// The Flags section: findings by rule and severity as stacked bars with the same counts in a
// table, then the list of flags, each marked "needs review" (待核查): a flag is a lead for an
// analyst, not a verdict. Rows arrive masked (or not) and in severity order from the SQL.

import * as Plot from '@observablehq/plot';
import { formatRule, formatSeverity, type Labels } from './dictionary.js';
import { formatCount, html, renderTable, type Html } from './html.js';
import { barFrame, renderFigure, renderPlot } from './plot.js';
import type { FlagRow, Locale } from './report-rows.js';
import { sumByKey, unique } from './tally.js';

/** The page lists at most this many flags; flags.csv has them all. */
export const FLAG_LIST_LIMIT = 200;

const SEVERITIES = ['high', 'medium', 'info'];
const SEVERITY_COLOURS = ['#c0392b', '#e69b22', '#7f8c9a'];

export interface FlagSectionSpec {
  flags: FlagRow[];
  /** Whether the rows' numbers were masked, which the list then says. */
  masked: boolean;
  labels: Labels;
  locale: Locale;
}

export function renderFlagSection({ flags, masked, labels, locale }: FlagSectionSpec): Html {
  const chart = flags.length ? renderFlagChart(flags, labels) : null;
  return html`<section id="flags">
<h2>${labels.flags}</h2>
<p class="lead">${labels.flagsLead}</p>
<div class="pair">${renderFigure(chart, labels.flagsChart, labels.noData)}
${flags.length ? renderFlagCountTable(flags, labels, locale) : ''}</div>
${flags.length ? renderFlagList(flags, masked, labels, locale) : ''}
</section>`;
}

function renderFlagChart(flags: FlagRow[], labels: Labels): Html {
  const rules = rulesOf(flags).map((rule) => formatRule(rule, labels));
  const perRule = sumByKey(flags, (flag) => flag.rule, () => 1);
  const severities = severitiesOf(flags);
  return renderPlot({
    ...barFrame(rules, labels.flagCount, Math.max(...perRule.values())),
    marginRight: 30,
    color: {
      domain: severities.map((severity) => formatSeverity(severity, labels)),
      range: severities.map((severity) => SEVERITY_COLOURS[SEVERITIES.indexOf(severity)] ?? '#999'),
      legend: true,
    },
    marks: [
      Plot.barX(flags, Plot.groupY({ x: 'count' }, {
        y: (flag: FlagRow) => formatRule(flag.rule, labels),
        fill: (flag: FlagRow) => formatSeverity(flag.severity, labels),
        order: severities.map((severity) => formatSeverity(severity, labels)),
      })),
      Plot.ruleX([0]),
    ],
  });
}

/** Rules in the order of their most severe flag (flags arrive ordered by severity, rule). */
function rulesOf(flags: FlagRow[]): string[] {
  return unique(flags.map((flag) => flag.rule));
}

/** Severities present, in the order high, medium, info, then any other. */
function severitiesOf(flags: FlagRow[]): string[] {
  const rank = (severity: string) => (SEVERITIES.indexOf(severity) + 4) % 4;
  return unique(flags.map((flag) => flag.severity)).sort((a, b) => rank(a) - rank(b));
}

function renderFlagCountTable(flags: FlagRow[], labels: Labels, locale: Locale): Html {
  const severities = severitiesOf(flags);
  const rules = rulesOf(flags);
  const counts = sumByKey(flags, (flag) => `${flag.rule}\t${flag.severity}`, () => 1);
  const count = (rule: string, severity: string) => counts.get(`${rule}\t${severity}`) ?? 0;
  return renderTable({
    caption: labels.flags,
    columns: [
      { label: labels.rule },
      ...severities.map((severity) => ({ label: formatSeverity(severity, labels), numeric: true })),
      { label: labels.total, numeric: true },
    ],
    rows: rules.map((rule) => [
      html`${formatRule(rule, labels)}<br><code>${rule}</code>`,
      ...severities.map((severity) => count(rule, severity)),
      flags.filter((flag) => flag.rule === rule).length,
    ]),
    footer: [
      labels.total,
      ...severities.map((severity) => flags.filter((flag) => flag.severity === severity).length),
      flags.length,
    ],
  }, locale);
}

function renderFlagList(flags: FlagRow[], masked: boolean, labels: Labels, locale: Locale) {
  const shown = flags.slice(0, FLAG_LIST_LIMIT);
  const limited = flags.length > shown.length
    ? labels.listLimited(formatCount(shown.length, locale), formatCount(flags.length, locale))
    : '';
  const table = renderTable({
    caption: labels.flagList,
    className: 'data list',
    rowHeaders: false,
    columns: [labels.status, labels.severity, labels.rule, labels.studentNo, labels.school,
      labels.examYear, labels.summary].map((label) => ({ label })),
    rows: shown.map((flag) => [
      html`<span class="review">${labels.needsReview}</span>`,
      html`<span class="severity ${flag.severity}">${formatSeverity(flag.severity, labels)}</span>`,
      formatRule(flag.rule, labels),
      flag.student_no ? html`<code>${flag.student_no}</code>` : '',
      flag.school_code ? html`<code>${flag.school_code}</code>` : '',
      flag.exam_year === null ? '' : String(flag.exam_year),
      flag.summary,
    ]),
  }, locale);
  return html`<h3>${labels.flagList}</h3>
<p class="note">${masked ? labels.maskedNote : ''} ${limited}</p>
<div class="scroll">${table}</div>`;
}
