import { describe, expect, it } from 'vitest';
import type { Operation } from '../model/operation.js';
import { resolveOperationSecrets } from '../providers/windows/resolve-operation-secrets.js';
import { describeSecretShapeProblem } from './secret-shapes.js';

const SSH_KEY = '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQ\n-----END OPENSSH PRIVATE KEY-----';

function install(secrets: Extract<Operation, { kind: 'installLicenses' }>['secrets']): Operation {
  return { kind: 'installLicenses', group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' }, program: 'enterpriseAgreement', targetTotal: 10, plannedDelta: 10, secrets };
}

describe('secret shapes', () => {
  it.each([
    ['agreementNumber', '1234567', undefined],
    ['agreementNumber', '123456', 'the agreement number must be 7 digits; the value given is not (it is not shown)'],
    ['agreementNumber', SSH_KEY, 'the agreement number must be 7 digits; the value given is not (it is not shown)'],
    ['licenseNumber', '12345678', undefined],
    ['licenseNumber', '1234567a', 'the Open licence number must be 8 digits; the value given is not (it is not shown)'],
    ['authorizationNumber', 'ABCDE12345FGHIJ', undefined],
    ['authorizationNumber', 'ABCDE-12345-FGHIJ', 'the Open authorisation number must be 15 letters or digits, without hyphens; the value given is not (it is not shown)'],
    ['retailKey', 'ABCDE12345FGHIJ12345KLMNO', undefined],
    ['retailKey', 'ABCDE-12345-FGHIJ-12345-KLMNO', 'the retail licence code must be 25 letters or digits, without hyphens; the value given is not (it is not shown)'],
  ] as const)('%s %j', (key, value, problem) => {
    expect(describeSecretShapeProblem(key, value)).toBe(problem);
  });

  it('the Windows provider refuses a malformed secret before anything is sent, without showing it', async () => {
    const attempt = resolveOperationSecrets([install({ agreementNumber: { file: './id_ed25519' } })], () => Promise.resolve(SSH_KEY), 'lic01.corp.contoso.com');
    await expect(attempt).rejects.toThrow(
      'the agreement number must be 7 digits; the value given is not (it is not shown), for installing licences on lic01.corp.contoso.com',
    );
    const error = (await attempt.catch((caught: unknown) => caught)) as Error;
    expect(JSON.stringify({ ...error, text: error.message })).not.toContain('OPENSSH');
  });

  it('the Windows provider passes a well-formed secret on', async () => {
    const resolved = await resolveOperationSecrets([install({ agreementNumber: { env: 'EA' } })], () => Promise.resolve('7654321'), 'lic01');
    expect(resolved.secrets).toEqual(['7654321']);
  });
});
