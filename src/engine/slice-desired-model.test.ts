import { describe, expect, it } from 'vitest';
import { desiredModel, GPO, GPO_HOST, hostIn, liveState, LOCAL_HOST, LS } from '../../test/fixtures/engine-fixtures.js';
import type { LiveState } from '../model/live-state.js';
import { buildPlan } from './build-plan.js';
import { listManagedResources } from './list-managed-resources.js';
import { sliceDesiredModel } from './slice-desired-model.js';

function drifted(): LiveState {
  return liveState((state) => {
    const server = hostIn(state, LS).licenseServer!;
    server.firewall.ruleGroup = 'disabled';
    server.activation.status = 'notActivated';
    server.keyPacks[1]!.total = 60;
    server.keyPacks.push({ keyPackId: 9, productVersionId: 6, product: 'windowsServer2019', type: 'perUser', channel: 'volume', total: 7, issued: 0, available: 7 });
    hostIn(state, LOCAL_HOST).sessionHost!.licenseServers = { local: ['lic02.corp.contoso.com', LS], policy: null, effective: ['lic02.corp.contoso.com', LS], source: 'local' };
    hostIn(state, LOCAL_HOST).sessionHost!.licensingMode = { local: 'perUser', policy: null, effective: 'perUser', source: 'local' };
    state.gpos[0]!.licenseServers = ['lic09.corp.contoso.com'];
    state.gpos[0]!.licensingMode = 'perDevice';
    // The GPO's mode change meets active sessions on its pool's host: the guard rail refuses it.
    hostIn(state, GPO_HOST).sessionHost!.licensingMode = { local: 'notConfigured', policy: 'perDevice', effective: 'perDevice', source: 'policy' };
  });
}

describe('sliceDesiredModel', () => {
  it.each([
    ['in agreement', liveState()],
    ['drifted', drifted()],
  ])('a targeted plan on the slice is the --target plan on the whole model (%s)', (_name, live) => {
    const desired = desiredModel();
    for (const resource of listManagedResources(desired)) {
      const slice = sliceDesiredModel(desired, resource);
      const targeted = buildPlan({ desired: slice.desired, live, provider: 'test', targets: [resource.address] });
      const whole = buildPlan({ desired, live, provider: 'test', targets: [resource.address] });
      expect({ changes: targeted.changes, pending: targeted.pending }, resource.address).toEqual({ changes: whole.changes, pending: whole.pending });
    }
    if (live.gpos[0]!.licensingMode === 'perDevice') {
      expect(buildPlan({ desired, live, provider: 'test', targets: [`gpo[${GPO}]`] }).changes[0]?.refused?.rule).toBe('modeChangeWithActiveSessions');
    }
  });

  it('reads what the address needs: its host or GPO, the GPO\'s pool hosts, the declared servers its lists name', () => {
    const desired = desiredModel();
    const slice = (address: string) => sliceDesiredModel(desired, listManagedResources(desired).find((resource) => resource.address === address)!);
    expect(slice(`licenseServer[${LS}].keyPack[ea-user]`)).toMatchObject({ hosts: [LS], gpos: [] });
    expect(slice(`sessionHost[${LOCAL_HOST}]`)).toMatchObject({ hosts: [LOCAL_HOST, LS], gpos: [] });
    expect(slice(`sessionHost[${GPO_HOST}]`)).toMatchObject({ hosts: [GPO_HOST, LS], gpos: [{ name: GPO, domain: 'corp.contoso.com' }] });
    expect(slice(`gpo[${GPO}]`)).toMatchObject({ hosts: [GPO_HOST, LS], gpos: [{ name: GPO, domain: 'corp.contoso.com' }] });
  });

  it('reads every declared server when a list names one by address', () => {
    const base = desiredModel();
    const desired = desiredModel({ sessionHosts: [{ ...base.sessionHosts[0]!, settings: { kind: 'local', licensingMode: 'perDevice', licenseServers: ['10.0.0.11', 'LIC01'] } }] });
    const [resource] = listManagedResources(desired).filter((entry) => entry.resource === 'sessionHost');
    expect(sliceDesiredModel(desired, resource!).hosts).toEqual([LOCAL_HOST, LS]);
  });
});
