/**
 * Diff of a session host. A locally configured host is converged through the local layer;
 * a host configured by a GPO is only checked: its values are changed at the GPO, and the host
 * shows as pending policy refresh until it reports them.
 */
import { sessionHostAddress, sessionHostPartAddress } from '../model/address.js';
import type { AttributeChange, Change, PendingRefresh } from '../model/change.js';
import type { LiveGpo, LiveSessionHost } from '../model/live-state.js';
import { blockedGpoSettings, explainGpoReach } from '../model/gpo-reach.js';
import type { Operation } from '../model/operation.js';
import { describeGraceResetSteps } from '../model/grace-reset-steps.js';
import type { DesiredGpo, DesiredModel, DesiredSessionHost } from './desired-model.js';
import type { DiffContext } from './diff-context.js';
import { compareServerLists } from './compare-server-lists.js';
import { guardChange } from './guard-rails.js';
import { reportEquivalences } from './report-equivalences.js';

export interface SessionHostDiff {
  changes: Change[];
  pending: PendingRefresh[];
}

export function diffSessionHost(desired: DesiredSessionHost, live: LiveSessionHost, ctx: DiffContext, changedGpos: ReadonlySet<string>): SessionHostDiff {
  const settingsChange =
    desired.settings.kind === 'local' ? diffLocalSettings(desired, desired.settings, live, ctx) : undefined;
  const pending =
    desired.settings.kind === 'gpo' ? checkPolicySettings(desired, desired.settings.gpo, live, ctx, changedGpos) : undefined;
  const changes: Change[] = [];
  if (settingsChange) changes.push(refuseUnderBroker(guardChange(settingsChange, ctx.desired.policy, { activeSessions: live.activeSessions }), desired, live, ctx));
  if (settingsChange && desired.restartTermServiceAfterChange) changes.push(restartChange(desired, settingsChange, ctx));
  const grace = graceResetChange(desired, live, ctx);
  if (grace) changes.push(grace);
  return { changes, pending: pending ? [pending] : [] };
}

function diffLocalSettings(
  desired: DesiredSessionHost,
  wanted: { licensingMode: string; licenseServers: readonly string[] },
  live: LiveSessionHost,
  ctx: DiffContext,
): Change | undefined {
  const attributes: AttributeChange[] = [];
  const operations: Operation[] = [];

  if (live.licensingMode.effective !== wanted.licensingMode) {
    if (live.licensingMode.source === 'policy') {
      reportPolicyOverride(desired, 'licensingMode', String(live.licensingMode.effective), ctx);
    } else {
      attributes.push({ name: 'licensingMode', before: live.licensingMode.local, after: wanted.licensingMode });
      operations.push({ kind: 'setLicensingMode', mode: wanted.licensingMode as 'perUser' | 'perDevice' });
    }
  }

  const comparison = compareServerLists(live.licenseServers.effective, wanted.licenseServers, ctx.live.addressesOf);
  if (!comparison.equal) {
    if (live.licenseServers.source === 'policy') {
      reportPolicyOverride(desired, 'licenseServers', live.licenseServers.effective.join(', '), ctx);
    } else {
      attributes.push({ name: 'licenseServers', before: [...live.licenseServers.local], after: [...wanted.licenseServers] });
      operations.push({ kind: 'setLicenseServers', servers: [...wanted.licenseServers] });
    }
  } else {
    reportEquivalences(desired, comparison.equivalences, ctx);
  }

  if (attributes.length === 0) return undefined;
  return {
    address: sessionHostAddress(desired.host),
    resource: 'sessionHost',
    action: 'update',
    target: { kind: 'host', host: desired.host },
    attributes,
    operations,
    dependsOn: [],
    pool: desired.pool,
  };
}

/**
 * A host of an RD Connection Broker's deployment gets its mode and servers pushed by the broker,
 * which would overwrite local values: rdsctl does not fight it. The pool must say who owns them.
 */
function refuseUnderBroker(change: Change, desired: DesiredSessionHost, live: LiveSessionHost, ctx: DiffContext): Change {
  const broker = live.connectionBroker;
  if (broker === undefined || change.refused?.rule === 'connectionBroker') return change;
  // A broker read with per-server settings (UseCentralLicensingSettings false) pushes nothing.
  if (ctx.live.host(broker)?.connectionBroker?.centralLicensing === false) return change;
  return {
    ...change,
    refused: {
      rule: 'connectionBroker',
      message: `${desired.host} belongs to the deployment of RD Connection Broker ${broker}, which pushes its own licensing mode and servers to it and would overwrite local values`,
      remedy: `declare the broker on pool "${desired.pool}": sessionHostPools[].configuredBy: { broker: ${broker} } (apply then sets the pool's licensingMode and licenseServers at the broker), or add licensingOwner: broker to leave them to it`,
    },
  };
}

function reportPolicyOverride(desired: DesiredSessionHost, setting: string, effective: string, ctx: DiffContext): void {
  ctx.diagnostics.push({
    severity: 'error',
    code: 'POLICY_OVERRIDES_LOCAL',
    summary: `${desired.host}: ${setting} comes from Group Policy (${effective}), but pool "${desired.pool}" is configured locally`,
    detail: 'Windows refuses local writes to a setting Group Policy controls (WMI error 0x80041016); rdsctl plans no local change.',
    hint: `configure pool "${desired.pool}" with configuredBy: { gpo: NAME } and declare that GPO, or remove the policy setting from the GPO that reaches the host`,
    address: sessionHostAddress(desired.host),
  });
}

function checkPolicySettings(
  desired: DesiredSessionHost,
  gpoName: string,
  live: LiveSessionHost,
  ctx: DiffContext,
  changedGpos: ReadonlySet<string>,
): PendingRefresh | undefined {
  const gpo = findDesiredGpo(ctx.desired, gpoName);
  if (gpo === undefined) return undefined;
  const drift = policyDrift(gpo, live, ctx);
  // Values the GPO cannot deliver to this host never arrive: they are not pending a refresh.
  const liveGpo = ctx.live.gpo(gpo.name);
  const blocked = liveGpo ? blockedGpoSettings(liveGpo, desired.host) : new Set<string>();
  const attributes = drift.filter((attribute) => !blocked.has(attribute.name));
  if (liveGpo && attributes.length < drift.length) reportHostCutOff(desired, liveGpo, ctx);
  if (attributes.length === 0) return undefined;
  const reachesHost = live.licensingMode.source === 'policy' || live.licenseServers.source === 'policy';
  if (!reachesHost && !changedGpos.has(gpo.name.toLowerCase())) {
    ctx.diagnostics.push({
      severity: 'warning',
      code: 'GPO_NOT_APPLIED',
      summary: `${desired.host}: GPO "${gpo.name}" does not reach this host (it reports no policy licensing values)`,
      hint: `link the GPO to the OU holding the host${live.ou ? ` (${live.ou})` : ''}, then run gpupdate /force on it`,
      address: sessionHostAddress(desired.host),
    });
    return undefined;
  }
  return { address: sessionHostAddress(desired.host), host: desired.host, gpo: gpo.name, pool: desired.pool, attributes };
}

/** Host-specific reasons only: what holds for every host is reported once, at the GPO (diff-gpo.ts). */
function reportHostCutOff(desired: DesiredSessionHost, gpo: LiveGpo, ctx: DiffContext): void {
  const everywhere = new Set(explainGpoReach(gpo).map((problem) => problem.detail));
  const here = explainGpoReach(gpo, desired.host).filter((problem) => problem.certainty === 'blocks' && !everywhere.has(problem.detail));
  if (here.length === 0) return;
  ctx.diagnostics.push({
    severity: 'error',
    code: 'GPO_CANNOT_REACH',
    summary: `${desired.host}: GPO "${gpo.name}" cannot reach this host because ${here.map((problem) => problem.detail).join('; ')}`,
    hint: 'grant the host (or a group holding it, such as Domain Computers) Apply Group Policy on the GPO\'s Delegation tab, then run gpupdate /force on it',
    address: sessionHostAddress(desired.host),
  });
}

/** Declared GPOs by lower-case name, the first of each name: built once per desired model, not once per host. */
const gposByName = new WeakMap<DesiredModel, ReadonlyMap<string, DesiredGpo>>();

function findDesiredGpo(desired: DesiredModel, name: string): DesiredGpo | undefined {
  let byName = gposByName.get(desired);
  if (byName === undefined) {
    const built = new Map<string, DesiredGpo>();
    for (const gpo of desired.gpos) {
      const key = gpo.name.toLowerCase();
      if (!built.has(key)) built.set(key, gpo);
    }
    gposByName.set(desired, built);
    byName = built;
  }
  return byName.get(name.toLowerCase());
}

function policyDrift(gpo: DesiredGpo, live: LiveSessionHost, ctx: DiffContext): AttributeChange[] {
  const attributes: AttributeChange[] = [];
  if (gpo.licensingMode !== undefined && live.licensingMode.effective !== gpo.licensingMode) {
    attributes.push({ name: 'licensingMode', before: live.licensingMode.effective, after: gpo.licensingMode });
  }
  if (gpo.licenseServers !== undefined) {
    const comparison = compareServerLists(live.licenseServers.effective, gpo.licenseServers, ctx.live.addressesOf);
    if (!comparison.equal) {
      attributes.push({ name: 'licenseServers', before: [...live.licenseServers.effective], after: [...gpo.licenseServers] });
    }
  }
  return attributes;
}

function restartChange(desired: DesiredSessionHost, settingsChange: Change, ctx: DiffContext): Change {
  const change: Change = {
    address: sessionHostPartAddress(desired.host, 'termService'),
    resource: 'sessionHost.termService',
    action: 'update',
    target: { kind: 'host', host: desired.host },
    attributes: [{ name: 'restart', before: null, after: 'after licensing change' }],
    operations: [{ kind: 'restartService', service: 'TermService' }],
    reason: 'pool sets restartTermServiceAfterChange',
    dependsOn: [settingsChange.address],
    pool: desired.pool,
  };
  return guardChange(change, ctx.desired.policy, { activeSessions: 0 });
}

function graceResetChange(desired: DesiredSessionHost, live: LiveSessionHost, ctx: DiffContext): Change | undefined {
  if (!desired.resetGraceWhenExpired || live.graceDaysLeft > 0) return undefined;
  const change: Change = {
    address: sessionHostPartAddress(desired.host, 'gracePeriod'),
    resource: 'sessionHost.gracePeriod',
    action: 'update',
    target: { kind: 'host', host: desired.host },
    attributes: [{ name: 'graceDaysLeft', before: live.graceDaysLeft, after: 120 }],
    operations: [{ kind: 'resetGracePeriod' }],
    reason: 'the grace period has expired and the pool sets gracePeriod.resetWhenExpired',
    dependsOn: [],
    pool: desired.pool,
  };
  if (ctx.provider === 'windows') {
    // The value's key denies administrators until ownership is taken: no policy makes it automatic.
    return {
      ...change,
      refused: { rule: 'gracePeriodReset', message: 'on Windows resetting the grace period is a manual step: its registry key is owned by SYSTEM and denies administrators', remedy: describeGraceResetSteps() },
    };
  }
  return guardChange(change, ctx.desired.policy, { activeSessions: 0 });
}
