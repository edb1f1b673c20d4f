/**
 * Assembles a finding: its key from the id and subject, hosts without repeats, and a bounded
 * sample of evidence, so that a finding about 5,000 hosts stays readable and small.
 */
import { findingKey, type Evidence, type Finding, type FindingId } from './finding.js';

export const EVIDENCE_LIMIT = 12;

export interface FindingFields extends Omit<Finding, 'key' | 'rootCause' | 'hosts' | 'evidence' | 'evidenceOmitted' | 'id'> {
  id: FindingId;
  /** What the finding is about; with the id it makes the key. */
  subject?: string;
  /** Key of the finding that explains this one; defaults to its own key. */
  rootCause?: string;
  hosts: Iterable<string>;
  evidence: Iterable<Evidence>;
}

export function buildFinding(fields: FindingFields): Finding {
  const { subject, rootCause, hosts, evidence, ...rest } = fields;
  const key = findingKey(fields.id, subject);
  const seenEvidence = new Set<string>();
  const unique: Evidence[] = [];
  for (const item of evidence) {
    const id = `${item.host}\u0000${item.item}\u0000${String(item.value)}`;
    if (seenEvidence.has(id)) continue;
    seenEvidence.add(id);
    unique.push(item);
  }
  const finding: Finding = {
    ...rest,
    key,
    rootCause: rootCause ?? key,
    hosts: [...new Set(hosts)],
    evidence: unique.slice(0, EVIDENCE_LIMIT),
  };
  return unique.length > EVIDENCE_LIMIT ? { ...finding, evidenceOmitted: unique.length - EVIDENCE_LIMIT } : finding;
}
