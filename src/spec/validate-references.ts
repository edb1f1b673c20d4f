/**
 * Cross-reference checks: names that must be unique, references that must resolve, and
 * licensing that must be able to work. Pure: each returns every problem found, each located in
 * the spec file. `untrustedWhen` matches the spec paths whose schema errors would make a
 * check's conclusions wrong (see validate-references-alongside-schema).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { checkActivationCountry } from './check-activation-country.js';
import { checkCalCoverage } from './check-cal-coverage.js';
import { checkControlCharacters } from './check-control-characters.js';
import { checkConnectionAddresses } from './check-connection-addresses.js';
import { checkDeclaredNames } from './check-declared-names.js';
import { checkPoolConfiguration } from './check-pool-configuration.js';
import { checkPoolHosts } from './check-pool-hosts.js';
import { checkProviderSettings } from './check-provider-settings.js';
import { checkReclaim } from './check-reclaim.js';
import { checkRemotePowerShell } from './check-remote-powershell.js';
import { checkServerReferences } from './check-server-references.js';
import { checkSpecTotals } from './check-spec-totals.js';
import type { ReferenceContext } from './reference-diagnostic.js';

export type { ReferenceContext } from './reference-diagnostic.js';

export interface ReferenceCheck {
  readonly check: (context: ReferenceContext) => Diagnostic[];
  /** A schema error at a path this matches leaves the check out (a broken name it resolves against, a pack it counts). */
  readonly untrustedWhen?: RegExp;
  /** The check describes the estate's licensing rather than the spec's shape: doctor diagnoses it instead (find-cal-coverage-problems). */
  readonly describesEstate?: true;
}

export interface ReferenceOptions {
  /** Leave out the checks that describe the estate: doctor reports those as findings. */
  readonly withoutEstateChecks?: boolean;
}

export const REFERENCE_CHECKS: readonly ReferenceCheck[] = [
  { check: checkSpecTotals },
  { check: checkControlCharacters },
  { check: checkDeclaredNames },
  { check: checkPoolHosts },
  { check: checkServerReferences, untrustedWhen: /^(licenseServers(\[\d+\](\.host)?)?|externalLicenseServers.*)$/ },
  { check: checkPoolConfiguration, untrustedWhen: /^gpos/ },
  { check: checkCalCoverage, untrustedWhen: /^(licenseServers|sessionHostPools|gpos)/, describesEstate: true },
  { check: checkConnectionAddresses },
  { check: checkActivationCountry, untrustedWhen: /^licenseServers/ },
  { check: checkProviderSettings, untrustedWhen: /^connection/ },
  { check: checkRemotePowerShell, untrustedWhen: /^connection/ },
  { check: checkReclaim, untrustedWhen: /^reclaim/ },
];

export function validateReferences(context: ReferenceContext, options: ReferenceOptions = {}): Diagnostic[] {
  // Over a cap, the other checks would expand every host first: report the cap alone.
  const totals = checkSpecTotals(context);
  if (totals.length > 0) return totals;
  const checks = options.withoutEstateChecks ? REFERENCE_CHECKS.filter((entry) => !entry.describesEstate) : REFERENCE_CHECKS;
  return checks.flatMap(({ check }) => check(context));
}
