/**
 * What `doctor` and `report` share: read the estate (from a spec, or from a host list without
 * one), read the opt-in history, and run the doctor's rules. The caller decides what to render,
 * and whether this run's counts are appended to the history.
 */
import { buildPlan } from '../../engine/build-plan.js';
import { expandSpec } from '../../engine/expand-spec.js';
import { listHosts } from '../../engine/gather.js';
import { DEFAULT_DOCTOR_POLICY, type DoctorInput, type DoctorPolicy } from '../../doctor/doctor-input.js';
import type { DoctorReport } from '../../doctor/doctor-report.js';
import { gatherDoctorState } from '../../doctor/gather-doctor-state.js';
import { readHistory } from '../../doctor/history-file.js';
import { runDoctor } from '../../doctor/run-doctor.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { createProvider } from '../../providers/create-provider.js';
import { loadSpec } from '../../spec/load-spec.js';
import type { LoadedSpec } from '../../spec/loaded-spec.js';
import type { Output } from '../output.js';
import { parseParallelism } from '../run-context.js';
import { createCommandLineSpec, type ConnectionFlags } from './doctor-connection.js';
import { resolveDoctorHosts } from './doctor-targets.js';

export interface EstateSelection extends ConnectionFlags {
  file?: string;
  hosts?: string;
  inventory?: string;
  history?: string;
  /** Generate, read and delete a per-user report on each licence server (the read writes). */
  perUserReport?: boolean;
  parallelism?: string;
}

export interface Diagnosis {
  report: DoctorReport;
  input: DoctorInput;
  loaded: LoadedSpec;
  /** True with --hosts or --inventory: no spec, so no declared quantities or pools. */
  withoutSpec: boolean;
  providerName: string;
}

export async function diagnoseEstate(options: EstateSelection, output: Output): Promise<Diagnosis> {
  const parallelism = parseParallelism(options.parallelism ?? '10');
  const now = new Date().toISOString();
  const withoutSpec = options.hosts !== undefined || options.inventory !== undefined;
  if (withoutSpec && options.file !== undefined) {
    throw new RdsctlError({ code: 'USAGE', kind: 'user', message: '-f cannot be combined with --hosts or --inventory', hint: 'with a spec, doctor examines the hosts the spec names' });
  }
  const loaded = withoutSpec ? createCommandLineSpec(options) : await loadSpec(options.file ?? 'rds.yaml', { withoutEstateChecks: true });
  const desired = withoutSpec ? undefined : expandSpec(loaded);
  const hosts = desired ? listHosts(desired) : await resolveDoctorHosts(options);
  const provider = await createProvider(loaded, parallelism);
  try {
    const started = Date.now();
    const gpos = (desired?.gpos ?? []).map((gpo) => ({ name: gpo.name, domain: gpo.domain }));
    const live = await gatherDoctorState(provider, { hosts, gpos, parallelism, perUserReport: options.perUserReport === true });
    output.progress(`Read ${live.hosts.length} host(s) in ${Date.now() - started} ms${live.errors.length > 0 ? `; ${live.errors.length} could not be read` : ''}.`);
    const history = options.history ? await readHistory(options.history, now, (line) => output.progress(line)) : undefined;
    const input: DoctorInput = {
      live,
      now,
      policy: policyOf(loaded, withoutSpec),
      ...(desired ? { spec: loaded.spec, desired, plan: buildPlan({ desired, live, provider: provider.name }) } : {}),
      ...(history ? { history } : {}),
    };
    const report = runDoctor(input, withoutSpec ? {} : { locate: loaded.locate, specFile: loaded.file });
    return { report, input, loaded, withoutSpec, providerName: provider.name };
  } finally {
    await provider.close?.();
  }
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
