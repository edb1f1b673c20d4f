import type { Diagnostic } from '../model/diagnostic.js';
import type { DesiredModel } from './desired-model.js';
import type { LiveIndex } from './live-index.js';

/** What every per-resource diff reads, and where it leaves notes for the plan. */
export interface DiffContext {
  desired: DesiredModel;
  live: LiveIndex;
  /** The provider the plan is for (`lab`, `windows`): some changes are manual steps on Windows. */
  provider?: string;
  /** ISO-8601 UTC time the live state was read: the plan's "now" (an issued licence past it has expired). */
  readAt?: string;
  /** Diagnostics collected while diffing (notes, unmanageable drift). */
  diagnostics: Diagnostic[];
}
