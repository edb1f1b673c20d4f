import { describe, expect, it } from 'vitest';
import { desiredModel, GPO, GPO_HOST, LOCAL_HOST, LS, OU } from '../../test/fixtures/engine-fixtures.js';
import { listManagedResources } from './list-managed-resources.js';

describe('listManagedResources', () => {
  it('lists every managed address with what it waits for, in plan order', () => {
    const listed = listManagedResources(desiredModel()).map((resource) => [resource.address, resource.dependsOn]);
    expect(listed).toEqual([
      [`gpo[${GPO}]`, []],
      [`gpo[${GPO}].link[${OU}]`, [`gpo[${GPO}]`]],
      [`licenseServer[${LS}].service`, []],
      [`licenseServer[${LS}].firewall`, []],
      [`licenseServer[${LS}].activation`, [`licenseServer[${LS}].service`, `licenseServer[${LS}].firewall`]],
      [`licenseServer[${LS}].discovery`, [`licenseServer[${LS}].service`, `licenseServer[${LS}].activation`]],
      [`licenseServer[${LS}].keyPack[ea-user]`, [`licenseServer[${LS}].service`, `licenseServer[${LS}].activation`]],
      [`licenseServer[${LS}].keyPack[ea-device]`, [`licenseServer[${LS}].service`, `licenseServer[${LS}].activation`]],
      [`sessionHost[${LOCAL_HOST}]`, []],
      [`sessionHost[${GPO_HOST}]`, [`gpo[${GPO}]`]],
    ]);
  });

  it('manages only the licence-server parts the spec declares, and chains installs into one group', () => {
    const base = desiredModel();
    const server = base.licenseServers[0]!;
    const desired = desiredModel({
      licenseServers: [
        {
          ...server,
          service: undefined,
          firewall: undefined,
          discovery: undefined,
          keyPacks: [...server.keyPacks, { name: 'ea-user-more', program: 'select', agreementNumber: { env: 'S' }, product: 'windowsServer2022', type: 'perUser', quantity: 5 }],
        },
      ],
      gpos: [],
      sessionHosts: [],
    });
    const listed = listManagedResources(desired);
    expect(listed.map((resource) => resource.address)).toEqual([
      `licenseServer[${LS}].activation`,
      `licenseServer[${LS}].keyPack[ea-user]`,
      `licenseServer[${LS}].keyPack[ea-device]`,
      `licenseServer[${LS}].keyPack[ea-user-more]`,
    ]);
    expect(listed[3]).toMatchObject({ keyPack: 'ea-user-more', dependsOn: [`licenseServer[${LS}].activation`, `licenseServer[${LS}].keyPack[ea-user]`] });
  });

  it('adds a session host\'s grace period and TermService restart when its pool asks for them', () => {
    const base = desiredModel();
    const host = { ...base.sessionHosts[0]!, resetGraceWhenExpired: true, restartTermServiceAfterChange: true };
    const listed = listManagedResources(desiredModel({ sessionHosts: [host], gpos: [], licenseServers: [] }));
    expect(listed.map((resource) => [resource.address, resource.resource, resource.dependsOn])).toEqual([
      [`sessionHost[${LOCAL_HOST}]`, 'sessionHost', []],
      [`sessionHost[${LOCAL_HOST}].gracePeriod`, 'sessionHost.gracePeriod', []],
      [`sessionHost[${LOCAL_HOST}].termService`, 'sessionHost.termService', [`sessionHost[${LOCAL_HOST}]`]],
    ]);
  });
});
