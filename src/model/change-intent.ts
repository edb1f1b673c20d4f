/**
 * A record of intent: written (and flushed) just before a change starts, so a run killed while
 * the change is in flight leaves it behind. The audit log keeps one per change on the runner's
 * disk; the estate's own ledger (beside the lab estate, the install ledger on a Windows licence
 * server) keeps one per change that adds up, where every later runner sees it. The same id is
 * used in both, so one change is reported once. Never holds a secret.
 */
export interface ChangeIntent {
  id: string;
  /** ISO-8601 UTC. */
  time: string;
  address: string;
  user: string;
  machine: string;
  ciRunId?: string;
  planDigest: string;
}

/** An intent a later run found without an outcome, with what that run observed at its address. */
export interface SettledIntent {
  intent: ChangeIntent;
  observation: string;
}
