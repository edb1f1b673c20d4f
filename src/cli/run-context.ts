/**
 * What every command that reads an estate needs: the loaded spec, its desired model, a
 * provider, and validated command-line values.
 */
import { expandSpec } from '../engine/expand-spec.js';
import type { DesiredModel } from '../engine/desired-model.js';
import { isWellFormedAddress } from '../model/address.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { createProvider } from '../providers/create-provider.js';
import type { Provider } from '../providers/provider.js';
import { loadSpec } from '../spec/load-spec.js';
import type { LoadedSpec } from '../spec/loaded-spec.js';
import { resolveTargets } from './resolve-targets.js';

export interface CommonOptions {
  file: string;
  parallelism?: string;
  target?: string[];
}

export interface RunContext {
  loaded: LoadedSpec;
  desired: DesiredModel;
  provider: Provider;
  parallelism: number;
  targets: string[];
  /** What the plan should say about `--target`: that it is in effect, and what it pulled in. */
  targetDiagnostics: Diagnostic[];
}

export async function createRunContext(options: CommonOptions): Promise<RunContext> {
  const parallelism = parseParallelism(options.parallelism ?? '10');
  const wanted = parseTargets(options.target ?? []);
  const loaded = await loadSpec(options.file);
  const desired = expandSpec(loaded);
  const { targets, diagnostics: targetDiagnostics } = resolveTargets(wanted, desired);
  const provider = await createProvider(loaded, parallelism);
  return { loaded, desired, provider, parallelism, targets, targetDiagnostics };
}

export function parseParallelism(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1 || parsed > 1000) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `--parallelism expects a whole number from 1 to 1000, got ${JSON.stringify(value)}` });
  }
  return parsed;
}

function parseTargets(values: readonly string[]): string[] {
  for (const value of values) {
    if (!isWellFormedAddress(value)) {
      throw new RdsctlError({
        code: 'USAGE',
        kind: 'user',
        message: `--target ${JSON.stringify(value)} is not a resource address`,
        hint: 'addresses look like licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user], sessionHost[rdsh01.corp.contoso.com] or gpo[RDS Licensing - Finance]',
      });
    }
  }
  return [...values];
}
