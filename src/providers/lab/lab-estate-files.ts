/**
 * The files of a lab deployment. The pristine estate (checked in beside the spec) is
 * never modified; the provider works on a live copy under `<spec directory>/.rdsctl/lab/`.
 */
import { mkdir } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { acquireLock, type AcquireLockOptions } from '../../lock/acquire-lock.js';
import { tryFileLock } from '../../lock/file-lock.js';
import { refuseNonRegularTarget } from '../../io/refuse-non-regular-target.js';
import { loadEstateFile } from './load-estate-file.js';
import { serializeEstateChunks } from './serialize-estate.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface LabProviderOptions {
  /** Absolute directory of the spec file. */
  specDirectory: string;
  /** The spec's deployment name; names the live copy. */
  deployment: string;
  /** The pristine estate file, relative to the spec directory or absolute. */
  estate: string;
}

export interface LabEstatePaths {
  /** The pristine estate file (YAML, or JSON when it ends in `.json`). */
  pristine: string;
  /** The live copy the provider reads and changes: `<spec dir>/.rdsctl/lab/<deployment>.estate.json`. */
  live: string;
  /** Beside the live copy: the digest of the live text that last passed validation (`validated-estate-digest.ts`). */
  validated: string;
  /** The apply lock beside the live copy. */
  lock: string;
  /** The intent ledger beside the live copy: `<spec dir>/.rdsctl/lab/<deployment>.ledger.jsonl` (`intent-ledger.ts`). */
  ledger: string;
  deployment: string;
}

const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

export function labEstatePaths(options: LabProviderOptions): LabEstatePaths {
  if (!DEPLOYMENT_NAME.test(options.deployment)) {
    throw new RdsctlError({
      code: 'USAGE',
      kind: 'user',
      message: `deployment name "${options.deployment}" cannot name a lab estate file`,
      hint: 'use letters, digits, dots, hyphens and underscores, starting with a letter or digit',
    });
  }
  const specDirectory = resolve(options.specDirectory);
  const directory = join(specDirectory, '.rdsctl', 'lab');
  const live = join(directory, `${options.deployment}.estate.json`);
  return {
    pristine: resolve(specDirectory, options.estate),
    live,
    validated: `${live}.validated`,
    lock: `${live}.lock`,
    ledger: join(directory, `${options.deployment}.ledger.jsonl`),
    deployment: options.deployment,
  };
}

/**
 * Recreates the live copy from the pristine estate, discarding every change applied so far.
 * Takes the apply lock, so it never races an apply.
 */
export async function resetLabEstate(options: LabProviderOptions, locking: Omit<AcquireLockOptions, 'provider'>): Promise<LabEstatePaths> {
  const paths = labEstatePaths(options);
  const estate = await loadEstateFile(paths.pristine);
  await mkdir(dirname(paths.live), { recursive: true });
  await refuseNonRegularTarget({ file: paths.live, kind: 'estate' });
  const lock = await acquireLock({ ...locking, provider: { lock: (request) => tryFileLock(paths, request) } });
  try {
    await writeFileAtomically(paths.live, serializeEstateChunks(estate));
  } finally {
    await lock?.release();
  }
  return paths;
}
