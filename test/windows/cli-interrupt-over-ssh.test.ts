/**
 * A Windows apply over the loopback sshd that is killed or interrupted twice while a change is
 * in flight: no local PowerShell runner or OpenSSH client outlives rdsctl, and no change that
 * had not started is made afterwards. The processes are found in /proc by a marker in their
 * environment, which rdsctl's children inherit and the sshd side does not.
 */
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyExample, startCli, type CliResult } from '../support/run-cli.js';
import { startLoopbackSshd, type LoopbackSshd } from './loopback-sshd.js';
import { describeWindows } from './windows-test-gate.js';
import { createDoubleDirectory, licenseServerState, sessionHostState, type DoubleDirectory } from './windows-double-fixtures.js';

const SLOW = 'kiosk01.corp.contoso.com';
const NEXT = 'kiosk02.corp.contoso.com';
const SERVERS = ['lic02.corp.contoso.com', 'lic01.corp.contoso.com'];
/** Keeps the apply lock (a file under its ProgramData): the spec declares only external licence servers. */
const LOCK_HOST = 'lic01.corp.contoso.com';
/** Each change on the slow host takes this long, so it is surely in flight when rdsctl is stopped. */
const SLOW_CHANGE_SECONDS = 12;
/** Before the first change, the run takes the apply lock, reads, plans and renews the lock: each a remote call. */
const TEST_TIMEOUT_MS = 300_000;

/** Processes (other than this one) whose environment holds `marker`. */
function processesWith(marker: string): { pid: number; command: string }[] {
  const found: { pid: number; command: string }[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (!readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(marker)) continue;
      found.push({ pid: Number(entry), command: readFileSync(`/proc/${entry}/cmdline`, 'latin1').replaceAll('\0', ' ').trim() });
    } catch {
      // Ended while we looked, or not ours to read.
    }
  }
  return found;
}

async function waitUntilNone(marker: string, withinMs: number): Promise<{ pid: number; command: string }[]> {
  const deadline = Date.now() + withinMs;
  let left = processesWith(marker);
  while (left.length > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 200));
    left = processesWith(marker);
  }
  return left;
}

function waitForOutput(run: ReturnType<typeof startCli>, pattern: RegExp): Promise<void> {
  return new Promise((resolve, reject) => {
    let seen = '';
    run.child.stdout?.on('data', (chunk: Buffer | string) => {
      seen += String(chunk);
      if (pattern.test(seen)) resolve();
    });
    run.done.then((result: CliResult) => reject(new Error(`exited before ${pattern}: ${result.stdout}${result.stderr}`)), reject);
  });
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describeWindows('cli-interrupt-over-ssh', ({ pwsh, sshd }) => {
  let server: LoopbackSshd;
  let double: DoubleDirectory;
  const addresses = { [SLOW]: '127.0.0.2', [NEXT]: '127.0.0.3', [LOCK_HOST]: '127.0.0.4' };

  beforeAll(async () => {
    double = await createDoubleDirectory({ [LOCK_HOST]: licenseServerState() }, { [addresses[SLOW]]: SLOW, [addresses[NEXT]]: NEXT, [addresses[LOCK_HOST]]: LOCK_HOST });
    server = await startLoopbackSshd({ sshd, pwsh, double });
  }, 60_000);

  afterAll(async () => {
    await server?.stop();
  });

  /**
   * Two kiosks in the wrong mode; every change on the first one is slow. One change at a time.
   * Each test has a deployment of its own: a stopped apply leaves its lock until the lease ends.
   */
  async function prepare(transport: 'psrp-ssh' | 'ssh', deployment: string): Promise<string> {
    await double.write(SLOW, sessionHostState({ localMode: 4, localServers: SERVERS, extra: { saveDelaySeconds: SLOW_CHANGE_SECONDS } }));
    await double.write(NEXT, sessionHostState({ localMode: 4, localServers: SERVERS }));
    const directory = copyExample('contoso');
    const spec = [
      'apiVersion: rdsctl/v1',
      `deployment: ${deployment}`,
      'connection:',
      '  provider: windows',
      `  transport: ${transport}`,
      `  user: ${server.user}`,
      `  port: ${server.port}`,
      `  keyFile: ${server.keyFile}`,
      `  knownHostsFile: ${server.knownHostsFile}`,
      ...(transport === 'ssh' ? [`  remotePowerShell: ${pwsh}`] : []),
      '  timeoutSeconds: 120',
      `  lockHost: ${LOCK_HOST}`,
      '  addresses:',
      ...Object.entries(addresses).map(([host, address]) => `    ${host}: ${address}`),
      `externalLicenseServers: [${SERVERS.join(', ')}]`,
      'sessionHostPools:',
      '  - name: kiosks',
      `    hosts: [${SLOW}, ${NEXT}]`,
      '    os: windowsServer2022',
      '    configuredBy: local',
      '    licensingMode: perDevice',
      `    licenseServers: [${SERVERS.join(', ')}]`,
      '',
    ].join('\n');
    writeFileSync(path.join(directory, 'rds.yaml'), spec);
    return directory;
  }

  /** Starts the apply and resolves once the slow host's change has been in flight for a while. */
  async function applyUntilInFlight(directory: string, marker: string): Promise<ReturnType<typeof startCli>> {
    const [name, value] = marker.split('=') as [string, string];
    const run = startCli(['apply', '-f', 'rds.yaml', '--auto-approve', '--parallelism', '1'], { cwd: directory, env: { RDSCTL_POWERSHELL: pwsh, [name]: value } });
    // The plan is printed before the first change starts, and its audit intent is written just
    // before it does; then the runner connects and the double sleeps. Until then a process with
    // the marker may be a step of the apply lock (taken, then renewed with the plan's digest).
    await waitForOutput(run, /Plan: /);
    const audit = path.join(directory, '.rdsctl', 'audit.jsonl');
    const deadline = Date.now() + 120_000;
    const intents = (): string => (existsSync(audit) ? readFileSync(audit, 'utf8') : '');
    while (!intents().includes(`sessionHost[${SLOW}]`) && Date.now() < deadline) await sleep(200);
    while (processesWith(marker).length === 0 && Date.now() < deadline) await sleep(200);
    await sleep(4_000);
    return run;
  }

  for (const transport of ['psrp-ssh', 'ssh'] as const) {
    it(`${transport}: a second Ctrl-C ends rdsctl within 2 s with 130 and kills every runner and ssh client it started`, { timeout: TEST_TIMEOUT_MS }, async () => {
      const directory = await prepare(transport, `interrupted-${transport}`);
      const marker = `RDSCTL_TEST_RUN=${randomUUID()}`;
      const run = await applyUntilInFlight(directory, marker);
      expect(processesWith(marker).length).toBeGreaterThan(0);
      run.child.kill('SIGINT');
      await sleep(300);
      const second = Date.now();
      run.child.kill('SIGINT');
      const result = await run.done;
      expect(Date.now() - second).toBeLessThan(2_000);
      expect(result.exitCode).toBe(130);
      expect(result.stderr).toContain(`Interrupted again: quitting now. 1 change was in flight and may not have finished: sessionHost[${SLOW}]`);
      expect(await waitUntilNone(marker, 2_000)).toEqual([]);
      await sleep((SLOW_CHANGE_SECONDS + 5) * 1000);
      expect(await double.journal(NEXT)).toEqual([]);
    });
  }

  it('psrp-ssh: a SIGKILLed rdsctl leaves no runner or ssh client behind, and no further change is made', { timeout: TEST_TIMEOUT_MS }, async () => {
    const directory = await prepare('psrp-ssh', 'killed');
    const marker = `RDSCTL_TEST_RUN=${randomUUID()}`;
    const run = await applyUntilInFlight(directory, marker);
    run.child.kill('SIGKILL');
    expect((await run.done).signal).toBe('SIGKILL');
    // The runner checks for rdsctl every 250 ms; the bound leaves room for a loaded machine, where
    // starting pwsh alone can take seconds.
    expect(await waitUntilNone(marker, 30_000)).toEqual([]);
    await sleep((SLOW_CHANGE_SECONDS + 5) * 1000);
    expect(await double.journal(NEXT)).toEqual([]);
  });
});
