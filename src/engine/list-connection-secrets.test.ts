import { describe, expect, it } from 'vitest';
import type { Change } from '../model/change.js';
import type { Plan } from '../model/plan.js';
import type { ConnectionSpec } from '../model/spec.js';
import { listConnectionSecrets } from './list-needed-secrets.js';

const ADDRESS = 'licenseServer[lic01.corp.contoso.com].discovery';
const connection: ConnectionSpec = { provider: 'windows', directoryCredential: { user: 'CORP\\rdsdir', password: { env: 'RDS_DIR_PASSWORD' } } };

function scopeChange(scope: 'domain' | 'workgroup', refused = false): Change {
  return {
    address: ADDRESS,
    resource: 'licenseServer.discovery',
    action: 'update',
    target: { kind: 'host', host: 'lic01.corp.contoso.com' },
    attributes: [{ name: 'scope', before: 'workgroup', after: scope }],
    operations: [{ kind: 'setDiscoveryScope', scope }],
    dependsOn: [],
    ...(refused ? { refused: { rule: 'manualStep' as const, message: 'by hand' } } : {}),
  };
}

const planOf = (provider: string, changes: Change[]): Plan => ({ provider, changes }) as unknown as Plan;

describe('listConnectionSecrets', () => {
  it('needs the directory password for a runnable domain or forest scope change on Windows', () => {
    expect(listConnectionSecrets(planOf('windows', [scopeChange('domain')]), connection)).toEqual([
      { address: ADDRESS, field: 'connection.directoryCredential.password', ref: { env: 'RDS_DIR_PASSWORD' } },
    ]);
  });

  it('needs nothing for a workgroup scope, a refused change, the lab, or a spec without the credential', () => {
    expect(listConnectionSecrets(planOf('windows', [scopeChange('workgroup')]), connection)).toEqual([]);
    expect(listConnectionSecrets(planOf('windows', [scopeChange('domain', true)]), connection)).toEqual([]);
    expect(listConnectionSecrets(planOf('lab', [scopeChange('domain')]), connection)).toEqual([]);
    expect(listConnectionSecrets(planOf('windows', [scopeChange('domain')]), { provider: 'windows' })).toEqual([]);
  });
});
