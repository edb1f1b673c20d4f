/**
 * Installing licences is additive on Windows, so the lab converges by counts: the delta is
 * computed from the live total of the group at apply time (again after secrets are resolved,
 * as another apply may have installed meanwhile), and a re-run installs nothing.
 */
import type { LiveKeyPack } from '../../../model/live-state.js';
import type { Operation } from '../../../model/operation.js';
import { displayOsVersion, productVersionIdOf, serverCanHoldCal } from '../../../model/os-version.js';
import type { LabHost } from '../lab-estate.js';
import { describeGroup, describeLicences, installedInGroup } from './key-pack-group.js';
import { installRulesOf, resolveKeyPackSecrets } from './key-pack-secrets.js';
import { copyHost, done, failed, noop, type HostOperationContext, type OperationOutcome } from './operation-outcome.js';

type InstallLicenses = Extract<Operation, { kind: 'installLicenses' }>;

/** No ProductVersionID is documented for Windows Server 2025; the lab uses the next number. */
const LAB_PRODUCT_VERSION_ID_2025 = 8;

export async function installLicenses(operation: InstallLicenses, ctx: HostOperationContext): Promise<OperationOutcome> {
  const first = checkInstall(ctx.current(), operation);
  if ('status' in first) return first;
  const secrets = await resolveKeyPackSecrets(
    operation.program,
    operation.secrets,
    ctx.resolveSecret,
    `for ${describeGroup(operation.group)} licences on ${ctx.current().host}`,
  );
  if ('status' in secrets) return secrets;

  const host = ctx.current();
  const now = checkInstall(host, operation);
  if ('status' in now) return now;
  const retailHash = secrets.retailCodeHash;
  if (retailHash && ctx.allHosts().some((other) => other.lab?.usedRetailCodes?.includes(retailHash))) {
    return failed('RETAIL_CODE_USED', 'this retail licence code has already been installed; retail codes are single-use');
  }

  const next = copyHost(host);
  const packs = next.licenseServer?.keyPacks ?? [];
  packs.push(newKeyPack(operation, now.delta, packs));
  if (retailHash) next.lab = { ...next.lab, usedRetailCodes: [...(next.lab?.usedRetailCodes ?? []), retailHash] };
  ctx.commit(next);
  return done(`installed ${describeLicences(now.delta)} (${describeGroup(operation.group)})`);
}

function checkInstall(host: LabHost, operation: InstallLicenses): { delta: number } | OperationOutcome {
  const server = host.licenseServer;
  if (!server) return failed('ROLE_MISSING', `${host.host} is not a licence server (the RD Licensing role is not installed)`);
  const { group } = operation;
  const installed = installedInGroup(server.keyPacks, group);
  const delta = operation.targetTotal - installed;
  if (delta <= 0) return noop(`${describeLicences(installed)} already installed (${describeGroup(group)})`);
  if (server.activation.status !== 'activated') {
    return failed('NOT_ACTIVATED', 'licence server is not activated; key packs can only be installed on an activated server');
  }
  if (installRulesOf(operation.program).channel !== group.channel) {
    return failed('INVALID_OPERATION', `${operation.program} licences install as ${installRulesOf(operation.program).channel} packs, not ${group.channel}`);
  }
  if (host.os && !serverCanHoldCal(host.os, group.product)) {
    return failed('CAL_VERSION_UNSUPPORTED', `a ${displayOsVersion(host.os)} licence server cannot hold ${displayOsVersion(group.product)} CALs`);
  }
  return { delta };
}

function newKeyPack(operation: InstallLicenses, count: number, existing: readonly LiveKeyPack[]): LiveKeyPack {
  const { group } = operation;
  return {
    keyPackId: existing.reduce((max, pack) => Math.max(max, pack.keyPackId), 0) + 1,
    product: group.product,
    productVersionId: productVersionIdOf(group.product) ?? LAB_PRODUCT_VERSION_ID_2025,
    type: group.type,
    channel: group.channel,
    total: count,
    issued: 0,
    available: count,
    description: `${describeGroup(group)} CALs (${operation.program})`,
  };
}
