/**
 * The table view of a chart's data: the same numbers, for screen readers, printing and checking.
 * Body rows leave out their `</td>` and `</tr>` end tags, which HTML makes optional there: the
 * browser builds the same table, and a 20,000-row inventory is 700 KB smaller.
 */
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
      const cells = row.map((value, index) => `<td${numeric.has(index) ? ' class="num"' : ''}>${cellHtml(value)}`).join('');
      return `<tr${id ? ` id="${escapeHtml(id)}"` : ''}>${cells}`;
    })
    .join('');
  // No line breaks between rows: without end tags, one would become part of the last cell's text.
  return `<table data-table-for="${escapeHtml(table.chart)}"><caption>${escapeHtml(table.caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function cellHtml(value: TableValue): string {
  if (typeof value !== 'object') return escapeHtml(value);
  return value.href ? `<a href="${escapeHtml(value.href)}">${escapeHtml(value.text)}</a>` : escapeHtml(value.text);
}
