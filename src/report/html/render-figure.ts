/**
 * A chart with its table view: the SVG, then the same data as a table in a `<details>`, open
 * (and so printed) when it is short enough to read, so nothing needs a script to be read.
 */
import { escapeHtml } from './escape-html.js';
import { renderDataTable, type DataTable } from './render-data-table.js';

const OPEN_ROWS = 50;

export function renderFigure({ svg, caption, table }: { svg: string; caption: string; table: DataTable }): string {
  return `<figure class="chart">${svg}<figcaption>${escapeHtml(caption)}</figcaption>
<details class="table-view"${table.rows.length <= OPEN_ROWS ? ' open' : ''}><summary>Table view: ${escapeHtml(table.caption)}</summary>
${renderDataTable(table)}
</details></figure>`;
}
