/**
 * The grace-period section: every session host's grace days left, fewest first. A host that a
 * licence server licenses is `licensed` whatever its counter says (the counter runs down on
 * licensed hosts too), so it is never drawn as a host about to run out.
 */
import type { DoctorContext } from '../doctor/doctor-context.js';
import type { Anchors } from './report-anchors.js';
import type { GraceRow, GraceStatus } from './report-data.js';

const STATUS_ORDER: Readonly<Record<GraceStatus, number>> = { expired: 0, ending: 1, running: 2, licensed: 3 };

export function collectGraceRows(context: DoctorContext, anchors: Anchors): GraceRow[] {
  const warningDays = context.input.policy.graceWarningDays;
  const rows = context.sessionHosts.map((analysis): GraceRow => {
    const daysLeft = analysis.sessionHost.graceDaysLeft;
    const licensedBy = analysis.working ? (analysis.working.server?.host ?? analysis.working.listed) : undefined;
    const status: GraceStatus = licensedBy !== undefined ? 'licensed' : daysLeft === 0 ? 'expired' : daysLeft < warningDays ? 'ending' : 'running';
    const pool = analysis.desired?.pool;
    return {
      anchor: anchors.of('host', analysis.host.host),
      host: analysis.host.host,
      ...(pool === undefined ? {} : { pool }),
      daysLeft,
      status,
      ...(licensedBy === undefined ? {} : { licensedBy }),
    };
  });
  return rows.sort((a, b) => STATUS_ORDER[a.status] - STATUS_ORDER[b.status] || a.daysLeft - b.daysLeft || a.host.localeCompare(b.host));
}
