/**
 * `Provider.read` for Windows: one fan-out run, one request per host, live state per host; then,
 * only for licence servers that enforce their security-group policy, the endpoint check.
 */
import { canonicalHostName } from '../../model/host-name.js';
import type { LiveState } from '../../model/live-state.js';
import type { HostTarget } from '../../transport/host-target.js';
import type { ReadRequest } from '../provider.js';
import { explainUnreachableHosts } from './explain-unreachable-hosts.js';
import { hostErrorForMissingFrame } from './map-host-failure.js';
import { failRead, mapReadFrame, type ReadOutcome } from './map-read-frame.js';
import { planReads } from './plan-reads.js';
import { readConnectionPassword } from './read-connection-password.js';
import { readEndpointServers } from './read-endpoint-servers.js';
import { resolveHostTarget } from './resolve-host-target.js';
import { probeBudgetSeconds, runTimeoutMs, type WindowsProviderContext } from './windows-provider-context.js';

export async function readWindowsState(context: WindowsProviderContext, request: ReadRequest): Promise<LiveState> {
  const { connection, specDirectory } = context.options;
  const reads = planReads(request.hosts, request.gpos, connection.gpoManagementHost);
  const state: LiveState = { formatVersion: 1, readAt: new Date().toISOString(), hosts: [], gpos: [], errors: [] };
  if (reads.length === 0) return state;
  const validators = context.validators();
  const password = await readConnectionPassword(connection, specDirectory);
  const target = (host: string): HostTarget => resolveHostTarget({ connection, specDirectory, host, password, remotePowerShellByHost: context.options.remotePowerShellByHost });
  const parallelism = Math.max(1, request.parallelism || context.options.parallelism);
  // Per-host input is data only: the servers a host probes are its own list, read in the same call.
  const probeBudget = probeBudgetSeconds(context.readTimeoutSeconds);
  const brokers = new Set((context.options.connectionBrokers ?? []).map(canonicalHostName));
  const requests = reads.map((read) => ({
    id: read.id,
    host: read.host,
    target: target(read.host),
    timeoutSeconds: context.readTimeoutSeconds,
    inputJson: JSON.stringify({
      host: read.host,
      phase: 'read',
      readHost: read.readHost,
      gpos: read.gpos,
      probeBudgetSeconds: probeBudget,
      ...(context.options.readComputerAccounts ? { computerAccounts: true } : {}),
      ...(brokers.has(canonicalHostName(read.host)) && read.readHost ? { connectionBroker: true } : {}),
      ...(request.perUserReport ? { perUserReport: true } : {}),
    }),
  }));
  const run = await context.transport().run({
    requests,
    parallelism,
    timeoutMs: runTimeoutMs(requests.length, parallelism, context.readTimeoutSeconds),
    ...(request.signal ? { signal: request.signal } : {}),
  });
  for (const read of reads) {
    const frame = run.frames.get(read.id);
    const outcome: ReadOutcome = frame
      ? mapReadFrame(read, frame, validators)
      : failRead(read, (host, step) => hostErrorForMissingFrame(host, run, step));
    state.hosts.push(...outcome.hosts);
    state.gpos.push(...outcome.gpos);
    state.errors.push(...outcome.errors);
  }
  const hosts = await readEndpointServers({ context, hosts: state.hosts, target, parallelism, signal: request.signal });
  return { ...state, hosts, errors: explainUnreachableHosts(state.errors, `${run.stderr}\n${run.noise}`, target) };
}
