/**
 * The exit-code contract, one table for every command (README "Exit codes",
 * `schemas/exit-codes.json`). Monitor formats with conventions of their own (the Nagios plugin
 * codes) use those only in that mode.
 */
export const EXIT = {
  /** Success; with `--detailed-exitcode`, no changes. */
  ok: 0,
  /**
   * The run failed: a failed or interrupted change, an unreadable host, a stale saved plan, a lock
   * not obtained in time. The JSON error code says which.
   */
  failed: 1,
  /** `plan --detailed-exitcode` found changes. */
  changes: 2,
  /** Invalid input or usage: the spec, a tampered plan file, secrets missing at preflight. */
  invalid: 3,
  /** Doctor findings at or above `--fail-on`, a refused lab connection, a `windows check` assumption an apply path relies on that did not hold. */
  findings: 4,
  /** Apply finished, but refused changes remain. */
  refused: 5,
  /** Interrupted by a second Ctrl-C. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
