/**
 * The apply report for machines, described by `schemas/apply-report.schema.json`.
 */
import type { ApplyReport } from '../model/action-result.js';

/** The report as JSON with a 2-space indent and a trailing newline. */
export function renderApplyReportJson(report: ApplyReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
