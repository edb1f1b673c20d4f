/**
 * bench:windows — the same full read of N hosts (default 200) on loopback (127.0.0.2.., each a
 * distinct host served by the test double) through the ssh transport (one OpenSSH client per
 * host, no local PowerShell) and through psrp-ssh (ONE local PowerShell process fanning out
 * with Invoke-Command). Only rdsctl's own process tree is counted: the remote shells run
 * under the loopback sshd, which is excluded, as they run on the hosts in a real estate.
 */
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import type { ConnectionSpec } from '../src/model/spec.js';
import { findPowerShell } from '../src/transport/find-powershell.js';
import { startLoopbackSshd } from '../test/windows/loopback-sshd.js';
import { createDoubleDirectory, keyPack, licenseServerState, sessionHostState, type DoubleState } from '../test/windows/windows-double-fixtures.js';
import { watchProcessTree } from './measure-process-tree.js';
import type { BenchRead, BenchReadFigures } from './windows-bench-read.js';

/** BENCH_HOSTS and BENCH_PARALLELISM size the run (a loaded machine may need fewer hosts). */
const HOSTS = Math.min(250, Number(process.env.BENCH_HOSTS ?? 200));
const PARALLELISM = Number(process.env.BENCH_PARALLELISM ?? 10);
const TIMEOUT_SECONDS = 120;

/**
 * The key exchanges the loopback sshd offers. `windows-server-2022` (the default): those of the
 * OpenSSH 8.1 that Windows Server 2019 and 2022 ship, which predates the post-quantum hybrid, so
 * the client negotiates curve25519-sha256 as it would against those hosts. `openssh-default`:
 * this sshd's own defaults (OpenSSH 9.2: sntrup761x25519-sha512 first), as a host with a newer
 * OpenSSH offers. BENCH_SSHD_KEX picks one; see docs/windows.md for both figures.
 */
const SSHD_KEX: Record<string, string[]> = {
  'windows-server-2022': [
    'KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256',
  ],
  'openssh-default': [],
};
const KEX_PROFILE = process.env.BENCH_SSHD_KEX ?? 'windows-server-2022';

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

/** Runs one read in its own process (windows-bench-read.ts) and watches that process's tree from here. */
async function measureRead(read: BenchRead): Promise<BenchReadFigures & { peak: number; pwsh: number }> {
  const child = execa(process.execPath, [fileURLToPath(new URL('./windows-bench-read.js', import.meta.url))], { input: JSON.stringify(read), reject: false, encoding: 'utf8' });
  const watch = watchProcessTree(child.pid ?? -1);
  const result = await child;
  const processes = watch.stop();
  const last = String(result.stdout).trim().split('\n').pop() ?? '';
  if (result.exitCode !== 0 || !last.startsWith('{')) throw new Error(`${read.connection.transport} read did not finish (exit ${result.exitCode}): ${String(result.stderr).slice(-2000)}`);
  const figures = JSON.parse(last) as BenchReadFigures;
  if (figures.errors.length > 0) throw new Error(`${read.connection.transport} read failed: ${JSON.stringify(figures.errors)}`);
  return { ...figures, ...processes };
}

async function main(): Promise<void> {
  const powershell = await findPowerShell();
  const { fixtures, addresses } = estate();
  const double = await createDoubleDirectory(fixtures, Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])));
  const kex = SSHD_KEX[KEX_PROFILE];
  if (!kex) throw new Error(`BENCH_SSHD_KEX must be one of ${Object.keys(SSHD_KEX).join(', ')}, not ${KEX_PROFILE}`);
  const server = await startLoopbackSshd({ sshd: '/usr/sbin/sshd', pwsh: powershell.file, double, lastHostOctet: HOSTS + 2, extraConfig: async () => kex });
  try {
    const common = { provider: 'windows' as const, user: server.user, port: server.port, keyFile: server.keyFile, knownHostsFile: server.knownHostsFile, addresses, timeoutSeconds: TIMEOUT_SECONDS };
    const hosts = Object.keys(addresses);
    const read = (connection: ConnectionSpec) => measureRead({ connection, specDirectory: server.directory, hosts, parallelism: PARALLELISM, powershell });
    const ssh = await read({ ...common, transport: 'ssh', remotePowerShell: powershell.file });
    const psrp = await read({ ...common, transport: 'psrp-ssh' });
    const cpuMs = (figures: BenchReadFigures) => figures.nodeCpuMs + figures.childCpuMs;
    const perHost = (cpuMs: number) => Math.round(cpuMs / HOSTS);
    console.log(`bench-windows: hosts=${HOSTS} parallelism=${PARALLELISM} sshd_kex=${KEX_PROFILE} batched_ms=${Math.round(psrp.ms)} batched_local_cpu_ms=${Math.round(cpuMs(psrp))} local_pwsh_processes=${psrp.pwsh}`);
    console.log(
      `bench-windows-scale: hosts=${HOSTS} ssh_local_cpu_ms_per_host=${perHost(cpuMs(ssh))} psrp_local_cpu_ms_per_host=${perHost(cpuMs(psrp))} ` +
        `ssh_wall_ms=${Math.round(ssh.ms)} psrp_wall_ms=${Math.round(psrp.ms)} local_processes_peak=${ssh.peak}`,
    );
    // Where the ssh transport's local CPU goes: rdsctl's Node process, and the ssh clients it started.
    console.log(`bench-windows-ssh-split: hosts=${HOSTS} node_cpu_ms_per_host=${perHost(ssh.nodeCpuMs)} ssh_clients_cpu_ms_per_host=${perHost(ssh.childCpuMs)}`);
  } finally {
    await server.stop();
  }
}

await main();
