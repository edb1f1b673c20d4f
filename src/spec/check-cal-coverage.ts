/**
 * CALs must be able to serve what the spec asks for: a licensing mode needs key packs of the
 * matching CAL type on the servers the hosts use, those packs must be at least as new as the
 * hosts' OS, and a licence server cannot hold CALs newer than itself (windows-reference.md §7).
 * Only managed servers are looked at; a list of external servers alone is not checked.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { canonicalHostName } from '../model/host-name.js';
import { calServesHost, osVersionRank, serverCanHoldCal } from '../model/os-version.js';
import type { KeyPackSpec, LicenseServerSpec, LicensingMode } from '../model/spec.js';
import type { SpecPath } from './loaded-spec.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

interface Licensing {
  readonly mode: LicensingMode;
  readonly servers: readonly string[];
  readonly modePath: SpecPath;
}

export function checkCalCoverage(context: ReferenceContext): Diagnostic[] {
  const { spec } = context;
  // Reversed so that the first declaration wins when a server is declared twice (reported elsewhere).
  const managed = new Map([...(spec.licenseServers ?? [])].reverse().map((server) => [canonicalHostName(server.host), server]));
  const packsFor = (licensing: Licensing): { servers: LicenseServerSpec[]; packs: KeyPackSpec[] } => {
    const servers = licensing.servers.flatMap((name) => managed.get(canonicalHostName(name)) ?? []);
    const packs = servers.flatMap((server) => server.keyPacks ?? []).filter((pack) => pack.type === licensing.mode);
    return { servers, packs };
  };

  const diagnostics = checkServersCanHoldPacks(context);
  const gpoLicensing = new Map<string, Licensing>();
  (spec.gpos ?? []).forEach((gpo, i) => {
    if (gpo.licensingMode === undefined || gpo.licenseServers === undefined) return;
    const licensing = { mode: gpo.licensingMode, servers: gpo.licenseServers, modePath: ['gpos', i, 'licensingMode'] };
    gpoLicensing.set(gpo.name, licensing);
    diagnostics.push(...checkModeHasPacks(context, licensing, packsFor(licensing)));
  });
  (spec.sessionHostPools ?? []).forEach((pool, i) => {
    let licensing: Licensing | undefined;
    if (pool.configuredBy !== 'local') {
      licensing = gpoLicensing.get(pool.configuredBy.gpo);
    } else if (pool.licensingMode !== undefined && pool.licenseServers !== undefined) {
      licensing = { mode: pool.licensingMode, servers: pool.licenseServers, modePath: ['sessionHostPools', i, 'licensingMode'] };
      diagnostics.push(...checkModeHasPacks(context, licensing, packsFor(licensing)));
    }
    if (licensing === undefined || pool.os === undefined) return;
    const { packs } = packsFor(licensing);
    const hostOs = pool.os;
    if (packs.length === 0 || packs.some((pack) => calServesHost(pack.product, hostOs))) return;
    const newest = packs.map((pack) => pack.product).sort((a, b) => osVersionRank(b) - osVersionRank(a))[0];
    diagnostics.push(
      makeReferenceError({
        at: context.locate(['sessionHostPools', i, 'os']),
        summary: `pool ${quoteString(pool.name)} runs ${hostOs}, but no ${licensing.mode} key pack on its licence servers is for ${hostOs} or newer (newest: ${newest})`,
        hint: `CALs license hosts of their own version and older; add a ${licensing.mode} key pack for ${hostOs}`,
      }),
    );
  });
  return diagnostics;
}

function checkModeHasPacks(
  context: ReferenceContext,
  licensing: Licensing,
  found: { servers: readonly LicenseServerSpec[]; packs: readonly KeyPackSpec[] },
): Diagnostic[] {
  if (found.servers.length === 0 || found.packs.length > 0) return [];
  const names = found.servers.map((server) => server.host).join(', ');
  return [
    makeReferenceError({
      at: context.locate(licensing.modePath),
      summary: `licensing mode ${licensing.mode} has no ${licensing.mode} key pack on its licence servers (${names}); hosts would get no CALs`,
      hint: `the mode must match the CAL type: add a ${licensing.mode} key pack to one of these servers, or change licensingMode`,
    }),
  ];
}

function checkServersCanHoldPacks(context: ReferenceContext): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  (context.spec.licenseServers ?? []).forEach((server, i) => {
    const serverOs = server.os;
    if (serverOs === undefined) return;
    (server.keyPacks ?? []).forEach((pack, k) => {
      if (serverCanHoldCal(serverOs, pack.product)) return;
      diagnostics.push(
        makeReferenceError({
          at: context.locate(['licenseServers', i, 'keyPacks', k, 'product']),
          summary: `key pack ${quoteString(pack.name)} holds ${pack.product} CALs, newer than its licence server (${serverOs})`,
          hint: `a licence server holds CALs of its own version and older; upgrade ${server.host} (and its os here) or install CALs of ${serverOs} or older`,
        }),
      );
    });
  });
  return diagnostics;
}
