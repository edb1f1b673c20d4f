import { describe, expect, it } from 'vitest';
import { desiredModel, hostIn, liveState, LOCAL_HOST, LS, LS2 } from '../../test/fixtures/engine-fixtures.js';
import type { DesiredModel } from './desired-model.js';
import { buildPlan } from './build-plan.js';

const CB = 'cb01.corp.contoso.com';

function brokerModel(owner: 'rdsctl' | 'broker'): DesiredModel {
  const base = desiredModel();
  const values = owner === 'rdsctl' ? { licensingMode: 'perUser' as const, licenseServers: [LS] } : {};
  return {
    ...base,
    sessionHosts: base.sessionHosts.map((host) => (host.host === LOCAL_HOST ? { ...host, settings: { kind: 'broker', broker: CB, owner, ...values } } : host)),
    connectionBrokers: [{ host: CB, owner, ...values, pools: ['kiosks'] }],
  };
}

/** The kiosk belongs to cb01's deployment, which pushed per-device mode and lic02 to it. */
const underBroker = (centralLicensing?: boolean) =>
  liveState((state) => {
    state.hosts.push({ host: CB, connectionBroker: { licensingMode: 'perDevice', licenseServers: [LS2], sessionHosts: [LOCAL_HOST], ...(centralLicensing === undefined ? {} : { centralLicensing }) } });
    const kiosk = hostIn(state, LOCAL_HOST).sessionHost!;
    kiosk.connectionBroker = CB;
    kiosk.licenseServers = { local: [LS2], policy: null, effective: [LS2], source: 'local' };
  });

describe('connection brokers in the plan', () => {
  it('converges a broker the spec owns, in one setDeploymentLicensing, and leaves its hosts alone', () => {
    const plan = buildPlan({ desired: brokerModel('rdsctl'), live: underBroker(), provider: 'lab' });
    expect(plan.changes.map((change) => change.address)).toEqual([`connectionBroker[${CB}]`]);
    expect(plan.changes[0]).toMatchObject({
      resource: 'connectionBroker',
      target: { kind: 'host', host: CB },
      attributes: [
        { name: 'licensingMode', before: 'perDevice', after: 'perUser' },
        { name: 'licenseServers', before: [LS2], after: [LS] },
      ],
      operations: [{ kind: 'setDeploymentLicensing', mode: 'perUser', servers: [LS] }],
      reason: 'pool "kiosks" takes its licensing settings from this broker, which pushes them to its session hosts',
    });
    expect(plan.changes[0]!.refused).toBeUndefined();
  });

  it("fingerprints the broker's live values, so a saved plan goes stale when the broker changes", () => {
    const plan = buildPlan({ desired: brokerModel('rdsctl'), live: underBroker(), provider: 'lab' });
    const moved = underBroker();
    hostIn(moved, CB).connectionBroker!.licenseServers = ['lic-new.corp.contoso.com'];
    const again = buildPlan({ desired: brokerModel('rdsctl'), live: moved, provider: 'lab' });
    const key = Object.keys(plan.fingerprints).find((name) => name.includes(CB))!;
    expect(key).toBeDefined();
    expect(again.fingerprints[key]).not.toBe(plan.fingerprints[key]);
  });

  it('changes nothing where the broker owns its settings', () => {
    const plan = buildPlan({ desired: brokerModel('broker'), live: underBroker(), provider: 'lab' });
    expect(plan.changes).toEqual([]);
  });

  it('says so when the declared broker reports no deployment licensing', () => {
    const plan = buildPlan({ desired: brokerModel('rdsctl'), live: underBroker(), provider: 'lab' });
    const without = buildPlan({ desired: brokerModel('rdsctl'), live: liveState((state) => state.hosts.push({ host: CB })), provider: 'lab' });
    expect(plan.diagnostics.map((d) => d.code)).not.toContain('BROKER_NOT_READ');
    expect(without.diagnostics.find((d) => d.code === 'BROKER_NOT_READ')).toMatchObject({ severity: 'error', address: `connectionBroker[${CB}]` });
    expect(without.changes).toEqual([]);
  });

  it('refuses to rewrite locally a host an undeclared broker manages, naming the broker and the spec key', () => {
    const plan = buildPlan({ desired: desiredModel(), live: underBroker(), provider: 'lab' });
    const change = plan.changes.find((entry) => entry.address === `sessionHost[${LOCAL_HOST}]`)!;
    expect(change.refused).toEqual({
      rule: 'connectionBroker',
      message: `${LOCAL_HOST} belongs to the deployment of RD Connection Broker ${CB}, which pushes its own licensing mode and servers to it and would overwrite local values`,
      remedy: `declare the broker on pool "kiosks": sessionHostPools[].configuredBy: { broker: ${CB} } (apply then sets the pool's licensingMode and licenseServers at the broker), or add licensingOwner: broker to leave them to it`,
    });
    expect(plan.summary.refused).toBe(1);
  });

  it('rewrites locally when the broker keeps per-server settings (UseCentralLicensingSettings false)', () => {
    const plan = buildPlan({ desired: desiredModel(), live: underBroker(false), provider: 'lab' });
    const change = plan.changes.find((entry) => entry.address === `sessionHost[${LOCAL_HOST}]`)!;
    expect(change.refused).toBeUndefined();
  });
});
