/**
 * A plan: plain, serialisable data computed without I/O from a spec and live state.
 * Renderers only read it. Its JSON form is a versioned contract (`schemas/plan.schema.json`).
 */
import type { Change, PendingRefresh } from './change.js';
import type { Diagnostic } from './diagnostic.js';

export const PLAN_FORMAT_VERSION = 1;

export interface PlanSummary {
  create: number;
  update: number;
  delete: number;
  refused: number;
  pending: number;
  unknown: number;
}

export interface Plan {
  formatVersion: typeof PLAN_FORMAT_VERSION;
  deployment: string;
  provider: string;
  /** Changes in dependency order. */
  changes: Change[];
  /** Hosts waiting for a Group Policy refresh to report values a GPO (will) set. */
  pending: PendingRefresh[];
  /** Hosts that could not be read; nothing is planned for their resources. */
  unknownHosts: string[];
  diagnostics: Diagnostic[];
  summary: PlanSummary;
  /** True when there is at least one change (refused ones included). */
  hasChanges: boolean;
  /**
   * Fingerprint of the live values each host's changes were computed from, keyed by host
   * (lower-case). Lets a saved plan be refused when the estate moved on.
   */
  fingerprints: Record<string, string>;
}
