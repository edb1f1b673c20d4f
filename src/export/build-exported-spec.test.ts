import { describe, expect, it } from 'vitest';
import type { LiveGpo, LiveHost, LiveKeyPack, LiveSessionHost, LiveState } from '../model/live-state.js';
import { buildExportedSpec } from './build-exported-spec.js';

const PACK: Omit<LiveKeyPack, 'keyPackId' | 'channel' | 'type' | 'total'> = { product: 'windowsServer2022', productVersionId: 7, issued: 0, available: 0 };

function server(host: string, keyPacks: LiveKeyPack[], addresses: string[] = []): LiveHost {
  return {
    host,
    addresses,
    licenseServer: {
      activation: { status: 'activated' },
      discovery: { scope: 'domain', publishedInAD: true },
      service: { state: 'running' },
      firewall: { ruleGroup: 'enabled', rules: [] },
      keyPacks,
    },
  };
}

function sessionHost(host: string, settings: Partial<Pick<LiveSessionHost, 'licensingMode' | 'licenseServers' | 'ou' | 'connectionBroker'>>): LiveHost {
  return {
    host,
    sessionHost: {
      roleInstalled: true,
      licensingMode: { local: 'perDevice', policy: null, effective: 'perDevice', source: 'local' },
      licenseServers: { local: ['lic01.corp'], policy: null, effective: ['lic01.corp'], source: 'local' },
      graceDaysLeft: 100,
      termService: { state: 'running' },
      activeSessions: 0,
      ...settings,
    },
  };
}

const POLICY: Pick<LiveSessionHost, 'licensingMode' | 'licenseServers'> = {
  licensingMode: { local: 'notConfigured', policy: 'perUser', effective: 'perUser', source: 'policy' },
  licenseServers: { local: [], policy: ['lic01.corp'], effective: ['lic01.corp'], source: 'policy' },
};

function exportOf(hosts: LiveHost[], gpos: LiveGpo[] = []): ReturnType<typeof buildExportedSpec> {
  const live: LiveState = { formatVersion: 1, hosts, gpos, errors: [] };
  return buildExportedSpec({ live, deployment: 'test', connection: { provider: 'lab', estate: './estate.yaml' }, unreadServers: [] });
}

describe('buildExportedSpec', () => {
  it('exports one key pack per (product, type, channel), with the programme each channel installs through', () => {
    const { spec, warnings, notes } = exportOf([
      server('lic01.corp', [
        { ...PACK, keyPackId: 1, type: 'perUser', channel: 'volume', total: 100 },
        { ...PACK, keyPackId: 2, type: 'perUser', channel: 'volume', total: 50 },
        { ...PACK, keyPackId: 3, type: 'perDevice', channel: 'retail', total: 20 },
        { ...PACK, keyPackId: 4, type: 'perDevice', channel: 'open', total: 10 },
        { ...PACK, keyPackId: 5, type: 'builtIn', channel: 'builtIn', total: 4294967295 },
        { ...PACK, keyPackId: 6, type: 'perUser', channel: 'concurrent', total: 5 },
        { keyPackId: 7, productVersionId: 9, type: 'perUser', channel: 'volume', total: 8, issued: 0, available: 8 },
      ]),
    ]);
    expect(spec.licenseServers?.[0]?.keyPacks).toEqual([
      { name: 'volume-2022-user', program: 'otherAgreement', agreementNumber: { env: 'RDS_VOLUME_2022_USER_AGREEMENT_NUMBER' }, product: 'windowsServer2022', type: 'perUser', quantity: 150 },
      { name: 'open-2022-device', program: 'open', licenseNumber: { env: 'RDS_OPEN_2022_DEVICE_LICENSE_NUMBER' }, authorizationNumber: { env: 'RDS_OPEN_2022_DEVICE_AUTHORIZATION_NUMBER' }, product: 'windowsServer2022', type: 'perDevice', quantity: 10 },
      { name: 'retail-2022-device', program: 'retail', retailKey: { env: 'RDS_RETAIL_2022_DEVICE_KEY' }, product: 'windowsServer2022', type: 'perDevice', quantity: 20 },
    ]);
    expect(notes).toContainEqual({
      path: ['licenseServers', 0, 'keyPacks'],
      lines: [
        'Installed, but not expressible in the spec:',
        '  5 Windows Server 2022 per-user licences (channel concurrent): no programme installs this channel',
        '  key pack 7: 8 licences, product version id 9, type perUser, channel volume: not counted by rdsctl',
      ],
    });
    expect(warnings).toEqual([
      'lic01.corp: 5 Windows Server 2022 per-user licences of channel concurrent cannot be declared; the first plan shows them as licences the spec does not declare (a refused removal)',
    ]);
  });

  it('names an external licence server as the lock host of a Windows estate that has none of its own', () => {
    const live: LiveState = {
      formatVersion: 1,
      hosts: [sessionHost('a1.corp', { licenseServers: { local: ['lic09.corp', 'lic02.corp'], policy: null, effective: ['lic09.corp', 'lic02.corp'], source: 'local' } })],
      gpos: [],
      errors: [],
    };
    const exported = buildExportedSpec({ live, deployment: 'test', connection: { provider: 'windows', transport: 'winrm' }, unreadServers: [] });
    expect(exported.spec.connection).toEqual({ provider: 'windows', transport: 'winrm', lockHost: 'lic02.corp' });
    expect(exported.notes).toContainEqual({ path: ['connection', 'lockHost'], lines: ['The estate has no licence server of its own, so apply keeps its lock here; any host every runner can reach will do.'] });
    const lab = exportOf([sessionHost('a1.corp', {})]);
    expect(lab.spec.connection).toEqual({ provider: 'lab', estate: './estate.yaml' });
  });

  it('writes a short name or an address of a declared server as that server, and declares unknown ones external', () => {
    const { spec } = exportOf([
      server('lic01.corp', [], ['10.0.0.1']),
      sessionHost('a1.corp', { licenseServers: { local: ['LIC01', 'lic09.corp'], policy: null, effective: ['LIC01', 'lic09.corp'], source: 'local' } }),
      sessionHost('a2.corp', { licenseServers: { local: ['10.0.0.1', 'lic09.corp'], policy: null, effective: ['10.0.0.1', 'lic09.corp'], source: 'local' } }),
    ]);
    expect(spec.sessionHostPools).toEqual([{ name: 'a-device', hosts: ['a[1:2].corp'], configuredBy: 'local', licensingMode: 'perDevice', licenseServers: ['lic01.corp', 'lic09.corp'] }]);
    expect(spec.externalLicenseServers).toEqual(['lic09.corp']);
  });

  it('puts a host configured by Group Policy in the pool of the GPO linked closest to its OU, or of the one GPO delivering its values', () => {
    const gpo = (name: string, links: string[], licenseServers = ['lic01.corp']): LiveGpo => ({ name, domain: 'corp', exists: true, links, licensingMode: 'perUser', licenseServers });
    const gpos = [gpo('Wide', ['OU=RDS,DC=corp']), gpo('Close', ['OU=Finance,OU=RDS,DC=corp']), gpo('Other', [], ['lic02.corp'])];
    const viaLic02: typeof POLICY = { ...POLICY, licenseServers: { local: [], policy: ['lic02.corp'], effective: ['lic02.corp'], source: 'policy' } };
    const { spec, warnings } = exportOf(
      [sessionHost('f1.corp', { ...POLICY, ou: 'OU=Finance,OU=RDS,DC=corp' }), sessionHost('o1.corp', viaLic02), sessionHost('u1.corp', { ...POLICY })],
      gpos,
    );
    expect(spec.sessionHostPools?.map((pool) => [pool.name, pool.hosts, pool.configuredBy])).toEqual([
      ['finance', ['f1.corp'], { gpo: 'Close' }],
      ['o', ['o1.corp'], { gpo: 'Other' }],
    ]);
    // Two GPOs deliver u1's values and its OU is unknown: which one configures it cannot be told.
    expect(warnings).toEqual(['left out u1.corp: its licensing settings come from Group Policy, from no GPO that was read (name it with --gpo NAME@DOMAIN)']);
  });

  it('puts the hosts of a broker that was read in its pool, with what it pushes, or left to it when it pushes none', () => {
    const broker = (host: string, connectionBroker: NonNullable<LiveHost['connectionBroker']>): LiveHost => ({ host, connectionBroker });
    const { spec, warnings } = exportOf([
      server('lic01.corp', []),
      broker('cb01.corp', { licensingMode: 'perUser', licenseServers: ['LIC01'], centralLicensing: true, sessionHosts: ['b1.corp', 'b2.corp'] }),
      broker('cb02.corp', { licensingMode: 'perDevice', licenseServers: ['lic01.corp'], centralLicensing: false, sessionHosts: ['c1.corp'] }),
      sessionHost('b1.corp', { connectionBroker: 'CB01.corp' }),
      sessionHost('b2.corp', { connectionBroker: 'cb01.corp' }),
      sessionHost('c1.corp', { connectionBroker: 'cb02.corp' }),
      sessionHost('d1.corp', { connectionBroker: 'cb09.corp' }),
    ]);
    expect(spec.sessionHostPools).toEqual([
      { name: 'b', hosts: ['b[1:2].corp'], configuredBy: { broker: 'cb01.corp' }, licensingMode: 'perUser', licenseServers: ['lic01.corp'] },
      { name: 'c', hosts: ['c1.corp'], configuredBy: { broker: 'cb02.corp', licensingOwner: 'broker' } },
      { name: 'd-device', hosts: ['d1.corp'], configuredBy: 'local', licensingMode: 'perDevice', licenseServers: ['lic01.corp'] },
    ]);
    expect(warnings).toContain(
      'the RD Connection Broker cb09.corp, whose deployment session hosts belong to, was not read: they are exported with their own settings, which the broker overrides (declare the broker in the spec and export with -f)',
    );
  });

  it('leaves out a host whose licensing mode a pool cannot declare', () => {
    const { spec, warnings } = exportOf([
      sessionHost('x1.corp', { licensingMode: { local: 'notConfigured', policy: null, effective: 'notConfigured', source: 'local' } }),
    ]);
    expect(spec.sessionHostPools).toBeUndefined();
    expect(warnings).toEqual(['left out x1.corp: its licensing mode is notConfigured, which a pool cannot declare (perUser or perDevice)']);
  });
});
