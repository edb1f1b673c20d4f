/** `-f DIR` means `DIR/rds.yaml`; anything else is the file itself. */
import { statSync } from 'node:fs';
import path from 'node:path';

export const DEFAULT_SPEC_NAME = 'rds.yaml';

export function resolveSpecFile(file: string): string {
  try {
    return statSync(file).isDirectory() ? path.join(file, DEFAULT_SPEC_NAME) : file;
  } catch {
    return file;
  }
}
