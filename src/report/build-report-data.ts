/**
 * Assembles the report from one doctor run. Pure: the doctor's input and report in, data out.
 */
import { createDoctorContext } from '../doctor/doctor-context.js';
import type { DoctorInput } from '../doctor/doctor-input.js';
import type { DoctorReport } from '../doctor/doctor-report.js';
import { isAtLeast } from '../doctor/finding.js';
import { collectCalPoolRows } from './collect-cal-pool-rows.js';
import { collectGraceRows } from './collect-grace-rows.js';
import { collectInventory } from './collect-inventory.js';
import { collectRootCauses } from './collect-root-causes.js';
import { checkExpandedPools, collectTopology } from './collect-topology.js';
import { collectTrend } from './collect-trend.js';
import { createAnchors } from './report-anchors.js';
import { REPORT_FORMAT_VERSION, type ReportData, type ReportVerdict } from './report-data.js';

export interface ReportRequest {
  input: DoctorInput;
  report: DoctorReport;
  provider: string;
  /** True when --history was given, even if the file held no entries yet. */
  withHistory: boolean;
  /** Pools the topology draws host by host (`--expand-pool`). */
  expandPools?: readonly string[];
}

export function buildReportData({ input, report, provider, withHistory, expandPools = [] }: ReportRequest): ReportData {
  const anchors = createAnchors();
  const context = createDoctorContext(input);
  const calPools = collectCalPoolRows(input, anchors);
  const topology = collectTopology(context, anchors, new Set(expandPools));
  checkExpandedPools(topology, expandPools);
  const graceHosts = collectGraceRows(context, anchors);
  const rootCauses = collectRootCauses(report, anchors);
  return {
    formatVersion: REPORT_FORMAT_VERSION,
    ...(report.deployment === undefined ? {} : { deployment: report.deployment }),
    generatedAt: report.generatedAt,
    provider,
    verdict: verdictOf(rootCauses),
    summary: report.summary,
    calPools,
    grace: { warningDays: input.policy.graceWarningDays, hosts: graceHosts },
    topology,
    rootCauses,
    ...(withHistory ? { trend: collectTrend(input, input.history ?? [], anchors) } : {}),
    inventory: collectInventory(input.live.hosts),
  };
}

function verdictOf(rootCauses: ReportData['rootCauses']): ReportVerdict {
  const serious = rootCauses.filter((root) => isAtLeast(root.severity, 'warning'));
  const top = serious[0];
  if (!top) return { healthy: true };
  return { healthy: false, severity: top.severity, id: top.id, title: top.title, anchor: top.anchor, rootCauses: serious.length };
}
