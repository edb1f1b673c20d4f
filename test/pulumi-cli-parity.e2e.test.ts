/**
 * The CLI and the Pulumi path, on the same spec and the same estate, converge it to the same
 * final state; and the CLI never loads @pulumi/pulumi, so rdsctl installed without it works.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { labEstatePaths } from '../src/providers/lab/lab-estate-files.js';
import type { LabEstate } from '../src/providers/lab/lab-estate.js';
import { createPulumiFixture } from '../src/pulumi/fixtures/pulumi-fixture.js';
import * as runtime from '../src/pulumi/provider-runtime.js';
import type { ResourceInputs, ResourceOutputs } from '../src/pulumi/resource-inputs.js';
import { copyExample, REPO_ROOT, runCli } from './support/run-cli.js';

afterAll(async () => {
  await runtime.endOperation();
});

function readLive(directory: string): LabEstate {
  return JSON.parse(readFileSync(labEstatePaths({ specDirectory: directory, deployment: 'contoso', estate: './estate.yaml' }).live, 'utf8')) as LabEstate;
}

/** Runs creates as Pulumi's engine would: each as soon as everything it depends on is done, concurrently. */
async function createAll(inputs: Map<string, ResourceInputs>, dependsOn: (address: string) => string[]): Promise<void> {
  const done = new Map<string, Promise<unknown>>();
  const start = (address: string): Promise<unknown> => {
    let promise = done.get(address);
    if (!promise) {
      promise = Promise.all(dependsOn(address).map(start)).then(() => runtime.create(inputs.get(address)!));
      done.set(address, promise);
    }
    return promise;
  };
  await Promise.all([...inputs.keys()].map(start));
}

describe('CLI and Pulumi on the same estate', () => {
  it('produce the same final estate', async () => {
    const cli = copyExample('contoso');
    const result = await runCli(['apply', '-f', 'rds.yaml', '--auto-approve'], { cwd: cli });
    expect(result.exitCode).toBe(0);

    const fixture = createPulumiFixture();
    const { listManagedResources } = await import('../src/engine/list-managed-resources.js');
    const { expandSpec } = await import('../src/engine/expand-spec.js');
    const { loadSpec } = await import('../src/spec/load-spec.js');
    const managed = new Map(listManagedResources(expandSpec(await loadSpec(fixture.specFile))).map((resource) => [resource.address, resource.dependsOn]));
    await createAll(fixture.inputs(), (address) => managed.get(address) ?? []);

    expect(readLive(fixture.directory)).toEqual(readLive(cli));
    const plan = await runCli(['plan', '-f', 'rds.yaml', '--detailed-exitcode'], { cwd: fixture.directory });
    expect(plan.stdout).toContain('No changes.');
    expect(plan.exitCode).toBe(0);
  });

  it('a diff of every address flags exactly the addresses the CLI plan changes', async () => {
    const fixture = createPulumiFixture();
    const plan = await runCli(['plan', '-f', 'rds.yaml', '--json'], { cwd: fixture.directory });
    const planned = (JSON.parse(plan.stdout) as { changes: { address: string }[] }).changes.map((change) => change.address).sort();
    const diffs = await Promise.all([...fixture.inputs().values()].map(async (inputs) => ({ address: inputs.address, diff: await runtime.diff(inputs.address, inputs as ResourceOutputs, inputs) })));
    expect(diffs.filter((entry) => entry.diff.changes).map((entry) => entry.address).sort()).toEqual(planned);
    expect(planned).toHaveLength(6);
  });

  it('the CLI never resolves @pulumi/pulumi', async () => {
    const cwd = copyExample('contoso');
    // Emulates an install without the optional peer: resolving it fails, and is recorded.
    const hook = path.join(cwd, 'no-pulumi.mjs');
    writeFileSync(
      hook,
      `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(`export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@pulumi/')) { process.stderr.write('RESOLVED ' + specifier + '\\n'); throw Object.assign(new Error('not installed: ' + specifier), { code: 'ERR_MODULE_NOT_FOUND' }); }
  return next(specifier, context);
}`)}));
`,
    );
    const env = { NODE_OPTIONS: `--import=${hook}` };
    for (const args of [['validate', '-f', 'rds.yaml'], ['plan', '-f', 'rds.yaml'], ['apply', '-f', 'rds.yaml', '--auto-approve'], ['show', '-f', 'rds.yaml', '--json']]) {
      const run = await runCli(args, { cwd, env });
      expect(run.stderr).not.toContain('RESOLVED');
      expect(run.exitCode, `${args.join(' ')}: ${run.stderr}`).toBe(0);
    }
    // The hook does see the Pulumi entry point load it.
    const entry = pathToFileURL(path.join(REPO_ROOT, 'dist', 'pulumi', 'index.js')).href;
    const probe = spawnSync(process.execPath, ['--import', hook, '--input-type=module', '-e', `await import(${JSON.stringify(entry)}).catch(() => {})`], { cwd, encoding: 'utf8' });
    expect(probe.stderr).toContain('RESOLVED @pulumi/pulumi');
  });
});
