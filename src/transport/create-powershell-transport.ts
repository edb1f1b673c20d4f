/**
 * The PowerShell-remoting transports (psrp-ssh, winrm, local): ONE local PowerShell process per
 * phase runs providers/windows/rdsctl-fan-out.ps1, which fans out with Invoke-Command.
 */
import type { PowerShellCommand } from './find-powershell.js';
import type { FanOutRequest } from './host-target.js';
import { runFanOut } from './run-fan-out.js';
import type { Transport } from './transport.js';

export interface PowerShellTransportOptions {
  powershell: () => Promise<PowerShellCommand>;
  runnerScript: string;
  env?: Readonly<Record<string, string>>;
}

/** The runner names PowerShell remoting over SSH `ssh`, as Invoke-Command's -HostName does. */
function forRunner(request: FanOutRequest): FanOutRequest {
  if (request.target.transport !== 'psrp-ssh') return request;
  return { ...request, target: { ...request.target, transport: 'ssh' } };
}

export function createPowerShellTransport(options: PowerShellTransportOptions): Transport {
  return {
    name: 'powershell',
    run: async (run) => {
      const fanOut = {
        powershell: await options.powershell(),
        runnerScript: options.runnerScript,
        requests: run.requests.map(forRunner),
        parallelism: run.parallelism,
        timeoutMs: run.timeoutMs,
        ...(run.signal ? { signal: run.signal } : {}),
        ...(options.env ? { env: options.env } : {}),
        ...(run.onFrame ? { onFrame: run.onFrame } : {}),
      };
      return runFanOut(fanOut);
    },
  };
}
