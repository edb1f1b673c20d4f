/**
 * RDSL-GRACE-EXPIRED / RDSL-GRACE-ENDING: a session host without a working licence server lives
 * on its 120-day grace period; once it is over, every connection is refused with "no Remote
 * Desktop client access licenses available". The counter runs down even on correctly licensed
 * hosts (windows-reference.md §1.9), so a low count alone is not a fault: only hosts with no
 * working licence server are reported, grouped by the cause that leaves them without one.
 */
import { sessionHostPartAddress } from '../../model/address.js';
import { describeGraceResetSteps } from '../../model/grace-reset-steps.js';
import type { SessionHostAnalysis } from '../analyse-session-host.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { REFUSAL_MESSAGE } from '../refusal-message.js';

export const checkGracePeriod: DoctorRule = (context) => {
  const expired = new Map<string, SessionHostAnalysis[]>();
  const ending = new Map<string, SessionHostAnalysis[]>();
  for (const analysis of context.sessionHosts) {
    if (!analysis.block) continue;
    const days = analysis.sessionHost.graceDaysLeft;
    const bucket = days === 0 ? expired : days < context.input.policy.graceWarningDays ? ending : undefined;
    if (!bucket) continue;
    const list = bucket.get(analysis.block.key) ?? [];
    list.push(analysis);
    bucket.set(analysis.block.key, list);
  }
  return [
    ...[...expired].map(([root, hosts]) => expiredFinding(context, root, hosts)),
    ...[...ending].map(([root, hosts]) => endingFinding(context, root, hosts)),
  ];
};

function expiredFinding(context: DoctorContext, root: string, hosts: readonly SessionHostAnalysis[]): Finding {
  const count = hosts.length;
  return buildFinding({
    id: 'RDSL-GRACE-EXPIRED',
    subject: root,
    rootCause: root,
    severity: 'critical',
    title: `${count} session ${count === 1 ? 'host refuses' : 'hosts refuse'} connections: grace period over and no licence server can license ${count === 1 ? 'it' : 'them'}`,
    hosts: hosts.map((analysis) => analysis.host.host),
    evidence: graceEvidence(hosts),
    cause: `The 120-day licensing grace period has ended, so every connection needs a CAL, and ${hosts[0]!.block!.detail}. Clients see: "${REFUSAL_MESSAGE}"`,
    fix: fixRootFirst(context),
    address: sessionHostPartAddress(hosts[0]!.host.host, 'gracePeriod'),
  });
}

function endingFinding(context: DoctorContext, root: string, hosts: readonly SessionHostAnalysis[]): Finding {
  const fewest = Math.min(...hosts.map((analysis) => analysis.sessionHost.graceDaysLeft));
  return buildFinding({
    id: 'RDSL-GRACE-ENDING',
    subject: root,
    rootCause: root,
    severity: 'warning',
    title: `${hosts.length} session ${hosts.length === 1 ? 'host' : 'hosts'} without a working licence server: grace period ends within ${context.input.policy.graceWarningDays} days (fewest left: ${fewest} ${fewest === 1 ? 'day' : 'days'})`,
    hosts: hosts.map((analysis) => analysis.host.host),
    evidence: graceEvidence(hosts),
    cause: `These hosts accept connections only because their grace period is still running, and ${hosts[0]!.block!.detail}. When it ends they refuse every connection.`,
    fix: fixRootFirst(context),
    address: sessionHostPartAddress(hosts[0]!.host.host, 'gracePeriod'),
  });
}

function graceEvidence(hosts: readonly SessionHostAnalysis[]) {
  return hosts.map((analysis) => ({ host: analysis.host.host, item: 'GetGracePeriodDays', value: analysis.sessionHost.graceDaysLeft, source: 'wmi' as const }));
}

function fixRootFirst(context: DoctorContext): Finding['fix'] {
  const reset = context.input.policy.allowGracePeriodReset
    ? 'The spec allows grace-period resets (an unsupported workaround); use them only as a stopgap.'
    : 'Resetting the grace period is an unsupported workaround that breaches the licence terms; rdsctl does it only when the spec sets policy.allow.gracePeriodReset.';
  // On Windows the reset cannot be automated (its key denies administrators): only by hand.
  const manual = `On a real Windows host the reset is a manual step, as a stopgap only: ${describeGraceResetSteps()}.`;
  return { kind: 'manual', summary: 'fix the root cause this finding is grouped under; the hosts then get CALs without a restart', steps: [reset, manual] };
}
