/**
 * Small Markdown building blocks for the spec reference: inline code, value lists, table cells
 * and the anchors GitHub gives headings.
 */

/** A value as inline code: strings bare, anything else as JSON. */
export function formatCode(value: unknown): string {
  return `\`${typeof value === 'string' ? value : JSON.stringify(value)}\``;
}

/** `a`; `a` or `b`; one of `a`, `b`, `c`. */
export function formatValueChoice(values: readonly unknown[]): string {
  const codes = values.map(formatCode);
  if (codes.length <= 1) return codes.join('');
  if (codes.length === 2) return `${codes[0]} or ${codes[1]}`;
  return `one of ${codes.join(', ')}`;
}

/** Text safe inside one table cell. */
export function escapeTableCell(text: string): string {
  return text.replaceAll('|', '\\|').replace(/\s*\n\s*/g, ' ');
}

export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const line = (cells: readonly string[]): string => `| ${cells.map(escapeTableCell).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** The anchor GitHub derives from a heading's text. */
export function anchorOfHeading(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}
