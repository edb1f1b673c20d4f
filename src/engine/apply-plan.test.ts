import { describe, expect, it } from 'vitest';
import { applyPlan } from './apply-plan.js';
import { buildPlan } from './build-plan.js';
import type { LiveState } from '../model/live-state.js';
import { GPO, LOCAL_HOST, LS, desiredModel, hostIn, liveState } from '../../test/fixtures/engine-fixtures.js';
import { createMemoryProvider, type MemoryProvider } from '../../test/fixtures/memory-provider.js';

const resolveSecret = async () => '1234567';

function drifted(): LiveState {
  return liveState((s) => {
    const ls = hostIn(s, LS).licenseServer!;
    ls.activation.status = 'notActivated';
    ls.keyPacks[1]!.total = 60;
    ls.firewall.ruleGroup = 'disabled';
    hostIn(s, LOCAL_HOST).sessionHost!.licensingMode = { local: 'perUser', policy: null, effective: 'perUser', source: 'local' };
    s.gpos[0]!.licenseServers = ['lic-old.corp.contoso.com'];
  });
}

async function applyAll(provider: MemoryProvider, options: { signal?: AbortSignal; parallelism?: number } = {}) {
  const desired = desiredModel();
  const live = await provider.read({ hosts: provider.state.hosts.map((h) => h.host), gpos: [{ name: GPO, domain: 'x' }], parallelism: 1 });
  const plan = buildPlan({ desired, live, provider: 'memory' });
  const report = await applyPlan({ plan, desired, live, provider, parallelism: options.parallelism ?? 4, resolveSecret, signal: options.signal });
  return { plan, report };
}

describe('applyPlan', () => {
  it('converges, verifies each change, and a second run has nothing to do', async () => {
    const provider = createMemoryProvider(drifted());
    const { report } = await applyAll(provider);
    expect(report.results.map((r) => [r.address, r.outcome])).toEqual([
      [`gpo[${GPO}]`, 'applied'],
      [`licenseServer[${LS}].firewall`, 'applied'],
      [`licenseServer[${LS}].activation`, 'applied'],
      [`licenseServer[${LS}].keyPack[ea-user]`, 'applied'],
      [`sessionHost[${LOCAL_HOST}]`, 'applied'],
    ]);
    expect(report.summary).toMatchObject({ applied: 5, failed: 0 });
    const again = await applyAll(provider);
    expect(again.plan.changes).toEqual([]);
  });

  it('reports GPO-configured hosts that have not refreshed yet as pending, not failed', async () => {
    const state = drifted();
    hostIn(state, 'rdsh01.corp.contoso.com').sessionHost!.licenseServers = { local: [], policy: ['lic-old.corp.contoso.com'], effective: ['lic-old.corp.contoso.com'], source: 'policy' };
    const { plan, report } = await applyAll(createMemoryProvider(state));
    expect(plan.pending.map((p) => p.host)).toEqual(['rdsh01.corp.contoso.com']);
    expect(report.results.at(-1)).toMatchObject({ address: 'sessionHost[rdsh01.corp.contoso.com]', outcome: 'pending' });
    expect(report.summary).toMatchObject({ applied: 5, pending: 1, failed: 0 });
  });

  it('says what to do about a refused change no policy may allow, and the key to set for one a policy may', async () => {
    const provider = createMemoryProvider(drifted());
    const desired = desiredModel();
    const live = await provider.read({ hosts: provider.state.hosts.map((h) => h.host), gpos: [{ name: GPO, domain: 'x' }], parallelism: 1 });
    const plan = buildPlan({ desired, live, provider: 'memory' });
    const [manual, guarded] = plan.changes;
    manual!.refused = { rule: 'manualStep', message: 'needs a person', remedy: 'add the server to the group by hand, then plan again' };
    guarded!.refused = { rule: 'serviceRestart', policyKey: 'policy.allowServiceRestart', message: 'drops sessions' };
    const report = await applyPlan({ plan, desired, live, provider, parallelism: 1, resolveSecret });
    const messages = Object.fromEntries(report.results.map((r) => [r.address, r.diagnostics[0]?.summary]));
    expect(messages[manual!.address]).toBe('refused by guard rail manualStep (add the server to the group by hand, then plan again)');
    expect(messages[guarded!.address]).toBe('refused by guard rail serviceRestart (policy.allowServiceRestart)');
  });

  it('skips the dependents of a failed change but not its siblings', async () => {
    const provider = createMemoryProvider(drifted());
    provider.failOn.add('activateServer');
    const { report } = await applyAll(provider);
    const outcomes = Object.fromEntries(report.results.map((r) => [r.address, r.outcome]));
    expect(outcomes).toMatchObject({
      [`licenseServer[${LS}].firewall`]: 'applied',
      [`licenseServer[${LS}].activation`]: 'failed',
      [`licenseServer[${LS}].keyPack[ea-user]`]: 'skipped',
      [`sessionHost[${LOCAL_HOST}]`]: 'applied',
    });
    const skipped = report.results.find((r) => r.outcome === 'skipped')!;
    expect(skipped.diagnostics[0]!.summary).toBe(`depends on licenseServer[${LS}].activation, which failed`);
    expect(provider.calls.some((c) => c.operations.includes('installLicenses'))).toBe(false);
  });

  it('reports a change that a re-read does not confirm as failed', async () => {
    const provider = createMemoryProvider(drifted());
    provider.forget.add('setFirewallRuleGroup');
    const { report } = await applyAll(provider);
    const firewall = report.results.find((r) => r.address.endsWith('.firewall'))!;
    expect(firewall.outcome).toBe('failed');
    expect(firewall.diagnostics[0]).toMatchObject({ code: 'DID_NOT_CONVERGE', summary: 'the change was made but a re-read shows ruleGroup is "disabled"' });
  });

  it('computes the install delta at apply time, so licences installed meanwhile are not installed twice', async () => {
    const provider = createMemoryProvider(drifted());
    provider.beforeApply = (request) => {
      if (request.operations.some((o) => o.kind === 'installLicenses')) {
        hostIn(provider.state, LS).licenseServer!.keyPacks.push({ keyPackId: 50, productVersionId: 7, product: 'windowsServer2022', type: 'perUser', channel: 'volume', total: 30, issued: 0, available: 30 });
      }
    };
    await applyAll(provider);
    const total = hostIn(provider.state, LS).licenseServer!.keyPacks.filter((p) => p.type === 'perUser').reduce((s, p) => s + p.total, 0);
    expect(total).toBe(100);
  });

  it('starts nothing new once interrupted and lets changes in flight finish', async () => {
    const provider = createMemoryProvider(drifted());
    const controller = new AbortController();
    provider.beforeApply = () => controller.abort();
    const { report } = await applyAll(provider, { signal: controller.signal, parallelism: 1 });
    expect(report.interrupted).toBe(true);
    expect(report.summary.applied).toBe(1);
    expect(provider.calls).toHaveLength(1);
    expect(report.results.filter((r) => r.outcome === 'interrupted' || r.outcome === 'skipped')).toHaveLength(4);
  });

  it('never runs two changes on one target at the same time', async () => {
    const provider = createMemoryProvider(drifted());
    let inFlight = 0;
    let maxOnLicenseServer = 0;
    provider.beforeApply = async (request) => {
      if (request.target.kind !== 'host' || request.target.host !== LS) return;
      inFlight += 1;
      maxOnLicenseServer = Math.max(maxOnLicenseServer, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight -= 1;
    };
    await applyAll(provider, { parallelism: 8 });
    expect(maxOnLicenseServer).toBe(1);
  });

  it('stops revoking at the first refusal (a spent revoke quota) and skips the revocations after it', async () => {
    const state = liveState((s) => {
      s.readAt = '2026-12-01T10:00:00.000Z';
      hostIn(s, LS).licenseServer!.issuedLicenses = [1, 2, 3].map((id) => ({ keyPackId: 3, licenseId: id, issuedToComputer: `OLD0${id}`, expiresAt: '2027-01-20T08:00:00.000Z', status: 'active' as const }));
    });
    const provider = createMemoryProvider(state);
    provider.failOn.add('revokeLicense');
    const base = desiredModel();
    const desired = desiredModel({ reclaim: { retiredDevices: ['old0*'], disabledInDirectory: false }, policy: { ...base.policy, allow: { ...base.policy.allow, calRevocation: true } } });
    const plan = buildPlan({ desired, live: state, provider: 'memory' });
    const report = await applyPlan({ plan, desired, live: state, provider, parallelism: 4, resolveSecret });
    const address = (id: number) => `licenseServer[${LS}].issuedLicense[3-${id}]`;
    expect(report.results.map((result) => [result.address, result.outcome])).toEqual([
      [address(1), 'failed'],
      [address(2), 'skipped'],
      [address(3), 'skipped'],
    ]);
    expect(report.results[2]?.diagnostics[0]?.summary).toBe(`depends on ${address(2)}, which was skipped`);
    expect(provider.calls).toEqual([{ target: LS, operations: ['revokeLicense'] }]);
  });
});
