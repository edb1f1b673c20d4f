/**
 * Directory changes from a session whose logon holds no credentials for the domain controller
 * (the second hop: key-based SSH, WinRM without delegation). The double refuses the WMI
 * directory methods there, and a credential-less ADSI bind, as Windows does; membership of
 * Terminal Server License Servers goes through ADSI with connection.directoryCredential.
 */
import { beforeAll, expect, it } from 'vitest';
import type { Operation, SecretResolver } from '../../src/model/operation.js';
import type { Provider } from '../../src/providers/provider.js';
import { createLocalProvider } from './local-provider.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, licenseServerState, type DoubleDirectory, type DoubleState } from './windows-double-fixtures.js';

const PASSWORD = 'S3cret!dir';
const USER = 'CORP\\rdsdir';
const GROUP = 'CN=Terminal Server License Servers,CN=Builtin,DC=corp,DC=contoso,DC=com';
const resolveSecret: SecretResolver = async (ref) => (ref.env === 'RDS_DIR_PASSWORD' ? PASSWORD : 'unused');
const toDomain: Operation[] = [{ kind: 'setDiscoveryScope', scope: 'domain' }];

function secondHopServer(name: string, directory: DoubleState = {}): DoubleState {
  return licenseServerState({
    server: { ServerRole: 0, InTslsGroup: false, Published: false },
    extra: {
      secondHop: true,
      directory: {
        accounts: { [USER]: { password: PASSWORD, mayAddMembers: true }, 'CORP\\helpdesk': { password: PASSWORD, mayAddMembers: false } },
        computers: { [name]: `CN=${name},OU=Servers,DC=corp,DC=contoso,DC=com` },
        groupMembers: ['CN=LIC99,OU=Servers,DC=corp,DC=contoso,DC=com'],
        ...directory,
      },
    },
  });
}

describeWindows('windows-apply-directory', ({ pwsh }) => {
  let double: DoubleDirectory;
  let withCredential: Provider;
  let withoutCredential: Provider;
  const credential = (user: string) => ({ directoryCredential: { user, password: { env: 'RDS_DIR_PASSWORD' } } });

  beforeAll(async () => {
    double = await createDoubleDirectory({
      'lic-hop.corp.contoso.com': secondHopServer('LIC-HOP'),
      'lic-manual.corp.contoso.com': secondHopServer('LIC-MANUAL'),
      'lic-denied.corp.contoso.com': secondHopServer('LIC-DENIED'),
      'lic-badpass.corp.contoso.com': secondHopServer('LIC-BADPASS', { accounts: { [USER]: { password: 'another', mayAddMembers: true } } }),
      'lic-nodc.corp.contoso.com': secondHopServer('LIC-NODC', { unreachable: true }),
      'lic-lost.corp.contoso.com': secondHopServer('LIC-LOST', { addDoesNotTake: true }),
    });
    withCredential = createLocalProvider(double, pwsh, credential(USER));
    withoutCredential = createLocalProvider(double, pwsh);
  }, 180_000);

  it('adds the server to Terminal Server License Servers through ADSI with the directory credential, then changes nothing', async () => {
    const host = 'lic-hop.corp.contoso.com';
    expect(await withCredential.apply({ target: { kind: 'host', host }, operations: toDomain, resolveSecret })).toEqual({
      ok: true,
      results: [{ kind: 'setDiscoveryScope', status: 'done', detail: `discovery scope workgroup -> domain; added to Terminal Server License Servers through ADSI as ${USER}` }],
    });
    expect(((await double.state(host)).directory as { groupMembers: string[] }).groupMembers).toEqual([
      'CN=LIC99,OU=Servers,DC=corp,DC=contoso,DC=com',
      'CN=LIC-HOP,OU=Servers,DC=corp,DC=contoso,DC=com',
    ]);
    expect(await withCredential.apply({ target: { kind: 'host', host }, operations: toDomain, resolveSecret })).toEqual({
      ok: true,
      results: [{ kind: 'setDiscoveryScope', status: 'noop', detail: 'discovery scope is already domain; already in Terminal Server License Servers' }],
    });
    const journal = await double.journal(host);
    expect(journal).toEqual([
      { command: 'Invoke-CimMethod', class: 'Win32_TSLicenseServer', method: 'ChangeRole', arguments: { ServerRole: 1 } },
      { command: 'ADSI', method: 'Add', group: GROUP, member: 'CN=LIC-HOP,OU=Servers,DC=corp,DC=contoso,DC=com', user: USER },
    ]);
    expect(JSON.stringify(journal)).not.toContain(PASSWORD);
  }, 180_000);

  it('without a directory credential changes the scope, leaves membership to the manual step and never calls AddLStoTSLSGroup', async () => {
    const host = 'lic-manual.corp.contoso.com';
    expect(await withoutCredential.apply({ target: { kind: 'host', host }, operations: toDomain, resolveSecret })).toEqual({
      ok: true,
      results: [{ kind: 'setDiscoveryScope', status: 'done', detail: 'discovery scope workgroup -> domain; Terminal Server License Servers membership is a manual step (no connection.directoryCredential)' }],
    });
    expect(await double.journal(host)).toEqual([{ command: 'Invoke-CimMethod', class: 'Win32_TSLicenseServer', method: 'ChangeRole', arguments: { ServerRole: 1 } }]);
  }, 180_000);

  it('reports access denied, a refused credential, an unreachable domain controller and an add that did not take as their own failures, without the password', async () => {
    const apply = (provider: Provider, host: string) => provider.apply({ target: { kind: 'host', host }, operations: toDomain, resolveSecret });
    const [denied, badPassword, noDc, lost] = await Promise.all([
      apply(createLocalProvider(double, pwsh, credential('CORP\\helpdesk')), 'lic-denied.corp.contoso.com'),
      apply(withCredential, 'lic-badpass.corp.contoso.com'),
      apply(withCredential, 'lic-nodc.corp.contoso.com'),
      apply(withCredential, 'lic-lost.corp.contoso.com'),
    ]);
    expect([denied.error, badPassword.error, noDc.error, lost.error]).toEqual([
      { code: 'ACCESS_DENIED', step: 'set-discovery-scope', windowsCode: '0x80070005', message: 'the directory account CORP\\helpdesk may not add members to Terminal Server License Servers (S-1-5-32-561): Access is denied.' },
      { code: 'DIRECTORY_AUTH_FAILED', step: 'set-discovery-scope', windowsCode: '0x8007052E', message: `a domain controller of corp.contoso.com refused the directory credential of ${USER}: The user name or password is incorrect.` },
      { code: 'DIRECTORY_UNREACHABLE', step: 'set-discovery-scope', windowsCode: '0x8007203A', message: 'no domain controller of corp.contoso.com could be reached from this host: The server is not operational.' },
      { code: 'NOT_CONVERGED', step: 'set-discovery-scope', message: `CN=LIC-LOST,OU=Servers,DC=corp,DC=contoso,DC=com is not among the members of ${GROUP} after adding it` },
    ]);
    expect(JSON.stringify([denied, badPassword, noDc, lost])).not.toContain(PASSWORD);
  }, 180_000);

  it('never calls PublishLS: publication is a manual step', async () => {
    const host = 'lic-manual.corp.contoso.com';
    const response = await withCredential.apply({ target: { kind: 'host', host }, operations: [{ kind: 'setPublishedInAD', published: true }], resolveSecret });
    expect(response.error).toEqual({
      code: 'MANUAL_STEP',
      step: 'set-published-in-ad',
      message: 'publishing a licence server in AD is a manual step on Windows: PublishLS writes the directory as the caller, whose remoting credentials do not reach a domain controller; follow the steps rdsctl plan shows (docs/windows.md, "Directory changes")',
    });
    expect((await double.journal(host)).filter((entry) => entry.method === 'PublishLS')).toEqual([]);
  }, 180_000);
});
