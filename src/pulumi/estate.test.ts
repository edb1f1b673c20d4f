import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as pulumi from '@pulumi/pulumi';
import { beforeAll, describe, expect, it } from 'vitest';
import { copyExample } from '../../test/support/run-cli.js';

interface Registered {
  type: string;
  name: string;
  inputs: Record<string, unknown>;
  dependencies: string[];
  parent: string;
  secretPaths: string[];
}

const registered: Registered[] = [];

beforeAll(async () => {
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => ({ id: args.inputs.address ?? `${args.name}-id`, state: { ...args.inputs, live: { mocked: true } } }),
      call: () => ({}),
    },
    'estate-test',
    'dev',
  );
  const monitor = pulumi.runtime.getMonitor() as unknown as { registerResource(request: any, callback: any): void };
  const original = monitor.registerResource.bind(monitor);
  monitor.registerResource = (request, callback) => {
    const object = request.getObject()?.toJavaScript() ?? {};
    registered.push({
      type: request.getType(),
      name: request.getName(),
      inputs: object,
      dependencies: request.getDependenciesList(),
      parent: request.getParent(),
      secretPaths: findSecrets(object),
    });
    original(request, callback);
  };
});

const SECRET_SIG = '1b47061264138c4ac30d75fd1eb44270';

function findSecrets(value: unknown, at = ''): string[] {
  if (value === null || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  if (record['4dabf18193072939515e22adb298388d'] === SECRET_SIG) return [at];
  return Object.entries(record).flatMap(([key, entry]) => findSecrets(entry, at === '' ? key : `${at}.${key}`));
}

function urnOf(resource: pulumi.Resource): Promise<string> {
  return new Promise((resolve) => resource.urn.apply(resolve));
}

describe('rds.Estate under pulumi.runtime.setMocks', () => {
  it('registers one child per managed address, named by the address, with the spec and secret references', async () => {
    const { Estate } = await import('./estate.js');
    const directory = copyExample('contoso');
    const specFile = path.join(directory, 'rds.yaml');
    const estate = new Estate('contoso', { spec: specFile, lockTimeoutSeconds: 120 });
    const urn = await urnOf(estate.resources['licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]']!);
    expect(urn).toBe('urn:pulumi:dev::estate-test::rdsctl:index:Estate$pulumi-nodejs:dynamic/rdsctl:KeyPack::licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]');
    const live = await new Promise((resolve) => estate.live.apply(resolve));
    expect(Object.keys(live as object)).toHaveLength(Object.keys(estate.resources).length);

    const children = registered.filter((entry) => entry.type.startsWith('pulumi-nodejs:dynamic/rdsctl:'));
    // Registration order follows dependencies, so compare as sets.
    expect(children.map((entry) => `${entry.type.replace('pulumi-nodejs:dynamic/rdsctl:', '')} ${entry.name}`).sort()).toEqual([
      'Gpo gpo[RDS Licensing - Finance]',
      'GpoLink gpo[RDS Licensing - Finance].link[OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com]',
      'LicenseServerService licenseServer[lic01.corp.contoso.com].service',
      'LicenseServerFirewall licenseServer[lic01.corp.contoso.com].firewall',
      'LicenseServerActivation licenseServer[lic01.corp.contoso.com].activation',
      'LicenseServerDiscovery licenseServer[lic01.corp.contoso.com].discovery',
      'KeyPack licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]',
      'KeyPack licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-device]',
      'LicenseServerService licenseServer[lic02.corp.contoso.com].service',
      'LicenseServerFirewall licenseServer[lic02.corp.contoso.com].firewall',
      'LicenseServerActivation licenseServer[lic02.corp.contoso.com].activation',
      'LicenseServerDiscovery licenseServer[lic02.corp.contoso.com].discovery',
      'KeyPack licenseServer[lic02.corp.contoso.com].keyPack[ea-2022-user]',
      'KeyPack licenseServer[lic02.corp.contoso.com].keyPack[ea-2022-device]',
      ...Array.from({ length: 12 }, (_, i) => `SessionHostLicensing sessionHost[rdsh${String(i + 1).padStart(2, '0')}.corp.contoso.com]`),
      'SessionHostLicensing sessionHost[kiosk01.corp.contoso.com]',
      'SessionHostLicensing sessionHost[kiosk02.corp.contoso.com]',
      'SessionHostLicensing sessionHost[kiosk03.corp.contoso.com]',
    ].sort());
    const estateUrn = await urnOf(estate);
    expect(new Set(children.map((entry) => entry.parent))).toEqual(new Set([estateUrn]));

    const keyPack = children.find((entry) => entry.name === 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]')!;
    expect(keyPack.secretPaths).toEqual(['desired.agreementNumber']);
    expect(keyPack.inputs).toMatchObject({
      address: 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]',
      kind: 'licenseServer.keyPack',
      spec: { file: specFile },
      lockTimeoutSeconds: 120,
      parallelism: 10,
      desired: {
        host: 'lic01.corp.contoso.com',
        name: 'ea-2022-user',
        program: 'enterpriseAgreement',
        product: 'windowsServer2022',
        type: 'perUser',
        quantity: 250,
        agreementNumber: { value: { file: './secrets/lab-agreement-number.txt' } },
      },
    });
    expect(typeof keyPack.inputs.__provider).toBe('string');
    // The secret file's value (the lab's agreement number) is in no input, provider included.
    expect(readFileSync(path.join(directory, 'secrets', 'lab-agreement-number.txt'), 'utf8').trim()).toBe('1234567');
    expect(JSON.stringify(children)).not.toContain('1234567');
    const kiosk = children.find((entry) => entry.name === 'sessionHost[kiosk03.corp.contoso.com]')!;
    expect(kiosk.inputs.desired).toEqual({ host: 'kiosk03.corp.contoso.com', pool: 'kiosks', os: 'windowsServer2022', kind: 'local', licensingMode: 'perDevice', licenseServers: ['lic02.corp.contoso.com', 'lic01.corp.contoso.com'] });
    expect(kiosk.secretPaths).toEqual([]);

    const urnByAddress = new Map(await Promise.all(Object.entries(estate.resources).map(async ([address, child]) => [await urnOf(child), address] as const)));
    const dependenciesOf = (name: string): string[] => children.find((entry) => entry.name === name)!.dependencies.map((dependency) => urnByAddress.get(dependency) ?? dependency).sort();
    expect(dependenciesOf('licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]')).toEqual([
      'licenseServer[lic01.corp.contoso.com].activation',
      'licenseServer[lic01.corp.contoso.com].service',
    ]);
    expect(dependenciesOf('licenseServer[lic01.corp.contoso.com].activation')).toEqual(['licenseServer[lic01.corp.contoso.com].firewall', 'licenseServer[lic01.corp.contoso.com].service']);
    expect(dependenciesOf('sessionHost[rdsh07.corp.contoso.com]')).toEqual(['gpo[RDS Licensing - Finance]']);
    expect(dependenciesOf('gpo[RDS Licensing - Finance].link[OU=Finance,OU=RDS,DC=corp,DC=contoso,DC=com]')).toEqual(['gpo[RDS Licensing - Finance]']);
    expect(dependenciesOf('sessionHost[kiosk01.corp.contoso.com]')).toEqual([]);
  });

  it('refuses an invalid spec with rdsctl\'s message, naming file and line', async () => {
    const { Estate } = await import('./estate.js');
    expect(() => new Estate('broken', { spec: { apiVersion: 'rdsctl/v1', deployment: 'x' } as never })).toThrow(/^rds\.Estate broken: .*\n {2}<inline spec>:\d+:\d+: /);
  });
});
