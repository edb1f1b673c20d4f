/**
 * The doctor report for machines. The report value is the contract, described field by field in
 * `schemas/doctor-report.schema.json` (`formatVersion` 1), so it is written as it is.
 */
import type { DoctorReport } from '../doctor/doctor-report.js';
import { jsonDocumentChunks } from '../io/json-chunks.js';

/** The report as JSON with a 2-space indent and a trailing newline. */
export function renderDoctorJson(report: DoctorReport): string {
  return [...renderDoctorJsonChunks(report)].join('');
}

/** The same document a root cause or finding at a time. */
export function renderDoctorJsonChunks(report: DoctorReport): Generator<string> {
  return jsonDocumentChunks(report);
}
