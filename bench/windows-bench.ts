/**
 * bench:windows — the same full read of N hosts (default 200) on loopback (127.0.0.2.., each a
 * distinct host served by the test double) through the ssh transport (one OpenSSH client per
 * host, no local PowerShell) and through psrp-ssh (ONE local PowerShell process fanning out
 * with Invoke-Command). Only rdsctl's own process tree is counted: the remote shells run
 * under the loopback sshd, which is excluded, as they run on the hosts in a real estate.
 */
import { readFileSync, readdirSync } from 'node:fs';
import type { ConnectionSpec } from '../src/model/spec.js';
import { createWindowsProvider } from '../src/providers/windows/create-windows-provider.js';
import { findPowerShell } from '../src/transport/find-powershell.js';
import { startLoopbackSshd } from '../test/windows/loopback-sshd.js';
import { createDoubleDirectory, keyPack, licenseServerState, sessionHostState, type DoubleState } from '../test/windows/windows-double-fixtures.js';
import { countLocalPwsh, treeCpuMs } from './measure-process-tree.js';

/** BENCH_HOSTS and BENCH_PARALLELISM size the run (a loaded machine may need fewer hosts). */
const HOSTS = Math.min(250, Number(process.env.BENCH_HOSTS ?? 200));
const PARALLELISM = Number(process.env.BENCH_PARALLELISM ?? 10);
const TIMEOUT_SECONDS = 120;

function estate(): { fixtures: Record<string, DoubleState>; addresses: Record<string, string> } {
  const fixtures: Record<string, DoubleState> = {};
  const addresses: Record<string, string> = {};
  for (let i = 0; i < HOSTS; i += 1) {
    const isServer = i < 5;
    const name = isServer ? `lic${String(i + 1).padStart(2, '0')}.bench.example` : `rdsh${String(i - 4).padStart(2, '0')}.bench.example`;
    addresses[name] = `127.0.0.${i + 2}`;
    fixtures[name] = isServer
      ? licenseServerState({ keyPacks: [keyPack({ id: 1, total: 200, issued: 150 }), keyPack({ id: 2, productType: 0, total: 50 })] })
      : sessionHostState({ localMode: 4, localServers: ['lic01.bench.example', 'lic02.bench.example'], connectivity: { 'lic01.bench.example': 11, 'lic02.bench.example': 11 } });
  }
  return { fixtures, addresses };
}

async function measure<T>(excluded: number, work: () => Promise<T>): Promise<{ ms: number; cpuMs: number; pwsh: number; result: T }> {
  const counter = countLocalPwsh(excluded);
  const cpuBefore = treeCpuMs();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  const cpuMs = treeCpuMs() - cpuBefore;
  return { ms, cpuMs, pwsh: counter.stop(), result };
}

/** Peak number of live processes in rdsctl's own tree (this process included), sshd's excluded. */
function countLocalProcesses(excludedRoot: number, intervalMs = 25): { stop(): number } {
  let peak = 0;
  const scan = (): void => {
    const children = new Map<number, number[]>();
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      try {
        const text = readFileSync(`/proc/${entry}/stat`, 'utf8');
        const parent = Number(text.slice(text.lastIndexOf(')') + 2).split(' ')[1]);
        children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
      } catch {
        // the process ended meanwhile
      }
    }
    let count = 0;
    const stack = [process.pid];
    while (stack.length > 0) {
      const pid = stack.pop() as number;
      if (pid === excludedRoot) continue;
      count += 1;
      stack.push(...(children.get(pid) ?? []));
    }
    peak = Math.max(peak, count);
  };
  const timer = setInterval(scan, intervalMs);
  return { stop: () => { clearInterval(timer); scan(); return peak; } };
}

async function main(): Promise<void> {
  const powershell = await findPowerShell();
  const { fixtures, addresses } = estate();
  const double = await createDoubleDirectory(fixtures, Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])));
  const server = await startLoopbackSshd({ sshd: '/usr/sbin/sshd', pwsh: powershell.file, double, lastHostOctet: HOSTS + 2 });
  try {
    const common = { provider: 'windows' as const, user: server.user, port: server.port, keyFile: server.keyFile, knownHostsFile: server.knownHostsFile, addresses, timeoutSeconds: TIMEOUT_SECONDS };
    const hosts = Object.keys(addresses);
    const read = async (connection: ConnectionSpec) => {
      const provider = createWindowsProvider({ connection, specDirectory: server.directory, parallelism: PARALLELISM, powershell });
      const processes = countLocalProcesses(server.pid);
      const run = await measure(server.pid, () => provider.read({ hosts, gpos: [], parallelism: PARALLELISM }));
      const peak = processes.stop();
      if (run.result.errors.length > 0) throw new Error(`${connection.transport} read failed: ${JSON.stringify(run.result.errors.slice(0, 3))}`);
      return { ...run, peak };
    };
    const ssh = await read({ ...common, transport: 'ssh', remotePowerShell: powershell.file });
    const psrp = await read({ ...common, transport: 'psrp-ssh' });
    const perHost = (cpuMs: number) => Math.round(cpuMs / HOSTS);
    console.log(`bench-windows: hosts=${HOSTS} parallelism=${PARALLELISM} batched_ms=${Math.round(psrp.ms)} batched_local_cpu_ms=${Math.round(psrp.cpuMs)} local_pwsh_processes=${psrp.pwsh}`);
    console.log(
      `bench-windows-scale: hosts=${HOSTS} ssh_local_cpu_ms_per_host=${perHost(ssh.cpuMs)} psrp_local_cpu_ms_per_host=${perHost(psrp.cpuMs)} ` +
        `ssh_wall_ms=${Math.round(ssh.ms)} psrp_wall_ms=${Math.round(psrp.ms)} local_processes_peak=${ssh.peak}`,
    );
  } finally {
    await server.stop();
  }
}

await main();
