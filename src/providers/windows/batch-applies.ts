/**
 * Applies that arrive together (the engine applies independent changes concurrently) share one
 * fan-out run, so a wave of applies costs one local PowerShell process, not one per host.
 */
import type { FanOutFrame, FanOutRequest } from '../../transport/host-target.js';
import type { FanOutRun } from '../../transport/run-fan-out.js';

export type ApplyAnswer = { frame: FanOutFrame } | { frame?: undefined; run: FanOutRun };

export type RunBatch = (requests: FanOutRequest[], onFrame: (frame: FanOutFrame) => void) => Promise<FanOutRun>;

interface Waiting {
  request: FanOutRequest;
  resolve: (answer: ApplyAnswer) => void;
  reject: (error: unknown) => void;
}

export interface ApplyBatcher {
  /** Runs `request` in the next batch; `request.id` is replaced by a batch-unique id. */
  submit(request: Omit<FanOutRequest, 'id'>): Promise<ApplyAnswer>;
}

export function createApplyBatcher(runBatch: RunBatch, windowMs = 20): ApplyBatcher {
  let waiting: Waiting[] = [];
  let timer: NodeJS.Timeout | undefined;
  let counter = 0;

  async function flush(): Promise<void> {
    const batch = waiting;
    waiting = [];
    timer = undefined;
    const byId = new Map(batch.map((item) => [item.request.id, item]));
    try {
      const run = await runBatch(
        batch.map((item) => item.request),
        (frame) => {
          byId.get(frame.id)?.resolve({ frame });
          byId.delete(frame.id);
        },
      );
      for (const item of byId.values()) item.resolve({ run });
    } catch (error) {
      for (const item of byId.values()) item.reject(error);
    }
  }

  return {
    submit(request) {
      counter += 1;
      const id = `apply-${counter}`;
      return new Promise<ApplyAnswer>((resolve, reject) => {
        waiting.push({ request: { ...request, id }, resolve, reject });
        timer ??= setTimeout(() => void flush(), windowMs);
      });
    },
  };
}
