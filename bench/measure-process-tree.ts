/**
 * Measuring one process tree from /proc: the CPU a process spent itself and in the children it
 * has reaped (/proc/PID/stat utime, stime, cutime, cstime), and a watcher, run from OUTSIDE the
 * measured tree so that its own /proc scans are not counted, that samples the tree's live
 * processes: the peak count and the distinct pwsh processes.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;

function statFields(pid: number | 'self'): string[] | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return text.slice(text.lastIndexOf(')') + 2).split(' ');
  } catch {
    return undefined;
  }
}

/** CPU in milliseconds of this process: its own, and its reaped descendants' (the ssh clients, say). */
export function splitCpuMs(): { selfMs: number; childrenMs: number } {
  const fields = statFields('self') ?? [];
  // After the command name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  const ms = (indexes: number[]) => (indexes.reduce((sum, index) => sum + Number(fields[index] ?? 0), 0) * 1000) / TICKS_PER_SECOND;
  return { selfMs: ms([11, 12]), childrenMs: ms([13, 14]) };
}

function childrenByParent(): Map<number, { pid: number; name: string }[]> {
  const map = new Map<number, { pid: number; name: string }[]>();
  for (const entry of readdirSync('/proc')) {
    const pid = Number(entry);
    if (!Number.isInteger(pid)) continue;
    const fields = statFields(pid);
    if (!fields) continue;
    let name = '';
    try {
      name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
    } catch {
      continue;
    }
    const parent = Number(fields[1]);
    const list = map.get(parent) ?? [];
    list.push({ pid, name });
    map.set(parent, list);
  }
  return map;
}

export interface ProcessTreeWatch {
  /** Stops sampling: the most processes seen alive at once in the tree (its root included), and the pwsh processes. */
  stop(): { peak: number; pwsh: number };
}

export function watchProcessTree(root: number, intervalMs = 25): ProcessTreeWatch {
  let peak = 0;
  // A child seen as pwsh only once is a fork about to exec something else (ssh): not counted.
  const pwshSightings = new Map<number, number>();
  const scan = (): void => {
    const children = childrenByParent();
    let alive = 0;
    const stack = [root];
    while (stack.length > 0) {
      const pid = stack.pop() as number;
      alive += 1;
      for (const child of children.get(pid) ?? []) {
        if (child.name === 'pwsh') pwshSightings.set(child.pid, (pwshSightings.get(child.pid) ?? 0) + 1);
        stack.push(child.pid);
      }
    }
    peak = Math.max(peak, alive);
  };
  scan();
  const timer = setInterval(scan, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return { peak, pwsh: [...pwshSightings.values()].filter((sightings) => sightings >= 2).length };
    },
  };
}
