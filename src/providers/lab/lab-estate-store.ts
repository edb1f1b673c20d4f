/**
 * The in-memory live copy of a lab estate, its host index and its persistence.
 *
 * - The live copy is created from the pristine estate when absent and reloaded when the file
 *   changed on disk (another process, a reset), but never while an apply of this process runs.
 * - Hosts and GPOs are replaced, never changed in place, so values handed out by `read` stay
 *   as they were read.
 * - Writes are atomic and coalesced: a write requested while one is running is served by one
 *   following write of the then-current estate.
 */
import { mkdir, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { HostError, LiveGpo } from '../../model/live-state.js';
import { canonicalHostName, shortHostName } from '../../model/host-name.js';
import { RdsctlError } from '../../model/rdsctl-error.js';
import { displayPath } from '../../io/display-path.js';
import type { LabEstatePaths } from './lab-estate-files.js';
import type { LabEstate, LabHost } from './lab-estate.js';
import { loadEstateFile, loadLiveEstateFile } from './load-estate-file.js';
import { serializeEstateChunks } from './serialize-estate.js';
import { writeFileAtomically } from './write-file-atomically.js';

export interface FoundHost {
  /** Position in `estate.hosts`. */
  index: number;
  host: LabHost;
}

const AMBIGUOUS = -1;

export class LabEstateStore {
  readonly paths: LabEstatePaths;
  private state: LabEstate | undefined;
  private fileIdentity = '';
  private byName = new Map<string, number>();
  /** Built on the first lookup by short name: most reads name every host in full. */
  private byShortName: Map<string, number> | undefined;
  private recordedErrors = new Map<string, HostError>();
  private loading: Promise<void> | undefined;
  private activeApplies = 0;
  private writing: Promise<void> | undefined;
  private queuedWrite: Promise<void> | undefined;

  constructor(paths: LabEstatePaths) {
    this.paths = paths;
  }

  /** Makes the in-memory estate current with the live file, creating that file when absent. */
  async ensureCurrent(): Promise<void> {
    if (this.loading) return this.loading;
    if (this.state && (this.activeApplies > 0 || this.writing || this.queuedWrite)) return;
    this.loading = this.reloadIfChanged().finally(() => {
      this.loading = undefined;
    });
    return this.loading;
  }

  estate(): LabEstate {
    if (!this.state) throw new Error('lab estate used before it was loaded');
    return this.state;
  }

  beginApply(): void {
    this.activeApplies += 1;
  }

  endApply(): void {
    this.activeApplies -= 1;
  }

  /** Finds a host by name: case-insensitive, and by short name when that is unambiguous. */
  findHost(name: string): FoundHost | undefined {
    return this.findHostByKey(canonicalHostName(name));
  }

  /** `findHost` for a name already in canonical form (`canonicalHostName`). */
  findHostByKey(key: string): FoundHost | undefined {
    let index = this.byName.get(key);
    if (index === undefined && !key.includes('.')) index = this.shortNameIndex().get(key);
    if (index === undefined || index === AMBIGUOUS) return undefined;
    const host = this.estate().hosts[index];
    return host ? { index, host } : undefined;
  }

  private shortNameIndex(): Map<string, number> {
    this.byShortName ??= indexShortNames(this.byName);
    return this.byShortName;
  }

  /** An error the estate recorded for a host it could not read (a replayed real read). */
  recordedError(name: string): HostError | undefined {
    return this.recordedErrors.get(canonicalHostName(name));
  }

  replaceHost(index: number, next: LabHost): void {
    this.estate().hosts[index] = next;
  }

  findGpo(name: string, domain: string): { index: number; gpo: LiveGpo } | undefined {
    const wantedName = name.toLowerCase();
    const wantedDomain = canonicalHostName(domain);
    const gpos = this.estate().gpos;
    const index = gpos.findIndex((gpo) => gpo.name.toLowerCase() === wantedName && canonicalHostName(gpo.domain) === wantedDomain);
    const gpo = gpos[index];
    return gpo ? { index, gpo } : undefined;
  }

  replaceGpo(index: number, next: LiveGpo): void {
    this.estate().gpos[index] = next;
  }

  addGpo(gpo: LiveGpo): void {
    this.estate().gpos.push(gpo);
  }

  /** Writes the whole estate atomically; concurrent requests share the next write. */
  persist(): Promise<void> {
    if (this.queuedWrite) return this.queuedWrite;
    const previous = this.writing ?? Promise.resolve();
    const queued = previous
      .catch(() => undefined)
      .then(() => {
        this.queuedWrite = undefined;
        const write = this.writeLive(this.estate());
        this.writing = write;
        return write.finally(() => {
          if (this.writing === write) this.writing = undefined;
        });
      });
    this.queuedWrite = queued;
    return queued;
  }

  /** Waits for writes in progress. */
  async flush(): Promise<void> {
    await (this.queuedWrite ?? this.writing)?.catch(() => undefined);
  }

  /** Forgets the in-memory estate so that the next use reloads the file (after a failed write). */
  invalidate(): void {
    this.fileIdentity = '';
  }

  private async reloadIfChanged(): Promise<void> {
    const identity = await this.identifyLiveFile();
    if (identity === undefined) {
      const estate = await loadEstateFile(this.paths.pristine);
      const index = indexEstate(estate, this.paths.pristine);
      await mkdir(dirname(this.paths.live), { recursive: true });
      await this.writeLive(estate);
      this.adopt(estate, index);
      return;
    }
    if (this.state && identity === this.fileIdentity) return;
    const estate = await loadLiveEstateFile(this.paths.live, this.paths.validated);
    this.adopt(estate, indexEstate(estate, this.paths.live));
    this.fileIdentity = identity;
  }

  private async writeLive(estate: LabEstate): Promise<void> {
    await writeFileAtomically(this.paths.live, serializeEstateChunks(estate));
    this.fileIdentity = (await this.identifyLiveFile()) ?? '';
  }

  private async identifyLiveFile(): Promise<string | undefined> {
    try {
      const info = await stat(this.paths.live);
      return `${info.ino}:${info.size}:${info.mtimeMs}`;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  private adopt(estate: LabEstate, byName: Map<string, number>): void {
    this.byName = byName;
    this.byShortName = undefined;
    this.recordedErrors = new Map(estate.errors.map((error) => [canonicalHostName(error.host), error]));
    this.state = estate;
  }
}

/** Hosts by canonical name; two hosts of one name make the estate invalid. */
function indexEstate(estate: LabEstate, file: string): Map<string, number> {
  const byName = new Map<string, number>();
  estate.hosts.forEach((host, index) => {
    const key = canonicalHostName(host.host);
    const first = byName.get(key);
    if (first !== undefined) throw duplicateHost(file, host.host, first, index);
    byName.set(key, index);
  });
  return byName;
}

/** Hosts by short name, in estate order (`AMBIGUOUS` when two hosts share one). */
function indexShortNames(byName: ReadonlyMap<string, number>): Map<string, number> {
  const byShortName = new Map<string, number>();
  for (const [key, index] of byName) {
    const short = shortHostName(key);
    byShortName.set(short, byShortName.has(short) ? AMBIGUOUS : index);
  }
  return byShortName;
}

function duplicateHost(file: string, name: string, first: number, index: number): RdsctlError {
  return new RdsctlError({
    code: 'ESTATE_INVALID',
    kind: 'user',
    message: `lab estate ${displayPath(file)} lists host ${name} twice (hosts[${first}] and hosts[${index}])`,
    hint: 'host names compare case-insensitively; keep one entry per host',
  });
}
