/**
 * The validators of a recipe: the precompiled standalone code when it was built from the schema
 * as it is now, otherwise compiled once from the schema (running from source, or a schema
 * edited since the build).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { ValidateFunction } from 'ajv';
import { packageFile } from '../package-files.js';
import { compileRecipe } from './compile-validators.js';
import { hashSchema } from './schema-hash.js';
import { VALIDATOR_RECIPES, type RecipeName } from './validator-recipes.js';

const require = createRequire(import.meta.url);
const loaded = new Map<RecipeName, Record<string, ValidateFunction>>();

export function loadValidators(name: RecipeName): Record<string, ValidateFunction> {
  const known = loaded.get(name);
  if (known) return known;
  const recipe = VALIDATOR_RECIPES[name];
  const text = readFileSync(packageFile(recipe.schemaFile), 'utf8');
  const validators = loadPrecompiled(recipe.name, text) ?? compileRecipe(recipe, JSON.parse(text) as object);
  loaded.set(name, validators);
  return validators;
}

function loadPrecompiled(name: string, schemaText: string): Record<string, ValidateFunction> | undefined {
  const file = packageFile(`dist/validators/${name}.cjs`);
  if (!existsSync(file)) return undefined;
  const module = require(file) as Record<string, unknown> & { schemaHash?: string };
  if (module.schemaHash !== hashSchema(schemaText)) return undefined;
  const { schemaHash: _hash, ...validators } = module;
  return validators as Record<string, ValidateFunction>;
}
