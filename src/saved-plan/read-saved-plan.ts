/**
 * Reads a saved plan and refuses, as PLAN_INVALID, anything that is not one intact: not JSON,
 * another format or version, or content that no longer matches its checksum.
 */
import { readRegularTextFile } from '../io/read-regular-file.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { checksumOf, SAVED_PLAN_FORMAT, SAVED_PLAN_FORMAT_VERSION, type SavedPlan, type SavedPlanContent } from './saved-plan.js';

export async function readSavedPlan(file: string): Promise<SavedPlan> {
  let text: string;
  try {
    text = await readRegularTextFile({ file, kind: 'plan' });
  } catch (error) {
    if (error instanceof RdsctlError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new RdsctlError({
      code: code === 'ENOENT' ? 'USAGE' : 'PLAN_INVALID',
      kind: 'user',
      message: code === 'ENOENT' ? `saved plan ${file} does not exist` : `cannot read saved plan ${file}: ${code ?? 'unknown error'}`,
      hint: 'write one with rdsctl plan --out FILE',
    });
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw invalid(file, `it is not JSON (${(error as Error).message}); it may be truncated`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalid(file, 'it is not a JSON object');
  const saved = value as Partial<SavedPlan>;
  if (saved.format !== SAVED_PLAN_FORMAT) throw invalid(file, `"format" is ${JSON.stringify(saved.format)}, expected "${SAVED_PLAN_FORMAT}"`);
  if (saved.formatVersion !== SAVED_PLAN_FORMAT_VERSION) throw invalid(file, `"formatVersion" is ${JSON.stringify(saved.formatVersion)}; this rdsctl reads version ${SAVED_PLAN_FORMAT_VERSION}`);
  const { checksum, ...content } = saved;
  if (typeof checksum !== 'string' || checksum !== checksumOf(content as SavedPlanContent)) {
    throw invalid(file, 'its content does not match its checksum: it was edited or damaged after rdsctl wrote it');
  }
  return saved as SavedPlan;
}

function invalid(file: string, why: string): RdsctlError {
  return new RdsctlError({
    code: 'PLAN_INVALID',
    kind: 'user',
    message: `${file} is not a usable saved plan: ${why}`,
    hint: 'make a fresh plan with rdsctl plan --out FILE; never edit a saved plan by hand',
  });
}
