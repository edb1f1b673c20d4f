import { existsSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChangeIntent } from '../../model/change-intent.js';
import type { ApplyRequest } from '../provider.js';
import { createLabProvider } from './create-lab-provider.js';
import { createLabFixture, secretsByName, type LabFixture } from './fixtures/lab-test-fixture.js';

const LIC01 = 'lic01.corp.contoso.com';
const ADDRESS = `licenseServer[${LIC01}].keyPack[ea-2022-user]`;
const AGREEMENT_NUMBER = '7654321';

const intent: ChangeIntent = {
  id: '5b0f4a9e-0a57-4c1e-9a43-6f1f3c9e2a11',
  time: '2026-12-04T01:00:00.000Z',
  address: ADDRESS,
  user: 'alice',
  machine: 'runner-a',
  ciRunId: 'github:41',
  planDigest: 'sha256:abc',
};

function install(targetTotal: number, withIntent = true): ApplyRequest {
  return {
    target: { kind: 'host', host: LIC01 },
    operations: [
      {
        kind: 'installLicenses',
        group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' },
        program: 'enterpriseAgreement',
        targetTotal,
        plannedDelta: 50,
        secrets: { agreementNumber: { env: 'RDS_EA_NUMBER' } },
      },
    ],
    resolveSecret: secretsByName({ RDS_EA_NUMBER: AGREEMENT_NUMBER }),
    ...(withIntent ? { intent } : {}),
  };
}

const lines = (file: string): Record<string, unknown>[] =>
  readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);

describe('the lab intent ledger', () => {
  let fixture: LabFixture;
  afterEach(() => fixture?.remove());

  it('records an install: intent under the audit id before, outcome after, never the agreement number; nothing left unsettled', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider(fixture.options);
    expect(fixture.paths.ledger).toBe(join(fixture.directory, '.rdsctl', 'lab', 'contoso.ledger.jsonl'));
    expect((await provider.apply(install(250))).ok).toBe(true);
    expect(lines(fixture.paths.ledger)).toEqual([
      {
        time: intent.time,
        event: 'intent',
        id: intent.id,
        deployment: 'contoso',
        user: 'alice',
        machine: 'runner-a',
        ciRunId: 'github:41',
        planDigest: 'sha256:abc',
        address: ADDRESS,
        target: LIC01,
        operations: [{ kind: 'installLicenses', group: { product: 'windowsServer2022', type: 'perUser', channel: 'volume' }, program: 'enterpriseAgreement', targetTotal: 250 }],
      },
      {
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
        event: 'outcome',
        id: intent.id,
        deployment: 'contoso',
        address: ADDRESS,
        results: [{ kind: 'installLicenses', status: 'done', detail: 'installed 50 licences (Windows Server 2022, per user)' }],
      },
    ]);
    expect(readFileSync(fixture.paths.ledger, 'utf8')).not.toContain(AGREEMENT_NUMBER);
    expect(await provider.unsettledIntents?.({ hosts: [], gpos: [], errors: [] } as never)).toEqual([]);
  });

  it('an intent without outcome is unsettled for a new provider (another runner) until a run records what it observed', async () => {
    fixture = await createLabFixture();
    const runnerA = createLabProvider(fixture.options);
    expect((await runnerA.apply(install(250))).ok).toBe(true);
    // The run is killed between making the change and recording its outcome: cut the ledger back to the intent.
    writeFileSync(fixture.paths.ledger, `${readFileSync(fixture.paths.ledger, 'utf8').split('\n')[0]}\n`);

    const runnerB = createLabProvider(fixture.options);
    const live = await runnerB.read({ hosts: [LIC01], gpos: [], parallelism: 1 });
    expect(await runnerB.unsettledIntents?.(live)).toEqual([intent]);
    await runnerB.settleIntents?.([{ intent, observation: 'done (the estate matches the spec there)' }]);
    expect(lines(fixture.paths.ledger).at(-1)).toMatchObject({ event: 'observed', id: intent.id, address: ADDRESS, observation: 'done (the estate matches the spec there)' });
    expect(await createLabProvider(fixture.options).unsettledIntents?.(live)).toEqual([]);
  });

  it('changes that do not add up are not recorded; a direct call without an intent still is', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider(fixture.options);
    const firewall: ApplyRequest = { target: { kind: 'host', host: 'lic02.corp.contoso.com' }, operations: [{ kind: 'setFirewallRuleGroup', enabled: true }], resolveSecret: secretsByName({}) };
    expect((await provider.apply(firewall)).ok).toBe(true);
    expect(existsSync(fixture.paths.ledger)).toBe(false);
    expect((await provider.apply(install(250, false))).ok).toBe(true);
    expect(lines(fixture.paths.ledger).map((line) => [line.event, line.address])).toEqual([
      ['intent', LIC01],
      ['outcome', LIC01],
    ]);
  });

  it('a symbolic link in the ledger place refuses the change before it starts', async () => {
    fixture = await createLabFixture();
    const provider = createLabProvider(fixture.options);
    await provider.read({ hosts: [LIC01], gpos: [], parallelism: 1 });
    symlinkSync(join(fixture.directory, 'elsewhere.jsonl'), fixture.paths.ledger);
    expect(await provider.apply(install(250))).toEqual({
      ok: false,
      results: [],
      error: { code: 'LEDGER_UNWRITABLE', message: `the intent ledger ${fixture.paths.ledger} cannot be written (it is a symbolic link); nothing was changed`, step: 'ledger' },
    });
    const perUser = (await fixture.readLive()).hosts[0]?.licenseServer?.keyPacks.filter((pack) => pack.type === 'perUser' && pack.channel === 'volume');
    expect(perUser?.reduce((sum, pack) => sum + pack.total, 0)).toBe(200);
    expect(existsSync(join(fixture.directory, 'elsewhere.jsonl'))).toBe(false);
  });
});
