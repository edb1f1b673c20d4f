/**
 * `rdsctl report` as a user runs it: the JSON data behind every chart, the auditors' CSV, the
 * self-contained HTML (hostile names escaped, nothing to fetch), the trend and forecast from a
 * history file, and bad input refused with exit 3.
 */
import { readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReportData } from '../src/report/report-data.js';
import { addIssuedLicences, writeHistory } from './support/report-fixtures.js';
import { copyExample, runCli } from './support/run-cli.js';

const copies: string[] = [];
afterAll(() => copies.forEach((directory) => rmSync(directory, { recursive: true, force: true })));
function contoso(): string {
  const directory = copyExample('contoso');
  copies.push(directory);
  return directory;
}

const DAY_MS = 86_400_000;

describe('rdsctl report', () => {
  it('prints the numbers every chart draws as JSON: pools with declared quantities, grace, topology, verdict', async () => {
    const directory = contoso();
    const result = await runCli(['report', '-f', 'rds.yaml', '--format', 'json'], { cwd: directory });
    expect(result.exitCode, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as ReportData;
    // Written a row at a time, it is still the document JSON.stringify indents.
    expect(result.stdout).toBe(`${JSON.stringify(data, null, 2)}\n`);
    expect(data).toMatchObject({ formatVersion: 1, deployment: 'contoso', provider: 'lab' });
    expect(data.calPools.map((row) => [row.server, row.pool, row.installed, row.issued, row.available, row.declared, row.minFreeCals])).toEqual([
      ['lic01.corp.contoso.com', 'Windows Server 2022 per-user CALs', 200, 143, 57, 250, 10],
      ['lic01.corp.contoso.com', 'Windows Server 2022 per-device CALs', 50, 31, 19, 50, 10],
      ['lic02.corp.contoso.com', 'Windows Server 2022 per-user CALs', 100, 58, 42, 100, 10],
    ]);
    expect(data.grace.hosts).toHaveLength(15);
    expect(data.grace.hosts.every((host) => host.status === 'licensed' && host.licensedBy === 'lic01.corp.contoso.com')).toBe(true);
    expect(data.topology.licenseServers.map((server) => [server.name, server.read])).toEqual([
      ['lic01.corp.contoso.com', true],
      ['lic02.corp.contoso.com', true],
      ['lic-old.corp.contoso.com', false],
    ]);
    expect(data.topology.pools.map((pool) => [pool.name, pool.gpo, pool.hosts, pool.edges.map((edge) => [edge.order, edge.serverName, edge.healthy, edge.failing, edge.unknown])])).toEqual([
      ['finance', 'RDS Licensing - Finance', 12, [[1, 'lic01.corp.contoso.com', 12, 0, 0]]],
      ['kiosks', undefined, 3, [[1, 'lic-old.corp.contoso.com', 0, 1, 0], [1, 'lic02.corp.contoso.com', 0, 2, 0], [2, 'lic01.corp.contoso.com', 3, 0, 0]]],
    ]);
    expect(data.verdict).toMatchObject({ healthy: false, severity: 'warning', id: 'RDSL-FIREWALL-DISABLED' });
    expect(data.trend).toBeUndefined();
  });

  it('writes the issued-CAL inventory as CSV for auditors, quoting fields and defusing formulas', async () => {
    const directory = contoso();
    addIssuedLicences(directory);
    const result = await runCli(['report', '-f', 'rds.yaml', '--format', 'csv', '--out', 'cals.csv'], { cwd: directory });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^Read 17 host\(s\) in \d+ ms; 1 could not be read\.\nWrote the CSV report to cals\.csv \(0 KiB\)\.\n$/);
    expect(readFileSync(path.join(directory, 'cals.csv'), 'utf8')).toBe(
      'server,key_pack,key_pack_id,issued_to,issued_at,expires_at,status\r\n' +
        'lic01.corp.contoso.com,Windows Server 2022 - RDS Per Device CAL,4,KIOSK-CLIENT-01,2026-03-01T09:00:00Z,2026-06-01T09:00:00Z,active\r\n' +
        'lic01.corp.contoso.com,Windows Server 2022 - RDS Per Device CAL,4,"\'=HYPERLINK(""x"")<img src=x onerror=alert(1)>",,,temporary\r\n',
    );
  });

  it('writes the same CSV to stdout, CRLF line ends intact', async () => {
    const directory = contoso();
    addIssuedLicences(directory);
    await runCli(['report', '-f', 'rds.yaml', '--format', 'csv', '--out', 'cals.csv'], { cwd: directory });
    const result = await runCli(['report', '-f', 'rds.yaml', '--format', 'csv'], { cwd: directory });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stdout).toBe(readFileSync(path.join(directory, 'cals.csv'), 'utf8'));
  });

  it('lists the users holding per-user CALs with --per-user-report', async () => {
    const directory = contoso();
    expect((await runCli(['lab', 'connect', '--host', 'rdsh03.corp.contoso.com', '--user', 'alice'], { cwd: directory })).exitCode).toBe(0);
    const rowsOf = async (extra: string[]): Promise<string[]> => {
      const result = await runCli(['report', '-f', 'rds.yaml', '--format', 'csv', '--out', 'cals.csv', ...extra], { cwd: directory });
      expect(result.exitCode, result.stderr).toBe(0);
      return readFileSync(path.join(directory, 'cals.csv'), 'utf8').split('\r\n').filter((line) => line.includes('alice'));
    };
    expect(await rowsOf(['--per-user-report'])).toEqual([expect.stringMatching(/^lic01\.corp\.contoso\.com,Windows Server 2022 per-user.*,,alice,,\d{4}-\d\d-\d\dT[\d:.]+Z,active$/)]);
  });

  it('writes one self-contained HTML file: every section, no script, nothing to fetch, hostile names escaped', async () => {
    const directory = contoso();
    addIssuedLicences(directory);
    const result = await runCli(['report', '-f', 'rds.yaml', '--out', 'report.html'], { cwd: directory });
    expect(result.exitCode, result.stderr).toBe(0);
    const html = readFileSync(path.join(directory, 'report.html'), 'utf8');
    for (const id of ['cal-pools', 'grace', 'topology', 'findings', 'trend', 'inventory']) expect(html).toContain(`<h2 id="${id}">`);
    expect(html).not.toMatch(/<script|<link|<img|@import|url\((?!#)/i);
    expect(html.match(/https?:\/\/[^"\s]+/g)?.filter((url) => !url.startsWith('http://www.w3.org/'))).toEqual([]);
    expect(html).toContain('<td>=HYPERLINK(&quot;x&quot;)&lt;img src=x onerror=alert(1)&gt;<td>');
    expect(html).toContain('<svg xmlns="http://www.w3.org/2000/svg" id="chart-topology"');
    expect(html).toMatch(/<svg [^>]*id="chart-cal-pools" role="img" aria-labelledby="chart-cal-pools-title chart-cal-pools-desc"><title id="chart-cal-pools-title">Issued and available CALs per pool<\/title>/);
    expect(html).toContain('<strong>Warning</strong>: <a href="#cause-1">the RD Licensing firewall rule group on lic02.corp.contoso.com is not enabled</a>');
    expect(html).toContain('No history: run <code>rdsctl doctor --history FILE</code>');
  });

  it('shows the trend from the history and a forecast as a range, or says there is none and why', async () => {
    const directory = contoso();
    const history = writeHistory(directory, Date.now());
    const before = readFileSync(history, 'utf8');
    const result = await runCli(['report', '-f', 'rds.yaml', '--format', 'json', '--history', history], { cwd: directory });
    expect(result.exitCode, result.stderr).toBe(0);
    expect(result.stderr).toContain(`warning: ${history}:11: skipped, not a doctor history line (expected one JSON object with "time" and "pools")\n`);
    expect(readFileSync(history, 'utf8')).toBe(before);
    const data = JSON.parse(result.stdout) as ReportData;
    const [growing, perDevice, flat] = data.trend!.pools;
    expect(data.trend!.method).toBe('least-squares line over the last 14 samples of issued CALs; range is the slope plus or minus one standard error');
    expect(growing!.samples).toHaveLength(11);
    expect(growing!.forecast).toMatchObject({ kind: 'exhaustion', days: 57, earliestDays: 57, latestDays: 57, growth: 10, samples: 11 });
    const inDays = (days: number): string => new Date(Date.parse(data.generatedAt) + days * DAY_MS).toISOString().slice(0, 10);
    expect(growing!.runsOut).toEqual({ earliest: inDays(57), likely: inDays(57), latest: inDays(57) });
    expect(perDevice!.forecast).toEqual({ kind: 'none', reason: 'too few samples', samples: 1 });
    expect(flat!.forecast).toEqual({ kind: 'none', reason: 'issuing is not growing', samples: 11 });

    const html = await runCli(['report', '-f', 'rds.yaml', '--history', history], { cwd: directory });
    expect(html.stdout).toContain(`<td>Runs out on ${inDays(57)} (likely ${inDays(57)}, in 57 days at 1.00 CALs a day)<`);
    expect(html.stdout).toContain('<td>No exhaustion forecast: issuing is not growing (11 samples)<');

    // The line doctor appends (formatVersion 1) is one more sample for the report.
    const doctor = await runCli(['doctor', '-f', 'rds.yaml', '--history', history], { cwd: directory });
    expect(doctor.stderr).toContain(`warning: ${history}:11: skipped, not a doctor history line (expected one JSON object with "time" and "pools")\n`);
    expect(JSON.parse(readFileSync(history, 'utf8').trim().split('\n').at(-1)!)).toMatchObject({ formatVersion: 1, pools: { 'lic01.corp.contoso.com|perUser|7': { issued: 143, total: 200 } } });
    const after = JSON.parse((await runCli(['report', '-f', 'rds.yaml', '--format', 'json', '--history', history], { cwd: directory })).stdout) as ReportData;
    expect(after.trend!.pools[0]!.samples).toHaveLength(12);
  });

  it('draws a pool host by host with --expand-pool, and refuses a pool that does not exist', async () => {
    const directory = contoso();
    const json = await runCli(['report', '-f', 'rds.yaml', '--expand-pool', 'kiosks', '--format', 'json'], { cwd: directory });
    expect(json.exitCode, json.stderr).toBe(0);
    const data = JSON.parse(json.stdout) as ReportData;
    const [finance, kiosks] = data.topology.pools;
    expect(finance!.members).toBeUndefined();
    expect(kiosks!.members!.map((host) => [host.name, host.edges.map((edge) => [edge.order, edge.serverName, edge.healthy, edge.failing])])).toEqual([
      ['kiosk01.corp.contoso.com', [[1, 'lic02.corp.contoso.com', 0, 1], [2, 'lic01.corp.contoso.com', 1, 0]]],
      ['kiosk02.corp.contoso.com', [[1, 'lic-old.corp.contoso.com', 0, 1], [2, 'lic01.corp.contoso.com', 1, 0]]],
      ['kiosk03.corp.contoso.com', [[1, 'lic02.corp.contoso.com', 0, 1], [2, 'lic01.corp.contoso.com', 1, 0]]],
    ]);
    // The member's anchor is its row in the grace table.
    expect(kiosks!.members!.map((host) => host.anchor)).toEqual(kiosks!.members!.map((host) => data.grace.hosts.find((row) => row.host === host.name)!.anchor));

    const html = (await runCli(['report', '-f', 'rds.yaml', '--expand-pool', 'kiosks'], { cwd: directory })).stdout;
    const nodes = [...html.matchAll(/<g id="([^"]+)" class="node node-(\w+)" data-name="([^"]+)">/g)].map((match) => [match[2], match[3]]);
    expect(nodes.filter(([kind]) => kind !== 'server')).toEqual([
      ['pool', 'finance'],
      ['host', 'kiosk01.corp.contoso.com'],
      ['host', 'kiosk02.corp.contoso.com'],
      ['host', 'kiosk03.corp.contoso.com'],
    ]);
    expect(html).toContain(`<tr><td>kiosks: kiosk02.corp.contoso.com<td>local<td class="num">1<td class="num">1<td><a href="#${kiosks!.edges[0]!.server}">lic-old.corp.contoso.com</a><td class="num">0<td class="num">1<td class="num">0`);

    const unknown = await runCli(['report', '-f', 'rds.yaml', '--expand-pool', 'kiosk'], { cwd: directory });
    expect(unknown.exitCode).toBe(3);
    expect(unknown.stderr).toContain('Error: --expand-pool: no pool named "kiosk"\nHint: the pools are: "finance", "kiosks"\n');
  });

  it('refuses an unknown format and a spec given with --hosts, with exit 3 and one clear line', async () => {
    const directory = contoso();
    const format = await runCli(['report', '-f', 'rds.yaml', '--format', 'pdf'], { cwd: directory });
    expect(format.exitCode).toBe(3);
    expect(format.stderr).toContain("Error: option '--format <format>' argument 'pdf' is invalid. Allowed choices are html, json, csv.\n");
    const both = await runCli(['report', '-f', 'rds.yaml', '--hosts', 'rdsh01.corp.contoso.com'], { cwd: directory });
    expect(both.exitCode).toBe(3);
    expect(both.stderr).toBe('Error: -f cannot be combined with --hosts or --inventory\nHint: with a spec, doctor examines the hosts the spec names\n');
  });
});

describe('rdsctl report without a spec', () => {
  it('groups hosts listing the same servers, by any of their names, into one pool', async () => {
    const directory = contoso();
    const result = await runCli(['report', '--hosts', 'kiosk[01:03].corp.contoso.com', '--estate', 'estate.yaml', '--format', 'json'], { cwd: directory });
    expect(result.exitCode, result.stderr).toBe(0);
    const data = JSON.parse(result.stdout) as ReportData;
    expect(data.topology.pools.map((pool) => [pool.name, pool.hosts, pool.edges.map((edge) => [edge.order, edge.serverName, edge.healthy, edge.failing])])).toEqual([
      ['hosts listing lic02.corp.contoso.com, lic01.corp.contoso.com (local setting)', 2, [[1, 'lic02.corp.contoso.com', 0, 2], [2, 'lic01.corp.contoso.com', 2, 0]]],
      ['hosts listing lic-old.corp.contoso.com, lic01.corp.contoso.com (local setting)', 1, [[1, 'lic-old.corp.contoso.com', 0, 1], [2, 'lic01.corp.contoso.com', 1, 0]]],
    ]);
    expect(data.calPools.every((row) => row.declared === undefined)).toBe(true);
    expect(data).not.toHaveProperty('deployment');
  });
});
