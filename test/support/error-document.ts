/** Parses a command's stdout as the error document and checks it against schemas/error.schema.json. */
import { readFileSync } from 'node:fs';
import { Ajv } from 'ajv';
import type { ErrorDocument } from '../../src/model/error-document.js';

const schema = JSON.parse(readFileSync(new URL('../../schemas/error.schema.json', import.meta.url), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);

export function parseErrorDocument(stdout: string): ErrorDocument {
  const document = JSON.parse(stdout) as unknown;
  if (!validate(document)) throw new Error(`not an error document: ${JSON.stringify(validate.errors)}`);
  return document as ErrorDocument;
}
