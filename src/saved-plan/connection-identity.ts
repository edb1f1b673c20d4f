/** Where a plan applies, without credentials: provider, transport, user, estate, ports. */
import type { ConnectionSpec } from '../model/spec.js';

export interface ConnectionIdentity {
  provider: string;
  estate?: string;
  transport?: string;
  user?: string;
  port?: string;
  gpoManagementHost?: string;
}

export function connectionIdentity(connection: ConnectionSpec): ConnectionIdentity {
  const identity: ConnectionIdentity = { provider: connection.provider };
  if (connection.estate !== undefined) identity.estate = connection.estate;
  if (connection.transport !== undefined) identity.transport = connection.transport;
  if (connection.user !== undefined) identity.user = connection.user;
  if (connection.port !== undefined) identity.port = String(connection.port);
  if (connection.gpoManagementHost !== undefined) identity.gpoManagementHost = connection.gpoManagementHost;
  return identity;
}
