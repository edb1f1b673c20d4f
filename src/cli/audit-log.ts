/**
 * An append-only audit trail of every change apply attempts, as JSON lines in
 * `.rdsctl/audit.jsonl` beside the spec. Records carry addresses and outcomes, never secrets.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ActionResult } from '../model/action-result.js';
import type { Change } from '../model/change.js';

export interface AuditLog {
  record(change: Change, result: ActionResult): void;
  close(): Promise<void>;
}

export function createAuditLog(specDirectory: string, deployment: string): AuditLog {
  const directory = path.join(specDirectory, '.rdsctl');
  const file = path.join(directory, 'audit.jsonl');
  let ready = false;
  let user = 'unknown';
  try {
    user = os.userInfo().username;
  } catch {
    // Some containers have no passwd entry for the current uid.
  }
  return {
    record(change, result) {
      if (!ready) {
        mkdirSync(directory, { recursive: true });
        ready = true;
      }
      const entry = {
        time: new Date().toISOString(),
        deployment,
        user,
        address: change.address,
        action: change.action,
        outcome: result.outcome,
        performed: result.performed,
        errors: result.diagnostics.filter((d) => d.severity === 'error').map((d) => d.summary),
      };
      appendFileSync(file, `${JSON.stringify(entry)}\n`);
    },
    close: async () => undefined,
  };
}
