/**
 * examples/pulumi/index.ts runs as a Pulumi program (under Pulumi's mocks, as no Pulumi CLI is
 * available here), with `rdsctl/pulumi` being this checkout, and exports what its README says.
 */
import { cpSync, mkdtempSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as pulumi from '@pulumi/pulumi';
import { afterAll, expect, it } from 'vitest';
import { REPO_ROOT } from '../../test/support/run-cli.js';

const originalCwd = process.cwd();
afterAll(() => process.chdir(originalCwd));

function valueOf<T>(output: pulumi.Output<T> | undefined): Promise<T | undefined> {
  return new Promise((resolve) => (output ? output.apply(resolve) : resolve(undefined)));
}

it('the example project registers the contoso estate and exports its key packs', async () => {
  const names: string[] = [];
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        names.push(args.name);
        const installed = String(args.name).includes('.keyPack[') ? 100 : undefined;
        return { id: args.name, state: { ...args.inputs, live: installed === undefined ? { ruleGroup: 'enabled' } : { installed, issued: 1, available: 99 } } };
      },
      call: () => ({}),
    },
    'rdsctl-contoso',
    'dev',
  );
  const root = realpathSync(mkdtempSync(path.join(os.tmpdir(), 'rdsctl-pulumi-example-')));
  cpSync(path.join(REPO_ROOT, 'examples', 'contoso'), path.join(root, 'contoso'), { recursive: true, filter: (source) => !source.includes(`${path.sep}.rdsctl`) });
  cpSync(path.join(REPO_ROOT, 'examples', 'pulumi'), path.join(root, 'pulumi'), { recursive: true });
  const program = path.join(root, 'pulumi', 'index.ts');
  const text = readFileSync(program, 'utf8');
  expect(text).toContain("from 'rdsctl/pulumi'");
  writeFileSync(program, text.replace("'rdsctl/pulumi'", JSON.stringify(pathToFileURL(path.join(REPO_ROOT, 'src', 'pulumi', 'index.ts')).href)));
  process.chdir(path.join(root, 'pulumi'));

  const exports = (await import(pathToFileURL(program).href)) as { keyPacks: pulumi.Output<Record<string, unknown>>; firewall: pulumi.Output<unknown> };
  expect(await valueOf(exports.keyPacks)).toEqual({
    'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]': { installed: 100, issued: 1, available: 99 },
    'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-device]': { installed: 100, issued: 1, available: 99 },
    'licenseServer[lic02.corp.contoso.com].keyPack[ea-2022-user]': { installed: 100, issued: 1, available: 99 },
    'licenseServer[lic02.corp.contoso.com].keyPack[ea-2022-device]': { installed: 100, issued: 1, available: 99 },
  });
  expect(await valueOf(exports.firewall)).toEqual({ ruleGroup: 'enabled' });
  expect(names).toContain('contoso');
  expect(names.filter((name) => name !== 'contoso')).toHaveLength(29);
});
