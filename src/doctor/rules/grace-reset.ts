/**
 * RDSL-GRACE-RESET-SUSPECTED: signs that someone reset a session host's grace period (deleted
 * the RCM\GracePeriod value, an unsupported workaround that breaches the licence terms): more
 * days left than the period has, days left that went up since an earlier run, or grace-expired
 * events while the host now reports days left.
 */
import { sessionHostPartAddress } from '../../model/address.js';
import { canonicalHostName } from '../../model/host-name.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Evidence } from '../finding.js';
import { recentEvents } from '../licensing-events.js';

const GRACE_DAYS = 120;
const GRACE_EXPIRED_EVENTS = new Set([1128, 50280, 1069]);

export const checkGraceReset: DoctorRule = (context) => {
  const suspects: { analysis: SessionHostAnalysis; evidence: Evidence[] }[] = [];
  const previous = latestGrace(context);
  for (const analysis of context.sessionHosts) {
    const days = analysis.sessionHost.graceDaysLeft;
    const host = analysis.host.host;
    const evidence: Evidence[] = [];
    if (days > GRACE_DAYS) evidence.push({ host, item: 'GetGracePeriodDays', value: days, source: 'wmi' });
    const before = previous?.grace?.[canonicalHostName(host)];
    if (before !== undefined && days > before) {
      evidence.push({ host, item: `GetGracePeriodDays on ${previous!.time.slice(0, 10)}`, value: before, source: 'history' }, { host, item: 'GetGracePeriodDays now', value: days, source: 'wmi' });
    }
    if (days > 0) {
      for (const event of recentEvents(analysis.sessionHost.events, context.input)) {
        if (GRACE_EXPIRED_EVENTS.has(event.id)) evidence.push({ host, item: `event ${event.id} at ${event.time}`, value: 'grace period expired', source: 'event' });
      }
      if (evidence.some((item) => item.source === 'event')) evidence.push({ host, item: 'GetGracePeriodDays now', value: days, source: 'wmi' });
    }
    if (evidence.length > 0) suspects.push({ analysis, evidence });
  }
  if (suspects.length === 0) return [];
  const allowed = context.input.policy.allowGracePeriodReset;
  return [
    buildFinding({
      id: 'RDSL-GRACE-RESET-SUSPECTED',
      severity: allowed ? 'info' : 'warning',
      title: `${suspects.length} session host(s) show signs of a grace-period reset`,
      hosts: suspects.map((suspect) => suspect.analysis.host.host),
      evidence: suspects.flatMap((suspect) => suspect.evidence),
      cause: `The grace period only counts down; more than ${GRACE_DAYS} days, days that went up, or grace-expired events followed by days left mean it was reset. Resetting it is an unsupported workaround that breaches the licence terms${allowed ? ' (the spec allows it)' : ''}.`,
      fix: {
        kind: 'manual',
        summary: 'license the hosts properly (activated licence server, CALs matching their mode and version) and stop resetting the grace period',
        steps: ['rdsctl resets a grace period only when the spec sets policy.allow.gracePeriodReset and the pool sets gracePeriod.resetWhenExpired.'],
      },
      address: sessionHostPartAddress(suspects[0]!.analysis.host.host, 'gracePeriod'),
    }),
  ];
};

function latestGrace(context: DoctorContext) {
  const entries = (context.input.history ?? []).filter((entry) => entry.grace !== undefined && Date.parse(entry.time) < Date.parse(context.input.now));
  return entries.at(-1);
}
