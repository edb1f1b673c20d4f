/**
 * The plan for one managed address: the CLI's `plan --target ADDRESS`, built with the engine on
 * the slice of the desired model the address needs, from the operation's shared reads (or,
 * under the apply lock, from a fresh read of the target).
 */
import { buildPlan } from '../engine/build-plan.js';
import type { DesiredModel } from '../engine/desired-model.js';
import type { ManagedResource } from '../engine/list-managed-resources.js';
import { sliceDesiredModel, type DesiredSlice } from '../engine/slice-desired-model.js';
import type { Change } from '../model/change.js';
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalHostName } from '../model/host-name.js';
import type { LiveState } from '../model/live-state.js';
import type { Plan } from '../model/plan.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import type { EstateContext } from './estate-context.js';

export interface ResourcePlan {
  slice: DesiredSlice;
  live: LiveState;
  plan: Plan;
  /** This address's own change, if it needs one. */
  change: Change | undefined;
  /** Errors about this resource that leave it unconverged although nothing can be planned. */
  blocking: Diagnostic[];
}

export async function planResource(
  context: EstateContext,
  resource: ManagedResource,
  options: { fresh: boolean; desired?: DesiredModel; target?: string },
): Promise<ResourcePlan> {
  const slice = sliceDesiredModel(options.desired ?? context.desired, resource);
  if (options.fresh) {
    const own = targetReads(resource);
    await context.reads.refresh(own.hosts, own.gpos);
  }
  const live = await context.reads.get(slice.hosts, slice.gpos);
  ensureReadable(resource, live);
  const target = options.target ?? resource.address;
  const plan = buildPlan({ desired: slice.desired, live, provider: context.provider.name, targets: [target] });
  return {
    slice,
    live,
    plan,
    change: plan.changes.find((change) => change.address === target),
    blocking: plan.diagnostics.filter((diagnostic) => diagnostic.severity === 'error' && concerns(diagnostic, resource)),
  };
}

/** What a change to `resource` acts on, and so what must be read fresh under the lock. */
export function targetReads(resource: ManagedResource): { hosts: string[]; gpos: { name: string; domain: string }[] } {
  const target = resource.target;
  return target.kind === 'host' ? { hosts: [target.host], gpos: [] } : { hosts: [], gpos: [{ name: target.gpo, domain: target.domain }] };
}

/** An unreadable host is unknown, not absent: it is reported and never treated as deleted. */
function ensureReadable(resource: ManagedResource, live: LiveState): void {
  const target = resource.target;
  if (target.kind === 'gpo') {
    if (live.gpos.some((gpo) => gpo.name.toLowerCase() === target.gpo.toLowerCase())) return;
    throw new RdsctlError({
      code: 'HOST_UNREACHABLE',
      kind: 'environment',
      message: `GPO "${target.gpo}" in ${target.domain} could not be read; its state is unknown, so nothing is changed and it is not treated as deleted`,
      hint: 'check connection.gpoManagementHost and the account\'s GPO rights, then run the operation again',
    });
  }
  const key = canonicalHostName(target.host);
  if (live.hosts.some((host) => canonicalHostName(host.host) === key)) return;
  const error = live.errors.find((candidate) => canonicalHostName(candidate.host) === key);
  throw new RdsctlError({
    code: 'HOST_UNREACHABLE',
    kind: 'environment',
    message: `${target.host} could not be read (${error ? `${error.code}: ${error.message}` : 'no state was returned for it'}); its state is unknown, so nothing is changed and it is not treated as deleted`,
    ...(error?.windowsCode ? { detail: `Windows error ${error.windowsCode}${error.step ? ` in ${error.step}` : ''}` } : {}),
    hint: 'fix access to the host and run the operation again',
  });
}

function concerns(diagnostic: Diagnostic, resource: ManagedResource): boolean {
  if (diagnostic.address !== undefined) return diagnostic.address === resource.address;
  const target = resource.target;
  if (target.kind !== 'host') return false;
  const owns = resource.resource.startsWith('licenseServer') ? /^(LICENSING_ROLE_MISSING|ACCESS_DENIED)$/ : /^SESSION_HOST_ROLE_MISSING$/;
  return owns.test(diagnostic.code) && diagnostic.summary.toLowerCase().startsWith(target.host.toLowerCase());
}
