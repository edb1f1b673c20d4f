/**
 * Cross-reference checks on a spec that passed the JSON Schema: names that must be unique,
 * references that must resolve, and licensing that must be able to work. Pure: it returns
 * every problem found, each located in the spec file.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { checkCalCoverage } from './check-cal-coverage.js';
import { checkConnectionAddresses } from './check-connection-addresses.js';
import { checkDeclaredNames } from './check-declared-names.js';
import { checkPoolConfiguration } from './check-pool-configuration.js';
import { checkPoolHosts } from './check-pool-hosts.js';
import { checkServerReferences } from './check-server-references.js';
import type { ReferenceContext } from './reference-diagnostic.js';

export type { ReferenceContext } from './reference-diagnostic.js';

const CHECKS: readonly ((context: ReferenceContext) => Diagnostic[])[] = [
  checkDeclaredNames,
  checkPoolHosts,
  checkServerReferences,
  checkPoolConfiguration,
  checkCalCoverage,
  checkConnectionAddresses,
];

export function validateReferences(context: ReferenceContext): Diagnostic[] {
  return CHECKS.flatMap((check) => check(context));
}
