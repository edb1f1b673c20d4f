/**
 * Temporary per-device licences in the lab, end to end through the built CLI: a device's first
 * sign-in to a host whose licence server has no per-device CAL left gets one 90-day temporary
 * licence (recorded, never twice), a later sign-in is admitted on it, a dry run records nothing,
 * and a per-user client gets no temporary licence at all.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyExample, runCli } from './support/run-cli.js';

const HOST = 'rdsh01.corp.contoso.com';
const copies: string[] = [];
afterAll(() => copies.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

function scenario(name: string): { directory: string; spec: string } {
  const root = copyExample('broken');
  copies.push(root);
  const directory = path.join(root, name);
  return { directory, spec: path.join(directory, 'rds.yaml') };
}

interface Shown {
  hosts: { host: string; licenseServer?: { keyPacks: { keyPackId: number; channel: string; issued: number }[]; issuedLicenses?: { keyPackId: number; licenseId: number; issuedToComputer?: string; status: string; issuedAt?: string; expiresAt?: string }[] } }[];
}

describe('temporary per-device licences (lab)', () => {
  it('issues a first-time device one 90-day temporary licence, then admits it on that licence', async () => {
    const { directory, spec } = scenario('cals-exhausted');
    const connect = (...extra: string[]) => runCli(['lab', 'connect', '-f', spec, '--host', HOST, '--device', 'brand-new-07', ...extra], { cwd: directory });

    const dry = await connect('--dry-run');
    expect(dry.exitCode).toBe(0);
    expect(dry.stdout).toMatch(/^rdsh01\.corp\.contoso\.com, device brand-new-07: would be issued a temporary per-device licence by lic01\.corp\.contoso\.com, valid until \S+ \(a device's first sign-in; it gets no second one\)\.\n/);
    expect(dry.stdout).toContain('Dry run: no licence was issued.');

    const first = await connect();
    expect(first.exitCode).toBe(0);
    expect(first.stdout).toMatch(/^rdsh01\.corp\.contoso\.com, device brand-new-07: issued a temporary per-device licence by lic01\.corp\.contoso\.com/);

    const shown = JSON.parse((await runCli(['show', '-f', spec, '--json'], { cwd: directory })).stdout) as Shown;
    const server = shown.hosts.find((host) => host.licenseServer)!.licenseServer!;
    const licence = server.issuedLicenses!.find((entry) => entry.issuedToComputer === 'brand-new-07')!;
    expect(licence).toMatchObject({ keyPackId: 5, licenseId: 2, status: 'temporary' });
    expect(Date.parse(licence.expiresAt!) - Date.parse(licence.issuedAt!)).toBe(90 * 86_400_000);
    expect(server.keyPacks.find((pack) => pack.keyPackId === 5)).toMatchObject({ channel: 'temporary', issued: 2 });
    expect(server.keyPacks.find((pack) => pack.keyPackId === 4)).toMatchObject({ issued: 50 });

    const again = await connect();
    expect(again.exitCode).toBe(0);
    expect(again.stdout.split('\n')[0]).toBe(`${HOST}, device brand-new-07: admitted on its temporary per-device licence from lic01.corp.contoso.com, valid until ${licence.expiresAt}.`);
    const after = JSON.parse((await runCli(['show', '-f', spec, '--json'], { cwd: directory })).stdout) as Shown;
    expect(after.hosts.find((host) => host.licenseServer)!.licenseServer!.issuedLicenses!.filter((entry) => entry.issuedToComputer === 'brand-new-07')).toHaveLength(1);
  });

  it('refuses a device whose one temporary licence has expired, saying so', async () => {
    const { directory, spec } = scenario('cals-exhausted');
    const refused = await runCli(['lab', 'connect', '-f', spec, '--host', HOST, '--device', 'thin-client-51', '--dry-run'], { cwd: directory });
    expect(refused.exitCode).toBe(4);
    expect(refused.stdout).toContain("  - thin-client-51's temporary per-device licence from lic01.corp.contoso.com expired on 2026-09-01T08:00:00Z, and a device gets only one (event 1011)\n");
  });

  it('gives a per-user client no temporary licence: there is none', async () => {
    const { directory, spec } = scenario('license-server-not-activated');
    const refused = await runCli(['lab', 'connect', '-f', spec, '--host', HOST, '--user', 'newcomer', '--dry-run', '--json'], { cwd: directory });
    expect(refused.exitCode).toBe(4);
    expect((JSON.parse(refused.stdout) as { decision: string }).decision).toBe('refused');
    // These hosts license per user: a first-time device gets no temporary licence from them either.
    const device = await runCli(['lab', 'connect', '-f', spec, '--host', HOST, '--device', 'brand-new-07', '--dry-run', '--json'], { cwd: directory });
    expect(device.exitCode).toBe(4);
    expect((JSON.parse(device.stdout) as { decision: string }).decision).toBe('refused');
  });
});
