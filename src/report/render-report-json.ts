/** `rdsctl report --format json`: the report data as it is, the numbers every chart draws. */
import type { ReportData } from './report-data.js';

export function renderReportJson(data: ReportData): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}
