/**
 * Plain-text tables: columns padded to their widest cell, computed in one pass so large
 * tables (thousands of hosts) stay linear. A table wider than the width it may use is never
 * cut or left for the terminal to break mid-column: each row becomes a block instead, its
 * first cell on a line and every other cell on a labelled line below it.
 */
import { paintText, type TextStyle } from './color.js';
import { wrapLine } from './fit-text.js';

export type TableCell = string | { text: string; style?: TextStyle };

export interface TableOptions {
  indent: string;
  color: boolean;
  /** Columns aligned right (numbers); others align left. */
  rightAligned?: readonly number[];
  /** The widest a line may be; without it the table is as wide as its cells. */
  width?: number;
  /** Labels of the columns after the first in the block layout; the headers in lower case by default. */
  blockLabels?: readonly string[];
}

/** The header and rows as lines, columns separated by two spaces, without trailing spaces. */
export function formatTable(header: readonly string[], rows: readonly (readonly TableCell[])[], options: TableOptions): string[] {
  return [...formatTableLines(header, rows, options)];
}

/** The same lines one at a time, so a table of 100,000 hosts is never held as lines. */
export function* formatTableLines(header: readonly string[], rows: readonly (readonly TableCell[])[], options: TableOptions): Generator<string> {
  const widths = header.map((title) => title.length);
  for (const row of rows) {
    row.forEach((cell, index) => {
      widths[index] = Math.max(widths[index] ?? 0, cellText(cell).length);
    });
  }
  const tableWidth = options.indent.length + widths.reduce((sum, width) => sum + width, 0) + 2 * (widths.length - 1);
  if (options.width !== undefined && tableWidth > options.width) {
    yield* formatBlocks(header, rows, options, options.width);
    return;
  }
  const right = new Set(options.rightAligned ?? []);
  const formatRow = (cells: readonly TableCell[]): string => {
    const padded = cells.map((cell, index) => {
      const text = cellText(cell);
      const fill = ' '.repeat((widths[index] ?? 0) - text.length);
      const painted = paint(cell, options.color);
      if (right.has(index)) return `${fill}${painted}`;
      return index === cells.length - 1 ? painted : `${painted}${fill}`;
    });
    return `${options.indent}${padded.join('  ')}`.trimEnd();
  };
  yield formatRow(header.map((text) => ({ text, style: 'bold' as const })));
  for (const row of rows) yield formatRow(row);
}

function* formatBlocks(header: readonly string[], rows: readonly (readonly TableCell[])[], options: TableOptions, width: number): Generator<string> {
  const labels = header.slice(1).map((title, index) => options.blockLabels?.[index] ?? title.toLowerCase());
  const inner = `${options.indent}  `;
  for (const row of rows) {
    const [first, ...rest] = row;
    yield `${options.indent}${first === undefined ? '' : paint(first, options.color)}`;
    for (const [index, cell] of rest.entries()) {
      if (cellText(cell) !== '') yield* wrapLine(`${inner}${labels[index] ?? ''}: ${paint(cell, options.color)}`, width, `${inner}  `);
    }
  }
}

function paint(cell: TableCell, color: boolean): string {
  return typeof cell === 'string' || cell.style === undefined ? cellText(cell) : paintText(cell.text, cell.style, color);
}

function cellText(cell: TableCell): string {
  return typeof cell === 'string' ? cell : cell.text;
}
