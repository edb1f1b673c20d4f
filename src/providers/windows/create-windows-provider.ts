/**
 * The windows provider: reads and converges real Windows Server hosts through the PowerShell
 * scripts in providers/windows, run from ONE local PowerShell process per phase over the
 * connection's transport (ssh, winrm or local).
 */
import { runFanOut } from '../../transport/run-fan-out.js';
import type { Provider } from '../provider.js';
import { applyWindowsOperations } from './apply-windows-operations.js';
import { createApplyBatcher } from './batch-applies.js';
import { readWindowsState } from './read-windows-state.js';
import { createWindowsProviderContext, runTimeoutMs, type WindowsProviderOptions } from './windows-provider-context.js';

export type { WindowsProviderOptions } from './windows-provider-context.js';

export function createWindowsProvider(options: WindowsProviderOptions): Provider {
  const context = createWindowsProviderContext(options);
  const parallelism = Math.max(1, options.parallelism);
  const batcher = createApplyBatcher(async (requests, onFrame) =>
    runFanOut({
      powershell: await context.powershell(),
      runnerScript: context.files.runnerScript,
      requests,
      parallelism,
      timeoutMs: runTimeoutMs(requests.length, parallelism, context.applyTimeoutSeconds),
      env: options.environment,
      onFrame,
    }),
  );
  return {
    name: 'windows',
    read: (request) => readWindowsState(context, request),
    apply: (request) => applyWindowsOperations(context, batcher, request),
  };
}
