/**
 * `rdsctl report --format csv`: the issued-CAL inventory for auditors, one row per issued CAL
 * (RFC 4180: comma-separated, CRLF line ends, fields quoted when needed). A field that a
 * spreadsheet would run as a formula (starting with = + - @, tab or carriage return) is prefixed
 * with an apostrophe, so a hostile host or user name stays text.
 */
import type { ReportData } from './report-data.js';

const HEADER = ['server', 'key_pack', 'key_pack_id', 'issued_to', 'issued_at', 'expires_at', 'status'];

export function renderReportCsv(data: ReportData): string {
  const rows = data.inventory.rows.map((row) => [row.server, row.keyPack, row.keyPackId?.toString() ?? '', row.issuedTo, row.issuedAt ?? '', row.expiresAt ?? '', row.status]);
  return [HEADER, ...rows].map((fields) => `${fields.map(quoteField).join(',')}\r\n`).join('');
}

function quoteField(field: string): string {
  const text = /^[=+\-@\t\r]/.test(field) ? `'${field}` : field;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
