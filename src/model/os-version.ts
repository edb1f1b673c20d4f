/**
 * Windows Server versions and the CAL compatibility rules between them
 * (windows-reference.md §7): a CAL serves its own OS version and older session hosts, and a
 * licence server holds CALs of its own version and older.
 */
import type { OsVersion } from './spec.js';

export const OS_VERSIONS: readonly OsVersion[] = [
  'windowsServer2008',
  'windowsServer2008R2',
  'windowsServer2012',
  'windowsServer2016',
  'windowsServer2019',
  'windowsServer2022',
  'windowsServer2025',
];

const DISPLAY_NAMES: Readonly<Record<OsVersion, string>> = {
  windowsServer2008: 'Windows Server 2008',
  windowsServer2008R2: 'Windows Server 2008 R2',
  windowsServer2012: 'Windows Server 2012',
  windowsServer2016: 'Windows Server 2016',
  windowsServer2019: 'Windows Server 2019',
  windowsServer2022: 'Windows Server 2022',
  windowsServer2025: 'Windows Server 2025',
};

/**
 * `Win32_TSLicenseKeyPack.ProductVersionID` → version. 4 covers 2012 and 2012 R2. There is no
 * documented id for Windows Server 2025; unknown ids stay numbers and are reported.
 */
const PRODUCT_VERSION_IDS: Readonly<Record<number, OsVersion>> = {
  2: 'windowsServer2008',
  3: 'windowsServer2008R2',
  4: 'windowsServer2012',
  5: 'windowsServer2016',
  6: 'windowsServer2019',
  7: 'windowsServer2022',
};

export function displayOsVersion(version: OsVersion): string {
  return DISPLAY_NAMES[version];
}

export function osVersionRank(version: OsVersion): number {
  return OS_VERSIONS.indexOf(version);
}

export function osVersionFromProductVersionId(id: number): OsVersion | undefined {
  return PRODUCT_VERSION_IDS[id];
}

export function productVersionIdOf(version: OsVersion): number | undefined {
  const entry = Object.entries(PRODUCT_VERSION_IDS).find(([, v]) => v === version);
  return entry ? Number(entry[0]) : undefined;
}

/** A CAL of version `cal` licenses a session host running `host`. */
export function calServesHost(cal: OsVersion, host: OsVersion): boolean {
  return osVersionRank(cal) >= osVersionRank(host);
}

/** A licence server running `server` can hold CALs of version `cal`. */
export function serverCanHoldCal(server: OsVersion, cal: OsVersion): boolean {
  return osVersionRank(cal) <= osVersionRank(server);
}
