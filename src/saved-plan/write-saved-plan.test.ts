import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Plan } from '../model/plan.js';
import { buildSampleLiveState } from '../render/fixtures/sample-live-state.js';
import { buildPlanOverManyHosts } from '../render/fixtures/sample-plan.js';
import { readSavedPlan } from './read-saved-plan.js';
import { canonicalJson, digestBytes } from './saved-plan.js';
import { buildSavedPlan, writeSavedPlan } from './write-saved-plan.js';

// Optional fields left undefined, as the engine leaves them: JSON drops them.
function planWithUndefinedFields(): Plan {
  const plan = buildPlanOverManyHosts(3000);
  return { ...plan, changes: plan.changes.map((change, index) => ({ ...change, reason: index % 2 === 0 ? undefined : change.reason, needsSecrets: undefined })) };
}

describe('writeSavedPlan', () => {
  it('writes, a change at a time, the file and checksum of the plan copied through JSON', async () => {
    const saved = buildSavedPlan({
      plan: planWithUndefinedFields(),
      live: buildSampleLiveState(),
      rdsctlVersion: '0.1.0',
      specDigest: `sha256:${'ab'.repeat(32)}`,
      connection: { provider: 'lab', estate: 'estate.json' },
      targets: [],
      now: new Date('2026-12-02T14:00:00.000Z'),
    });
    const { checksum, ...content } = JSON.parse(JSON.stringify(saved)) as typeof saved;
    expect(checksum).toBe(digestBytes(canonicalJson(content)));
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'rdsctl-saved-')), 'plan.json');
    await writeSavedPlan(file, saved);
    const text = readFileSync(file, 'utf8');
    expect(text.length).toBeGreaterThan(1_000_000);
    expect(text).toBe(`${JSON.stringify({ ...content, checksum }, null, 2)}\n`);
    expect((await readSavedPlan(file)).plan.changes).toHaveLength(saved.plan.changes.length);
  });
});
