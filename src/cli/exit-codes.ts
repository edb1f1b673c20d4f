/** The exit-code contract, documented in the README. */
export const EXIT = {
  /** Success, or no changes. */
  ok: 0,
  /** A run failed: an apply change failed, a host could not be read, an unexpected error. */
  failed: 1,
  /** Changes are present (`plan --detailed-exitcode`), refused ones included. */
  changes: 2,
  /** Invalid spec or usage. */
  invalid: 3,
  /** Doctor findings at or above `--fail-on`. */
  findings: 4,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
