/**
 * One source of truth per setting: a pool configured by a GPO takes its licensing mode and
 * servers from that GPO, which must exist and carry both; a local pool carries them itself.
 * Workgroup hosts cannot be reached by Group Policy nor track per-user CALs.
 */
import type { Diagnostic } from '../model/diagnostic.js';
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

function checkGpoCarriesValues(context: ReferenceContext, gpo: GpoSpec, index: number, pool: SessionHostPoolSpec): Diagnostic[] {
  return GPO_VALUES.filter((key) => gpo[key] === undefined).map((key) =>
    makeReferenceError({
      at: context.locate(['gpos', index]),
      summary: `GPO ${quoteString(gpo.name)} configures pool ${quoteString(pool.name)} but sets no ${key}; the pool's hosts would get none`,
      hint: `add ${key} to the GPO`,
    }),
  );
}
