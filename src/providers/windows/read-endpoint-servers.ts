/**
 * `discovery.endpointServers` of the licence servers that enforce the "License server security
 * group" policy (windows-reference.md §2.7). No documented method lists the RDS Endpoint Servers
 * group, so each such server is asked, in one more round trip, about the session hosts known to
 * list it (`IsTSinTSCGroup`). Servers that do not enforce the policy, or that no known session
 * host lists, cost nothing. When the check fails the field stays absent: not read, never "no
 * members".
 */
import type { LiveHost } from '../../model/live-state.js';
import type { FanOutFrame, HostTarget } from '../../transport/host-target.js';
import { runTimeoutMs, type WindowsProviderContext } from './windows-provider-context.js';

export interface EndpointReadOptions {
  context: WindowsProviderContext;
  /** Hosts just read; session hosts among them are remembered first. */
  hosts: readonly LiveHost[];
  target: (host: string) => HostTarget;
  parallelism: number;
  signal?: AbortSignal;
}

interface EndpointCheck {
  id: string;
  server: LiveHost;
  candidates: string[];
}

/** `hosts` with the endpoint servers filled in where they were checked. */
export async function readEndpointServers(options: EndpointReadOptions): Promise<LiveHost[]> {
  const { context, hosts } = options;
  context.knownSessionHosts.remember(hosts);
  const checks = planChecks(context, hosts);
  if (checks.length === 0) return [...hosts];
  const requests = checks.map((check) => ({
    id: check.id,
    host: check.server.host,
    target: options.target(check.server.host),
    timeoutSeconds: context.readTimeoutSeconds,
    inputJson: JSON.stringify({ host: check.server.host, phase: 'read-endpoints', candidates: check.candidates }),
  }));
  const run = await context.transport().run({
    requests,
    parallelism: options.parallelism,
    timeoutMs: runTimeoutMs(requests.length, options.parallelism, context.readTimeoutSeconds),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  const updated = new Map<LiveHost, LiveHost>();
  for (const check of checks) {
    const members = parseMembers(run.frames.get(check.id), check.candidates);
    if (!members) continue;
    const server = check.server;
    const licenseServer = server.licenseServer!;
    const filled: LiveHost = { ...server, licenseServer: { ...licenseServer, discovery: { ...licenseServer.discovery, endpointServers: members } } };
    // The answer crosses the same boundary as a read: a list the schema refuses is not kept.
    if (context.validators().host(filled)) updated.set(server, filled);
  }
  return hosts.map((host) => updated.get(host) ?? host);
}

function planChecks(context: WindowsProviderContext, hosts: readonly LiveHost[]): EndpointCheck[] {
  const checks: EndpointCheck[] = [];
  for (const server of hosts) {
    const licenseServer = server.licenseServer;
    if (!licenseServer?.discovery.securityGroupEnforced || licenseServer.accessDenied) continue;
    const candidates = context.knownSessionHosts.listing(server);
    if (candidates.length > 0) checks.push({ id: `endpoints-${checks.length + 1}`, server, candidates });
  }
  return checks;
}

/** The members the server reported, in candidate order; undefined unless it answered with names it was asked about. */
function parseMembers(frame: FanOutFrame | undefined, candidates: readonly string[]): string[] | undefined {
  if (frame?.status !== 'ok' || !frame.payload) return undefined;
  let payload: unknown;
  try {
    payload = JSON.parse(frame.payload);
  } catch {
    return undefined;
  }
  const reported = (payload as { endpointServers?: unknown } | null)?.endpointServers;
  if (!Array.isArray(reported) || !reported.every((name) => typeof name === 'string' && candidates.includes(name))) return undefined;
  return candidates.filter((candidate) => reported.includes(candidate));
}
