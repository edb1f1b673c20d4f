/**
 * Diff of a licence server's key packs. Installed licences of a group are attributed to the
 * spec's packs of that group in spec order; a pack short of its quantity gets an install of
 * the missing delta (computed again from live state at apply time). Licences beyond what the
 * spec declares are a removal, which the keyPackRemoval guard rail refuses by default. A
 * removal in a group the spec declares is addressed as the group's last declared pack (the
 * one whose quantity went down); only a group the spec does not declare at all gets the
 * `keyPack[~PRODUCT-TYPE-CHANNEL]` address.
 */
import { keyPackAddress } from '../model/address.js';
import type { Change, Refusal } from '../model/change.js';
import type { LiveLicenseServer } from '../model/live-state.js';
import { displayOsVersion } from '../model/os-version.js';
import type { KeyPackGroup } from '../model/operation.js';
import type { KeyPackSpec } from '../model/spec.js';
import type { DesiredLicenseServer } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import { guardChange } from './guard-rails.js';
import { groupKey, groupOfKeyPack, installedByGroup } from './key-pack-groups.js';

export function diffKeyPacks(desired: DesiredLicenseServer, live: LiveLicenseServer, ctx: DiffContext): Change[] {
  reportUnknownProducts(desired.host, live, ctx);
  const installed = installedByGroup(live.keyPacks);
  const declared = new Map<string, { group: KeyPackGroup; packs: KeyPackSpec[] }>();
  for (const pack of desired.keyPacks) {
    const group = groupOfKeyPack(pack);
    const key = groupKey(group);
    const entry = declared.get(key) ?? { group, packs: [] };
    entry.packs.push(pack);
    declared.set(key, entry);
  }

  const changes: Change[] = [];
  const blocked = refuseAfterUnexplainedInstall(desired.host, live, ctx);
  for (const [key, { group, packs }] of declared) {
    const installs = diffDeclaredGroup(desired.host, group, packs, installed.get(key)?.total ?? 0);
    changes.push(...(blocked === undefined ? installs : installs.map((change) => ({ ...change, refused: blocked }))));
  }
  for (const [key, { group, total }] of installed) {
    const packs = declared.get(key)?.packs ?? [];
    const wanted = packs.reduce((sum, pack) => sum + pack.quantity, 0);
    if (total > wanted) changes.push(guardChange(surplusChange(desired.host, group, total, wanted, packs.at(-1)?.name), ctx.desired.policy, { activeSessions: 0 }));
  }
  return changes;
}

function diffDeclaredGroup(host: string, group: KeyPackGroup, packs: readonly KeyPackSpec[], installedTotal: number): Change[] {
  const changes: Change[] = [];
  let remaining = installedTotal;
  let cumulative = 0;
  let previous: string | undefined;
  for (const pack of packs) {
    const attributed = Math.min(remaining, pack.quantity);
    remaining -= attributed;
    cumulative += pack.quantity;
    if (attributed === pack.quantity) continue;
    const address = keyPackAddress(host, pack.name);
    changes.push({
      address,
      resource: 'licenseServer.keyPack',
      action: attributed === 0 ? 'create' : 'update',
      target: { kind: 'host', host },
      attributes:
        attributed === 0
          ? [
              { name: 'licenses', before: null, after: pack.quantity },
              { name: 'product', before: null, after: pack.product },
              { name: 'type', before: null, after: pack.type },
              { name: 'program', before: null, after: pack.program },
            ]
          : [{ name: 'licenses', before: attributed, after: pack.quantity }],
      operations: [
        {
          kind: 'installLicenses',
          group,
          program: pack.program,
          targetTotal: cumulative,
          plannedDelta: pack.quantity - attributed,
          secrets: {
            agreementNumber: pack.agreementNumber,
            licenseNumber: pack.licenseNumber,
            authorizationNumber: pack.authorizationNumber,
            retailKey: pack.retailKey,
          },
        },
      ],
      reason: `install ${pack.quantity - attributed} ${describeGroup(group)} CALs`,
      // Installs into one group run one after another so each uses its own pack's secret.
      dependsOn: previous === undefined ? [] : [previous],
      needsSecrets: true,
    });
    previous = address;
  }
  return changes;
}

function surplusChange(host: string, group: KeyPackGroup, installed: number, wanted: number, declaredName: string | undefined): Change {
  return {
    address: keyPackAddress(host, declaredName ?? `~${groupKey(group)}`),
    resource: 'licenseServer.keyPack',
    action: wanted === 0 ? 'delete' : 'update',
    target: { kind: 'host', host },
    attributes: [{ name: 'licenses', before: installed, after: wanted === 0 ? null : wanted }],
    operations: [{ kind: 'removeLicenses', group, targetTotal: wanted }],
    reason:
      declaredName === undefined
        ? `${installed - wanted} installed ${describeGroup(group)} CALs are not declared in the spec`
        : `${installed} ${describeGroup(group)} CALs are installed, ${installed - wanted} more than the spec declares`,
    dependsOn: [],
  };
}

export function describeGroup(group: KeyPackGroup): string {
  const type = group.type === 'perUser' ? 'per-user' : 'per-device';
  return `${displayOsVersion(group.product)} ${type} (${group.channel})`;
}

/**
 * An earlier install that Windows filed other than asked (or whose result was never recorded)
 * blocks every install on the server: installs add up and cannot be undone without the
 * agreement, so repeating one is never automatic. No policy key allows it; a person checks the
 * packs and acknowledges the ledger entry.
 */
function refuseAfterUnexplainedInstall(host: string, live: LiveLicenseServer, ctx: DiffContext): Refusal | undefined {
  const unexplained = live.installLedger?.unexplained ?? [];
  if (unexplained.length === 0) return undefined;
  for (const install of unexplained) {
    ctx.diagnostics.push({
      severity: 'error',
      code: 'KEYPACK_INSTALL_UNEXPLAINED',
      summary: `${host}: install ${install.id}${install.at ? ` at ${install.at}` : ''} is unexplained: ${install.reason}`,
      hint: 'rdsctl installs no licences on this server until a person checks the key packs in RD Licensing Manager and acknowledges the install (docs/windows.md, "Install ledger")',
    });
  }
  return {
    rule: 'unexplainedInstall',
    message: `${unexplained.length} earlier install(s) on ${host} did not show up as asked, so installing again could add licences twice`,
    remedy: 'check the key packs in RD Licensing Manager, then acknowledge the install in the ledger (docs/windows.md, "Install ledger")',
  };
}

function reportUnknownProducts(host: string, live: LiveLicenseServer, ctx: DiffContext): void {
  const unknown = live.keyPacks.filter((pack) => pack.product === undefined && pack.type !== 'builtIn');
  if (unknown.length === 0) return;
  const ids = [...new Set(unknown.map((pack) => pack.productVersionId))].join(', ');
  ctx.diagnostics.push({
    severity: 'warning',
    code: 'KEYPACK_UNKNOWN_PRODUCT',
    summary: `${host}: ${unknown.length} key pack(s) with unknown product version id ${ids} are not counted`,
    detail: `key pack ids ${unknown.map((pack) => pack.keyPackId).join(', ')}`,
    hint: 'rdsctl knows product version ids 2–7 (Windows Server 2008 to 2022); check these packs in RD Licensing Manager',
  });
}
