/**
 * The doctor report for machines. The report value is the contract, described field by field in
 * `schemas/doctor-report.schema.json` (`formatVersion` 1), so it is written as it is.
 */
import type { DoctorReport } from '../doctor/doctor-report.js';

export function renderDoctorJson(report: DoctorReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
