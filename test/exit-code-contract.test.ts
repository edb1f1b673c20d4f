/**
 * One exit-code table for every command: `src/cli/exit-codes.ts`, the error-code mapping,
 * `schemas/exit-codes.json` and README "Exit codes" say the same, and the error document's
 * schema agrees with its TypeScript type.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ERROR_EXIT_CODES } from '../src/cli/error-exit-codes.js';
import { EXIT } from '../src/cli/exit-codes.js';
import { compareTypeWithSchema, type SchemaNode } from './support/compare-type-with-schema.js';

const read = (relative: string): string => readFileSync(new URL(`../${relative}`, import.meta.url), 'utf8');
const TABLE = JSON.parse(read('schemas/exit-codes.json')) as { exitCodes: { code: number; name: string }[]; errorCodes: Record<string, number> };

describe('the exit-code table', () => {
  it('lists exactly the exit codes of src/cli/exit-codes.ts', () => {
    expect(Object.fromEntries(TABLE.exitCodes.map(({ name, code }) => [name, code]))).toEqual(EXIT);
  });

  it('gives every error code the exit code the CLI uses', () => {
    expect(TABLE.errorCodes).toEqual(ERROR_EXIT_CODES);
  });

  it('is the table in README "Exit codes"', () => {
    const readme = read('README.md');
    const section = readme.slice(readme.indexOf('### Exit codes'), readme.indexOf('\n## ', readme.indexOf('### Exit codes')));
    const codes = [...section.matchAll(/^\| (\d+) \|/gm)].map((match) => Number(match[1]));
    expect(codes).toEqual(TABLE.exitCodes.map(({ code }) => code));
  });
});

describe('the error document schema', () => {
  const schema = JSON.parse(read('schemas/error.schema.json')) as SchemaNode;
  const file = fileURLToPath(new URL('../src/model/error-document.ts', import.meta.url));

  it.each([
    ['ErrorDocument', undefined],
    ['ErrorDescription', 'ErrorDescription'],
  ])('agrees with %s', (typeName, definition) => {
    const comparison = { file, typeName, schema };
    expect(compareTypeWithSchema(definition === undefined ? comparison : { ...comparison, definition })).toEqual([]);
  });
});
