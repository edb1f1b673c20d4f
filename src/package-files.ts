/**
 * Finds files shipped with the package (schemas, PowerShell scripts) from compiled or source
 * code alike, by walking up from the calling module to the directory holding package.json.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

let root: string | undefined;

export function packageRoot(): string {
  if (root !== undefined) return root;
  let directory = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(directory, 'package.json'))) {
    const parent = path.dirname(directory);
    if (parent === directory) throw new Error('rdsctl cannot find its package.json');
    directory = parent;
  }
  root = directory;
  return directory;
}

/** Absolute path of a file shipped with the package, e.g. `schemas/plan.schema.json`. */
export function packageFile(relative: string): string {
  return path.join(packageRoot(), ...relative.split('/'));
}
