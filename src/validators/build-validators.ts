/**
 * Build step (`npm run build`): writes every validator recipe as ajv standalone code to
 * `dist/validators/NAME.cjs`, with the hash of the schema text it was compiled from.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { packageFile } from '../package-files.js';
import { createRecipeAjv, SCHEMA_ID } from './compile-validators.js';
import { hashSchema } from './schema-hash.js';
import { VALIDATOR_RECIPES } from './validator-recipes.js';

const require = createRequire(import.meta.url);
const standaloneCode = (require('ajv/dist/standalone') as { default: typeof import('ajv/dist/standalone/index.js').default }).default;

mkdirSync(packageFile('dist/validators'), { recursive: true });
for (const recipe of Object.values(VALIDATOR_RECIPES)) {
  const text = readFileSync(packageFile(recipe.schemaFile), 'utf8');
  const ajv = createRecipeAjv(recipe, JSON.parse(text) as object, { source: true });
  const refs = Object.fromEntries(Object.entries(recipe.exports).map(([name, ref]) => [name, `${SCHEMA_ID}${ref}`]));
  const code = standaloneCode(ajv, refs);
  writeFileSync(packageFile(`dist/validators/${recipe.name}.cjs`), `${code}\nexports.schemaHash = ${JSON.stringify(hashSchema(text))};\n`);
}
