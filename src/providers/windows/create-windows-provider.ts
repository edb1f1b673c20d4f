/**
 * The windows provider: reads and converges real Windows Server hosts through the PowerShell
 * scripts in providers/windows, over the connection's transport: plain OpenSSH (ssh, one client
 * per host), or ONE local PowerShell process per phase (psrp-ssh, winrm, local). Its apply lock
 * is a file on the lock host (windows-apply-lock.ts).
 */
import type { Provider } from '../provider.js';
import { applyWindowsOperations, settleWindowsLedgers } from './apply-windows-operations.js';
import { ledgerIntentsIn, type LedgerIntent } from './ledger-intents.js';
import { createApplyBatcher } from './batch-applies.js';
import { readWindowsState } from './read-windows-state.js';
import { createWindowsApplyLock } from './windows-apply-lock.js';
import { createWindowsProviderContext, runTimeoutMs, type WindowsProviderOptions } from './windows-provider-context.js';

export type { WindowsProviderOptions } from './windows-provider-context.js';

export function createWindowsProvider(options: WindowsProviderOptions): Provider {
  const context = createWindowsProviderContext(options);
  const parallelism = Math.max(1, options.parallelism);
  const batcher = createApplyBatcher(async (requests, onFrame) =>
    context.transport().run({ requests, parallelism, timeoutMs: runTimeoutMs(requests.length, parallelism, context.applyTimeoutSeconds), onFrame }),
  );
  let known: LedgerIntent[] = [];
  return {
    name: 'windows',
    read: (request) => readWindowsState(context, request),
    apply: (request) => applyWindowsOperations(context, batcher, request),
    async unsettledIntents(live) {
      known = ledgerIntentsIn(live);
      return known.map((entry) => entry.intent);
    },
    settleIntents: (settled) => settleWindowsLedgers(context, batcher, known, settled),
    ...(options.lock ? createWindowsApplyLock(context, options.lock) : {}),
  };
}
