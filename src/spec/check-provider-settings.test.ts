import { describe, expect, it } from 'vitest';
import { BASE_SPEC, editSpec } from './fixtures/base-spec.js';
import { collectProblems } from './fixtures/collect-problems.js';

const F = 'specs/rds.yaml';
const LAB = 'connection:\n  provider: lab\n  estate: ./estate.yaml\n';
const withConnection = (lines: string): string => editSpec([LAB, `connection:\n${lines}${lines.includes('provider: windows') ? '  gpoManagementHost: dc01.corp.contoso.com\n' : ''}`]);

describe('checkProviderSettings', () => {
  it('accepts the lab example and complete windows connections', () => {
    expect(collectProblems(BASE_SPEC)).toEqual([]);
    expect(collectProblems(withConnection('  provider: windows\n  user: rdsadmin\n  keyFile: ./id_ed25519\n  knownHostsFile: ./known_hosts\n'))).toEqual([]);
    expect(collectProblems(withConnection('  provider: windows\n  transport: winrm\n'))).toEqual([]);
    expect(collectProblems(withConnection('  provider: windows\n  transport: winrm\n  user: rdsadmin\n  password: { env: RDS_PASSWORD }\n'))).toEqual([]);
    expect(collectProblems(withConnection('  provider: windows\n  transport: local\n'))).toEqual([]);
  });

  it('names the keys a PowerShell-remoting-over-SSH connection lacks', () => {
    expect(collectProblems(withConnection('  provider: windows\n  transport: psrp-ssh\n'))).toEqual([
      `${F}:4:3: connection.user: the psrp-ssh transport needs connection.user, the account rdsctl logs in as`,
      `${F}:4:3: connection.keyFile: the psrp-ssh transport needs connection.keyFile: SSH remoting logs in with a key, never a password`,
    ]);
  });

  it('lets the plain ssh transport take user and key from the OpenSSH configuration', () => {
    expect(collectProblems(withConnection('  provider: windows\n'))).toEqual([]);
    expect(collectProblems(withConnection('  provider: windows\n  transport: winrm\n  remotePowerShell: pwsh\n'))).toEqual([
      `${F}:6:21: connection.remotePowerShell: connection.remotePowerShell is only used by the ssh transport`,
    ]);
  });

  it('needs a GPO management host for a spec with GPOs', () => {
    expect(collectProblems(editSpec([LAB, 'connection:\n  provider: windows\n  transport: winrm\n']))).toEqual([
      `${F}:4:3: connection.gpoManagementHost: the spec declares GPOs, so the windows provider needs connection.gpoManagementHost, where GPOs are read and written`,
    ]);
  });

  it('refuses a password over SSH and a user without a password over WinRM', () => {
    expect(collectProblems(withConnection('  provider: windows\n  user: a\n  keyFile: k\n  password: { env: P }\n'))).toEqual([
      `${F}:7:13: connection.password: connection.password is not used by the ssh transport, which logs in with keys (connection.keyFile, the agent or ~/.ssh/config)`,
    ]);
    expect(collectProblems(withConnection('  provider: windows\n  transport: winrm\n  user: a\n  keyFile: k\n'))).toEqual([
      `${F}:4:3: connection.password: connection.user is set, so the winrm transport needs connection.password as well`,
      `${F}:7:12: connection.keyFile: connection.keyFile is only used by the ssh and psrp-ssh transports`,
    ]);
  });

  it('refuses settings the provider or transport never reads', () => {
    expect(collectProblems(withConnection('  provider: lab\n  estate: ./estate.yaml\n  user: a\n'))).toEqual([`${F}:6:9: connection.user: connection.user is not used by the lab provider`]);
    expect(collectProblems(withConnection('  provider: windows\n  transport: local\n  estate: ./e.yaml\n  port: 22\n'))).toEqual([
      `${F}:6:11: connection.estate: connection.estate is only used by the lab provider`,
      `${F}:7:9: connection.port: connection.port is not used by the local transport`,
    ]);
  });

  it('needs a lock host when the spec declares only external licence servers, and takes it from there', () => {
    const externalOnly = (extra: string): string =>
      [
        'apiVersion: rdsctl/v1',
        'deployment: kiosks',
        'connection:',
        '  provider: windows',
        '  transport: winrm',
        extra,
        'externalLicenseServers: [lic01.corp.contoso.com]',
        'sessionHostPools:',
        '  - name: kiosks',
        '    hosts: [kiosk01.corp.contoso.com]',
        '    os: windowsServer2022',
        '    configuredBy: local',
        '    licensingMode: perDevice',
        '    licenseServers: [lic01.corp.contoso.com]',
        '',
      ].filter(Boolean).join('\n');
    expect(collectProblems(externalOnly(''))).toEqual([
      `${F}:4:3: connection.lockHost: the spec declares no licence server of its own, so the windows provider needs connection.lockHost, the host that keeps the apply lock`,
    ]);
    expect(collectProblems(externalOnly('  lockHost: lic01.corp.contoso.com'))).toEqual([]);
    expect(collectProblems(withConnection('  provider: lab\n  estate: ./estate.yaml\n  lockHost: lic01\n'))).toEqual([`${F}:6:13: connection.lockHost: connection.lockHost is not used by the lab provider`]);
  });

  it('takes useSsl over WinRM only', () => {
    expect(collectProblems(withConnection('  provider: windows\n  transport: winrm\n  useSsl: true\n  port: 5986\n'))).toEqual([]);
    expect(collectProblems(withConnection('  provider: windows\n  useSsl: true\n'))).toEqual([
      `${F}:5:11: connection.useSsl: connection.useSsl is only used by the winrm transport`,
    ]);
  });

  it('takes a directory credential on the windows provider only, with a user and a secret reference', () => {
    expect(collectProblems(withConnection('  provider: windows\n  directoryCredential: { user: CORP\\rdsdir, password: { env: RDS_DIR_PASSWORD } }\n'))).toEqual([]);
    expect(collectProblems(withConnection('  provider: lab\n  estate: ./estate.yaml\n  directoryCredential: { user: a, password: { env: P } }\n'))).toEqual([
      `${F}:6:24: connection.directoryCredential: connection.directoryCredential is not used by the lab provider`,
    ]);
  });
});
