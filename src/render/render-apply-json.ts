/**
 * The apply report for machines, described by `schemas/apply-report.schema.json`.
 */
import type { ApplyReport } from '../model/action-result.js';
import { jsonDocumentChunks } from '../io/json-chunks.js';

/** The report as JSON with a 2-space indent and a trailing newline. */
export function renderApplyReportJson(report: ApplyReport): string {
  return [...renderApplyReportJsonChunks(report)].join('');
}

/** The same document a result at a time. */
export function renderApplyReportJsonChunks(report: ApplyReport): Generator<string> {
  return jsonDocumentChunks(report);
}
