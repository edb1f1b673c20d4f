/** Who is taking a lock: the user, this machine, and the CI run when a CI names one. */
import os from 'node:os';
import type { LockOwner } from './lock-record.js';

/** CI systems and the variable each sets to its run's id. */
const CI_RUN_VARIABLES: ReadonlyArray<readonly [string, string]> = [
  ['github', 'GITHUB_RUN_ID'],
  ['gitlab', 'CI_PIPELINE_ID'],
  ['azure', 'BUILD_BUILDID'],
];

export function currentLockOwner(env: NodeJS.ProcessEnv = process.env): LockOwner {
  const owner: LockOwner = { user: currentUser(), machine: os.hostname() };
  const ciRunId = currentCiRunId(env);
  return ciRunId ? { ...owner, ciRunId } : owner;
}

export function currentCiRunId(env: NodeJS.ProcessEnv = process.env): string | undefined {
  for (const [system, variable] of CI_RUN_VARIABLES) {
    const value = env[variable]?.trim();
    if (value) return `${system}:${value}`;
  }
  return undefined;
}

export function currentUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    // Some containers have no passwd entry for the current uid.
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
