import type { Output } from './output.js';

/**
 * The first Ctrl-C lets changes in flight finish and starts nothing new; a second one quits
 * at once.
 */
export function trapInterrupt(output: Output): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = (): void => {
    if (controller.signal.aborted) {
      output.stderr('Interrupted again: quitting now. Changes in flight may not have finished.\n');
      process.exit(130);
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
