/**
 * CPU spent by this process and the children it has reaped (/proc/self/stat utime, stime,
 * cutime, cstime), and a poller that counts distinct local pwsh processes in our own tree,
 * not descending into an excluded subtree (the loopback sshd and the pwsh it starts).
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

/** This process's CPU plus every reaped descendant's, in milliseconds. */
export function treeCpuMs(): number {
  const fields = statFields('self') ?? [];
  // After the command name: state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  const ticks = [11, 12, 13, 14].reduce((sum, index) => sum + Number(fields[index] ?? 0), 0);
  return (ticks * 1000) / TICKS_PER_SECOND;
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

export interface PwshCounter {
  stop(): number;
}

export function countLocalPwsh(excludedRoot: number | undefined, intervalMs = 50): PwshCounter {
  // A child seen as pwsh only once is a fork about to exec something else (ssh): not counted.
  const seen = new Map<number, number>();
  const scan = (): void => {
    const children = childrenByParent();
    const stack = [process.pid];
    while (stack.length > 0) {
      const pid = stack.pop() as number;
      for (const child of children.get(pid) ?? []) {
        if (child.pid === excludedRoot) continue;
        if (child.name === 'pwsh') seen.set(child.pid, (seen.get(child.pid) ?? 0) + 1);
        stack.push(child.pid);
      }
    }
  };
  scan();
  const timer = setInterval(scan, intervalMs);
  return {
    stop: () => {
      clearInterval(timer);
      return [...seen.values()].filter((sightings) => sightings >= 2).length;
    },
  };
}
