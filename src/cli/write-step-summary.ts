/**
 * On GitHub Actions (`GITHUB_STEP_SUMMARY` set), plan appends its markdown summary to the job's
 * summary page. A summary that cannot be written is a warning on stderr, never a failed run.
 */
import { appendToRegularFile } from '../io/append-to-regular-file.js';
import type { Output } from './output.js';

/** `renderMarkdown` runs only on Actions: elsewhere a large plan is not rendered a second time. */
export async function writeStepSummary(renderMarkdown: () => string, output: Output, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (file === undefined || file === '') return;
  const problem = await appendToRegularFile(file, `${renderMarkdown()}\n`);
  if (problem !== undefined) output.stderr(`Warning: the summary was not appended to GITHUB_STEP_SUMMARY (${file}): ${problem}\n`);
}
