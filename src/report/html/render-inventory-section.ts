/** For auditors: the issued-CAL inventory per licence server (the same rows as `--format csv`). */
import type { ReportData } from '../report-data.js';
import { escapeHtml } from './escape-html.js';
import { renderDataTable } from './render-data-table.js';

export function renderInventorySection(data: ReportData): string {
  const heading = '<h2 id="inventory">Issued CALs (for auditors)</h2>';
  const { rows, omitted } = data.inventory;
  const notes = omitted.map((entry) => `<p class="omitted">${escapeHtml(entry.server)}: ${entry.count} more issued CALs than rdsctl reads were counted, not listed.</p>`).join('');
  if (rows.length === 0) return `<section aria-labelledby="inventory">${heading}<p class="empty">The licence servers reported no issued CAL records.</p>${notes}</section>`;
  const table = renderDataTable({
    chart: 'inventory',
    caption: `${rows.length} issued CALs`,
    columns: ['Licence server', 'Key pack', 'Issued to', 'Issued', 'Expires', 'Status'],
    rows: rows.map((row) => [row.server, row.keyPack, row.issuedTo, row.issuedAt?.slice(0, 10) ?? '', row.expiresAt?.slice(0, 10) ?? '', row.status]),
  });
  return `<section class="deferred-layout" aria-labelledby="inventory">${heading}${table}${notes}<p>The same rows as CSV: <code>rdsctl report --format csv</code>.</p></section>`;
}
