/**
 * RDSL-EVENTS: recent licensing events, summarised per host (windows-reference.md §6). Events are
 * evidence: on a session host without a working licence server they group under its root cause.
 */
import { canonicalHostName } from '../../model/host-name.js';
import type { LiveEvent } from '../../model/live-state.js';
import { buildFinding } from '../build-finding.js';
import type { DoctorContext, DoctorRule } from '../doctor-context.js';
import type { Finding } from '../finding.js';
import { describeEvent, recentEvents } from '../licensing-events.js';

export const summariseEvents: DoctorRule = (context) => {
  const findings: Finding[] = [];
  for (const analysis of context.sessionHosts) {
    const events = recentEvents(analysis.sessionHost.events, context.input);
    if (events.length > 0) findings.push(eventFinding(context, analysis.host.host, 'sessionHost', events, analysis.block?.key));
  }
  for (const server of context.view.licenseServers) {
    const events = recentEvents(server.licenseServer!.events, context.input);
    if (events.length > 0) findings.push(eventFinding(context, server.host, 'licenseServer', events, undefined));
  }
  return findings;
};

function eventFinding(context: DoctorContext, host: string, role: 'sessionHost' | 'licenseServer', events: readonly LiveEvent[], rootCause: string | undefined): Finding {
  const counts = new Map<number, { count: number; last: string }>();
  for (const event of events) {
    const entry = counts.get(event.id) ?? { count: 0, last: event.time };
    counts.set(event.id, { count: entry.count + 1, last: event.time > entry.last ? event.time : entry.last });
  }
  const ids = [...counts.keys()].sort((a, b) => a - b);
  const problems = ids.filter((id) => describeEvent(id, role).problem);
  const summary = ids.map((id) => `${id} ×${counts.get(id)!.count} (${describeEvent(id, role).meaning})`).join('; ');
  return buildFinding({
    id: 'RDSL-EVENTS',
    subject: canonicalHostName(host),
    rootCause,
    severity: problems.length > 0 ? 'warning' : 'info',
    title: `${host}: ${events.length} licensing event(s) in the last ${context.input.policy.eventWindowDays} day(s)${problems.length > 0 ? `, ids ${problems.join(', ')}` : ''}`,
    hosts: [host],
    evidence: ids.map((id) => ({ host, item: `event ${id} (last ${counts.get(id)!.last})`, value: `×${counts.get(id)!.count}: ${describeEvent(id, role).meaning}`, source: 'event' as const })),
    cause: `Recent licensing events: ${summary}.`,
    fix: { kind: 'manual', summary: eventFix(host, role, problems, rootCause) },
  });
}

/** Only events grouped under a root cause can point at it; the others name what to look into. */
function eventFix(host: string, role: 'sessionHost' | 'licenseServer', problems: readonly number[], rootCause: string | undefined): string {
  if (problems.length === 0) return 'nothing to do';
  if (rootCause !== undefined) return 'the events confirm a problem; fix the root cause they are grouped under';
  const meanings = problems.map((id) => `${id}: ${describeEvent(id, role).meaning}`).join('; ');
  return `no other check explains these events; look into them on ${host} (${meanings})`;
}
