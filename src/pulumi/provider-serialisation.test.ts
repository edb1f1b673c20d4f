/**
 * Pulumi stores each dynamic resource's serialised provider and its inputs and outputs in the
 * stack's state. With a canary in the secret the spec references, none of them may hold it.
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/support/run-cli.js';
import { estateResourceProvider } from './dynamic-provider.js';
import { createPulumiFixture } from './fixtures/pulumi-fixture.js';
import * as runtime from './provider-runtime.js';

// The lab checks an agreement number's shape (7 digits), so the canary is one.
const CANARY = '7305918';
const originalCwd = process.cwd();

afterAll(async () => {
  process.chdir(originalCwd);
  await runtime.endOperation();
});

async function serialiseProvider(): Promise<string> {
  // Exactly what pulumi.dynamic.Resource stores under __provider.
  const provider = estateResourceProvider;
  const serialised = await pulumi.runtime.serializeFunction(() => provider, { allowSecrets: true });
  return serialised.text;
}

describe('the serialised provider and the state', () => {
  it('captures nothing but the name of rdsctl\'s runtime module', async () => {
    const text = await serialiseProvider();
    expect(text.match(/\(["']rdsctl\/pulumi\/runtime["']\)/g)).toHaveLength(6);
    for (const leak of ['loadSpec', 'RdsctlError', 'createSecretResolver', 'readFile', 'process.env', REPO_ROOT]) expect(text).not.toContain(leak);
    expect(text.length).toBeLessThan(4000);
  });

  it('holds no secret value in the provider, the inputs, the outputs or the audit log', async () => {
    const fixture = createPulumiFixture();
    writeFileSync(path.join(fixture.directory, 'secrets', 'lab-agreement-number.txt'), `${CANARY}\n`);
    const outputs = [];
    for (const inputs of fixture.inputs().values()) {
      expect((await runtime.check(undefined, inputs)).failures).toEqual([]);
      outputs.push(JSON.stringify(inputs), JSON.stringify((await runtime.create(inputs)).outs));
    }
    const state = [...outputs, await serialiseProvider()].join('\n');
    // The canary was used: licences were installed with it.
    expect(readFileSync(path.join(fixture.directory, '.rdsctl', 'audit.jsonl'), 'utf8')).toContain('installed 50 licences');
    expect(state).not.toContain(CANARY);
    expect(readFileSync(path.join(fixture.directory, '.rdsctl', 'audit.jsonl'), 'utf8')).not.toContain(CANARY);
  });

  it('runs in a provider process that loads it the way Pulumi does, from the project\'s node_modules', async () => {
    const fixture = createPulumiFixture();
    mkdirSync(path.join(fixture.directory, 'node_modules'));
    symlinkSync(REPO_ROOT, path.join(fixture.directory, 'node_modules', 'rdsctl'));
    const requireFromString = createRequire(import.meta.url)(createRequire(import.meta.resolve('@pulumi/pulumi')).resolve('require-from-string')) as (code: string) => { handler(): typeof estateResourceProvider };
    const provider = requireFromString(await serialiseProvider()).handler();
    process.chdir(fixture.directory);
    const address = 'licenseServer[lic02.corp.contoso.com].firewall';
    const inputs = fixture.input(address);
    const relative = { ...inputs, spec: { file: 'rds.yaml' } };
    expect(await provider.check!(undefined, relative)).toEqual({ inputs: relative, failures: [] });
    const read = await provider.read!(address, relative);
    expect(read.props.live).toMatchObject({ ruleGroup: 'disabled' });
    const created = await provider.create(relative);
    expect(created.outs.live).toMatchObject({ ruleGroup: 'enabled' });
    expect(await provider.diff!(address, created.outs, relative)).toMatchObject({ changes: false });
  });
});
