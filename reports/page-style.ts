// The page's inline style sheet. The font stack leads with CJK fonts, for the page and for the
// charts' SVG text alike, so Chinese labels never fall back to boxes; nothing loads from a URL.

export const PAGE_CSS = `
:root {
  --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --paper: #ffffff; --wash: #f4f6f9;
  --accent: #1d4e89; --high: #c0392b; --medium: #b86e00; --info: #5f6b7a;
  font-family: "Noto Sans CJK SC", "WenQuanYi Micro Hei", sans-serif;
  color: var(--ink); background: var(--wash); line-height: 1.5;
}
body { margin: 0; }
header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 24px; }
header { padding-top: 28px; padding-bottom: 8px; }
h1 { font-size: 28px; margin: 0 0 4px; color: var(--accent); }
h2 { font-size: 21px; margin: 0 0 4px; padding-bottom: 6px;
  border-bottom: 2px solid var(--accent); }
h3 { font-size: 16px; margin: 24px 0 4px; }
.meta { margin: 0 0 16px; color: var(--muted); font-size: 15px; }
.meta span + span::before { content: "·"; margin: 0 10px; }
.meta strong { color: var(--ink); }
.figures { display: flex; flex-wrap: wrap; gap: 12px; margin: 0; }
.figures div { background: var(--paper); border: 1px solid var(--line); border-radius: 6px;
  padding: 10px 16px; min-width: 150px; }
.figures dt { font-size: 13px; color: var(--muted); }
.figures dd { margin: 0; font-size: 24px; font-weight: 700; font-variant-numeric: tabular-nums; }
section { background: var(--paper); border: 1px solid var(--line); border-radius: 8px;
  padding: 20px 24px 24px; margin: 20px 0; }
.lead { margin: 6px 0 14px; color: var(--muted); font-size: 14px; }
.note, .empty { color: var(--muted); font-size: 13px; margin: 4px 0 8px; }
.pair { display: flex; flex-wrap: wrap; gap: 24px; align-items: flex-start; }
.pair > figure { flex: 0 1 auto; }
.pair > table { flex: 0 1 auto; }
figure.chart { margin: 0; max-width: 640px; }
figure.chart svg { font-family: inherit; font-size: 12px; overflow: visible; }
figure.chart figure { margin: 0; }
figure.chart [class*="-swatches"] { font-family: inherit; font-size: 12px; }
figure.chart figcaption { color: var(--muted); font-size: 13px; margin-top: 4px; }
figure.empty { padding: 24px; background: var(--wash); border-radius: 6px; color: var(--muted); }
table { border-collapse: collapse; font-size: 13px; }
table caption { text-align: left; font-weight: 700; padding-bottom: 6px; }
th, td { border-bottom: 1px solid var(--line); padding: 4px 8px; text-align: left;
  vertical-align: top; }
thead th { background: var(--wash); font-weight: 600; white-space: nowrap; }
tbody tr:nth-child(even) { background: #fafbfc; }
tfoot th, tfoot td { font-weight: 700; border-top: 2px solid var(--ink); border-bottom: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.list { width: 100%; }
/* A list table sits under its own heading: its caption is for screen readers only. */
table.list caption { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
.scroll { overflow-x: auto; }
code { font-family: "Noto Sans Mono CJK SC", "DejaVu Sans Mono", monospace; font-size: 12px; }
td code, th code { color: var(--muted); }
.review { display: inline-block; padding: 0 6px; border-radius: 3px; background: #fff4d6;
  color: #7a5200; white-space: nowrap; font-size: 12px; }
.severity { font-weight: 700; white-space: nowrap; }
.severity.high { color: var(--high); }
.severity.medium { color: var(--medium); }
.severity.info { color: var(--info); }
footer { color: var(--muted); font-size: 13px; padding-bottom: 32px; }
footer a { color: var(--accent); margin-right: 12px; }
`;
