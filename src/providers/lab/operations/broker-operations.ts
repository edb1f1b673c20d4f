/**
 * An RD Connection Broker's deployment licensing in the lab: `setDeploymentLicensing` sets the
 * broker's mode and ordered licence servers, and the broker pushes them at once to the local
 * layer of every session host of its deployment (on Windows the push itself is undocumented;
 * docs/windows.md). A broker whose `centralLicensing` is false pushes nothing, as Windows ignores
 * the deployment-wide settings then. Group Policy still wins on the hosts it reaches.
 */
import { canonicalHostName } from '../../../model/host-name.js';
import type { LiveSessionHost } from '../../../model/live-state.js';
import type { Operation } from '../../../model/operation.js';
import type { LabHost } from '../lab-estate.js';
import { settleLayers } from '../layered-value.js';
import { copyHost, done, failed, noop, type HostOperationContext, type OperationOutcome } from './operation-outcome.js';
import { describeMode } from './session-host-operations.js';

export type BrokerOperation = Extract<Operation, { kind: 'setDeploymentLicensing' }>;

/** Replaces another host of the estate (the broker's session hosts). */
export type CommitOtherHost = (name: string, next: (host: LabHost) => LabHost | undefined) => void;

export function applyBrokerOperation(operation: BrokerOperation, ctx: HostOperationContext, commitOther: CommitOtherHost): OperationOutcome {
  const host = ctx.current();
  const broker = host.connectionBroker;
  if (!broker) return failed('ROLE_MISSING', `${host.host} is not an RD Connection Broker (it holds no deployment licensing settings)`);
  const sameServers = sameList(broker.licenseServers, operation.servers);
  if (broker.licensingMode === operation.mode && sameServers) {
    return noop(`deployment licensing already ${describeMode(operation.mode)}, ${describeList(operation.servers)}`);
  }
  const next = copyHost(host);
  next.connectionBroker = { ...broker, licensingMode: operation.mode, licenseServers: [...operation.servers] };
  ctx.commit(next);
  const pushed = broker.centralLicensing === false ? [] : pushToSessionHosts(broker.sessionHosts, operation, commitOther);
  const was = `was ${describeMode(broker.licensingMode)}, ${describeList(broker.licenseServers)}`;
  return done(`set deployment licensing to ${describeMode(operation.mode)}, ${describeList(operation.servers)} (${was}); pushed to ${pushed.length} session host(s)`);
}

function pushToSessionHosts(sessionHosts: readonly string[], operation: BrokerOperation, commitOther: CommitOtherHost): string[] {
  const pushed: string[] = [];
  for (const name of sessionHosts) {
    commitOther(name, (host) => {
      const sessionHost = host.sessionHost;
      if (!sessionHost) return undefined;
      const next: LiveSessionHost = {
        ...sessionHost,
        licensingMode: settleLayers<LiveSessionHost['licensingMode']['local']>(operation.mode, sessionHost.licensingMode.policy),
        licenseServers: settleLayers([...operation.servers], sessionHost.licenseServers.policy),
      };
      pushed.push(canonicalHostName(host.host));
      return { ...host, sessionHost: next };
    });
  }
  return pushed;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, index) => value.toLowerCase() === b[index]?.toLowerCase());
}

function describeList(servers: readonly string[]): string {
  return servers.length === 0 ? '(no licence servers)' : servers.join(', ');
}
