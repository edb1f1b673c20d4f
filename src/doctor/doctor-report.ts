/**
 * A doctor report: plain, serialisable data. Its JSON form is a versioned contract
 * (`schemas/doctor-report.schema.json`); renderers only read it.
 */
import type { Finding, FindingId, FindingSeverity, Fix } from './finding.js';

export const DOCTOR_REPORT_FORMAT_VERSION = 1;

/** Findings that trace back to one cause: ten hosts refused by one unactivated server are one root cause. */
export interface RootCause {
  /** Key of the finding that is the cause. */
  key: string;
  id: FindingId;
  /** The most severe of its findings (consequences such as refusals included). */
  severity: FindingSeverity;
  title: string;
  /** Every host affected by any of its findings. */
  hosts: readonly string[];
  /** Keys of its findings, the cause first. */
  findings: readonly string[];
  fix: Fix;
}

export interface DoctorSummary {
  licenseServers: number;
  sessionHosts: number;
  unreadableHosts: number;
  findings: Readonly<Record<FindingSeverity, number>>;
}

export interface DoctorReport {
  formatVersion: typeof DOCTOR_REPORT_FORMAT_VERSION;
  /** The spec's deployment, when doctor ran with a spec. */
  deployment?: string;
  /** The spec file, when doctor ran with one (locations point into it). */
  specFile?: string;
  /** ISO-8601 time of the run. */
  generatedAt: string;
  summary: DoctorSummary;
  /** Most severe first. */
  rootCauses: readonly RootCause[];
  /** Most severe first; within a severity, grouped by root cause. */
  findings: readonly Finding[];
}
