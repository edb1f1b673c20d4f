/**
 * What every rule receives: the input, the indexed estate and each session host's licensing
 * path, computed once per run (rules stay pure functions of this context).
 */
import { canonicalHostName } from '../model/host-name.js';
import { analyseSessionHost, type SessionHostAnalysis, type ServerAttempt, type SupplyCache } from './analyse-session-host.js';
import type { DoctorInput } from './doctor-input.js';
import type { Finding } from './finding.js';
import { createEstateView, type EstateView } from './estate-view.js';

export interface Dependent {
  analysis: SessionHostAnalysis;
  attempt: ServerAttempt;
  /** The host does not list the server yet; the spec intends it to. */
  intended?: boolean;
}

export interface DoctorContext {
  input: DoctorInput;
  view: EstateView;
  /** Session hosts with the RD Session Host role, in live-state order. */
  sessionHosts: readonly SessionHostAnalysis[];
  /** Session hosts that try a server, keyed by the canonical name of the server (or of the name listed when unknown). */
  dependentsOf(server: string): readonly Dependent[];
}

export function createDoctorContext(input: DoctorInput): DoctorContext {
  const view = createEstateView(input);
  const cache: SupplyCache = new Map();
  const sessionHosts = view.sessionHosts
    .filter((host) => host.sessionHost?.roleInstalled !== false)
    .map((host) => analyseSessionHost(host, view, input.now, cache));
  const dependents = new Map<string, Dependent[]>();
  for (const analysis of sessionHosts) {
    for (const attempt of analysis.attempts) {
      const key = canonicalHostName(attempt.server?.host ?? attempt.listed);
      let list = dependents.get(key);
      if (!list) dependents.set(key, (list = []));
      list.push({ analysis, attempt });
    }
  }
  return {
    input,
    view,
    sessionHosts,
    dependentsOf: (server) => dependents.get(canonicalHostName(view.host(server)?.host ?? server)) ?? [],
  };
}

/** A rule: a pure function from the context to its findings. */
export type DoctorRule = (context: DoctorContext) => readonly Finding[];
