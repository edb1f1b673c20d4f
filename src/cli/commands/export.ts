/**
 * `rdsctl export`: reads live state and writes a spec that reproduces it, so the first plan
 * after adopting an existing estate is empty (docs/export.md). The connection comes from a spec
 * (`-f`, whose declared hosts and GPOs are read too) or from the doctor's connection flags;
 * hosts from the spec, `--hosts` or `--inventory`, GPOs from the spec or `--gpo`. The result is
 * validated as `plan` would load it before it is written, to stdout or whole to `--out FILE`
 * (never over an existing file without `--force`). Exit codes: 0 written, 1 a named host could
 * not be read, 3 usage, or an exported spec that does not validate (written, for inspection).
 */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { expandSpec } from '../../engine/expand-spec.js';
import { listHosts } from '../../engine/gather.js';
import { buildExportedSpec } from '../../export/build-exported-spec.js';
import { parseGpoFlags } from '../../export/parse-gpo-flags.js';
import { readEstateToExport } from '../../export/read-estate-to-export.js';
import { rebaseConnection, rebasePolicy } from '../../export/rebase-spec-paths.js';
import { renderExportedSpec } from '../../export/render-exported-spec.js';
import { writeNewFile } from '../../io/write-new-file.js';
import { isRdsctlError, RdsctlError } from '../../model/rdsctl-error.js';
import { createProvider } from '../../providers/create-provider.js';
import { loadSpec, parseSpecText } from '../../spec/load-spec.js';
import type { LoadedSpec } from '../../spec/loaded-spec.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { parseParallelism } from '../run-context.js';
import { createCommandLineSpec, type ConnectionFlags } from './doctor-connection.js';
import { resolveDoctorHosts } from './doctor-targets.js';

export interface ExportOptions extends ConnectionFlags {
  file?: string;
  hosts?: string;
  inventory?: string;
  gpo?: string[];
  out?: string;
  force?: boolean;
  parallelism?: string;
}

export async function runExport(options: ExportOptions, output: Output): Promise<number> {
  const parallelism = parseParallelism(options.parallelism ?? '10');
  // Said before reading a thousand hosts; the write itself still refuses atomically.
  if (options.out !== undefined && options.force !== true && existsSync(options.out)) throw outExists(options.out);
  const withoutSpec = options.file === undefined && (options.provider !== undefined || options.estate !== undefined || options.hosts !== undefined || options.inventory !== undefined);
  const loaded = withoutSpec ? createCommandLineSpec({ ...options, deployment: options.deployment ?? defaultDeployment(options) }) : await loadSpec(options.file ?? 'rds.yaml');
  const named = withoutSpec ? { hosts: [], gpos: [] } : declaredInSpec(loaded);
  const extraHosts = options.hosts !== undefined || options.inventory !== undefined ? await resolveDoctorHosts(options) : [];
  const hosts = [...named.hosts, ...extraHosts];
  const gpos = [...named.gpos, ...parseGpoFlags(options.gpo ?? [], hosts)];
  const outFolder = options.out === undefined ? process.cwd() : dirname(resolve(options.out));

  const provider = await createProvider(loaded, parallelism);
  let exported;
  try {
    const started = Date.now();
    const { live, unreadServers } = await readEstateToExport(provider, { hosts, gpos, parallelism });
    output.progress(`Read ${live.hosts.length} host(s) and ${live.gpos.length} GPO(s) in ${Date.now() - started} ms.`);
    const folders = { from: loaded.directory, to: outFolder };
    const { policy } = loaded.spec;
    exported = buildExportedSpec({
      live,
      deployment: loaded.spec.deployment,
      connection: rebaseConnection(loaded.spec.connection, folders),
      ...(policy ? { policy: rebasePolicy(policy, folders) } : {}),
      unreadServers,
    });
  } finally {
    await provider.close?.();
  }

  const text = renderExportedSpec(exported.spec, exported.notes);
  const problem = validateExport(text, options.out ?? '(exported spec)', outFolder);
  await emit(text, options, output);
  for (const warning of exported.warnings) output.progress(`warning: ${warning}`);
  if (loaded.spec.connection.provider === 'lab' && resolve(outFolder) !== resolve(loaded.directory)) {
    output.progress(`note: the lab keeps its live copy beside the spec; from ${options.out === undefined ? 'this folder' : outFolder} the exported spec starts from a fresh copy of the estate file, not the live copy under ${resolve(loaded.directory, '.rdsctl', 'lab')}`);
  }
  if (problem) throw problem;
  const { spec } = exported;
  output.progress(
    `Exported ${spec.licenseServers?.length ?? 0} licence server(s), ${spec.sessionHostPools?.length ?? 0} session-host pool(s) and ${spec.gpos?.length ?? 0} GPO(s)${options.out === undefined ? '' : ` to ${options.out}`}.`,
  );
  return EXIT.ok;
}

/** The lab's default names the same live copy as doctor's; a Windows estate gets a neutral name. */
function defaultDeployment(options: ConnectionFlags): string {
  const lab = options.provider === 'lab' || (options.provider === undefined && options.estate !== undefined);
  return lab ? 'lab' : 'rds';
}

function declaredInSpec(loaded: LoadedSpec): { hosts: string[]; gpos: { name: string; domain: string }[] } {
  const desired = expandSpec(loaded);
  return { hosts: listHosts(desired), gpos: desired.gpos.map((gpo) => ({ name: gpo.name, domain: gpo.domain })) };
}

/** The spec is checked as `plan` will load it; one that does not validate is still written, for inspection. */
function validateExport(text: string, file: string, folder: string): RdsctlError | undefined {
  try {
    parseSpecText(text, file, folder);
    return undefined;
  } catch (error) {
    if (!isRdsctlError(error) || error.code !== 'SPEC_INVALID') throw error;
    return new RdsctlError({
      code: 'SPEC_INVALID',
      kind: 'user',
      message: 'the exported spec reproduces the estate, but rdsctl would refuse it: the estate breaks a rule of the spec',
      ...(error.detail ? { detail: error.detail } : {}),
      diagnostics: error.diagnostics,
      hint: 'fix the estate, or edit the exported spec, then run rdsctl validate on it',
    });
  }
}

async function emit(text: string, options: ExportOptions, output: Output): Promise<void> {
  if (options.out === undefined) {
    output.stdout(text);
    return;
  }
  let result;
  try {
    result = await writeNewFile(options.out, text, { replace: options.force === true });
  } catch (error) {
    throw new RdsctlError({ code: 'USAGE', kind: 'environment', message: `cannot write the exported spec to ${options.out}: ${(error as Error).message}`, cause: error });
  }
  if (result === 'exists') throw outExists(options.out);
}

function outExists(file: string): RdsctlError {
  return new RdsctlError({ code: 'USAGE', kind: 'user', message: `${file} already exists; nothing was written`, hint: 'pass --force to replace it, or choose another --out file' });
}
