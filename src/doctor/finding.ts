/**
 * A finding: one thing doctor found wrong (or worth knowing) about an estate, with what it saw,
 * why it matters and how to fix it. Ids are stable: scripts, docs and suppressions rely on them.
 * Findings never contain secrets: evidence is live state, probes and events, never spec secrets.
 */
import type { SourceLocation } from '../model/diagnostic.js';
import type { SpecPath } from '../spec/loaded-spec.js';

export type FindingSeverity = 'info' | 'warning' | 'error' | 'critical';

export const SEVERITIES: readonly FindingSeverity[] = ['info', 'warning', 'error', 'critical'];

export type FindingId =
  | 'RDSL-GRACE-EXPIRED'
  | 'RDSL-GRACE-ENDING'
  | 'RDSL-GRACE-RESET-SUSPECTED'
  | 'RDSL-LS-NOT-ACTIVATED'
  | 'RDSL-NO-KEYPACKS'
  | 'RDSL-CAL-TYPE-MISMATCH'
  | 'RDSL-CAL-VERSION-OLD'
  | 'RDSL-CAL-VERSION-TOO-NEW-FOR-LS'
  | 'RDSL-CALS-EXHAUSTED'
  | 'RDSL-PER-USER-OVER-ISSUED'
  | 'RDSL-CALS-LOW'
  | 'RDSL-KEYPACK-EXPIRING'
  | 'RDSL-UNKNOWN-PRODUCT-VERSION'
  | 'RDSL-NO-LICENSE-SERVER'
  | 'RDSL-LICENSE-SERVERS-DIFFER'
  | 'RDSL-BROKER-DISAGREES'
  | 'RDSL-MODE-NOT-CONFIGURED'
  | 'RDSL-PER-USER-WORKGROUP'
  | 'RDSL-POLICY-OVERRIDES-LOCAL'
  | 'RDSL-FAILOVER-DELAY'
  | 'RDSL-SINGLE-LICENSE-SERVER'
  | 'RDSL-LS-UNREACHABLE'
  | 'RDSL-DNS-FAILURE'
  | 'RDSL-RPC-BLOCKED'
  | 'RDSL-LS-SERVICE-STOPPED'
  | 'RDSL-FIREWALL-DISABLED'
  | 'RDSL-FIREWALL-POLICY-BLOCKS'
  | 'RDSL-GPO-CANNOT-REACH'
  | 'RDSL-LS-NOT-PUBLISHED'
  | 'RDSL-LS-NOT-IN-TSLS-GROUP'
  | 'RDSL-HOST-NOT-IN-ENDPOINT-GROUP'
  | 'RDSL-EVENTS'
  | 'RDSL-NO-RDSH-ROLE'
  | 'RDSL-CAPACITY'
  | 'RDSL-HOST-UNREADABLE';

/** Where a piece of evidence came from, as Windows would supply it (the lab simulates the same sources). */
export type EvidenceSource = 'wmi' | 'policy' | 'registry' | 'probe' | 'event' | 'spec' | 'history' | 'read';

export type EvidenceValue = string | number | boolean | null | readonly string[];

export interface Evidence {
  host: string;
  /** What was looked at, e.g. `GetGracePeriodDays` or `TCP 135 to lic01.corp.contoso.com`. */
  item: string;
  value: EvidenceValue;
  source: EvidenceSource;
}

/**
 * How to fix a finding. `apply`: the spec already declares the fix and `rdsctl apply` converges
 * it. `spec`: change the spec as described, then apply. `manual`: nothing rdsctl can automate
 * (buying CALs, phone activation, DNS records); `steps` says what to do.
 */
export interface Fix {
  kind: 'apply' | 'spec' | 'manual';
  summary: string;
  steps?: readonly string[];
  /** Plan addresses whose changes carry the fix (kind `apply`). */
  addresses?: readonly string[];
}

export interface Finding {
  id: FindingId;
  /** Unique in a report: the id plus what the finding is about, e.g. `RDSL-LS-NOT-ACTIVATED:lic01.corp.contoso.com`. */
  key: string;
  severity: FindingSeverity;
  /** One line. */
  title: string;
  /** Every host affected, licence servers first. */
  hosts: readonly string[];
  /** A sample of what was seen (not one entry per host at scale). */
  evidence: readonly Evidence[];
  /** Evidence entries left out of the sample. */
  evidenceOmitted?: number;
  /** The cause in plain words. */
  cause: string;
  fix: Fix;
  /** Key of the finding that explains this one; its own key when it is a root cause. */
  rootCause: string;
  /** Resource address, when the finding is about one managed resource. */
  address?: string;
  /** Path in the spec of the declaration concerned, when there is a spec. */
  specPath?: SpecPath;
  /** Filled in from `specPath` when the report is assembled (needs the spec's source positions). */
  location?: SourceLocation;
}

export function severityRank(severity: FindingSeverity): number {
  return SEVERITIES.indexOf(severity);
}

export function isAtLeast(severity: FindingSeverity, threshold: FindingSeverity): boolean {
  return severityRank(severity) >= severityRank(threshold);
}

export function mostSevere(severities: Iterable<FindingSeverity>): FindingSeverity {
  let worst: FindingSeverity = 'info';
  for (const severity of severities) if (severityRank(severity) > severityRank(worst)) worst = severity;
  return worst;
}

export function findingKey(id: FindingId, subject?: string): string {
  return subject === undefined || subject === '' ? id : `${id}:${subject}`;
}
