/**
 * Everything doctor's rules look at. Pure data: the clock comes in as `now`, history from an
 * earlier run comes in as `history`; rules never read files or the time themselves.
 */
import type { DesiredModel } from '../engine/desired-model.js';
import type { LiveState } from '../model/live-state.js';
import type { Plan } from '../model/plan.js';
import type { Spec } from '../model/spec.js';

export interface DoctorPolicy {
  /** Warn when a CAL pool has fewer free CALs than this (spec `policy.minFreeCals`). */
  minFreeCals: number;
  /** Warn when a host without a working licence server has fewer grace days than this. */
  graceWarningDays: number;
  /** Warn when a key pack expires within this many days. */
  keyPackExpiryWarningDays: number;
  /** Events older than this many days are ignored. */
  eventWindowDays: number;
  /** The spec's `policy.allow.gracePeriodReset`: resets are then expected, not a compliance sign. */
  allowGracePeriodReset: boolean;
}

export const DEFAULT_DOCTOR_POLICY: DoctorPolicy = {
  minFreeCals: 0,
  graceWarningDays: 30,
  keyPackExpiryWarningDays: 30,
  eventWindowDays: 7,
  allowGracePeriodReset: false,
};

/** Counts from one earlier doctor run, kept in an opt-in local history file. */
export interface HistoryEntry {
  /** ISO-8601 time of the run. */
  time: string;
  /** Issued and total CALs per pool, keyed by `poolKey` (server, CAL type, product). */
  pools: Record<string, { issued: number; total: number }>;
  /** Grace days left per session host (canonical name). */
  grace?: Record<string, number>;
}

export interface DoctorInput {
  live: LiveState;
  /** The spec, when doctor runs with one (`-f`). */
  spec?: Spec;
  desired?: DesiredModel;
  /** The plan for `desired` against `live`: tells which fixes `rdsctl apply` would make. */
  plan?: Plan;
  policy: DoctorPolicy;
  /** ISO-8601 time "now" for expiry dates, event windows and history rates. */
  now: string;
  /** Earlier runs, oldest first. */
  history?: readonly HistoryEntry[];
}
