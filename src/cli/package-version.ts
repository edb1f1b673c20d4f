/** rdsctl's version, read once from its package.json. */
import { readFileSync } from 'node:fs';
import { packageFile } from '../package-files.js';

let version: string | undefined;

export function packageVersion(): string {
  if (version === undefined) {
    const pkg = JSON.parse(readFileSync(packageFile('package.json'), 'utf8')) as { version?: string };
    version = pkg.version ?? '0.0.0';
  }
  return version;
}
