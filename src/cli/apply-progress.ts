/**
 * What apply says while it runs. Each change appears once on stdout, when it finishes (text
 * mode); hosts pending a policy refresh wait for the grouped ending. On a terminal, stderr
 * carries one status line redrawn in place (done/total, failures, elapsed); elsewhere, as in
 * CI, stderr stays quiet but for one line after re-checking hosts pending a policy refresh, and
 * stdout's lines are the record. Every change gets an audit intent before it starts and an
 * outcome when it ends.
 */
import type { EngineEvents } from '../engine/engine-events.js';
import type { ActionResult } from '../model/action-result.js';
import { renderApplyResult } from '../render/render-apply-text.js';
import type { AuditLog } from './audit-log.js';
import type { Output } from './output.js';

export interface ApplyProgressOptions {
  /** Changes the run will settle (runnable and refused). */
  total: number;
  /** Print each result on stdout as it finishes (text mode). */
  streamResults: boolean;
  /** Milliseconds since an arbitrary origin; injectable for tests. */
  now?: () => number;
}

export interface ApplyProgress {
  events: EngineEvents;
  /** Addresses of the changes started and not yet finished. */
  inFlight(): readonly string[];
  /** Clears the status line; call before printing the ending. */
  finish(): void;
}


export function createApplyProgress(output: Output, audit: AuditLog, options: ApplyProgressOptions): ApplyProgress {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const live = output.stderrIsTerminal();
  let done = 0;
  let failed = 0;
  const inFlight = new Set<string>();
  let status = '';
  const draw = (text: string): void => {
    if (!live) return;
    status = text;
    output.clearStatusLine();
    output.stderr(text);
  };
  const clear = (): void => {
    if (live && status !== '') output.clearStatusLine();
    status = '';
  };
  const describe = (): string => {
    const elapsed = ((now() - started) / 1000).toFixed(1);
    return `Applying: ${done}/${options.total} done${failed > 0 ? `, ${failed} failed` : ''}, ${elapsed} s`;
  };
  const print = (result: ActionResult): void => {
    if (!options.streamResults || result.outcome === 'pending') return;
    clear();
    output.stdout(`${renderApplyResult(result, { color: output.color('stdout'), width: output.width() }).join('\n')}\n`);
  };

  return {
    events: {
      onChangeStart: (change) => {
        const intent = audit.intent(change);
        inFlight.add(change.address);
        draw(describe());
        return intent;
      },
      onChangeDone: (change, result) => {
        inFlight.delete(change.address);
        done += 1;
        if (result.outcome === 'failed') failed += 1;
        audit.outcome(change, result);
        print(result);
        draw(describe());
      },
      onVerifyPending: (hosts) => draw(`Checking ${hosts} host(s) waiting for a Group Policy refresh…`),
      onPendingVerified: (refreshed, waiting) => {
        clear();
        output.progress(`${refreshed} host(s) now report their GPO's values; ${waiting} still wait for a Group Policy refresh.`);
      },
    },
    inFlight: () => [...inFlight],
    finish: clear,
  };
}
