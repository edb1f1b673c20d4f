/**
 * A diagnostic: something rdsctl wants a person to know, with enough context to act on it.
 * Validation errors, host read failures, plan notes and apply failures all use this shape.
 */
export type Severity = 'error' | 'warning' | 'info';

export interface SourceLocation {
  file: string;
  /** 1-based. */
  line: number;
  /** 1-based. */
  column: number;
  /** Path in the spec, e.g. `licenseServers[0].keyPacks[1].quantity`. */
  path?: string;
}

export interface Diagnostic {
  severity: Severity;
  /** Stable code, e.g. `SPEC_INVALID`, `HOST_UNREACHABLE`, `NAME_EQUIVALENT`. */
  code: string;
  summary: string;
  detail?: string;
  hint?: string;
  address?: string;
  source?: SourceLocation;
}
