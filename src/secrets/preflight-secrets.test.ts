import { describe, expect, it } from 'vitest';
import type { Change } from '../model/change.js';
import type { KeyPackSecretRefs } from '../model/operation.js';
import type { Plan } from '../model/plan.js';
import { createSecretResolver } from './create-secret-resolver.js';
import { preflightSecrets } from './preflight-secrets.js';

function install(address: string, secrets: KeyPackSecretRefs, refused = false): Change {
  return {
    address,
    resource: 'licenseServer.keyPack',
    action: 'create',
    target: { kind: 'host', host: 'lic01.corp.contoso.com' },
    attributes: [{ name: 'quantity', before: null, after: 25 }],
    operations: [{ kind: 'installLicenses', group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' }, program: 'retail', targetTotal: 25, plannedDelta: 25, secrets }],
    dependsOn: [],
    needsSecrets: true,
    ...(refused ? { refused: { rule: 'keyPackRemoval' as const, policyKey: 'policy.allow.keyPackRemoval', message: 'refused' } } : {}),
  };
}

const planOf = (changes: Change[]): Plan => ({ changes }) as unknown as Plan;

describe('preflightSecrets', () => {
  it('lists every missing or malformed secret at once, never the values, and skips refused changes', async () => {
    const resolve = createSecretResolver('/nonexistent', { RETAIL_KEY: 'not-a-retail-code', EA: '1234567' });
    const plan = planOf([
      install('a', { retailKey: { env: 'RETAIL_KEY' } }),
      install('b', { agreementNumber: { env: 'EA' } }),
      install('c', { retailKey: { env: 'MISSING_KEY' } }),
      install('d', { retailKey: { env: 'ALSO_MISSING' } }, true),
    ]);
    const error = await preflightSecrets(plan, resolve).then(() => undefined, (reason: unknown) => reason);
    expect(error).toMatchObject({
      code: 'SECRETS_MISSING',
      message: '2 secrets that apply needs are missing or malformed; nothing was changed',
      diagnostics: [
        { code: 'SECRET_INVALID', summary: 'a retailKey: the retail licence code must be 25 letters or digits, without hyphens; the value given is not (it is not shown)', address: 'a' },
        { code: 'SECRET_UNAVAILABLE', summary: 'c retailKey: environment variable MISSING_KEY is not set', address: 'c' },
      ],
    });
    expect(JSON.stringify(error)).not.toContain('not-a-retail-code');
  });

  it('passes when every needed secret is there', async () => {
    await expect(preflightSecrets(planOf([install('b', { agreementNumber: { env: 'EA' } })]), createSecretResolver('/nonexistent', { EA: '1234567' }))).resolves.toBeUndefined();
  });
});
