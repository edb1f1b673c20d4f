/**
 * Compiles a validator recipe with ajv, for the build (as standalone source) or at run time when
 * no precompiled code is there. ajv is required only here, so a start with precompiled
 * validators never loads its compiler.
 */
import { createRequire } from 'node:module';
import type { Ajv as AjvInstance, Options, ValidateFunction } from 'ajv';
import type { ValidatorRecipe } from './validator-recipes.js';

const require = createRequire(import.meta.url);

export const SCHEMA_ID = 'schema';

export function createRecipeAjv(recipe: ValidatorRecipe, schema: object, options: { source: boolean }): AjvInstance {
  const { Ajv } = require('ajv') as typeof import('ajv');
  const addFormats = require('ajv-formats') as (ajv: AjvInstance, formats?: string[]) => AjvInstance;
  const ajvOptions: Options = { ...recipe.options };
  if (options.source) {
    const { _ } = require('ajv/dist/compile/codegen') as typeof import('ajv/dist/compile/codegen/index.js');
    ajvOptions.code = { source: true, formats: _`require("ajv-formats/dist/formats").fullFormats` };
  }
  const ajv = new Ajv(ajvOptions);
  if (recipe.formats === 'all') addFormats(ajv);
  else if (recipe.formats.length > 0) addFormats(ajv, [...recipe.formats]);
  ajv.addSchema(schema, SCHEMA_ID);
  return ajv;
}

export function compileRecipe(recipe: ValidatorRecipe, schema: object): Record<string, ValidateFunction> {
  const ajv = createRecipeAjv(recipe, schema, { source: false });
  return Object.fromEntries(Object.entries(recipe.exports).map(([name, ref]) => [name, getValidator(ajv, ref)]));
}

export function getValidator(ajv: AjvInstance, ref: string): ValidateFunction {
  const validate = ajv.getSchema(`${SCHEMA_ID}${ref}`);
  if (validate === undefined) throw new Error(`no schema at ${ref}`);
  return validate;
}
