/**
 * One source of truth per setting: a pool configured by a GPO takes its licensing mode and
 * servers from that GPO, which must exist and carry both; a local pool carries them itself.
 * Workgroup hosts cannot be reached by Group Policy nor track per-user CALs.
 */
import type { Diagnostic } from '../model/diagnostic.js';
import { poolBroker } from '../model/configured-by.js';
import type { GpoSpec, SessionHostPoolSpec } from '../model/spec.js';
import { quoteString } from './quote-value.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';
import { suggestName } from './suggest-name.js';

const GPO_VALUES = ['licensingMode', 'licenseServers'] as const;

export function checkPoolConfiguration(context: ReferenceContext): Diagnostic[] {
  const gpos = context.spec.gpos ?? [];
  const diagnostics: Diagnostic[] = [];
  const reportedGpos = new Set<GpoSpec>();
  (context.spec.sessionHostPools ?? []).forEach((pool, i) => {
    if (pool.configuredBy === 'local') {
      diagnostics.push(...checkLocalPool(context, pool, i));
      return;
    }
    if (poolBroker(pool) !== undefined) {
      diagnostics.push(...checkBrokerPool(context, pool, i));
      return;
    }
    if (!('gpo' in pool.configuredBy)) return;
    const gpoName = pool.configuredBy.gpo;
    const gpoIndex = gpos.findIndex((gpo) => gpo.name === gpoName);
    const gpo = gpos[gpoIndex];
    if (gpo === undefined) {
      const suggestion = suggestName(gpoName, gpos.map((g) => g.name));
      const guess = suggestion === undefined ? '' : ` (did you mean ${quoteString(suggestion)}?)`;
      diagnostics.push(
        makeReferenceError({
          at: context.locate(['sessionHostPools', i, 'configuredBy', 'gpo']),
          summary: `GPO ${quoteString(gpoName)} is not declared under gpos${guess}`,
          hint: 'declare the GPO under gpos, or configure the pool with configuredBy: local',
        }),
      );
    } else if (!reportedGpos.has(gpo)) {
      reportedGpos.add(gpo);
      diagnostics.push(...checkGpoCarriesValues(context, gpo, gpoIndex, pool));
    }
    for (const key of GPO_VALUES.filter((k) => pool[k] !== undefined)) {
      diagnostics.push(
        makeReferenceError({
          at: context.locate(['sessionHostPools', i, key]),
          summary: `${key} is set by GPO ${quoteString(gpoName)}; remove it from the pool or configure the pool locally`,
        }),
      );
    }
    if (pool.workgroup === true) {
      diagnostics.push(
        makeReferenceError({
          at: context.locate(['sessionHostPools', i, 'workgroup']),
          summary: `workgroup hosts are not domain members, so GPO ${quoteString(gpoName)} cannot configure them; use configuredBy: local`,
        }),
      );
    }
  });
  return diagnostics;
}

function checkLocalPool(context: ReferenceContext, pool: SessionHostPoolSpec, index: number): Diagnostic[] {
  if (pool.workgroup !== true || pool.licensingMode !== 'perUser') return [];
  return [
    makeReferenceError({
      at: context.locate(['sessionHostPools', index, 'licensingMode']),
      summary: 'per-user CALs cannot be tracked in a workgroup; use perDevice',
    }),
  ];
}

/**
 * A broker that owns its licensing settings carries them itself, so the pool declares none; a
 * broker rdsctl converges takes the pool's values, and pools of one broker must agree on them.
 */
function checkBrokerPool(context: ReferenceContext, pool: SessionHostPoolSpec, index: number): Diagnostic[] {
  const { broker, owner } = poolBroker(pool)!;
  const diagnostics: Diagnostic[] = [...checkLocalPool(context, pool, index)];
  if (owner === 'broker') {
    for (const key of GPO_VALUES.filter((k) => pool[k] !== undefined)) {
      diagnostics.push(
        makeReferenceError({
          at: context.locate(['sessionHostPools', index, key]),
          summary: `${key} belongs to RD Connection Broker ${broker} (licensingOwner: broker); remove it from the pool, or set licensingOwner: rdsctl to have apply set it at the broker`,
        }),
      );
    }
    return diagnostics;
  }
  for (const key of GPO_VALUES.filter((k) => pool[k] === undefined)) {
    diagnostics.push(
      makeReferenceError({
        at: context.locate(['sessionHostPools', index]),
        summary: `pool ${quoteString(pool.name)} has no ${key}: apply sets it at RD Connection Broker ${broker}`,
        hint: `add ${key} to the pool, or set configuredBy.licensingOwner: broker when the broker owns its licensing settings`,
      }),
    );
  }
  const pools = context.spec.sessionHostPools ?? [];
  const first = pools.findIndex((other) => poolBroker(other)?.broker.toLowerCase() === broker.toLowerCase());
  const earlier = pools[first];
  if (earlier === undefined || first === index) return diagnostics;
  if (poolBroker(earlier)?.owner !== owner) {
    diagnostics.push(
      makeReferenceError({
        at: context.locate(['sessionHostPools', index, 'configuredBy', 'licensingOwner']),
        summary: `pool ${quoteString(earlier.name)} gives RD Connection Broker ${broker} another licensingOwner; one broker has one owner`,
      }),
    );
  } else if (earlier.licensingMode !== pool.licensingMode || (earlier.licenseServers ?? []).join(',').toLowerCase() !== (pool.licenseServers ?? []).join(',').toLowerCase()) {
    diagnostics.push(
      makeReferenceError({
        at: context.locate(['sessionHostPools', index, 'licensingMode']),
        summary: `RD Connection Broker ${broker} has one licensing mode and licence-server list for its whole deployment, but pools ${quoteString(earlier.name)} and ${quoteString(pool.name)} declare different ones`,
        hint: 'give both pools the same licensingMode and licenseServers',
      }),
    );
  }
  return diagnostics;
}

function checkGpoCarriesValues(context: ReferenceContext, gpo: GpoSpec, index: number, pool: SessionHostPoolSpec): Diagnostic[] {
  return GPO_VALUES.filter((key) => gpo[key] === undefined).map((key) =>
    makeReferenceError({
      at: context.locate(['gpos', index]),
      summary: `GPO ${quoteString(gpo.name)} configures pool ${quoteString(pool.name)} but sets no ${key}; the pool's hosts would get none`,
      hint: `add ${key} to the GPO`,
    }),
  );
}
