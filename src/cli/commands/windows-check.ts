/**
 * `rdsctl windows check`: probes, read-only, every fact the windows provider assumes on the
 * hosts a spec names (or `--hosts`), and reports which held. Exit codes: 4 when an assumption
 * an apply path relies on did not hold (even if some hosts could not be checked), else 1 when a
 * host could not be checked, else 0; 3 for invalid input.
 */
import { expandSpec } from '../../engine/expand-spec.js';
import { listHosts } from '../../engine/gather.js';
import { failedApplyAssumptions } from '../../model/conformance-report.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { checkWindowsConformance } from '../../providers/windows/check-windows-conformance.js';
import { remotePowerShellByHost } from '../../providers/windows/remote-powershell-by-host.js';
import { renderConformanceText } from '../../render/render-conformance-text.js';
import { loadSpec } from '../../spec/load-spec.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { parseParallelism } from '../run-context.js';
import { createCommandLineSpec, type ConnectionFlags } from './doctor-connection.js';
import { resolveDoctorHosts } from './doctor-targets.js';

export interface WindowsCheckOptions extends ConnectionFlags {
  file?: string;
  hosts?: string;
  json?: boolean;
  parallelism?: string;
}

export async function runWindowsCheck(options: WindowsCheckOptions, output: Output): Promise<number> {
  const parallelism = parseParallelism(options.parallelism ?? '10');
  const withoutSpec = options.hosts !== undefined;
  if (withoutSpec && options.file !== undefined) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: '-f cannot be combined with --hosts', hint: 'with a spec, the check probes the hosts the spec names' });
  }
  const loaded = withoutSpec ? createCommandLineSpec({ ...options, provider: 'windows' }) : await loadSpec(options.file ?? 'rds.yaml');
  const { connection } = loaded.spec;
  if (connection.provider !== 'windows') {
    throw new RdsctlError({
      code: 'USAGE',
      kind: 'user',
      message: `${loaded.file}: rdsctl windows check probes Windows hosts, but connection.provider is ${connection.provider}`,
      hint: 'run it with a spec whose connection.provider is windows, or with --hosts a,b',
    });
  }
  const desired = withoutSpec ? undefined : expandSpec(loaded);
  const hosts = desired ? listHosts(desired) : await resolveDoctorHosts({ hosts: options.hosts });
  const gpos = (desired?.gpos ?? []).map((gpo) => ({ name: gpo.name, domain: gpo.domain }));
  const report = await checkWindowsConformance({ connection, specDirectory: loaded.directory, parallelism, remotePowerShellByHost: remotePowerShellByHost(loaded.spec) }, { hosts, gpos, parallelism });
  output.stdout(options.json ? `${JSON.stringify(report, null, 2)}\n` : renderConformanceText(report, { color: output.color('stdout'), width: output.width() }));
  if (failedApplyAssumptions(report).length > 0) return EXIT.findings;
  return report.errors.length > 0 ? EXIT.failed : EXIT.ok;
}
