/**
 * Who holds a licence server's per-user CALs, where the per-user report shows it (read only with
 * `--per-user-report`). Per-user CALs cannot be revoked, so the advice is about the people: the
 * guide's "identify departed users", and disable their accounts.
 */
import type { LiveLicenseServer } from '../model/live-state.js';
import { isExpiredLicense } from '../model/revoke-allowance.js';
import type { CalPool } from './cal-pools.js';
import type { Evidence } from './finding.js';

const SHOWN_USERS = 20;

export const PER_USER_ADVICE =
  'Per-user CALs cannot be revoked: disable the accounts of people who left; their CALs show a 60-day expiry and can be reassigned only after 90 days.';

/** The users holding an unexpired per-user CAL of one of `pools`, as the report lists them. */
export function listPerUserHolders(server: LiveLicenseServer, pools: readonly CalPool[], now: string): string[] | undefined {
  const report = server.perUserReport;
  if (!report) return undefined;
  const versions = new Set(pools.map((pool) => pool.productVersionId));
  return [...new Set(report.entries.filter((entry) => versions.has(entry.productVersionId) && !isExpiredLicense(entry, now)).map((entry) => entry.user))];
}

export function perUserHolderEvidence(serverName: string, server: LiveLicenseServer, holders: readonly string[]): Evidence {
  const shown = holders.slice(0, SHOWN_USERS);
  const omitted = holders.length - shown.length + (server.perUserReport?.entriesOmitted ?? 0);
  const list = omitted > 0 ? [...shown, `and ${omitted} more`] : shown;
  return { host: serverName, item: `per-user CAL holders (per-user report of ${server.perUserReport?.generatedAt ?? 'unknown date'})`, value: list, source: 'wmi' };
}

/** The advice step, naming the holders when the report shows them. */
export function perUserStep(holders: readonly string[] | undefined): string {
  if (holders === undefined) return `${PER_USER_ADVICE} A per-user report (RD Licensing Manager, Create Report) shows who holds them.`;
  if (holders.length === 0) return PER_USER_ADVICE;
  const shown = holders.slice(0, SHOWN_USERS).join(', ');
  return `Users holding these CALs: ${shown}${holders.length > SHOWN_USERS ? ` and ${holders.length - SHOWN_USERS} more` : ''}. ${PER_USER_ADVICE}`;
}
