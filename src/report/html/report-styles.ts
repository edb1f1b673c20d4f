/** The report's one stylesheet, inlined: no fonts or files to fetch. Print styles keep charts whole. */
import { COLORS } from './report-colors.js';

export const REPORT_STYLES = `
:root { color-scheme: light; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: ${COLORS.text}; background: #ffffff; margin: 0 auto; max-width: 1100px; padding: 1.5rem; }
h1 { font-size: 1.6rem; margin: 0 0 .5rem; }
h2 { font-size: 1.25rem; border-bottom: 1px solid #d0d7de; padding-bottom: .25rem; margin-top: 2rem; }
h3 { font-size: 1rem; margin: 0 0 .5rem; }
h4 { font-size: .95rem; margin: .5rem 0 .25rem; }
a { color: #0550ae; }
code { font-family: ui-monospace, Menlo, Consolas, monospace; font-size: .9em; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 1rem; }
.facts { display: grid; grid-template-columns: max-content 1fr; gap: .1rem 1rem; margin: 0 0 1rem; }
.facts dt { font-weight: 600; }
.facts dd { margin: 0; }
.verdict { padding: .6rem .8rem; border-left: 6px solid; background: #f6f8fa; }
.verdict-healthy { border-color: ${COLORS.healthy}; }
.verdict-info { border-color: ${COLORS.unknown}; }
.verdict-warning { border-color: ${COLORS.ending}; }
.verdict-error, .verdict-critical { border-color: ${COLORS.expired}; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: 3px; color: #ffffff; font-size: .8rem; font-weight: 600; }
.badge-info { background: ${COLORS.unknown}; }
.badge-warning { background: ${COLORS.ending}; }
.badge-error { background: #a40e26; }
.badge-critical { background: #82071e; }
.legend { color: ${COLORS.text}; }
.swatch { display: inline-block; width: .8rem; height: .8rem; margin-right: .3rem; vertical-align: -1px; border: 1px solid ${COLORS.text}; }
.swatch-licensed, .swatch-healthy { background: ${COLORS.licensed}; }
.swatch-running { background: ${COLORS.running}; }
.swatch-ending { background: ${COLORS.ending}; }
.swatch-expired, .swatch-failing { background: ${COLORS.expired}; }
.swatch-unknown { background: ${COLORS.unknown}; }
figure.chart { margin: 1rem 0; overflow-x: auto; }
figure.chart > svg { display: block; max-width: 100%; height: auto; }
figcaption { font-size: .9rem; color: #424a53; margin: .25rem 0; }
table { border-collapse: collapse; margin: .5rem 0; font-size: .9rem; }
caption { text-align: left; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid #d0d7de; padding: .2rem .5rem; text-align: left; vertical-align: top; }
th { background: #f6f8fa; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
tr:target, article:target, g:target rect { outline: 3px solid #0550ae; }
.root-cause { border: 1px solid #d0d7de; border-left: 6px solid ${COLORS.unknown}; padding: .75rem; margin: 1rem 0; }
.severity-warning { border-left-color: ${COLORS.ending}; }
.severity-error, .severity-critical { border-left-color: ${COLORS.expired}; }
.cause { margin: .25rem 0; }
.empty, .omitted { color: #424a53; font-style: italic; }
/* The last section, the issued-CAL table, is laid out when it nears the screen: 20,000 rows would
   otherwise hold up the first view by seconds. Only the last one: nothing links into it, and a
   section laid out late above a link's target would move the target after the jump. */
.deferred-layout { content-visibility: auto; contain-intrinsic-size: auto 2000px; }
@media print {
  .deferred-layout { content-visibility: visible; }
  body { max-width: none; padding: 0; font-size: 11pt; }
  nav { display: none; }
  section, figure, .root-cause, tr { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
  details > summary { display: none; }
}
`;
