/**
 * `npm run bench:pulumi`: the dynamic providers called as Pulumi's engine calls them, all at
 * once, for every resource of a generated 500-host lab estate, in three operations (each a
 * fresh provider process, as in Pulumi):
 *
 * - preview: check and diff of every resource;
 * - up on an empty stack: check, then create of every resource once its dependencies are done;
 * - refresh: read of every resource.
 *
 * Reports host reads (hosts across provider reads) against the number of hosts, next to what
 * a provider reading the whole estate per resource would make.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expandSpec } from '../src/engine/expand-spec.js';
import { listHosts } from '../src/engine/gather.js';
import { listManagedResources, type ManagedResource } from '../src/engine/list-managed-resources.js';
import { desiredValues } from '../src/pulumi/desired-values.js';
import { loadEstateSpec } from '../src/pulumi/load-estate-spec.js';
import * as runtime from '../src/pulumi/provider-runtime.js';
import type { ResourceInputs, ResourceOutputs } from '../src/pulumi/resource-inputs.js';
import { generateEstate } from './generate-estate.js';

const HOSTS = Number(process.env.BENCH_HOSTS ?? 500);

interface Phase {
  phase: string;
  operations: number;
  provider_reads: number;
  host_reads: number;
  host_reads_per_host: number;
  ms: number;
}

async function measure(phase: string, hosts: number, operations: number, run: () => Promise<unknown>): Promise<Phase> {
  await runtime.endOperation();
  const started = performance.now();
  await run();
  const ms = Math.round(performance.now() - started);
  const stats = runtime.readStatistics();
  return { phase, operations, provider_reads: stats.calls, host_reads: stats.hostReads, host_reads_per_host: Number((stats.hostReads / hosts).toFixed(2)), ms };
}

async function main(): Promise<void> {
  process.env.BENCH_EA ??= '7305918';
  const directory = mkdtempSync(path.join(os.tmpdir(), 'rdsctl-pulumi-bench-'));
  try {
    const { specFile } = await generateEstate(directory, { hosts: HOSTS, pools: 10, servers: 4 });
    const source = { file: specFile };
    const desired = expandSpec(loadEstateSpec(source));
    const hosts = listHosts(desired).length;
    const managed = listManagedResources(desired);
    const inputs = new Map<string, ResourceInputs>(
      managed.map((resource) => [resource.address, { address: resource.address, kind: resource.resource, spec: source, desired: desiredValues(resource, desired), lockTimeoutSeconds: 600, parallelism: 10 }]),
    );
    const all = [...inputs.values()];
    const phases: Phase[] = [];

    phases.push(
      await measure('preview', hosts, all.length * 2, () =>
        Promise.all(all.map(async (entry) => {
          await runtime.check(undefined, entry);
          await runtime.diff(entry.address, entry as ResourceOutputs, entry);
        })),
      ),
    );
    phases.push(await measure('up', hosts, all.length * 2, () => createInOrder(managed, inputs)));
    phases.push(await measure('refresh', hosts, all.length, () => Promise.all(all.map((entry) => runtime.read(entry.address, entry as ResourceOutputs)))));
    await runtime.endOperation();

    for (const phase of phases) console.log(`bench-pulumi: ${Object.entries(phase).map(([key, value]) => `${key}=${value}`).join(' ')}`);
    console.log(`bench-pulumi-naive: resources=${all.length} hosts=${hosts} host_reads_per_operation=${all.length * hosts} (every resource reading the whole estate)`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

/** As Pulumi's engine: each resource is checked, then created once everything it depends on is. */
function createInOrder(managed: readonly ManagedResource[], inputs: ReadonlyMap<string, ResourceInputs>): Promise<unknown> {
  const byAddress = new Map(managed.map((resource) => [resource.address, resource]));
  const started = new Map<string, Promise<unknown>>();
  const start = (address: string): Promise<unknown> => {
    let promise = started.get(address);
    if (promise === undefined) {
      const entry = inputs.get(address)!;
      promise = Promise.all([runtime.check(undefined, entry), ...(byAddress.get(address)?.dependsOn ?? []).map(start)]).then(() => runtime.create(entry));
      started.set(address, promise);
    }
    return promise;
  };
  return Promise.all(managed.map((resource) => start(resource.address)));
}

await main();
