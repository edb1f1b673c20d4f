/** The table view of a chart's data: the same numbers, for screen readers, printing and checking. */
import { escapeHtml } from './escape-html.js';

export interface TableCell {
  text: string | number;
  /** Gives the cell's row this id, so findings can link to it. */
  rowId?: string;
  href?: string;
}

export type TableValue = string | number | TableCell;

export interface DataTable {
  caption: string;
  columns: readonly string[];
  /** Columns holding numbers: right-aligned. */
  numeric?: readonly number[];
  rows: readonly (readonly TableValue[])[];
  /** Data attribute naming the chart the table belongs to (`data-table-for`). */
  chart: string;
}

export function renderDataTable(table: DataTable): string {
  const numeric = new Set(table.numeric ?? []);
  const head = table.columns.map((column) => `<th scope="col">${escapeHtml(column)}</th>`).join('');
  const body = table.rows
    .map((row) => {
      const id = row.map((value) => (typeof value === 'object' ? value.rowId : undefined)).find((rowId) => rowId !== undefined);
      const cells = row.map((value, index) => `<td${numeric.has(index) ? ' class="num"' : ''}>${cellHtml(value)}</td>`).join('');
      return `<tr${id ? ` id="${escapeHtml(id)}"` : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<table data-table-for="${escapeHtml(table.chart)}"><caption>${escapeHtml(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

function cellHtml(value: TableValue): string {
  if (typeof value !== 'object') return escapeHtml(value);
  return value.href ? `<a href="${escapeHtml(value.href)}">${escapeHtml(value.text)}</a>` : escapeHtml(value.text);
}
