/**
 * Plain-text tables: columns padded to their widest cell, computed in one pass so large
 * tables (thousands of hosts) stay linear.
 */
import { paintText, type TextStyle } from './color.js';

export type TableCell = string | { text: string; style?: TextStyle };

export interface TableOptions {
  indent: string;
  color: boolean;
  /** Columns aligned right (numbers); others align left. */
  rightAligned?: readonly number[];
}

/** The header and rows as lines, columns separated by two spaces, without trailing spaces. */
export function formatTable(header: readonly string[], rows: readonly (readonly TableCell[])[], options: TableOptions): string[] {
  const widths = header.map((title) => title.length);
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cellText(cell).length);
    });
  }
  const right = new Set(options.rightAligned ?? []);
  const formatRow = (cells: readonly TableCell[]): string => {
    const padded = cells.map((cell, index) => {
      const text = cellText(cell);
      const fill = ' '.repeat((widths[index] ?? 0) - text.length);
      const painted = typeof cell === 'string' || cell.style === undefined ? text : paintText(text, cell.style, options.color);
      if (right.has(index)) return `${fill}${painted}`;
      return index === cells.length - 1 ? painted : `${painted}${fill}`;
    });
    return `${options.indent}${padded.join('  ')}`.trimEnd();
  };
  return [formatRow(header.map((text) => ({ text, style: 'bold' as const }))), ...rows.map(formatRow)];
}

function cellText(cell: TableCell): string {
  return typeof cell === 'string' ? cell : cell.text;
}
