/**
 * Reads an intent log (the audit log, an estate ledger) with the safe file reader: only a
 * regular file within its size cap (docs/limits.md); a missing file is an empty log.
 */
import { readRegularTextFile } from '../io/read-regular-file.js';
import type { FileKind } from '../io/file-size-caps.js';
import type { ChangeIntent } from '../model/change-intent.js';
import { findUnsettledIntents } from './find-unsettled-intents.js';

export async function readUnsettledIntentsFrom(file: string, kind: Extract<FileKind, 'audit' | 'ledger'>, deployment: string, shownAs?: string): Promise<ChangeIntent[]> {
  let text: string;
  try {
    text = await readRegularTextFile({ file, kind, ...(shownAs === undefined ? {} : { shownAs }) });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  return findUnsettledIntents(text, deployment);
}
