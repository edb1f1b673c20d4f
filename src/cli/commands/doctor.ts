/**
 * `rdsctl doctor`: reads the estate (from a spec, or from a host list without one), follows every
 * session host's licensing path to its licence servers, and reports findings grouped by root
 * cause. Exit codes: 0 nothing at or above --fail-on, 4 findings at or above it, 1 the run itself
 * failed, 3 invalid input. An unreachable host is a finding, not a failed run.
 */
import { buildPlan } from '../../engine/build-plan.js';
import { expandSpec } from '../../engine/expand-spec.js';
import { listHosts } from '../../engine/gather.js';
import { DEFAULT_DOCTOR_POLICY, type DoctorInput, type DoctorPolicy } from '../../doctor/doctor-input.js';
import type { DoctorReport } from '../../doctor/doctor-report.js';
import { isAtLeast, SEVERITIES, type FindingSeverity } from '../../doctor/finding.js';
import { gatherDoctorState } from '../../doctor/gather-doctor-state.js';
import { appendHistory, createHistoryEntry, readHistory } from '../../doctor/history-file.js';
import { runDoctor } from '../../doctor/run-doctor.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { createProvider } from '../../providers/create-provider.js';
import { renderDoctorJson } from '../../render/render-doctor-json.js';
import { renderDoctorMarkdown } from '../../render/render-doctor-markdown.js';
import { renderDoctorSarif } from '../../render/render-doctor-sarif.js';
import { renderDoctorText } from '../../render/render-doctor-text.js';
import { loadSpec } from '../../spec/load-spec.js';
import type { LoadedSpec } from '../../spec/loaded-spec.js';
import { EXIT } from '../exit-codes.js';
import type { Output } from '../output.js';
import { packageVersion } from '../package-version.js';
import { parseParallelism } from '../run-context.js';
import { createCommandLineSpec, type ConnectionFlags } from './doctor-connection.js';
import { resolveDoctorHosts } from './doctor-targets.js';

export type DoctorFormat = 'text' | 'json' | 'markdown' | 'sarif';

export interface DoctorOptions extends ConnectionFlags {
  file?: string;
  hosts?: string;
  inventory?: string;
  format: DoctorFormat;
  json?: boolean;
  failOn: string;
  history?: string;
  parallelism?: string;
}

export async function runDoctorCommand(options: DoctorOptions, output: Output): Promise<number> {
  const failOn = parseSeverity(options.failOn);
  const parallelism = parseParallelism(options.parallelism ?? '10');
  const now = new Date().toISOString();
  const withoutSpec = options.hosts !== undefined || options.inventory !== undefined;
  if (withoutSpec && options.file !== undefined) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: '-f cannot be combined with --hosts or --inventory', hint: 'with a spec, doctor examines the hosts the spec names' });
  }
  const loaded = withoutSpec ? createCommandLineSpec(options) : await loadSpec(options.file ?? 'rds.yaml');
  const desired = withoutSpec ? undefined : expandSpec(loaded);
  const hosts = desired ? listHosts(desired) : await resolveDoctorHosts(options);
  const provider = await createProvider(loaded, parallelism);
  let report: DoctorReport;
  try {
    const started = Date.now();
    const gpos = (desired?.gpos ?? []).map((gpo) => ({ name: gpo.name, domain: gpo.domain }));
    const live = await gatherDoctorState(provider, { hosts, gpos, parallelism });
    output.progress(`Read ${live.hosts.length} host(s) in ${Date.now() - started} ms${live.errors.length > 0 ? `; ${live.errors.length} could not be read` : ''}.`);
    const history = options.history ? await readHistory(options.history, now, (line) => output.progress(line)) : undefined;
    const input: DoctorInput = {
      live,
      now,
      policy: policyOf(loaded, withoutSpec),
      ...(desired ? { spec: loaded.spec, desired, plan: buildPlan({ desired, live, provider: provider.name }) } : {}),
      ...(history ? { history } : {}),
    };
    report = runDoctor(input, withoutSpec ? {} : { locate: loaded.locate, specFile: loaded.file });
    if (options.history) await appendHistory(options.history, createHistoryEntry(live, now));
  } finally {
    await provider.close?.();
  }
  output.stdout(renderReport(report, options.json ? 'json' : options.format, { color: output.color('stdout'), width: output.width(), file: withoutSpec ? options.inventory : loaded.file }));
  return report.findings.some((finding) => isAtLeast(finding.severity, failOn)) ? EXIT.findings : EXIT.ok;
}

export function renderReport(report: DoctorReport, format: DoctorFormat, { color, width, file }: { color: boolean; width?: number; file?: string }): string {
  if (format === 'json') return renderDoctorJson(report);
  if (format === 'markdown') return renderDoctorMarkdown(report);
  if (format === 'sarif') return renderDoctorSarif(report, { toolVersion: packageVersion(), ...(file === undefined ? {} : { file }) });
  return renderDoctorText(report, { color, ...(width === undefined ? {} : { width }) });
}

function policyOf(loaded: LoadedSpec, withoutSpec: boolean): DoctorPolicy {
  if (withoutSpec) return DEFAULT_DOCTOR_POLICY;
  const policy = loaded.spec.policy;
  return {
    ...DEFAULT_DOCTOR_POLICY,
    minFreeCals: policy?.minFreeCals ?? DEFAULT_DOCTOR_POLICY.minFreeCals,
    graceWarningDays: policy?.graceWarningDays ?? DEFAULT_DOCTOR_POLICY.graceWarningDays,
    allowGracePeriodReset: policy?.allow?.gracePeriodReset ?? false,
  };
}

function parseSeverity(value: string): FindingSeverity {
  const found = SEVERITIES.find((severity) => severity === value);
  if (found) return found;
  throw new RdsctlError({ code: 'USAGE', kind: 'user', message: `--fail-on must be one of ${SEVERITIES.join(', ')}, got ${JSON.stringify(value)}` });
}
