/**
 * Reads shared by every resource of one estate within one Pulumi operation (one provider
 * process). Requests that arrive together are batched into one provider read, a host already
 * read or being read is never read again, and a fresh read (under the apply lock) replaces what
 * was cached. A read error is cached like a state: it is reported, never retried blindly.
 */
import { canonicalHostName } from '../model/host-name.js';
import type { HostError, LiveGpo, LiveHost, LiveState } from '../model/live-state.js';
import type { GpoRef, Provider } from '../providers/provider.js';

export interface ReadStatistics {
  /** Provider reads issued. */
  calls: number;
  /** Hosts across those reads: the cost that matters on a real estate. */
  hostReads: number;
  gpoReads: number;
}

type HostEntry = { host: LiveHost } | { error: HostError } | { missing: true };

const BATCH_WINDOW_MS = 2;

export class SharedReads {
  readonly statistics: ReadStatistics = { calls: 0, hostReads: 0, gpoReads: 0 };
  private readonly hosts = new Map<string, Promise<HostEntry>>();
  private readonly gpos = new Map<string, Promise<LiveGpo | undefined>>();
  private batch: { hosts: Map<string, string>; gpos: Map<string, GpoRef>; run: Promise<LiveState> } | undefined;

  constructor(
    private readonly provider: Provider,
    private readonly parallelism: number,
  ) {}

  /** Live state of the given hosts and GPOs, from this operation's reads where possible. */
  async get(hosts: readonly string[], gpos: readonly GpoRef[]): Promise<LiveState> {
    for (const host of hosts) {
      const key = canonicalHostName(host);
      if (!this.hosts.has(key)) this.hosts.set(key, this.enqueue({ host }).then((state) => hostEntry(state, host)));
    }
    for (const gpo of gpos) {
      const key = gpo.name.toLowerCase();
      if (!this.gpos.has(key)) this.gpos.set(key, this.enqueue({ gpo }).then((state) => gpoEntry(state, gpo.name)));
    }
    return this.assemble(hosts, gpos);
  }

  /** Reads the given hosts and GPOs again now, replacing what was cached. */
  async refresh(hosts: readonly string[], gpos: readonly GpoRef[]): Promise<LiveState> {
    const state = await this.read([...hosts], [...gpos]);
    for (const host of hosts) this.hosts.set(canonicalHostName(host), Promise.resolve(hostEntry(state, host)));
    for (const gpo of gpos) this.gpos.set(gpo.name.toLowerCase(), Promise.resolve(gpoEntry(state, gpo.name)));
    return this.assemble(hosts, gpos);
  }

  private enqueue(item: { host: string } | { gpo: GpoRef }): Promise<LiveState> {
    if (this.batch === undefined) {
      const batch = { hosts: new Map<string, string>(), gpos: new Map<string, GpoRef>(), run: Promise.resolve(undefined as unknown as LiveState) };
      batch.run = new Promise<void>((resolve) => setTimeout(resolve, BATCH_WINDOW_MS)).then(() => {
        if (this.batch === batch) this.batch = undefined;
        return this.read([...batch.hosts.values()], [...batch.gpos.values()]);
      });
      this.batch = batch;
    }
    if ('host' in item) this.batch.hosts.set(canonicalHostName(item.host), item.host);
    else this.batch.gpos.set(item.gpo.name.toLowerCase(), item.gpo);
    return this.batch.run;
  }

  private async read(hosts: string[], gpos: GpoRef[]): Promise<LiveState> {
    this.statistics.calls += 1;
    this.statistics.hostReads += hosts.length;
    this.statistics.gpoReads += gpos.length;
    return this.provider.read({ hosts, gpos, parallelism: this.parallelism });
  }

  private async assemble(hosts: readonly string[], gpos: readonly GpoRef[]): Promise<LiveState> {
    const state: LiveState = { formatVersion: 1, hosts: [], gpos: [], errors: [] };
    for (const host of hosts) {
      const entry = await this.hosts.get(canonicalHostName(host));
      if (entry && 'host' in entry) state.hosts.push(entry.host);
      else if (entry && 'error' in entry) state.errors.push(entry.error);
    }
    for (const gpo of gpos) {
      const entry = await this.gpos.get(gpo.name.toLowerCase());
      if (entry) state.gpos.push(entry);
    }
    return state;
  }
}

const indexes = new WeakMap<LiveState, { hosts: Map<string, LiveHost>; errors: Map<string, HostError> }>();

function indexOf(state: LiveState): { hosts: Map<string, LiveHost>; errors: Map<string, HostError> } {
  let index = indexes.get(state);
  if (index === undefined) {
    index = {
      hosts: new Map(state.hosts.map((host) => [canonicalHostName(host.host), host])),
      errors: new Map(state.errors.map((error) => [canonicalHostName(error.host), error])),
    };
    indexes.set(state, index);
  }
  return index;
}

function hostEntry(state: LiveState, name: string): HostEntry {
  const key = canonicalHostName(name);
  const index = indexOf(state);
  const host = index.hosts.get(key);
  if (host) return { host };
  const error = index.errors.get(key);
  return error ? { error } : { missing: true };
}

function gpoEntry(state: LiveState, name: string): LiveGpo | undefined {
  return state.gpos.find((gpo) => gpo.name.toLowerCase() === name.toLowerCase());
}
