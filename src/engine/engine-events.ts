/**
 * Progress leaves the engine through these hooks; the engine never prints.
 */
import type { ActionResult } from '../model/action-result.js';
import type { Change } from '../model/change.js';

export interface EngineEvents {
  onChangeStart?(change: Change): void;
  onChangeDone?(change: Change, result: ActionResult): void;
  onVerifyPending?(hosts: number): void;
  /** After apply: hosts that now report their GPO's values, and hosts still waiting. */
  onPendingVerified?(refreshed: number, waiting: number): void;
}
