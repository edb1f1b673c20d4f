/**
 * bench:windows — a full read of 50 hosts over SSH remoting on loopback (127.0.0.2..51, each a
 * distinct host served by the test double), batched (ONE local PowerShell process) against the
 * naive way (one local PowerShell process per host). Only rdsctl's own process tree is counted:
 * the remote `pwsh -sshs` processes run under the loopback sshd, which is excluded.
 */
import pLimit from 'p-limit';
import type { ConnectionSpec } from '../src/model/spec.js';
import { createWindowsProvider } from '../src/providers/windows/create-windows-provider.js';
import { resolveHostTarget } from '../src/providers/windows/resolve-host-target.js';
import { locateWindowsFiles } from '../src/providers/windows/locate-windows-files.js';
import { findPowerShell } from '../src/transport/find-powershell.js';
import { runFanOut } from '../src/transport/run-fan-out.js';
import { startLoopbackSshd } from '../test/windows/loopback-sshd.js';
import { createDoubleDirectory, keyPack, licenseServerState, sessionHostState, type DoubleState } from '../test/windows/windows-double-fixtures.js';
import { countLocalPwsh, treeCpuMs } from './measure-process-tree.js';

const HOSTS = 50;
const PARALLELISM = 10;
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

async function main(): Promise<void> {
  const powershell = await findPowerShell();
  const { fixtures, addresses } = estate();
  const double = await createDoubleDirectory(fixtures, Object.fromEntries(Object.entries(addresses).map(([host, address]) => [address, host])));
  const server = await startLoopbackSshd({ sshd: '/usr/sbin/sshd', pwsh: powershell.file, double });
  try {
    const connection: ConnectionSpec = {
      provider: 'windows', transport: 'ssh', user: server.user, port: server.port, keyFile: server.keyFile,
      knownHostsFile: server.knownHostsFile, addresses, timeoutSeconds: TIMEOUT_SECONDS,
    };
    const hosts = Object.keys(addresses);
    const provider = createWindowsProvider({ connection, specDirectory: server.directory, parallelism: PARALLELISM, powershell });

    const batched = await measure(server.pid, () => provider.read({ hosts, gpos: [], parallelism: PARALLELISM }));
    if (batched.result.errors.length > 0) throw new Error(`batched read failed: ${JSON.stringify(batched.result.errors.slice(0, 3))}`);

    const runner = locateWindowsFiles().runnerScript;
    const limit = pLimit(PARALLELISM);
    const naive = await measure(server.pid, () =>
      Promise.all(
        hosts.map((host, index) =>
          limit(() =>
            runFanOut({
              powershell, runnerScript: runner, parallelism: 1, timeoutMs: (TIMEOUT_SECONDS + 30) * 1000,
              requests: [{
                id: `naive-${index}`, host, timeoutSeconds: TIMEOUT_SECONDS,
                target: resolveHostTarget({ connection, specDirectory: server.directory, host }),
                inputJson: JSON.stringify({ host, phase: 'read', readHost: true, gpos: [] }),
              }],
            }),
          ),
        ),
      ),
    );
    const answered = naive.result.filter((run) => [...run.frames.values()].some((frame) => frame.status === 'ok')).length;
    if (answered !== HOSTS) throw new Error(`naive read answered for ${answered} of ${HOSTS} hosts`);

    console.log(`bench-windows: naive run started ${naive.pwsh} local pwsh processes; batched hosts read=${batched.result.hosts.length}`);
    console.log(
      `bench-windows: hosts=${HOSTS} batched_ms=${Math.round(batched.ms)} naive_ms=${Math.round(naive.ms)} ` +
        `batched_local_cpu_ms=${Math.round(batched.cpuMs)} naive_local_cpu_ms=${Math.round(naive.cpuMs)} local_pwsh_processes=${batched.pwsh}`,
    );
  } finally {
    await server.stop();
  }
}

await main();
