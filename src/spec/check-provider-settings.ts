/**
 * A connection must be able to work with its provider and transport: SSH remoting logs in with
 * a user and a key file (never a password), WinRM takes a user and a password together or the
 * current Windows identity, and settings a provider or transport never reads are mistakes, not
 * harmless extras (docs/windows.md "Transports"). A Windows estate keeps its apply lock on a
 * licence server of the spec, or on `connection.lockHost` when it declares none (docs/locking.md).
 */
import type { Diagnostic } from '../model/diagnostic.js';
import type { ConnectionSpec } from '../model/spec.js';
import { makeReferenceError, type ReferenceContext } from './reference-diagnostic.js';

type ConnectionKey = keyof ConnectionSpec;

const WINDOWS_ONLY: readonly ConnectionKey[] = ['transport', 'user', 'password', 'keyFile', 'knownHostsFile', 'port', 'gpoManagementHost', 'lockHost', 'timeoutSeconds', 'remotePowerShell', 'connectTimeoutSeconds', 'useSsl', 'directoryCredential'];
const REMOTE_ONLY: readonly ConnectionKey[] = ['user', 'password', 'keyFile', 'knownHostsFile', 'port'];

export function checkProviderSettings(context: ReferenceContext): Diagnostic[] {
  const connection = context.spec.connection;
  const missing = (key: ConnectionKey, summary: string, hint: string): Diagnostic =>
    makeReferenceError({ at: { ...context.locate(['connection']), path: `connection.${key}` }, summary, hint });
  const unused = (keys: readonly ConnectionKey[], why: string): Diagnostic[] =>
    keys
      .filter((key) => connection[key] !== undefined)
      .map((key) => makeReferenceError({ at: context.locate(['connection', key]), summary: `connection.${key} ${why}`, hint: `remove connection.${key}` }));

  if (connection.provider === 'lab') return unused(WINDOWS_ONLY, 'is not used by the lab provider');
  const diagnostics = unused(['estate'], 'is only used by the lab provider');
  if ((context.spec.gpos ?? []).length > 0 && connection.gpoManagementHost === undefined) {
    diagnostics.push(
      missing('gpoManagementHost', 'the spec declares GPOs, so the windows provider needs connection.gpoManagementHost, where GPOs are read and written', 'set connection.gpoManagementHost to a host with the GroupPolicy module (RSAT), such as a domain controller'),
    );
  }
  if ((context.spec.licenseServers ?? []).length === 0 && connection.lockHost === undefined) {
    diagnostics.push(
      missing('lockHost', 'the spec declares no licence server of its own, so the windows provider needs connection.lockHost, the host that keeps the apply lock', 'set connection.lockHost to a host every runner can reach, such as one of the external licence servers'),
    );
  }
  const transport = connection.transport ?? 'ssh';
  const sshOnly: readonly ConnectionKey[] = ['remotePowerShell', 'connectTimeoutSeconds'];
  if (transport !== 'ssh') diagnostics.push(...unused(sshOnly, 'is only used by the ssh transport'));
  if (transport !== 'winrm') diagnostics.push(...unused(['useSsl'], 'is only used by the winrm transport'));
  if (transport === 'local') return [...diagnostics, ...unused(REMOTE_ONLY, 'is not used by the local transport')];
  if (transport === 'ssh') {
    // Plain OpenSSH honours ~/.ssh/config, agent and default keys: user and keyFile may come from there.
    diagnostics.push(...unused(['password'], 'is not used by the ssh transport, which logs in with keys (connection.keyFile, the agent or ~/.ssh/config)'));
    return diagnostics;
  }
  if (transport === 'psrp-ssh') {
    if (connection.user === undefined) {
      diagnostics.push(missing('user', 'the psrp-ssh transport needs connection.user, the account rdsctl logs in as', 'set connection.user to a local administrator of the hosts (domain accounts as user@domain)'));
    }
    if (connection.keyFile === undefined) {
      diagnostics.push(missing('keyFile', 'the psrp-ssh transport needs connection.keyFile: SSH remoting logs in with a key, never a password', "set connection.keyFile to the private key whose public key is in the account's authorized_keys"));
    }
    diagnostics.push(...unused(['password'], 'is not used by the psrp-ssh transport, which logs in with connection.keyFile'));
    return diagnostics;
  }
  diagnostics.push(...unused(['keyFile', 'knownHostsFile'], 'is only used by the ssh and psrp-ssh transports'));
  if (connection.user !== undefined && connection.password === undefined) {
    diagnostics.push(missing('password', 'connection.user is set, so the winrm transport needs connection.password as well', 'set connection.password to { env: NAME } or { file: PATH }, or remove connection.user to use the current Windows identity'));
  }
  if (connection.password !== undefined && connection.user === undefined) {
    diagnostics.push(missing('user', 'connection.password is set, so the winrm transport needs connection.user as well', 'set connection.user, or remove connection.password to use the current Windows identity'));
  }
  return diagnostics;
}
