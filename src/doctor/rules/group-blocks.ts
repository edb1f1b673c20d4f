/**
 * Session hosts blocked on a server for one cause, grouped by the cause's finding key: the
 * server-level rules report each group once, with every host that tries that server.
 */
import type { ServerAttempt, SessionHostAnalysis } from '../analyse-session-host.js';
import type { Dependent, DoctorContext } from '../doctor-context.js';
import type { Evidence, FindingId } from '../finding.js';

export interface BlockGroup {
  key: string;
  id: FindingId;
  /** The server as the estate knows it, or the name as listed when unknown. */
  server: string;
  dependents: readonly Dependent[];
  /** Hosts of the group left with no working licence server (this cause is one reason). */
  stranded: readonly SessionHostAnalysis[];
  detail: string;
  evidence: readonly Evidence[];
}

export function groupBlocks(context: DoctorContext, id: FindingId): BlockGroup[] {
  const groups = new Map<string, { key: string; server: string; dependents: Dependent[]; detail: string; evidence: Evidence[] }>();
  const add = (analysis: SessionHostAnalysis, attempt: ServerAttempt, intended: boolean): void => {
    const block = attempt.block;
    if (block?.id !== id) return;
    let group = groups.get(block.key);
    if (!group) {
      group = { key: block.key, server: attempt.server?.host ?? attempt.listed, dependents: [], detail: block.detail, evidence: [] };
      groups.set(block.key, group);
    }
    group.dependents.push(intended ? { analysis, attempt, intended } : { analysis, attempt });
    // What hosts saw trying the server is the evidence; an intended server was not tried yet.
    if (!intended && group.evidence.length < EVIDENCE_PER_GROUP) group.evidence.push(...attempt.reach.evidence);
  };
  for (const analysis of context.sessionHosts) for (const attempt of analysis.attempts) add(analysis, attempt, false);
  // The servers the spec intends are judged too (after the ones tried, whose detail and evidence lead): apply would point the hosts at them.
  for (const analysis of context.sessionHosts) for (const attempt of analysis.intended?.attempts ?? []) add(analysis, attempt, true);
  return [...groups.values()].map((group) => ({
    ...group,
    id,
    stranded: group.dependents.filter((dependent) => dependent.analysis.block !== undefined).map((dependent) => dependent.analysis),
  }));
}

const EVIDENCE_PER_GROUP = 8;

/** Session hosts of a group, in estate order, without repeats. */
export function dependentHosts(dependents: readonly Dependent[]): string[] {
  return [...new Set(dependents.map((dependent) => dependent.analysis.host.host))];
}

/** "3 session hosts try it; 2 of them have no working licence server" */
export function describeImpact(dependents: readonly Dependent[], stranded: readonly SessionHostAnalysis[]): string {
  const hosts = dependentHosts(dependents).length;
  if (hosts === 0) return 'no session host read in this run uses it';
  const trying = dependents.filter((dependent) => !dependent.intended);
  const intended = dependentHosts(dependents.filter((dependent) => dependent.intended && !trying.some((other) => other.analysis === dependent.analysis))).length;
  const pointed = `the spec points ${intended} ${trying.length === 0 ? '' : 'more '}session ${intended === 1 ? 'host' : 'hosts'} at it, which ${intended === 1 ? 'does' : 'do'} not list it yet, and as it is it could not license them`;
  if (trying.length === 0) return pointed;
  const tryingHosts = dependentHosts(trying).length;
  const tries = `${tryingHosts} session ${tryingHosts === 1 ? 'host tries' : 'hosts try'} it`;
  const tryingNames = new Set(trying.map((dependent) => dependent.analysis.host.host));
  const left = new Set(stranded.filter((analysis) => tryingNames.has(analysis.host.host)).map((analysis) => analysis.host.host)).size;
  const outcome = left === 0
    ? `${tryingHosts === 1 ? 'it fails' : 'they fail'} over to another licence server`
    : `${left === tryingHosts ? (tryingHosts === 1 ? 'it has' : 'all of them have') : `${left} of them have`} no working licence server`;
  return `${tries}; ${outcome}${intended > 0 ? `; ${pointed}` : ''}`;
}
