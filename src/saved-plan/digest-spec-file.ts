/**
 * The digest a saved plan records of the spec it was planned from, read again through the
 * regular-file reader: a spec swapped for a named pipe after loading cannot block the run.
 */
import { readRegularFile } from '../io/read-regular-file.js';
import { resolveSpecFile } from '../spec/resolve-spec-file.js';
import { digestBytes } from './saved-plan.js';

export async function digestSpecFile(file: string): Promise<string> {
  return digestBytes(await readRegularFile({ file: resolveSpecFile(file), kind: 'spec', shownAs: file }));
}
