/**
 * `rdsctl doctor` and `rdsctl lab connect` as a user runs them: spec and no-spec modes, output
 * formats, exit codes and the history file.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { copyExample, runCli } from './support/run-cli.js';

const copies: string[] = [];
afterAll(() => copies.forEach((directory) => rmSync(directory, { recursive: true, force: true })));
function copy(name: string): string {
  const directory = copyExample(name);
  copies.push(directory);
  return directory;
}

interface Report {
  summary: { licenseServers: number; sessionHosts: number; unreadableHosts: number };
  rootCauses: { id: string; severity: string }[];
  findings: { id: string; key: string; severity: string; location?: { line: number } }[];
}

describe('rdsctl doctor without a spec', () => {
  it('finds each host\'s licence servers from its own configuration (--hosts, lab estate)', async () => {
    const directory = copy('contoso');
    const result = await runCli(['doctor', '--hosts', 'rdsh01.corp.contoso.com,rdsh02.corp.contoso.com', '--provider', 'lab', '--estate', 'estate.yaml', '--json'], { cwd: directory });
    expect(result.exitCode, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.summary).toMatchObject({ licenseServers: 1, sessionHosts: 2, unreadableHosts: 0 });
    expect(report.findings.map((finding) => finding.key)).toContain('RDSL-SINGLE-LICENSE-SERVER:lic01.corp.contoso.com');
  });

  it('reads an inventory with ranges, and --fail-on decides the exit code', async () => {
    const directory = copy('contoso');
    writeFileSync(path.join(directory, 'kiosks.txt'), '# the kiosk pool\nkiosk[01:03].corp.contoso.com\n');
    const args = ['doctor', '--inventory', 'kiosks.txt', '--estate', 'estate.yaml', '--json'];
    const relaxed = await runCli(args, { cwd: directory });
    expect(relaxed.exitCode, relaxed.stderr).toBe(0);
    const report = JSON.parse(relaxed.stdout) as Report;
    expect(report.summary).toMatchObject({ licenseServers: 2, sessionHosts: 3, unreadableHosts: 1 });
    expect(report.rootCauses.slice(0, 2).map((root) => [root.id, root.severity])).toEqual([
      ['RDSL-FIREWALL-DISABLED', 'warning'],
      ['RDSL-DNS-FAILURE', 'warning'],
    ]);
    expect((await runCli([...args, '--fail-on', 'warning'], { cwd: directory })).exitCode).toBe(4);
  });

  it('reports a licence server nobody can reach as a finding, not as a failed run', async () => {
    const directory = copy('broken');
    const scenario = path.join(directory, 'license-service-stopped');
    const estate = readFileSync(path.join(scenario, 'estate.yaml'), 'utf8').replace('    addresses: [10.0.0.11]\n', '    addresses: [10.0.0.11]\n    lab: { reachable: false }\n');
    writeFileSync(path.join(scenario, 'estate.yaml'), estate);
    const result = await runCli(['doctor', '-f', 'rds.yaml', '--json'], { cwd: scenario });
    expect(result.exitCode).toBe(4);
    const report = JSON.parse(result.stdout) as Report;
    expect(report.rootCauses[0]).toMatchObject({ id: 'RDSL-LS-UNREACHABLE', severity: 'critical' });
    expect(report.findings.map((finding) => finding.key)).toContain('RDSL-HOST-UNREADABLE:lic01.corp.contoso.com');
  });

  it('refuses bad input with exit code 3', async () => {
    const directory = copy('contoso');
    const mixed = await runCli(['doctor', '-f', 'rds.yaml', '--hosts', 'rdsh01'], { cwd: directory });
    expect(mixed.exitCode).toBe(3);
    expect(mixed.stderr).toBe('Error: -f cannot be combined with --hosts or --inventory\nHint: with a spec, doctor examines the hosts the spec names\n');
    const badHost = await runCli(['doctor', '--hosts', 'rdsh01,bad_name!', '--estate', 'estate.yaml'], { cwd: directory });
    expect(badHost.exitCode).toBe(3);
    expect(badHost.stderr).toContain('--hosts: "bad_name!" is not a host name');
    expect((await runCli(['doctor', '-f', 'rds.yaml', '--fail-on', 'fatal'], { cwd: directory })).exitCode).toBe(3);
  });
});

describe('rdsctl doctor with a spec', () => {
  it('annotates the spec line in SARIF, prints markdown, and keeps a history when asked', async () => {
    const directory = copy('broken');
    const scenario = path.join(directory, 'firewall-blocks-license-server');
    const sarif = JSON.parse((await runCli(['doctor', '-f', 'rds.yaml', '--format', 'sarif'], { cwd: scenario })).stdout);
    const firewall = sarif.runs[0].results.find((result: { ruleId: string }) => result.ruleId === 'RDSL-FIREWALL-DISABLED');
    const line = readFileSync(path.join(scenario, 'rds.yaml'), 'utf8').split('\n').findIndex((text) => text.includes('firewall: { ruleGroup: enabled }')) + 1;
    expect(firewall.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'rds.yaml' }, region: { startLine: line, startColumn: 15 } });

    const markdown = await runCli(['doctor', '-f', 'rds.yaml', '--format', 'markdown'], { cwd: scenario });
    expect(markdown.stdout.split('\n')[0]).toBe('### rdsctl doctor: firewall-blocks-license-server: 1 licence server, 3 session hosts; 1 critical, 1 error, 1 warning, 2 info');

    const history = path.join(scenario, 'history.jsonl');
    await runCli(['doctor', '-f', 'rds.yaml', '--history', history], { cwd: scenario });
    await runCli(['doctor', '-f', 'rds.yaml', '--history', history], { cwd: scenario });
    const lines = readFileSync(history, 'utf8').trim().split('\n').map((text) => JSON.parse(text));
    expect(lines).toHaveLength(2);
    expect(lines[1].pools['lic01.corp.contoso.com|perUser|7']).toEqual({ issued: 40, total: 100 });

    writeFileSync(history, `${readFileSync(history, 'utf8')}{"time":\n`);
    const torn = await runCli(['doctor', '-f', 'rds.yaml', '--history', history], { cwd: scenario });
    expect(torn.exitCode).toBe(4);
    expect(torn.stderr).toContain(`warning: ${history}:3: skipped, not a doctor history line (expected one JSON object with "time" and "pools")\n`);
    expect(readFileSync(history, 'utf8').trim().split('\n')).toHaveLength(4);
  });
});

describe('rdsctl doctor when its history cannot be written', () => {
  it('prints its findings first, then fails the run with the history error on stderr; stdout keeps one document', async () => {
    const scenario = path.join(copy('broken'), 'firewall-blocks-license-server');
    const history = path.join(scenario, 'history.jsonl');
    const plain = await runCli(['doctor', '-f', 'rds.yaml', '--json'], { cwd: scenario });
    // Something that is not a lock file sits where the history's lock goes.
    mkdirSync(`${history}.lock`);
    const text = await runCli(['doctor', '-f', 'rds.yaml', '--history', history], { cwd: scenario });
    // A refused file is invalid input (3), whatever the findings would have made it.
    expect(text.exitCode).toBe(3);
    expect(text.stdout).toContain('RDSL-FIREWALL-DISABLED');
    expect(text.stdout).toBe((await runCli(['doctor', '-f', 'rds.yaml'], { cwd: scenario })).stdout);
    expect(text.stderr).toContain('\nError: lock file history.jsonl.lock is a directory, not a regular file\n');
    const json = await runCli(['doctor', '-f', 'rds.yaml', '--history', history, '--json'], { cwd: scenario });
    expect(json.exitCode).toBe(3);
    const report = JSON.parse(json.stdout) as Report;
    expect(report.findings.map((finding) => finding.id)).toEqual((JSON.parse(plain.stdout) as Report).findings.map((finding) => finding.id));
    expect(existsSync(history)).toBe(false);
  });
});

describe('rdsctl doctor with a spec that describes a broken estate', () => {
  it('diagnoses CALs older than the pool\'s OS where plan refuses the spec (exit 3)', async () => {
    const directory = copy('broken');
    const scenario = path.join(directory, 'wrong-cal-version');
    const spec = path.join(scenario, 'rds.yaml');
    const honest = readFileSync(spec, 'utf8').replace(/      - name: ea-2022-user\n(        .*\n){5}/, '');
    expect(honest).not.toContain('ea-2022-user');
    writeFileSync(spec, honest);
    const poolLine = readFileSync(spec, 'utf8').split('\n').findIndex((text, i, all) => text === '    os: windowsServer2022' && all[i + 1] === '    configuredBy: local') + 1;
    expect(poolLine).toBeGreaterThan(0);

    const plan = await runCli(['plan', '-f', 'rds.yaml'], { cwd: scenario });
    expect(plan.exitCode).toBe(3);
    expect(plan.stderr).toBe(
      'Error: rds.yaml: 1 problem found\n' +
        `  rds.yaml:${poolLine}:9: sessionHostPools[0].os: pool "desktops" runs windowsServer2022, but no perUser key pack on its licence servers is for windowsServer2022 or newer (newest: windowsServer2019)\n` +
        '      hint: CALs license hosts of their own version and older; add a perUser key pack for windowsServer2022\n',
    );

    const doctor = await runCli(['doctor', '-f', 'rds.yaml', '--json'], { cwd: scenario });
    expect(doctor.exitCode, doctor.stderr).toBe(4);
    const report = JSON.parse(doctor.stdout) as Report & { findings: { title: string }[] };
    const finding = report.findings.find((entry) => entry.key === 'RDSL-CAL-VERSION-OLD:spec|pool|desktops');
    expect(finding).toMatchObject({
      severity: 'error',
      title: `the spec's pool "desktops" runs Windows Server 2022, but its newest per-user key pack is for Windows Server 2019`,
      location: { line: poolLine },
    });
  });

  it('reports a key pack newer than its licence server as RDSL-CAL-VERSION-TOO-NEW-FOR-LS at the pack\'s line', async () => {
    const directory = copy('broken');
    const scenario = path.join(directory, 'wrong-cal-version');
    const spec = path.join(scenario, 'rds.yaml');
    writeFileSync(spec, readFileSync(spec, 'utf8').replace('    os: windowsServer2022\n    activation', '    os: windowsServer2019\n    activation'));
    const estate = path.join(scenario, 'estate.yaml');
    writeFileSync(estate, readFileSync(estate, 'utf8').replace(/(lic01\.corp\.contoso\.com[\s\S]*?os: )windowsServer2022/, '$1windowsServer2019'));

    expect((await runCli(['plan', '-f', 'rds.yaml'], { cwd: scenario })).exitCode).toBe(3);
    const doctor = await runCli(['doctor', '-f', 'rds.yaml', '--json'], { cwd: scenario });
    expect(doctor.exitCode, doctor.stderr).toBe(4);
    const report = JSON.parse(doctor.stdout) as Report;
    const productLine = readFileSync(spec, 'utf8').split('\n').findIndex((text, i, all) => text === '        product: windowsServer2022' && all[i - 3] === '      - name: ea-2022-user') + 1;
    expect(report.findings.find((entry) => entry.key === 'RDSL-CAL-VERSION-TOO-NEW-FOR-LS:lic01.corp.contoso.com|ea-2022-user')).toMatchObject({ severity: 'error', location: { line: productLine } });
  });
});

describe('rdsctl lab connect', () => {
  it('needs exactly one of --user and --device, and answers in JSON when asked', async () => {
    const directory = copy('contoso');
    const neither = await runCli(['lab', 'connect', '--host', 'rdsh03.corp.contoso.com'], { cwd: directory });
    expect(neither.exitCode).toBe(3);
    expect(neither.stderr).toBe('Error: give exactly one of --user NAME or --device NAME\n');
    const answer = await runCli(['lab', 'connect', '--host', 'rdsh03.corp.contoso.com', '--user', 'alice', '--dry-run', '--json'], { cwd: directory });
    expect(answer.exitCode).toBe(0);
    expect(JSON.parse(answer.stdout)).toMatchObject({
      formatVersion: 1,
      host: 'rdsh03.corp.contoso.com',
      client: { kind: 'user', name: 'alice' },
      dryRun: true,
      decision: 'issued',
      server: 'lic01.corp.contoso.com',
      pool: { type: 'perUser', product: 'windowsServer2022', total: 200, issued: 143 },
    });
  });

  it('consumes the CAL it gets, so the next connection sees one more issued', async () => {
    const directory = copy('contoso');
    const first = await runCli(['lab', 'connect', '--host', 'kiosk01.corp.contoso.com', '--device', 'kiosk-a'], { cwd: directory });
    expect(first.stdout.split('\n')[0]).toBe(
      'kiosk01.corp.contoso.com, device kiosk-a: issued a CAL from lic01.corp.contoso.com (Windows Server 2022 per-device CALs, 31 of 50 issued before this one); key pack 4 now has 32 of 50 issued.',
    );
    const second = await runCli(['lab', 'connect', '--host', 'kiosk01.corp.contoso.com', '--device', 'kiosk-b', '--dry-run'], { cwd: directory });
    expect(second.stdout.split('\n')[0]).toBe('kiosk01.corp.contoso.com, device kiosk-b: a CAL would be issued by lic01.corp.contoso.com (Windows Server 2022 per-device CALs, 32 of 50 issued before this one).');
  });

  it('a user holds one per-user CAL: connecting twice consumes one', async () => {
    const directory = copy('contoso');
    const first = await runCli(['lab', 'connect', '--host', 'rdsh03.corp.contoso.com', '--user', 'alice'], { cwd: directory });
    expect(first.exitCode).toBe(0);
    expect(first.stdout.split('\n')[0]).toMatch(/^rdsh03\.corp\.contoso\.com, user alice: issued a CAL from lic01\.corp\.contoso\.com .*143 of 200 issued before this one\); key pack \d+ now has \d+ of \d+ issued\.$/);
    const second = await runCli(['lab', 'connect', '--host', 'rdsh03.corp.contoso.com', '--user', 'alice', '--json'], { cwd: directory });
    expect(JSON.parse(second.stdout)).toMatchObject({ decision: 'issued', pool: { issued: 144 }, consumed: { alreadyHeld: true } });
    const third = await runCli(['lab', 'connect', '--host', 'rdsh03.corp.contoso.com', '--user', 'bob', '--dry-run', '--json'], { cwd: directory });
    expect(JSON.parse(third.stdout)).toMatchObject({ pool: { issued: 144 } });
  });
});
