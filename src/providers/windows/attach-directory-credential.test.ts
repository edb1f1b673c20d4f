import { describe, expect, it } from 'vitest';
import type { SecretResolver } from '../../model/operation.js';
import type { ConnectionSpec } from '../../model/spec.js';
import { attachDirectoryCredential } from './attach-directory-credential.js';

const connection: ConnectionSpec = { provider: 'windows', directoryCredential: { user: 'CORP\\rdsdir', password: { env: 'RDS_DIR_PASSWORD' } } };

describe('attachDirectoryCredential', () => {
  it('resolves the password once, attaches it to the domain and forest scope changes only, and adds it to the secrets to scrub', async () => {
    const asked: string[] = [];
    const resolveSecret: SecretResolver = async (ref, purpose) => (asked.push(`${ref.env} ${purpose}`), 'pa55');
    const resolved = await attachDirectoryCredential(
      { operations: [{ kind: 'setDiscoveryScope', scope: 'domain' }, { kind: 'setFirewallRuleGroup', enabled: true }, { kind: 'setDiscoveryScope', scope: 'workgroup' }], secrets: ['1234567'] },
      connection,
      resolveSecret,
      'lic01.corp.contoso.com',
    );
    expect(resolved).toEqual({
      operations: [
        { kind: 'setDiscoveryScope', scope: 'domain', directoryCredential: { user: 'CORP\\rdsdir', password: 'pa55' } },
        { kind: 'setFirewallRuleGroup', enabled: true },
        { kind: 'setDiscoveryScope', scope: 'workgroup' },
      ],
      secrets: ['1234567', 'pa55'],
    });
    expect(asked).toEqual(['RDS_DIR_PASSWORD connection.directoryCredential.password, for adding lic01.corp.contoso.com to Terminal Server License Servers']);
  });

  it('resolves nothing when no operation needs the directory, or the spec names no credential', async () => {
    const resolveSecret: SecretResolver = async () => {
      throw new Error('not to be resolved');
    };
    const firewall = { operations: [{ kind: 'setFirewallRuleGroup' as const, enabled: true }], secrets: [] };
    expect(await attachDirectoryCredential(firewall, connection, resolveSecret, 'lic01')).toBe(firewall);
    const domain = { operations: [{ kind: 'setDiscoveryScope' as const, scope: 'domain' as const }], secrets: [] };
    expect(await attachDirectoryCredential(domain, { provider: 'windows' }, resolveSecret, 'lic01')).toBe(domain);
  });
});
