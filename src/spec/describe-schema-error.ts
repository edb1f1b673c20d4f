/**
 * Puts one ajv error into words a spec author can act on: what was expected and what was
 * found. Values are quoted safely, and nothing found in a secret position is ever echoed.
 */
import type { ErrorObject } from 'ajv';
import { quoteString, quoteValue } from './quote-value.js';
import { suggestName } from './suggest-name.js';

export interface SchemaErrorWords {
  readonly summary: string;
  readonly hint?: string;
  /** Set for unknown keys: the message points at this key rather than at its mapping. */
  readonly unknownKey?: string;
  /** For unknown keys inside a secret reference: the key may be the secret, so paths must not show it. */
  readonly isKeySecret?: boolean;
  /** For unknown keys: the declared key it probably meant. */
  readonly suggestion?: string;
  /** For missing keys: the key. */
  readonly missingKey?: string;
}

/** Phrases for values whose schema has one of these titles; the titles live in the schema file. */
const EXPECTED_BY_TITLE: Readonly<Record<string, string>> = {
  'Host name': 'a DNS host name (letters, digits, hyphens and dots)',
  'Host name or range': 'a DNS host name (letters, digits, hyphens and dots) or a range such as rdsh[01:12].corp.contoso.com',
  'Deployment name': 'a short identifier (letters, digits, "-", "_", ".")',
  'Configured by': 'local or { gpo: NAME }',
  Text: 'a non-empty string',
  Link: 'a distinguished name such as OU=Finance,DC=corp,DC=contoso,DC=com',
  'Environment variable': 'an environment variable name (letters, digits and _, not starting with a digit)',
};

const SECRET_TITLES: ReadonlySet<string> = new Set(['Secret reference', 'Environment variable', 'Secret file']);

const SECRET_SUMMARY = 'expected a secret reference such as { env: NAME } or { file: PATH }; secrets are never written in the spec';
const SECRET_HINT = 'put the secret in an environment variable or in a file kept out of version control, and reference it';

const TYPE_NAMES: Readonly<Record<string, string>> = {
  string: 'a string',
  integer: 'an integer',
  number: 'a number',
  boolean: 'true or false',
  object: 'a mapping',
  array: 'a list',
  null: 'an empty value',
};

/** Which sibling key decides that an if/then rule requires a key, for the message. */
const CONDITION_KEYS: Readonly<Record<string, string>> = {
  agreementNumber: 'program',
  licenseNumber: 'program',
  authorizationNumber: 'program',
  retailKey: 'program',
  licensingMode: 'configuredBy',
  licenseServers: 'configuredBy',
  estate: 'provider',
};

/** Words for `error`, or undefined for errors that only repeat others (if/then wrappers). */
export function describeSchemaError(error: ErrorObject): SchemaErrorWords | undefined {
  const title = typeof error.parentSchema?.title === 'string' ? error.parentSchema.title : '';
  const isSecret = SECRET_TITLES.has(title);
  const got = isSecret ? '' : `, got ${quoteValue(error.data)}`;
  const expectedByTitle = EXPECTED_BY_TITLE[title];
  const params = error.params as Record<string, unknown>;

  switch (error.keyword) {
    case 'if':
      return undefined;
    case 'type':
      if (title === 'Secret reference') return { summary: SECRET_SUMMARY, hint: SECRET_HINT };
      return { summary: `expected ${expectedByTitle ?? describeTypes(params.type)}${got}` };
    case 'pattern':
      return { summary: `expected ${expectedByTitle ?? `a value matching ${String(params.pattern)}`}${got}` };
    case 'enum':
      return describeEnum(params.allowedValues as readonly unknown[], error.data, expectedByTitle, got);
    case 'const':
      return {
        summary: `expected ${JSON.stringify(params.allowedValue)}${got}`,
        ...(error.instancePath === '/apiVersion' ? { hint: 'this version of rdsctl reads specs with apiVersion: rdsctl/v1' } : {}),
      };
    case 'required':
      return { summary: describeMissingKey(String(params.missingProperty), error), missingKey: String(params.missingProperty) };
    case 'additionalProperties':
      return describeUnknownKey(String(params.additionalProperty), error, isSecret);
    case 'minLength':
      return { summary: 'expected a non-empty string' };
    case 'maxLength':
      return { summary: `expected at most ${String(params.limit)} characters${isSecret ? '' : `, got ${String(String(error.data).length)}`}` };
    case 'minimum':
      return { summary: `expected at least ${String(params.limit)}${got}` };
    case 'maximum':
      return { summary: `expected at most ${String(params.limit)}${got}` };
    case 'minItems':
      return { summary: 'expected at least one entry, got an empty list' };
    case 'minProperties':
      return { summary: title === 'Secret reference' ? 'expected env or file, got an empty mapping' : 'expected at least one key' };
    case 'maxProperties':
      return { summary: title === 'Secret reference' ? 'expected exactly one of env or file, not both' : `expected at most ${String(params.limit)} keys` };
    default:
      return { summary: `${error.message ?? 'invalid value'}${got}` };
  }
}

function describeTypes(types: unknown): string {
  const list = Array.isArray(types) ? types : [types];
  return list.map((type) => TYPE_NAMES[String(type)] ?? String(type)).join(' or ');
}

function describeEnum(allowed: readonly unknown[], data: unknown, expectedByTitle: string | undefined, got: string): SchemaErrorWords {
  const expected = expectedByTitle ?? `one of ${allowed.map(String).join(', ')}`;
  const suggestion = typeof data === 'string' ? suggestName(data, allowed.map(String)) : undefined;
  return suggestion === undefined
    ? { summary: `expected ${expected}${got}` }
    : { summary: `expected ${expected}${got}`, hint: `did you mean ${suggestion}?` };
}

function describeMissingKey(key: string, error: ErrorObject): string {
  const conditionKey = CONDITION_KEYS[key];
  const data = error.data as Record<string, unknown> | undefined;
  const condition = conditionKey !== undefined && error.schemaPath.includes('/then/') ? data?.[conditionKey] : undefined;
  const because = typeof condition === 'string' ? ` (needed when ${conditionKey} is ${condition})` : '';
  return `missing required key ${quoteString(key)}${because}`;
}

function describeUnknownKey(key: string, error: ErrorObject, isSecret: boolean): SchemaErrorWords {
  const properties = error.parentSchema?.properties as Record<string, unknown> | undefined;
  const known = Object.keys(properties ?? {});
  if (isSecret) {
    return { summary: 'unknown key in a secret reference; expected exactly one key, env or file', unknownKey: key, isKeySecret: true };
  }
  const suggestion = suggestName(key, known);
  const hint = suggestion === undefined && known.length > 0 ? `keys allowed here: ${known.join(', ')}` : undefined;
  const summary = suggestion === undefined ? `unknown key ${quoteString(key)}` : `unknown key ${quoteString(key)} (did you mean ${quoteString(suggestion)}?)`;
  return { summary, unknownKey: key, ...(hint === undefined ? {} : { hint }), ...(suggestion === undefined ? {} : { suggestion }) };
}
