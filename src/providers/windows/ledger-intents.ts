/**
 * Revocations a killed run left unfinished, as the licence servers' install ledgers report them
 * in their read (`installLedger.unsettledRevocations`, providers/windows/install-ledger.ps1), and
 * the request that records what a later run observed for each (`revokeObserved`).
 */
import type { ChangeIntent, SettledIntent } from '../../model/change-intent.js';
import type { LiveState } from '../../model/live-state.js';

export interface LedgerIntent {
  intent: ChangeIntent;
  /** The licence server whose ledger holds it, and the ledger entry's id. */
  host: string;
  revokeId: string;
  keyPackId: number;
  licenseId: number;
}

export function ledgerIntentsIn(live: LiveState): LedgerIntent[] {
  return live.hosts.flatMap((host) =>
    (host.licenseServer?.installLedger?.unsettledRevocations ?? []).map((revocation) => {
      const intent: ChangeIntent = {
        id: revocation.intentId,
        time: revocation.at,
        address: revocation.address,
        user: revocation.user || 'unknown user',
        machine: revocation.machine || 'unknown machine',
        planDigest: revocation.planDigest,
      };
      return {
        host: host.host,
        revokeId: revocation.revokeId,
        keyPackId: revocation.keyPackId,
        licenseId: revocation.licenseId,
        intent: revocation.ciRunId ? { ...intent, ciRunId: revocation.ciRunId } : intent,
      };
    }),
  );
}

/** One `settle-ledger` request per licence server: the ledger entries and what was observed. */
export interface SettleItem {
  revokeId: string;
  keyPackId: number;
  licenseId: number;
  observation: string;
}

export function settleRequests(known: readonly LedgerIntent[], settled: readonly SettledIntent[]): { host: string; settled: SettleItem[] }[] {
  const byHost = new Map<string, SettleItem[]>();
  for (const { intent, observation } of settled) {
    const entry = known.find((candidate) => candidate.intent.id === intent.id);
    if (!entry) continue;
    byHost.set(entry.host, [...(byHost.get(entry.host) ?? []), { revokeId: entry.revokeId, keyPackId: entry.keyPackId, licenseId: entry.licenseId, observation }]);
  }
  return [...byHost].map(([host, items]) => ({ host, settled: items }));
}
