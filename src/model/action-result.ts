/**
 * The outcome of applying one change. A failed change has the same shape as a successful one,
 * so callers branch on data, not exceptions.
 */
import type { Diagnostic } from './diagnostic.js';

export type Outcome =
  /** The change was made and a re-read shows the desired value. */
  | 'applied'
  /** A re-read showed the goal already held; nothing was done. */
  | 'unchanged'
  /** Made, but a re-read does not show the desired value yet (GPO pending refresh). */
  | 'pending'
  | 'failed'
  /** Not attempted because a change it depends on failed or was refused. */
  | 'skipped'
  /** Refused by a guard rail at plan time. */
  | 'refused'
  /** Not started because the run was interrupted. */
  | 'interrupted';

export interface ActionResult {
  address: string;
  outcome: Outcome;
  durationMs: number;
  /** What the provider reports it actually did, in plain words (never secrets). */
  performed: string[];
  diagnostics: Diagnostic[];
}

export interface ApplySummary {
  applied: number;
  unchanged: number;
  pending: number;
  failed: number;
  skipped: number;
  refused: number;
  interrupted: number;
}

export interface ApplyReport {
  formatVersion: 1;
  deployment: string;
  results: ActionResult[];
  summary: ApplySummary;
  interrupted: boolean;
}
