import type { Diagnostic } from '../model/diagnostic.js';
import type { DesiredModel } from './desired-model.js';
import type { LiveIndex } from './live-index.js';

/** What every per-resource diff reads, and where it leaves notes for the plan. */
export interface DiffContext {
  desired: DesiredModel;
  live: LiveIndex;
  /** Diagnostics collected while diffing (notes, unmanageable drift). */
  diagnostics: Diagnostic[];
}
