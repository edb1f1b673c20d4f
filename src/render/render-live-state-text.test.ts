import { describe, expect, test } from 'vitest';
import { buildLargeLiveState, buildSampleLiveState } from './fixtures/sample-live-state.js';
import { renderLiveStateText, renderLiveStateTextChunks } from './render-live-state-text.js';

describe('renderLiveStateText', () => {
  test('shows each session host with its effective values and where they come from', () => {
    const text = renderLiveStateText(buildSampleLiveState(), { color: false });
    expect(text).toContain(
      [
        '  HOST                      MODE                FROM    LICENCE SERVERS                                                         FROM    GRACE    SESSIONS',
        '  rdsh01.corp.contoso.com   perUser             policy  lic02.corp.contoso.com, lic01.corp.contoso.com                          policy  97 days        14',
        '  kiosk01.corp.contoso.com  perUser             local   lic02.corp.contoso.com, lic00.corp.contoso.com, lic01.corp.contoso.com  local   expired         0',
      ].join('\n'),
    );
  });

  test('shows a firewall group Group Policy holds as what it is locally and in effect, naming the GPO store', () => {
    const state = buildSampleLiveState();
    const server = state.hosts.find((host) => host.licenseServer)!.licenseServer!;
    server.firewall = {
      ruleGroup: 'enabled',
      rules: [{ name: 'TermServLicensing-RPCSS-In-TCP', enabled: true, effectiveEnabled: false, owner: 'groupPolicy', policyStore: 'corp.contoso.com\\RDS Firewall' }],
      effectiveRuleGroup: 'disabled',
      localRulesIgnoredIn: ['domain'],
    };
    expect(renderLiveStateText(state, { color: false })).toContain(
      '    firewall group: enabled locally, disabled in effect (GPO store corp.contoso.com\\RDS Firewall; local rules off in the domain profile)\n',
    );
  });

  test('shows key packs as a table with right-aligned counts, built-in ones as unlimited', () => {
    expect(renderLiveStateText(buildSampleLiveState(), { color: false })).toContain(
      [
        '      PRODUCT                       TYPE       CHANNEL      TOTAL  ISSUED  AVAILABLE  EXPIRES',
        '      Windows Server 2022           perUser    volume         200     187         13  2038-01-19',
        '      unknown (ProductVersionID 8)  perDevice  retail           5       5          0',
        '      Windows Server 2008 R2        builtIn    builtIn  unlimited       0  unlimited',
      ].join('\n'),
    );
  });

  test('shows each RD Connection Broker with what it pushes and to which session hosts, and counts them', () => {
    const state = buildSampleLiveState();
    state.hosts.push(
      { host: 'cb01.corp.contoso.com', connectionBroker: { licensingMode: 'perUser', licenseServers: ['lic01.corp.contoso.com', 'lic02.corp.contoso.com'], centralLicensing: true, sessionHosts: ['rdsh01.corp.contoso.com', 'rdsh02.corp.contoso.com'] } },
      { host: 'cb02.corp.contoso.com', connectionBroker: { licensingMode: 'notConfigured', licenseServers: [], centralLicensing: false, sessionHosts: [] } },
    );
    const text = renderLiveStateText(state, { color: false });
    expect(text).toMatch(/^Live state \(read [^)]+\): \d+ licence servers?, \d+ session hosts?, 2 connection brokers, \d+ GPOs?/);
    expect(text).toContain(
      [
        'Connection brokers',
        '  cb01.corp.contoso.com',
        '    licensing: perUser, lic01.corp.contoso.com, lic02.corp.contoso.com',
        '    session hosts: rdsh[01:02].corp.contoso.com',
        '  cb02.corp.contoso.com',
        '    licensing: per server (the broker pushes none)',
        '    session hosts: none',
      ].join('\n'),
    );
    expect(renderLiveStateText(buildSampleLiveState(), { color: false })).not.toContain('connection broker');
  });

  test("folds a broker's thousands of session hosts into one line that fits, as every host list does", () => {
    const state = buildSampleLiveState();
    const sessionHosts = [...Array.from({ length: 10_000 }, (_, i) => `rdsh${String(i + 1).padStart(5, '0')}.corp.contoso.com`), 'kiosk01.corp.contoso.com'];
    state.hosts.push({ host: 'cb01.corp.contoso.com', connectionBroker: { licensingMode: 'perUser', licenseServers: ['lic01.corp.contoso.com'], centralLicensing: true, sessionHosts } });
    const line = renderLiveStateText(state, { color: false, width: 80 }).split('\n').find((text) => text.startsWith('    session hosts: '));
    expect(line).toBe('    session hosts: rdsh[00001:10000].corp.contoso.com, kiosk01.corp.contoso.com');
    sessionHosts.push(...Array.from({ length: 40 }, (_, i) => `desk${i}.corp.contoso.com`));
    const folded = renderLiveStateText(state, { color: false, width: 80 }).split('\n').find((text) => text.startsWith('    session hosts: '));
    expect(folded).toBe('    session hosts: rdsh[00001:10000].corp.contoso.com … and 41 more');
  });

  test('writes no colour codes without colour, and marks an expired grace period red with it', () => {
    expect(renderLiveStateText(buildSampleLiveState(), { color: false })).not.toMatch(/\u001b\[/);
    expect(renderLiveStateText(buildSampleLiveState(), { color: true })).toContain('\u001b[31mexpired\u001b[39m');
  });

  // Speed is measured by `npm run bench` (bench-cli), not asserted here.
  test('lists every one of 10,000 session hosts', () => {
    const state = buildLargeLiveState(10_000);
    const text = renderLiveStateText(state, { color: true });
    expect(text.split('\n').filter((line) => line.includes('.corp.contoso.com  ')).length).toBeGreaterThanOrEqual(10_000);
  });
});

describe('renderLiveStateTextChunks', () => {
  test('gives the session host table a line at a time, the same text as the whole rendering, as a table and as blocks', () => {
    const state = buildLargeLiveState(5000);
    for (const width of [1000, 60]) {
      const chunks = [...renderLiveStateTextChunks(state, { color: false, width })];
      expect(chunks.length).toBeGreaterThan(5000);
      expect(chunks.filter((chunk) => chunk.includes('rdsh')).every((chunk) => chunk.split('\n').filter((line) => line.includes('rdsh')).length <= 1)).toBe(true);
      expect(chunks.join('')).toBe(renderLiveStateText(state, { color: false, width }));
    }
  });
});
