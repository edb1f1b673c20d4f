import { killProcessGroups } from '../transport/process-groups.js';
import type { Output } from './output.js';
import { quitNow } from './quit-now.js';

export interface InterruptOptions {
  /** Addresses of the changes in flight, named when the second Ctrl-C quits. */
  inFlight?: () => readonly string[];
}

const NAMED_IN_FLIGHT = 10;

/**
 * The first Ctrl-C lets changes in flight finish and starts nothing new; a second one quits
 * at once (exit 130), naming what may be half done, and kills the process groups of the
 * PowerShell runner and ssh clients, which a terminal's Ctrl-C does not reach.
 */
export function trapInterrupt(output: Output, options: InterruptOptions = {}): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      killProcessGroups();
      output.stderr(`Interrupted again: quitting now. ${describeInFlight(options.inFlight?.() ?? [])}\n`);
      quitNow(130);
    }
    output.stderr('\nInterrupted: changes in flight will finish; nothing new starts. Press Ctrl-C again to quit at once.\n');
    controller.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

function describeInFlight(addresses: readonly string[]): string {
  if (addresses.length === 0) return 'No change was in flight.';
  const named = addresses.slice(0, NAMED_IN_FLIGHT).join(', ');
  const more = addresses.length > NAMED_IN_FLIGHT ? ` and ${addresses.length - NAMED_IN_FLIGHT} more` : '';
  const count = addresses.length === 1 ? '1 change was' : `${addresses.length} changes were`;
  return `${count} in flight and may not have finished: ${named}${more}. Run rdsctl plan to see where the estate stands.`;
}
