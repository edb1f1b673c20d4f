/**
 * One estate as the provider process sees it: the loaded spec, its desired model and managed
 * resources, one engine provider and the operation's shared reads. Contexts live as long as
 * the process (one Pulumi operation) and are keyed by the spec's content, so a changed spec is
 * loaded afresh.
 */
import type { DesiredModel } from '../engine/desired-model.js';
import { expandSpec } from '../engine/expand-spec.js';
import { listManagedResources, type ManagedResource } from '../engine/list-managed-resources.js';
import { RdsctlError } from '../model/rdsctl-error.js';
import { createProvider } from '../providers/create-provider.js';
import type { Provider } from '../providers/provider.js';
import type { LoadedSpec } from '../spec/loaded-spec.js';
import { loadEstateSpec, specDigest } from './load-estate-spec.js';
import type { EstateSpecSource } from './resource-inputs.js';
import { SharedReads, type ReadStatistics } from './shared-reads.js';

export interface EstateContext {
  loaded: LoadedSpec;
  desired: DesiredModel;
  provider: Provider;
  reads: SharedReads;
  parallelism: number;
  resource(address: string): ManagedResource;
}

const contexts = new Map<string, Promise<EstateContext>>();

export function estateContext(source: EstateSpecSource, parallelism: number): Promise<EstateContext> {
  const key = `${specDigest(source)}:${parallelism}`;
  let context = contexts.get(key);
  if (context === undefined) {
    context = createContext(source, parallelism);
    contexts.set(key, context);
    context.catch(() => contexts.delete(key));
  }
  return context;
}

/** Reads of every context so far (the performance harness reports them). */
export function readStatistics(): ReadStatistics {
  const total: ReadStatistics = { calls: 0, hostReads: 0, gpoReads: 0 };
  for (const context of settled) {
    total.calls += context.reads.statistics.calls;
    total.hostReads += context.reads.statistics.hostReads;
    total.gpoReads += context.reads.statistics.gpoReads;
  }
  return total;
}

/** Forgets every context, as the end of a Pulumi operation does; closes their providers. */
export async function endOperation(): Promise<void> {
  const all = [...settled];
  contexts.clear();
  settled.clear();
  await Promise.all(all.map((context) => context.provider.close?.()));
}

const settled = new Set<EstateContext>();

async function createContext(source: EstateSpecSource, parallelism: number): Promise<EstateContext> {
  const loaded = loadEstateSpec(source);
  const desired = expandSpec(loaded);
  const resources = new Map(listManagedResources(desired).map((resource) => [resource.address.toLowerCase(), resource]));
  const provider = await createProvider(loaded, parallelism);
  const context: EstateContext = {
    loaded,
    desired,
    provider,
    reads: new SharedReads(provider, parallelism),
    parallelism,
    resource(address) {
      const found = resources.get(address.toLowerCase());
      if (found === undefined) {
        throw new RdsctlError({
          code: 'USAGE',
          kind: 'user',
          message: `${address} is not managed by ${loaded.file}`,
          hint: 'the spec no longer declares it; rdsctl leaves what it no longer manages as it is',
        });
      }
      return found;
    },
  };
  settled.add(context);
  return context;
}
