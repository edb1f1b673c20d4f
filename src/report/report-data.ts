/**
 * A licensing report: plain, serialisable data gathered from one doctor run (live state, findings,
 * history). `rdsctl report --format json` prints it as it is; the HTML and CSV renderers only
 * read it. Every number a chart shows is here, so the charts' table views and the JSON agree.
 */
import type { DoctorSummary } from '../doctor/doctor-report.js';
import type { EvidenceValue, FindingId, FindingSeverity, Fix } from '../doctor/finding.js';
import type { ExhaustionForecast, IssuedSample } from '../doctor/forecast-exhaustion.js';
import type { CalType } from '../model/spec.js';

export const REPORT_FORMAT_VERSION = 1;

export interface ReportData {
  formatVersion: typeof REPORT_FORMAT_VERSION;
  /** The spec's deployment; absent without a spec. */
  deployment?: string;
  /** ISO-8601 time of the run. */
  generatedAt: string;
  provider: string;
  verdict: ReportVerdict;
  summary: DoctorSummary;
  calPools: readonly CalPoolRow[];
  grace: { warningDays: number; hosts: readonly GraceRow[] };
  topology: Topology;
  rootCauses: readonly ReportRootCause[];
  /** Absent without --history. */
  trend?: { method: string; pools: readonly PoolTrend[] };
  inventory: { rows: readonly InventoryRow[]; omitted: readonly { server: string; count: number }[] };
}

/** The doctor's top root cause at warning or above, or healthy when there is none. */
export type ReportVerdict =
  | { healthy: true }
  | { healthy: false; severity: FindingSeverity; id: FindingId; title: string; anchor: string; rootCauses: number };

export interface CalPoolRow {
  anchor: string;
  server: string;
  /** e.g. `Windows Server 2022 per-user CALs`. */
  pool: string;
  type: CalType;
  productVersionId: number;
  installed: number;
  issued: number;
  available: number;
  /** Issued beyond installed (per-user CALs can be over-issued). */
  overAllocated: number;
  /** The spec's quantity for this product and CAL type on this server; absent when it declares none. */
  declared?: number;
  /** `policy.minFreeCals`: fewer available CALs than this is a warning. */
  minFreeCals: number;
}

export type GraceStatus = 'licensed' | 'expired' | 'ending' | 'running';

export interface GraceRow {
  anchor: string;
  host: string;
  pool?: string;
  /** `GetGracePeriodDays` as read. */
  daysLeft: number;
  /** `licensed`: a licence server licenses the host, so the grace period is not what keeps it working. */
  status: GraceStatus;
  /** The server that licenses the host (status `licensed`). */
  licensedBy?: string;
}

export interface Topology {
  licenseServers: readonly TopologyServer[];
  pools: readonly TopologyPool[];
}

export interface TopologyServer {
  anchor: string;
  name: string;
  /** False when the server was listed but its state could not be read (or it is not a licence server rdsctl reads). */
  read: boolean;
}

export interface TopologyPool {
  anchor: string;
  name: string;
  /** The GPO that configures the pool; absent for locally configured pools. */
  gpo?: string;
  hosts: number;
  /** The pool's licence servers in failover order, with the hosts' own connectivity verdicts. */
  edges: readonly TopologyEdge[];
  /** Only for a pool expanded with `--expand-pool`: each of its session hosts, drawn as its own node. */
  members?: readonly TopologyHost[];
}

/** One session host of an expanded pool; its edges count only itself (1 in one verdict). */
export interface TopologyHost {
  /** Anchor of the host's row in the grace table. */
  anchor: string;
  name: string;
  edges: readonly TopologyEdge[];
}

export interface TopologyEdge {
  /** Position in the hosts' licence-server list, from 1. */
  order: number;
  /** Anchor of the server node. */
  server: string;
  serverName: string;
  /** Hosts whose own verdict for this server is healthy, not healthy, or not known. */
  healthy: number;
  failing: number;
  unknown: number;
}

export interface ReportRootCause {
  anchor: string;
  id: FindingId;
  severity: FindingSeverity;
  title: string;
  hosts: number;
  /** Where the affected hosts and servers are drawn. */
  links: readonly { label: string; href: string }[];
  findings: readonly ReportFinding[];
  fix: Fix;
}

export interface ReportFinding {
  id: FindingId;
  severity: FindingSeverity;
  title: string;
  cause: string;
  evidence: readonly { host: string; item: string; value: EvidenceValue; source: string }[];
  evidenceOmitted: number;
}

export interface PoolTrend {
  /** Anchor of the pool's row in the CAL pools chart. */
  anchor: string;
  server: string;
  pool: string;
  installed: number;
  available: number;
  samples: readonly IssuedSample[];
  forecast: ExhaustionForecast;
  /** ISO-8601 dates of the range, when there is a forecast; `latest` absent when there is no end in sight. */
  runsOut?: { earliest: string; likely: string; latest?: string };
}

export interface InventoryRow {
  server: string;
  /** Key pack the licence was issued from, as Windows describes it. */
  keyPack: string;
  keyPackId?: number;
  issuedTo: string;
  issuedAt?: string;
  expiresAt?: string;
  status: string;
}
