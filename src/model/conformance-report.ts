/**
 * What `rdsctl windows check` reports: for each host, every assumption the windows provider
 * makes (the unverified facts of providers/windows/unverified-facts.ps1, named by their
 * function, and the documented ones the scripts depend on), probed read-only on that host.
 * Versioned contract: schemas/conformance-report.schema.json.
 */
import type { HostError } from './live-state.js';

/**
 * `held`: the host behaved as assumed. `failed`: it did not (for `appliesTo: 'apply'`, an apply
 * path would break; the command exits 4). `unknown`: this host cannot settle it, and `observed`
 * says why. `notApplicable`: the host lacks the role the assumption concerns.
 */
export type AssumptionStatus = 'held' | 'failed' | 'unknown' | 'notApplicable';

export interface CheckedAssumption {
  /** The unverified fact's function name (e.g. `Get-RdsInstallProductVersion`), or a documented assumption's id. */
  fact: string;
  /** `apply` when an apply path relies on it; `read` when it only shapes what reads report. */
  appliesTo: 'apply' | 'read';
  summary: string;
  status: AssumptionStatus;
  /** What the host showed, ready to paste into a bug report. */
  observed: string;
}

export type HostRole = 'licenseServer' | 'sessionHost' | 'gpoManagementHost';

export interface HostConformance {
  host: string;
  /** The Windows edition and build, as Win32_OperatingSystem reports them (for bug reports). */
  windows: string;
  /** The roles found on the host. */
  roles: HostRole[];
  assumptions: CheckedAssumption[];
}

export interface ConformanceReport {
  formatVersion: 1;
  checkedAt: string;
  hosts: HostConformance[];
  /** Hosts that could not be checked (unreachable, timed out, failed). */
  errors: HostError[];
}

/** The assumptions an apply path relies on that did not hold. */
export function failedApplyAssumptions(report: ConformanceReport): { host: string; assumption: CheckedAssumption }[] {
  return report.hosts.flatMap((host) =>
    host.assumptions.filter((assumption) => assumption.appliesTo === 'apply' && assumption.status === 'failed').map((assumption) => ({ host: host.host, assumption })),
  );
}
