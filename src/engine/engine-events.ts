/**
 * Progress leaves the engine through these hooks; the engine never prints.
 */
import type { ActionResult } from '../model/action-result.js';
import type { Change } from '../model/change.js';

export interface EngineEvents {
  onChangeStart?(change: Change): void;
  onChangeDone?(change: Change, result: ActionResult): void;
  onVerifyPending?(hosts: number): void;
}
