import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { BASE_SPEC } from '../spec/fixtures/base-spec.js';
import { parse } from 'yaml';
import { packageFile } from '../package-files.js';
import { compileRecipe } from './compile-validators.js';
import { loadValidators } from './load-validators.js';
import { hashSchema } from './schema-hash.js';
import { VALIDATOR_RECIPES } from './validator-recipes.js';

const require = createRequire(import.meta.url);

describe('precompiled validators', () => {
  it('are built (npm run build) for every recipe, from the schema as it is now', () => {
    for (const recipe of Object.values(VALIDATOR_RECIPES)) {
      const file = packageFile(`dist/validators/${recipe.name}.cjs`);
      expect(existsSync(file), file).toBe(true);
      expect((require(file) as { schemaHash: string }).schemaHash, recipe.name).toBe(hashSchema(readFileSync(packageFile(recipe.schemaFile), 'utf8')));
    }
  });

  it('report exactly what a runtime compile of the same recipe reports', () => {
    const spec = parse(BASE_SPEC) as Record<string, unknown>;
    const broken = [
      spec,
      { ...spec, deployment: 'con toso', extra: 1 },
      { ...spec, licenseServers: [{ host: 'x;y', keyPacks: [{ name: 'a', quantity: 'many' }] }] },
      { apiVersion: 'rdsctl/v2' },
    ];
    const precompiled = loadValidators('spec')['spec'];
    const compiled = compileRecipe(VALIDATOR_RECIPES.spec, JSON.parse(readFileSync(packageFile('schemas/rdsctl.schema.json'), 'utf8')) as object)['spec'];
    for (const document of broken) {
      expect(precompiled?.(document)).toBe(compiled?.(document));
      expect(precompiled?.errors ?? null).toEqual(compiled?.errors ?? null);
    }
    const host = { host: 'lic01', os: 'bogus' };
    const hostValidators = loadValidators('hostOutput');
    const hostCompiled = compileRecipe(VALIDATOR_RECIPES.hostOutput, JSON.parse(readFileSync(packageFile('schemas/live-state.schema.json'), 'utf8')) as object);
    expect(hostValidators['host']?.(host)).toBe(hostCompiled['host']?.(host));
    expect(hostValidators['host']?.errors).toEqual(hostCompiled['host']?.errors);
  });
});
