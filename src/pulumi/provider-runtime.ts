/**
 * The dynamic providers' implementation, loaded by the serialised provider in Pulumi's provider
 * process (`rdsctl/pulumi/runtime`). Each method is the rdsctl engine doing the work:
 *
 * - `check`: rdsctl's validation of the spec, and that the spec manages the address;
 * - `diff`: the targeted plan for the address, mapped to Pulumi's diff (never a replacement:
 *   every rdsctl change is made in place);
 * - `create` / `update`: apply the targeted plan under the apply lock (see converge-resource);
 * - `read`: the live values, from the operation's shared reads; an unreadable host fails the
 *   read with its reason and is never reported as deleted;
 * - `delete`: see remove-resource for what each kind does.
 *
 * Nothing here keeps or returns a secret value: inputs and outputs carry references only.
 */
import { indexLiveState } from '../engine/live-index.js';
import type { ManagedResource } from '../engine/list-managed-resources.js';
import { isRdsctlError, RdsctlError } from '../model/rdsctl-error.js';
import type { KeyPackSpec } from '../model/spec.js';
import { formatDiagnosticLine } from '../spec/format-diagnostic.js';
import { desiredValues } from './desired-values.js';
import { describeResource } from './describe-resource.js';
import { convergeResource } from './converge-resource.js';
import { estateContext, type EstateContext } from './estate-context.js';
import { liveValues } from './live-values.js';
import { planResource } from './plan-resource.js';
import { describeDiagnostic, toPulumiError } from './provider-errors.js';
import { removeResource } from './remove-resource.js';
import { pickInputs, type ResourceInputs, type ResourceOutputs } from './resource-inputs.js';
import { stableJson } from './stable-json.js';

export { endOperation, readStatistics } from './estate-context.js';

export interface CheckFailure {
  property: string;
  reason: string;
}

export async function check(_olds: ResourceInputs | undefined, news: ResourceInputs): Promise<{ inputs: ResourceInputs; failures: CheckFailure[] }> {
  const failures = checkShape(news);
  if (failures.length > 0) return { inputs: news, failures };
  let context: EstateContext;
  try {
    context = await estateContext(news.spec, news.parallelism);
  } catch (error) {
    return { inputs: news, failures: specFailures(error) };
  }
  let resource: ManagedResource;
  try {
    resource = context.resource(news.address);
  } catch (error) {
    return { inputs: news, failures: [{ property: 'address', reason: error instanceof Error ? error.message : String(error) }] };
  }
  if (stableJson(desiredValues(resource, context.desired)) !== stableJson(news.desired)) {
    failures.push({ property: 'desired', reason: `the values given for ${news.address} are not the spec's; build the resource with rds.Estate from the same spec` });
  }
  return { inputs: news, failures };
}

export async function diff(_id: string, olds: ResourceOutputs, news: ResourceInputs): Promise<{ changes: boolean; replaces: string[]; stables: string[]; deleteBeforeReplace: boolean }> {
  return guard(news.address, async () => {
    const context = await estateContext(news.spec, news.parallelism);
    const planned = await planResource(context, describeResource(news), { fresh: false });
    const inputsChanged = stableJson(pickInputs(olds)) !== stableJson(pickInputs(news));
    return { changes: planned.change !== undefined || planned.blocking.length > 0 || inputsChanged, replaces: [], stables: ['address', 'kind'], deleteBeforeReplace: false };
  });
}

export async function create(inputs: ResourceInputs): Promise<{ id: string; outs: ResourceOutputs }> {
  return guard(inputs.address, async () => ({ id: inputs.address, outs: await converge(inputs) }));
}

export async function update(_id: string, _olds: ResourceOutputs, news: ResourceInputs): Promise<{ outs: ResourceOutputs }> {
  return guard(news.address, async () => ({ outs: await converge(news) }));
}

export async function read(id: string, props: ResourceOutputs | undefined): Promise<{ id: string; props: ResourceOutputs; inputs: ResourceInputs }> {
  const address = props?.address ?? id;
  return guard(address, async () => {
    if (props?.spec === undefined) {
      throw new RdsctlError({
        code: 'USAGE',
        kind: 'user',
        message: 'its inputs do not name the spec, so it cannot be read; Pulumi\'s import option does not work with dynamic providers',
        hint: 'adopt an existing estate with new rds.Estate(name, { spec, import: true })',
      });
    }
    const inputs = pickInputs(props);
    const context = await estateContext(inputs.spec, inputs.parallelism);
    const resource = describeResource(inputs);
    const planned = await planResource(context, resource, { fresh: false });
    return { id: address, props: { ...inputs, live: liveValues(resource, indexLiveState(planned.live), packOf(inputs)) }, inputs };
  });
}

async function remove(_id: string, props: ResourceOutputs): Promise<void> {
  return guard(props.address, async () => {
    const inputs = pickInputs(props);
    const context = await estateContext(inputs.spec, inputs.parallelism);
    await removeResource(context, describeResource(inputs), packOf(inputs), inputs.lockTimeoutSeconds * 1000);
  });
}
export { remove as delete };

async function converge(inputs: ResourceInputs): Promise<ResourceOutputs> {
  const context = await estateContext(inputs.spec, inputs.parallelism);
  const resource = describeResource(inputs);
  if (inputs.importOnly) return adopt(context, resource, inputs);
  await convergeResource(context, resource, { lockTimeoutMs: inputs.lockTimeoutSeconds * 1000 });
  const after = await planResource(context, resource, { fresh: false });
  return { ...pickInputs(inputs), live: liveValues(resource, indexLiveState(after.live), packOf(inputs)) };
}

/** Import: the live values as read, provided the estate already is what the spec says. */
async function adopt(context: EstateContext, resource: ManagedResource, inputs: ResourceInputs): Promise<ResourceOutputs> {
  const planned = await planResource(context, resource, { fresh: false });
  if (planned.change !== undefined || planned.blocking.length > 0) {
    const differences = planned.change?.attributes.map((attribute) => `${attribute.name} is ${JSON.stringify(attribute.before)}, the spec wants ${JSON.stringify(attribute.after)}`) ?? [];
    throw new RdsctlError({
      code: 'APPLY_FAILED',
      kind: 'user',
      message: `cannot import: the estate differs from the spec here (${[...differences, ...planned.blocking.map(describeDiagnostic)].join('; ') || planned.change?.reason}); nothing was changed`,
      hint: 'import what is there by changing the spec to match, or drop import: true to let rdsctl converge it',
    });
  }
  return { ...pickInputs(inputs), live: liveValues(resource, indexLiveState(planned.live), packOf(inputs)) };
}

function packOf(inputs: ResourceInputs): KeyPackSpec | undefined {
  return inputs.kind === 'licenseServer.keyPack' ? (inputs.desired as unknown as KeyPackSpec) : undefined;
}

async function guard<T>(address: string, task: () => Promise<T>): Promise<T> {
  try {
    return await task();
  } catch (error) {
    throw error instanceof Error && !isRdsctlError(error) && error.message.startsWith(`${address}: `) ? error : toPulumiError(error, address);
  }
}

function checkShape(news: ResourceInputs): CheckFailure[] {
  const failures: CheckFailure[] = [];
  if (typeof news.address !== 'string' || news.address === '') failures.push({ property: 'address', reason: 'expected an rdsctl address' });
  if (typeof news.spec !== 'object' || news.spec === null || !('file' in news.spec || 'inline' in news.spec)) failures.push({ property: 'spec', reason: 'expected { file } or { inline, directory }' });
  if (typeof news.lockTimeoutSeconds !== 'number' || !(news.lockTimeoutSeconds > 0)) failures.push({ property: 'lockTimeoutSeconds', reason: 'expected a number of seconds above 0' });
  if (!Number.isInteger(news.parallelism) || news.parallelism < 1 || news.parallelism > 1000) failures.push({ property: 'parallelism', reason: 'expected a whole number from 1 to 1000' });
  return failures;
}

function specFailures(error: unknown): CheckFailure[] {
  if (isRdsctlError(error) && error.diagnostics.length > 0) {
    return error.diagnostics.map((diagnostic) => ({ property: 'spec', reason: `${formatDiagnosticLine(diagnostic)}${diagnostic.hint ? ` (hint: ${diagnostic.hint})` : ''}` }));
  }
  const message = error instanceof Error ? error.message : String(error);
  const hint = isRdsctlError(error) && error.hint ? ` (hint: ${error.hint})` : '';
  return [{ property: 'spec', reason: `${message}${hint}` }];
}
