/**
 * Ends a child started in its own process group when its budget runs out or its run is
 * cancelled: SIGTERM to the whole group (so the OpenSSH client can end what it started, such as
 * a ProxyCommand), then SIGKILL to the group after `graceMs`. execa's own timeout would signal
 * the child alone and leave the rest of its group running.
 */
import { signalProcessGroup, trackProcessGroup } from './process-groups.js';

export interface GroupStop {
  /** Why the group was stopped, if it was. */
  readonly reason: 'timeout' | 'cancelled' | undefined;
  /** Call once the child has ended: clears the timers and forgets the group. */
  dispose(): void;
}

export function stopProcessGroupAt(pid: number | undefined, options: { timeoutMs: number; signal?: AbortSignal; graceMs: number }): GroupStop {
  const tracked = trackProcessGroup(pid);
  let reason: GroupStop['reason'];
  const stop = (why: 'timeout' | 'cancelled'): void => {
    if (reason !== undefined || pid === undefined) return;
    reason = why;
    signalProcessGroup(pid, 'SIGTERM');
    setTimeout(() => signalProcessGroup(pid, 'SIGKILL'), options.graceMs).unref();
  };
  const budget = setTimeout(() => stop('timeout'), Math.max(1, options.timeoutMs));
  budget.unref();
  const onAbort = (): void => stop('cancelled');
  if (options.signal?.aborted) onAbort();
  else options.signal?.addEventListener('abort', onAbort, { once: true });
  return {
    get reason() {
      return reason;
    },
    dispose: () => {
      clearTimeout(budget);
      options.signal?.removeEventListener('abort', onAbort);
      tracked.release();
    },
  };
}
