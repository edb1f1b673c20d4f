/**
 * Whether the CALs the spec declares can serve what it asks for: a licensing mode needs key
 * packs of the matching CAL type on the servers the hosts use, those packs must be at least as
 * new as the hosts' OS, and a licence server cannot hold CALs newer than itself
 * (windows-reference.md §7). Only managed servers are looked at; a list of external servers
 * alone is not checked.
 *
 * These problems describe the estate's licensing, not the spec's shape: `plan` and `apply`
 * refuse them (check-cal-coverage), and `doctor` reports them as findings and still runs.
 * Pure, located by spec path.
 */
import { canonicalHostName } from '../model/host-name.js';
import { calServesHost, osVersionRank, serverCanHoldCal } from '../model/os-version.js';
import type { KeyPackSpec, LicenseServerSpec, LicensingMode, OsVersion, Spec } from '../model/spec.js';
import type { SpecPath } from './loaded-spec.js';
import { quoteString } from './quote-value.js';

export type CalCoverageProblem =
  | (ProblemText & { kind: 'modeWithoutPacks'; path: SpecPath; declaredBy: DeclaredBy; mode: LicensingMode; servers: readonly string[] })
  | (ProblemText & { kind: 'poolOsNewerThanCals'; path: SpecPath; pool: string; os: OsVersion; mode: LicensingMode; newest: OsVersion; servers: readonly string[] })
  | (ProblemText & { kind: 'packNewerThanServer'; path: SpecPath; server: string; pack: string });

interface ProblemText {
  /** One line, as validation prints it. */
  readonly summary: string;
  readonly hint: string;
}

/** The GPO or the locally configured pool whose licensing mode it is. */
export interface DeclaredBy {
  readonly kind: 'gpo' | 'pool';
  readonly name: string;
}

interface Licensing {
  readonly declaredBy: DeclaredBy;
  readonly mode: LicensingMode;
  readonly servers: readonly string[];
  readonly modePath: SpecPath;
}

export function findCalCoverageProblems(spec: Spec): CalCoverageProblem[] {
  // Reversed so that the first declaration wins when a server is declared twice (reported elsewhere).
  const managed = new Map([...(spec.licenseServers ?? [])].reverse().map((server) => [canonicalHostName(server.host), server]));
  const packsFor = (licensing: Licensing): { servers: LicenseServerSpec[]; packs: KeyPackSpec[] } => {
    const servers = licensing.servers.flatMap((name) => managed.get(canonicalHostName(name)) ?? []);
    const packs = servers.flatMap((server) => server.keyPacks ?? []).filter((pack) => pack.type === licensing.mode);
    return { servers, packs };
  };

  const problems = findPacksNewerThanServers(spec);
  const gpoLicensing = new Map<string, Licensing>();
  (spec.gpos ?? []).forEach((gpo, i) => {
    if (gpo.licensingMode === undefined || gpo.licenseServers === undefined) return;
    const licensing: Licensing = { declaredBy: { kind: 'gpo', name: gpo.name }, mode: gpo.licensingMode, servers: gpo.licenseServers, modePath: ['gpos', i, 'licensingMode'] };
    gpoLicensing.set(gpo.name, licensing);
    problems.push(...findModeWithoutPacks(licensing, packsFor(licensing)));
  });
  (spec.sessionHostPools ?? []).forEach((pool, i) => {
    let licensing: Licensing | undefined;
    if (typeof pool.configuredBy === 'object' && 'gpo' in pool.configuredBy) {
      licensing = gpoLicensing.get(pool.configuredBy.gpo);
    } else if (pool.licensingMode !== undefined && pool.licenseServers !== undefined) {
      licensing = { declaredBy: { kind: 'pool', name: pool.name }, mode: pool.licensingMode, servers: pool.licenseServers, modePath: ['sessionHostPools', i, 'licensingMode'] };
      problems.push(...findModeWithoutPacks(licensing, packsFor(licensing)));
    }
    if (licensing === undefined || pool.os === undefined) return;
    const { servers, packs } = packsFor(licensing);
    const hostOs = pool.os;
    if (packs.length === 0 || packs.some((pack) => calServesHost(pack.product, hostOs))) return;
    const newest = packs.map((pack) => pack.product).sort((a, b) => osVersionRank(b) - osVersionRank(a))[0] as OsVersion;
    problems.push({
      kind: 'poolOsNewerThanCals',
      path: ['sessionHostPools', i, 'os'],
      pool: pool.name,
      os: hostOs,
      mode: licensing.mode,
      newest,
      servers: servers.map((server) => server.host),
      summary: `pool ${quoteString(pool.name)} runs ${hostOs}, but no ${licensing.mode} key pack on its licence servers is for ${hostOs} or newer (newest: ${newest})`,
      hint: `CALs license hosts of their own version and older; add a ${licensing.mode} key pack for ${hostOs}`,
    });
  });
  return problems;
}

function findModeWithoutPacks(licensing: Licensing, found: { servers: readonly LicenseServerSpec[]; packs: readonly KeyPackSpec[] }): CalCoverageProblem[] {
  if (found.servers.length === 0 || found.packs.length > 0) return [];
  const servers = found.servers.map((server) => server.host);
  return [
    {
      kind: 'modeWithoutPacks',
      path: licensing.modePath,
      declaredBy: licensing.declaredBy,
      mode: licensing.mode,
      servers,
      summary: `licensing mode ${licensing.mode} has no ${licensing.mode} key pack on its licence servers (${servers.join(', ')}); hosts would get no CALs`,
      hint: `the mode must match the CAL type: add a ${licensing.mode} key pack to one of these servers, or change licensingMode`,
    },
  ];
}

function findPacksNewerThanServers(spec: Spec): CalCoverageProblem[] {
  const problems: CalCoverageProblem[] = [];
  (spec.licenseServers ?? []).forEach((server, i) => {
    const serverOs = server.os;
    if (serverOs === undefined) return;
    (server.keyPacks ?? []).forEach((pack, k) => {
      if (serverCanHoldCal(serverOs, pack.product)) return;
      problems.push({
        kind: 'packNewerThanServer',
        path: ['licenseServers', i, 'keyPacks', k, 'product'],
        server: server.host,
        pack: pack.name,
        summary: `key pack ${quoteString(pack.name)} holds ${pack.product} CALs, newer than its licence server (${serverOs})`,
        hint: `a licence server holds CALs of its own version and older; upgrade ${server.host} (and its os here) or install CALs of ${serverOs} or older`,
      });
    });
  });
  return problems;
}
