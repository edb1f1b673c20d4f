import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { acquireFileLock } from '../lock/file-lock.js';
import { labEstatePaths } from '../providers/lab/lab-estate-files.js';
import { createPulumiFixture, installedLicences } from './fixtures/pulumi-fixture.js';
import * as runtime from './provider-runtime.js';
import type { ResourceOutputs } from './resource-inputs.js';

const LIC01_USER = 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user]';
const LIC01_DEVICE = 'licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-device]';
const LIC02_FIREWALL = 'licenseServer[lic02.corp.contoso.com].firewall';
const KIOSK03 = 'sessionHost[kiosk03.corp.contoso.com]';

afterEach(async () => {
  await runtime.endOperation();
});

describe('dynamic provider methods against a lab estate', () => {
  it('create converges the address; a diff afterwards shows no changes', async () => {
    const fixture = createPulumiFixture();
    const inputs = fixture.input(LIC01_USER);
    expect((await runtime.diff(LIC01_USER, inputs as ResourceOutputs, inputs)).changes).toBe(true);

    const created = await runtime.create(inputs);
    expect(created.id).toBe(LIC01_USER);
    expect(created.outs.live).toMatchObject({ product: 'windowsServer2022', type: 'perUser', channel: 'volume', installed: 250, issued: 143 });
    expect(installedLicences(await fixture.readLive())['lic01.corp.contoso.com perUser']).toBe(250);

    await runtime.endOperation();
    expect(await runtime.diff(LIC01_USER, created.outs, inputs)).toEqual({ changes: false, replaces: [], stables: ['address', 'kind'], deleteBeforeReplace: false });
  });

  it('create settles what a killed run left in flight at its address, and leaves other addresses to a run that observes them', async () => {
    const fixture = createPulumiFixture();
    const { ledger } = labEstatePaths({ specDirectory: fixture.directory, deployment: 'contoso', estate: './estate.yaml' });
    const intent = (id: string, address: string) => ({ time: '2026-12-04T02:00:00.000Z', event: 'intent', id, deployment: 'contoso', user: 'ci', machine: 'runner-a', planDigest: 'sha256:00', address });
    const here = intent('7b2e9c41-5d3a-4f6b-9e8d-1a2b3c4d5e6f', LIC01_USER);
    const elsewhere = intent('0c9d8e7f-6a5b-4c3d-8e1f-2a3b4c5d6e7f', LIC02_FIREWALL);
    await mkdir(path.dirname(ledger), { recursive: true });
    await writeFile(ledger, `${JSON.stringify(here)}\n${JSON.stringify(elsewhere)}\n`);

    await runtime.create(fixture.input(LIC01_USER));
    const lines = (await readFile(ledger, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { id: string; event: string });
    const settledIds = lines.filter((line) => line.event !== 'intent').map((line) => line.id);
    expect([settledIds.includes(here.id), settledIds.includes(elsewhere.id)]).toEqual([true, false]);
    const audit = (await readFile(path.join(fixture.directory, '.rdsctl', 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(audit.filter((line) => line['event'] === 'observed')).toEqual([
      expect.objectContaining({ id: here.id, address: LIC01_USER, observation: 'still to do (licenses 200 → 250); this apply makes it' }),
    ]);
  });

  it('check runs rdsctl validation and names the file, line and path', async () => {
    const fixture = createPulumiFixture();
    const inputs = fixture.input(LIC01_USER);
    await fixture.editSpec((text) => text.replace('quantity: 250', 'quantity: many'));
    const result = await runtime.check(undefined, inputs);
    expect(result.failures).toHaveLength(1);
    expect(result.failures[0]?.property).toBe('spec');
    expect(result.failures[0]?.reason).toMatch(/rds\.yaml:\d+:\d+: licenseServers\[0\]\.keyPacks\[0\]\.quantity: /);

    const fine = createPulumiFixture();
    expect((await runtime.check(undefined, fine.input(LIC01_USER))).failures).toEqual([]);
    const unknown = { ...fine.input(LIC01_USER), address: 'licenseServer[lic01.corp.contoso.com].keyPack[nope]' };
    expect((await runtime.check(undefined, unknown)).failures).toEqual([{ property: 'address', reason: expect.stringContaining('is not managed by') }]);
  });

  it('update changes only the planned property', async () => {
    const fixture = createPulumiFixture();
    const everything = [...fixture.inputs().values()];
    const outputs = new Map<string, ResourceOutputs>();
    for (const inputs of everything) outputs.set(inputs.address, (await runtime.create(inputs)).outs);
    await runtime.endOperation();
    const before = await fixture.readLive();

    await fixture.editSpec((text) => text.replace('quantity: 250', 'quantity: 300'));
    const changed: string[] = [];
    for (const inputs of fixture.inputs().values()) {
      const diff = await runtime.diff(inputs.address, outputs.get(inputs.address)!, inputs);
      if (diff.changes) changed.push(inputs.address);
    }
    expect(changed).toEqual([LIC01_USER]);

    const updated = await runtime.update(LIC01_USER, outputs.get(LIC01_USER)!, fixture.input(LIC01_USER));
    expect(updated.outs.live).toMatchObject({ installed: 300 });
    const after = await fixture.readLive();
    const { hosts: hostsAfter, ...restAfter } = after;
    const { hosts: hostsBefore, ...restBefore } = before;
    expect(restAfter).toEqual(restBefore);
    const lic01 = (estate: typeof after) => estate.hosts.find((host) => host.host === 'lic01.corp.contoso.com');
    expect(hostsAfter.filter((host) => host.host !== 'lic01.corp.contoso.com')).toEqual(hostsBefore.filter((host) => host.host !== 'lic01.corp.contoso.com'));
    const { keyPacks: packsAfter, ...serverAfter } = lic01(after)!.licenseServer!;
    const { keyPacks: packsBefore, ...serverBefore } = lic01(before)!.licenseServer!;
    expect(serverAfter).toEqual(serverBefore);
    expect(packsAfter.filter((pack) => pack.type !== 'perUser')).toEqual(packsBefore.filter((pack) => pack.type !== 'perUser'));
    expect(installedLicences(after)['lic01.corp.contoso.com perUser']).toBe(300);
  });

  it('a re-run after a crash installs no licence twice', async () => {
    const fixture = createPulumiFixture();
    const inputs = fixture.input(LIC01_USER);
    await runtime.create(inputs);
    // The provider process died before Pulumi recorded the resource: the next `pulumi up` creates it again.
    await runtime.endOperation();
    const again = await runtime.create(inputs);
    expect(again.outs.live).toMatchObject({ installed: 250 });
    expect(installedLicences(await fixture.readLive())['lic01.corp.contoso.com perUser']).toBe(250);
    const audit = (await readFile(path.join(fixture.directory, '.rdsctl', 'audit.jsonl'), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
    expect(audit.filter((entry) => entry.address === LIC01_USER && entry.event === 'outcome').map((entry) => `${entry.outcome} ${entry.performed.join(';')}`)).toEqual(['applied installed 50 licences (Windows Server 2022, per user)']);
  });

  it('delete of a key pack is refused by the keyPackRemoval guard rail and changes nothing', async () => {
    const fixture = createPulumiFixture();
    const created = await runtime.create(fixture.input(LIC01_DEVICE));
    const before = await fixture.readLive();
    await expect(runtime.delete(LIC01_DEVICE, created.outs)).rejects.toThrow(
      `${LIC01_DEVICE}: refused by guard rail keyPackRemoval: removing installed licences cannot be undone without the agreement or retail code`,
    );
    await expect(runtime.delete(LIC01_DEVICE, created.outs)).rejects.toThrow('hint: set policy.allow.keyPackRemoval: true in the spec to allow it');
    expect(await fixture.readLive()).toEqual(before);
  });

  it('delete of a key pack removes its licences when the policy allows it', async () => {
    const fixture = createPulumiFixture();
    await fixture.editSpec((text) => text.replace('keyPackRemoval: false', 'keyPackRemoval: true'));
    const created = await runtime.create(fixture.input(LIC01_DEVICE));
    expect(installedLicences(await fixture.readLive())['lic01.corp.contoso.com perDevice']).toBe(50);
    await runtime.delete(LIC01_DEVICE, created.outs);
    expect(installedLicences(await fixture.readLive())['lic01.corp.contoso.com perDevice'] ?? 0).toBe(0);
  });

  it('delete of a session host, a GPO or a licence-server setting leaves the estate as it is', async () => {
    const fixture = createPulumiFixture();
    const outputs = [];
    for (const address of [KIOSK03, 'gpo[RDS Licensing - Finance]', LIC02_FIREWALL]) outputs.push((await runtime.create(fixture.input(address))).outs);
    const before = await fixture.readLive();
    for (const outs of outputs) await runtime.delete(outs.address, outs);
    expect(await fixture.readLive()).toEqual(before);
  });

  it('read reports the live values the CLI exports; an unreadable host is reported, not deleted', async () => {
    const fixture = createPulumiFixture();
    const inputs = fixture.input(LIC02_FIREWALL);
    const read = await runtime.read(LIC02_FIREWALL, inputs as ResourceOutputs);
    const live = await fixture.readLive();
    const lic02 = live.hosts.find((host) => host.host === 'lic02.corp.contoso.com');
    expect(read).toEqual({ id: LIC02_FIREWALL, props: { ...inputs, live: lic02?.licenseServer?.firewall }, inputs });
    expect(read.props.live).toMatchObject({ ruleGroup: 'disabled' });

    await runtime.endOperation();
    const estate = (await readFile(path.join(fixture.directory, 'estate.yaml'), 'utf8')).replace('  - host: lic02.corp.contoso.com\n', '  - host: lic02.corp.contoso.com\n    lab: { reachable: false }\n');
    const broken = createPulumiFixture();
    await writeFile(path.join(broken.directory, 'estate.yaml'), estate);
    const brokenInputs = broken.input(LIC02_FIREWALL);
    const message = /^licenseServer\[lic02\.corp\.contoso\.com\]\.firewall: lic02\.corp\.contoso\.com could not be read \(HOST_UNREACHABLE: .*\); its state is unknown, so nothing is changed and it is not treated as deleted/;
    await expect(runtime.read(LIC02_FIREWALL, brokenInputs as ResourceOutputs)).rejects.toThrow(message);
    await expect(runtime.diff(LIC02_FIREWALL, brokenInputs as ResourceOutputs, brokenInputs)).rejects.toThrow(message);
  });

  it('an import (importOnly) reads a matching address and refuses a drifted one without changing it', async () => {
    const fixture = createPulumiFixture();
    const matching = { ...fixture.input('licenseServer[lic01.corp.contoso.com].firewall'), importOnly: true };
    const adopted = await runtime.create(matching);
    const before = await fixture.readLive();
    expect(adopted.outs).toEqual((await runtime.read(matching.address, matching as ResourceOutputs)).props);
    expect(adopted.outs.live).toMatchObject({ ruleGroup: 'enabled' });
    await expect(runtime.create({ ...fixture.input(LIC02_FIREWALL), importOnly: true })).rejects.toThrow(
      `${LIC02_FIREWALL}: cannot import: the estate differs from the spec here (ruleGroup is "disabled", the spec wants "enabled"); nothing was changed`,
    );
    expect(await fixture.readLive()).toEqual(before);
    expect(existsSync(path.join(fixture.directory, '.rdsctl', 'audit.jsonl'))).toBe(false);
  });

  it('every create waits for the apply lock, and gives up after lockTimeoutSeconds', async () => {
    const fixture = createPulumiFixture('contoso', { lockTimeoutSeconds: 0.5 });
    const paths = labEstatePaths({ specDirectory: fixture.directory, deployment: 'contoso', estate: './estate.yaml' });
    const held = await acquireFileLock(paths, { operation: 'apply', deployment: 'contoso', specFile: 'rds.yaml' });
    const started = Date.now();
    await expect(runtime.create(fixture.input(LIC02_FIREWALL))).rejects.toThrow(/^licenseServer\[lic02.corp.contoso.com\].firewall: the apply lock of deployment contoso is held by .+ \(apply\) since \S+ after waiting \d+ ms\s/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    await held.release();

    // Pulumi runs operations in parallel: in one process they take the lock in turn.
    const results = await Promise.all([...fixture.inputs().values()].map((inputs) => runtime.create({ ...inputs, lockTimeoutSeconds: 30 })));
    expect(results).toHaveLength(fixture.inputs().size);
    expect(installedLicences(await fixture.readLive())).toMatchObject({ 'lic01.corp.contoso.com perUser': 250, 'lic02.corp.contoso.com perDevice': 25 });
  });
});
