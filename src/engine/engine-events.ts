/**
 * Progress leaves the engine through these hooks; the engine never prints.
 */
import type { ActionResult } from '../model/action-result.js';
import type { Change } from '../model/change.js';
import type { ChangeIntent } from '../model/change-intent.js';

export interface EngineEvents {
  /** Called just before the change starts; the intent it returns goes with the change to the provider. */
  onChangeStart?(change: Change): ChangeIntent | void;
  onChangeDone?(change: Change, result: ActionResult): void;
  onVerifyPending?(hosts: number): void;
  /** After apply: hosts that now report their GPO's values, and hosts still waiting. */
  onPendingVerified?(refreshed: number, waiting: number): void;
}
