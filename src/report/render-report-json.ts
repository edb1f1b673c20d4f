/** `rdsctl report --format json`: the report data as it is, the numbers every chart draws. */
import { jsonDocumentChunks } from '../io/json-chunks.js';
import type { ReportData } from './report-data.js';

export function renderReportJson(data: ReportData): string {
  return [...renderReportJsonChunks(data)].join('');
}

/** The same document a row at a time: grace hosts and issued CALs are lists two levels down. */
export function renderReportJsonChunks(data: ReportData): Generator<string> {
  return jsonDocumentChunks(data, 3);
}
