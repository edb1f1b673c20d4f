import { gatherLiveState } from '../../engine/gather.js';
import { jsonDocumentChunks } from '../../io/json-chunks.js';
import { renderLiveStateTextChunks } from '../../render/render-live-state-text.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { createRunContext, type CommonOptions } from '../run-context.js';

export async function runShow(options: CommonOptions & { json?: boolean }, output: Output): Promise<number> {
  const context = await createRunContext(options);
  try {
    const live = await gatherLiveState(context.provider, context.desired, { parallelism: context.parallelism });
    await output.stdoutChunks(options.json ? jsonDocumentChunks(live) : renderLiveStateTextChunks(live, { color: output.color('stdout'), width: output.width() }));
    return live.errors.length > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await context.provider.close?.();
  }
}
