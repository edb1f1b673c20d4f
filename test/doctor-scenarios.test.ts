/**
 * Every estate in examples/broken, end to end through the built CLI: the simulator refuses a
 * connection with the exact message, doctor names the right root cause, and after applying the
 * fixed spec (where the fix can be automated) the simulator issues a CAL and doctor reports
 * nothing at error or above. For the manual causes, doctor's fix is the manual step.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyExample, runCli } from './support/run-cli.js';

const REFUSAL = 'The remote session was disconnected because there are no Remote Desktop client access licenses available for this computer.';
const HOST = 'rdsh01.corp.contoso.com';

interface Scenario {
  name: string;
  root: string;
  client: [string, string];
  /** Expected text of the manual fix when apply cannot fix it. */
  manual?: RegExp;
}

const SCENARIOS: Scenario[] = [
  { name: 'grace-expired-no-server', root: 'RDSL-NO-LICENSE-SERVER', client: ['--user', 'alice'] },
  { name: 'license-server-not-activated', root: 'RDSL-LS-NOT-ACTIVATED', client: ['--user', 'alice'] },
  { name: 'no-cals-installed', root: 'RDSL-NO-KEYPACKS', client: ['--user', 'alice'] },
  { name: 'mode-mismatch', root: 'RDSL-CAL-TYPE-MISMATCH', client: ['--device', 'thin-client-07'] },
  { name: 'cals-exhausted', root: 'RDSL-CALS-EXHAUSTED', client: ['--device', 'thin-client-51'], manual: /^buy more per-device CALs .* and install them on lic01\.corp\.contoso\.com$/ },
  { name: 'firewall-blocks-license-server', root: 'RDSL-FIREWALL-DISABLED', client: ['--user', 'alice'] },
  { name: 'license-service-stopped', root: 'RDSL-LS-SERVICE-STOPPED', client: ['--user', 'alice'] },
  { name: 'dns-failure', root: 'RDSL-DNS-FAILURE', client: ['--user', 'alice'], manual: /^fix the DNS record of lic01\.corp\.contoso\.com: nslookup lic01\.corp\.contoso\.com on a session host must return its address \(10\.0\.0\.11\)$/ },
  { name: 'wrong-cal-version', root: 'RDSL-CAL-VERSION-OLD', client: ['--user', 'alice'] },
  { name: 'gpo-overrides-local', root: 'RDSL-POLICY-OVERRIDES-LOCAL', client: ['--device', 'thin-client-07'] },
  { name: 'hosts-use-another-server', root: 'RDSL-LICENSE-SERVERS-DIFFER', client: ['--user', 'alice'] },
  { name: 'two-causes-at-once', root: 'RDSL-LICENSE-SERVERS-DIFFER', client: ['--user', 'alice'] },
  { name: 'workgroup-license-server', root: 'RDSL-PER-USER-WORKGROUP', client: ['--device', 'thin-client-07'] },
  { name: 'cals-held-by-retired-devices', root: 'RDSL-CALS-EXHAUSTED', client: ['--device', 'thin-client-51'] },
  { name: 'broker-disagrees', root: 'RDSL-BROKER-DISAGREES', client: ['--user', 'alice'] },
];

interface Report {
  rootCauses: { id: string; severity: string; fix: { kind: string; summary: string; steps?: string[] } }[];
  findings: { id: string; severity: string }[];
}

const copies: string[] = [];
afterAll(() => copies.forEach((directory) => rmSync(directory, { recursive: true, force: true })));

function copyScenario(name: string): string {
  const directory = copyExample('broken');
  copies.push(directory);
  return path.join(directory, name);
}

async function doctor(spec: string, cwd: string): Promise<{ exitCode: number | null; report: Report }> {
  const result = await runCli(['doctor', '-f', spec, '--json'], { cwd });
  return { exitCode: result.exitCode, report: JSON.parse(result.stdout) as Report };
}

describe.each(SCENARIOS)('examples/broken/$name', (scenario) => {
  it(`is refused, diagnosed as ${scenario.root}, and ${scenario.manual ? 'needs a manual step' : 'fixed by apply'}`, async () => {
    const directory = copyScenario(scenario.name);
    const spec = path.join(directory, 'rds.yaml');
    const connect = (...extra: string[]) => runCli(['lab', 'connect', '-f', spec, '--host', HOST, ...scenario.client, ...extra], { cwd: directory });

    const refused = await connect('--dry-run');
    expect(refused.exitCode).toBe(4);
    expect(refused.stdout.split('\n').slice(0, 2)).toEqual([`${HOST}, ${scenario.client[0].slice(2)} ${scenario.client[1]}: refused.`, REFUSAL]);

    const before = await doctor(spec, directory);
    expect(before.exitCode).toBe(4);
    expect(before.report.rootCauses[0]).toMatchObject({ id: scenario.root, severity: 'critical' });

    if (scenario.manual) {
      expect(before.report.rootCauses[0]?.fix.kind).toBe('manual');
      expect(before.report.rootCauses[0]?.fix.summary).toMatch(scenario.manual);
      expect((await runCli(['apply', '-f', spec, '--auto-approve'], { cwd: directory })).exitCode).toBe(0);
      expect((await connect('--dry-run')).exitCode).toBe(4);
      return;
    }

    expect(before.report.rootCauses[0]?.fix.kind).toBe('apply');
    const apply = await runCli(['apply', '-f', spec, '--auto-approve'], { cwd: directory });
    expect(apply.exitCode, apply.stderr).toBe(0);

    const issued = await connect();
    expect(issued.exitCode).toBe(0);
    expect(issued.stdout).toMatch(new RegExp(`^${HOST.replace(/\./g, '\\.')}, .*: issued a CAL from lic01\\.corp\\.contoso\\.com `));

    const after = await doctor(spec, directory);
    expect(after.exitCode).toBe(0);
    expect(after.report.findings.filter((finding) => finding.severity === 'error' || finding.severity === 'critical')).toEqual([]);
  });
});

describe('examples/broken/firewall-held-by-group-policy', () => {
  it('is refused, diagnosed as a GPO holding the rules, and plan refuses the local change that would do nothing', async () => {
    const directory = copyScenario('firewall-held-by-group-policy');
    const spec = path.join(directory, 'rds.yaml');
    const refused = await runCli(['lab', 'connect', '-f', spec, '--host', HOST, '--user', 'alice', '--dry-run'], { cwd: directory });
    expect(refused.exitCode).toBe(4);

    const before = await doctor(spec, directory);
    expect(before.exitCode).toBe(4);
    expect(before.report.rootCauses[0]).toMatchObject({
      id: 'RDSL-FIREWALL-POLICY-BLOCKS',
      severity: 'critical',
      fix: { kind: 'manual', summary: 'enable the RD Licensing rules (TermServLicensing-*) in the GPO behind corp.contoso.com\\RDS Firewall, then run gpupdate /force on lic01.corp.contoso.com' },
    });

    const plan = await runCli(['plan', '-f', spec, '--json'], { cwd: directory });
    const changes = (JSON.parse(plan.stdout) as { changes: { address: string; refused?: { rule: string } }[] }).changes;
    expect(changes.map((change) => [change.address, change.refused?.rule])).toEqual([['licenseServer[lic01.corp.contoso.com].firewall', 'groupPolicyFirewall']]);
    const apply = await runCli(['apply', '-f', spec, '--auto-approve'], { cwd: directory });
    expect(apply.exitCode).toBe(5);
    expect((await runCli(['lab', 'connect', '-f', spec, '--host', HOST, '--user', 'alice', '--dry-run'], { cwd: directory })).exitCode).toBe(4);
  });
});

describe('examples/broken/cals-held-by-retired-devices', () => {
  it('plans a revocation per CAL of a retired kiosk, refuses them without the policy key, and apply revokes them once', async () => {
    const directory = copyScenario('cals-held-by-retired-devices');
    const spec = path.join(directory, 'rds.yaml');
    const revocation = (id: number) => `licenseServer[lic01.corp.contoso.com].issuedLicense[4-${id}]`;

    const plan = await runCli(['plan', '-f', spec, '--no-color'], { cwd: directory });
    expect(plan.exitCode).toBe(0);
    expect(plan.stdout).toContain(
      `  # ${revocation(1)} will be revoked\n    (KIOSK-OLD-01 is retired (reclaim.retiredDevices "kiosk-old-[01:04]"): revoking returns its\n     per-device CAL to the pool)\n`,
    );
    expect(plan.stdout).toContain('Plan: 0 to create, 0 to update, 4 to delete, 0 refused.');

    const guarded = path.join(directory, 'guarded.yaml');
    writeFileSync(guarded, readFileSync(spec, 'utf8').replace('    calRevocation: true\n', '    calRevocation: false\n'));
    const refused = await runCli(['plan', '-f', guarded, '--json'], { cwd: directory });
    const changes = (JSON.parse(refused.stdout) as { changes: { address: string; refused?: { rule: string; policyKey: string } }[] }).changes;
    expect(changes.map((change) => [change.address, change.refused?.policyKey])).toEqual([1, 2, 3, 4].map((id) => [revocation(id), 'policy.allow.calRevocation']));

    expect((await runCli(['apply', '-f', spec, '--auto-approve'], { cwd: directory })).exitCode).toBe(0);
    const shown = await runCli(['show', '-f', spec, '--json'], { cwd: directory });
    const server = (JSON.parse(shown.stdout) as { hosts: { host: string; licenseServer?: { keyPacks: { keyPackId: number; issued: number }[]; issuedLicenses: { licenseId: number; status: string }[] } }[] }).hosts.find((host) => host.licenseServer)!.licenseServer!;
    expect(server.issuedLicenses.filter((license) => license.status === 'revoked').map((license) => license.licenseId)).toEqual([1, 2, 3, 4]);
    expect(server.keyPacks.find((pack) => pack.keyPackId === 4)?.issued).toBe(16);
    const again = await runCli(['plan', '-f', spec, '--detailed-exitcode'], { cwd: directory });
    expect(again.exitCode).toBe(0);
  });
});

describe('examples/broken/per-user-over-issued', () => {
  it('issues to a newcomer with the over-allocation said, is diagnosed as RDSL-PER-USER-OVER-ISSUED naming the holders, and apply installs the CALs bought', async () => {
    const directory = copyScenario('per-user-over-issued');
    const spec = path.join(directory, 'rds.yaml');
    const connect = await runCli(['lab', 'connect', '-f', spec, '--host', HOST, '--user', 'newcomer', '--dry-run'], { cwd: directory });
    expect(connect.exitCode).toBe(0);
    expect(connect.stdout).toContain('per-user CALs are not enforced, so this one is over-allocated, which breaches the licence agreement.');

    const before = await doctor(spec, directory);
    expect(before.exitCode).toBe(4);
    expect(before.report.rootCauses[0]).toMatchObject({
      id: 'RDSL-PER-USER-OVER-ISSUED',
      severity: 'error',
      fix: { kind: 'apply', summary: 'rdsctl apply converges it: licenseServer[lic01.corp.contoso.com].keyPack[ea-2022-user] (licenses 20 → 30)' },
    });
    const finding = (before.report.findings as unknown as { id: string; evidence: { item: string; value: unknown }[] }[]).find((entry) => entry.id === 'RDSL-PER-USER-OVER-ISSUED')!;
    expect(finding.evidence[1]).toMatchObject({ item: 'per-user CAL holders (per-user report of 2026-11-30T06:00:00Z)' });
    expect((finding.evidence[1]!.value as string[]).slice(0, 2)).toEqual(['CONTOSO\\alice', 'CONTOSO\\bob']);

    expect((await runCli(['apply', '-f', spec, '--auto-approve'], { cwd: directory })).exitCode).toBe(0);
    const after = await doctor(spec, directory);
    expect(after.exitCode).toBe(0);
    expect(after.report.findings.filter((entry) => entry.severity === 'error' || entry.severity === 'critical')).toEqual([]);
  });
});

describe('examples/broken/broker-disagrees', () => {
  it('refuses to set the hosts locally while the spec ignores the broker, naming the broker and the key that would allow it', async () => {
    const directory = copyScenario('broker-disagrees');
    const local = path.join(directory, 'local.yaml');
    writeFileSync(local, readFileSync(path.join(directory, 'rds.yaml'), 'utf8').replace('configuredBy: { broker: cb01.corp.contoso.com }', 'configuredBy: local'));

    const plan = await runCli(['plan', '-f', local, '--json'], { cwd: directory });
    const changes = (JSON.parse(plan.stdout) as { changes: { address: string; refused?: { rule: string; message: string; remedy: string } }[] }).changes;
    expect(changes.map((change) => [change.address, change.refused?.rule])).toEqual([1, 2, 3].map((n) => [`sessionHost[rdsh0${n}.corp.contoso.com]`, 'connectionBroker']));
    expect(changes[0]!.refused!.remedy).toBe(
      'declare the broker on pool "desktops": sessionHostPools[].configuredBy: { broker: cb01.corp.contoso.com } (apply then sets the pool\'s licensingMode and licenseServers at the broker), or add licensingOwner: broker to leave them to it',
    );

    const before = await doctor(local, directory);
    expect(before.report.rootCauses[0]).toMatchObject({
      id: 'RDSL-BROKER-DISAGREES',
      severity: 'critical',
      fix: { kind: 'spec', summary: 'declare the broker on pool "desktops": configuredBy: { broker: cb01.corp.contoso.com }, with the pool\'s licensingMode and licenseServers, then run rdsctl apply' },
    });

    // Nothing to apply but refused changes: exit 5, and the hosts keep what the broker pushed.
    expect((await runCli(['apply', '-f', local, '--auto-approve'], { cwd: directory })).exitCode).toBe(5);
    const shown = await runCli(['show', '-f', local, '--json'], { cwd: directory });
    const rdsh01 = (JSON.parse(shown.stdout) as { hosts: { host: string; sessionHost?: { licenseServers: { local: string[] } } }[] }).hosts.find((host) => host.host === 'rdsh01.corp.contoso.com')!;
    expect(rdsh01.sessionHost!.licenseServers.local).toEqual(['lic-old.corp.contoso.com']);
  });
});
